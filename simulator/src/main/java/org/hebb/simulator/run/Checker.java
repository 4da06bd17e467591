package org.hebb.simulator.run;

import org.hebb.simulator.monitor.Monitor;

/**
 * A monitor that can stop a run: after each step, {@link #violation()} is asked; a non-null answer stops the run
 * with a {@link SimulationAbortedException} carrying that report.
 */
public interface Checker extends Monitor {
    /** A report of what is wrong (naming population, quantity, value, allowed range and time), or null. */
    String violation();
}
