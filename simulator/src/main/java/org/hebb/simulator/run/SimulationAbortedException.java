package org.hebb.simulator.run;

/**
 * Thrown by a run that a checker stopped (rate out of bounds, NaN or infinite state). The network keeps the state
 * of the step at which it stopped, so it can be inspected.
 */
public final class SimulationAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final double timeMs;

    /** A stop at {@code timeMs} with the checker's report. */
    public SimulationAbortedException(String report, double timeMs) {
        super("simulation stopped at t = " + timeMs + " ms: " + report);
        this.timeMs = timeMs;
    }

    /** Simulated time at which the run stopped, ms. */
    public double timeMs() {
        return timeMs;
    }
}
