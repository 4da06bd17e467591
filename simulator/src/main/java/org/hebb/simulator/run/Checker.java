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

    /**
     * {@inheritDoc} True by default: a checker is asked after every step, so that a run it stops ends after the step
     * it flagged on every backend, not at the end of a batch of steps that an engine runs ahead; a checker that looks
     * only after some steps names them, so that the steps between run in batches.
     */
    @Override
    public boolean observesEngineAfter(long step) {
        return true;
    }

    /**
     * Called after the last step of a run that no checker stopped (after that step's {@link #record}), so that a
     * checker working at intervals also checks a run that ends between two of its checks; none by default.
     *
     * @param lastStep the run's last step
     */
    public void runEnding(long lastStep) {
    }

    /** Checkers keep no recorded data. */
    @Override
    public long memoryBytes() {
        return 0;
    }
}
