package org.hebb.experiments.whatwhen;

/**
 * One trial as it was run and what each readout did.
 *
 * @param block       index of its block
 * @param cue         the cue shown (0 = A, 1 = B); the outcome it announces has the same index
 * @param present     whether the outcome came
 * @param latencyMs   the cue's latency in this block, ms
 * @param probability the cue's outcome probability in this block
 * @param whenTraces  per {@link ReadoutKind}, the output of the "when" readout of this cue's outcome, per ms, with
 *                    the weights it had when the trial began (its expectation, not its fit to this trial)
 * @param whatTraces  per outcome, the output of its "what" readout, per ms (weights fixed within blocks)
 * @param performance per {@link ReadoutKind}, 1 - the normalised squared error of its trace against the
 *                    expected target (probability x the outcome bump) while the gate is open; NaN where the
 *                    probability is 0
 */
public record Trial(int block, int cue, boolean present, int latencyMs, double probability, float[][] whenTraces,
                    float[][] whatTraces, double[] performance) {
}
