package org.hebb.simulator.run;

/**
 * How far a run has got.
 *
 * @param fraction       fraction of the run's steps done, 0 at the start and 1 at completion
 * @param simulatedMs    biological time simulated so far in this run, ms
 * @param durationMs     biological time the run was asked for, ms
 * @param elapsedSeconds wall-clock time since the run started, s
 * @param etaSeconds     estimated wall-clock time to completion, s (NaN at the start)
 */
public record Progress(double fraction, double simulatedMs, double durationMs, double elapsedSeconds,
                       double etaSeconds) {
}
