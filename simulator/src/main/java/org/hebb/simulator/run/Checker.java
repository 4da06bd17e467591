package org.hebb.simulator.run;

import org.hebb.simulator.monitor.Monitor;

/**
 * A monitor that can stop a run: after each step, {@link #takeViolation()} is asked; a non-null answer stops the
 * run with a {@link SimulationAbortedException} carrying that report.
 */
public abstract class Checker implements Monitor {
    private String violation;

    /** Records a violation, naming population, quantity, value, allowed range and time. */
    protected final void flag(String report) {
        violation = report;
    }

    /**
     * The report of a violation found since the last call, or null; the report is handed out once, so a later
     * run starts clean.
     */
    public final String takeViolation() {
        String report = violation;
        violation = null;
        return report;
    }

    /** Checkers keep no recorded data. */
    @Override
    public long memoryBytes() {
        return 0;
    }
}
