package org.hebb.simulator.run;

import org.hebb.simulator.monitor.Monitor;

/**
 * A monitor that can stop a run: after each step, {@link #takeViolation()} is asked; a non-null answer stops the
 * run with a {@link SimulationAbortedException} carrying that report.
 */
public interface Checker extends Monitor {
    /**
     * The report of a violation found since the last call (naming population, quantity, value, allowed range and
     * time), or null; the report is handed out once, so a later run starts clean.
     */
    String takeViolation();
}
