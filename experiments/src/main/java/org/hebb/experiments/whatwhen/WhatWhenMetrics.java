package org.hebb.experiments.whatwhen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.hebb.experiments.analysis.Subspaces;
import org.hebb.simulator.random.Seeds;

/**
 * What a run shows: timing and amplitude of the learned "when" readouts per block and cue, their adaptation
 * after a latency change, and the angle between the "what" and "when" weight subspaces.
 *
 * @param conditions          one per block and cue, from the block's last trials
 * @param timingErrorFraction the largest |peak - latency| / latency over the conditions
 * @param timingWithinTolerance whether every condition's peak lies within max(10% of the latency, 20 ms)
 * @param probabilityPearsonR Pearson r between outcome probability and peak amplitude over the conditions (NaN
 *                            with fewer than two conditions or a constant probability or amplitude)
 * @param adaptation          the recovery after the first latency change (null when the schedule has none)
 * @param angles              the "what"/"when" subspace angle at the end of each block
 * @param whatIdentityAccuracy fraction of the trials after the first consolidation on which the "what" readout of
 *                            the cue's outcome has a larger mean output than every other while the gate is open (a
 *                            tie names no outcome)
 */
public record WhatWhenMetrics(List<Condition> conditions, double timingErrorFraction, boolean timingWithinTolerance,
                              double probabilityPearsonR, Adaptation adaptation, List<SubspaceAngle> angles,
                              double whatIdentityAccuracy) {
    /** The last trials of each cue in a block that the block's condition is measured on (at most). */
    public static final int EVALUATION_TRIALS = 20;
    /** Learning curves average this many consecutive trials of a cue. */
    public static final int CURVE_WINDOW = 5;
    /** The level of a readout before and after a latency change is its mean over at most this many trials. */
    public static final int STEADY_TRIALS = 10;
    /** Principal components of the cue-averaged activity are kept until they explain this fraction of its variance. */
    public static final double ACTIVITY_VARIANCE = 0.9;
    private static final int NULL_SAMPLES = 1000;

    /**
     * A block and cue, measured on the three-factor readout's mean trace over its last trials.
     *
     * @param meanTrace the mean output per ms of trial
     */
    public record Condition(int block, int cue, int latencyMs, double probability, int peakMs, double peakAmplitude,
                            double timingErrorFraction, boolean withinTolerance, double[] meanTrace) {
    }

    /**
     * Recovery after a latency change of {@code cue} at the start of {@code block}, per {@link ReadoutKind}: the
     * number of that cue's trials until the mean performance of the last {@link #CURVE_WINDOW} of them first
     * comes within 10% of the readout's new steady state (its mean over the block's last 10 trials of the cue),
     * and whether that steady state came within 10% of the level the readout held before the change (the previous
     * block's last 10 trials): a readout that settles far below its former level has failed to relearn. "Within
     * 10% of a level" is at least the level less 10% of its magnitude: 90% of a positive level, 110% of a
     * negative one (a readout whose error exceeds its target's energy).
     *
     * Every mean of {@link #CURVE_WINDOW} trials is over that many: the count is at least {@link #CURVE_WINDOW},
     * and a change followed by fewer trials of the cue than that is not measured. The levels are means over at most
     * {@link #STEADY_TRIALS} trials: all of a block's trials of the cue where it has fewer.
     *
     * A readout whose means never come within 10% of its new steady state has not settled: its count is null and
     * {@link #settled} false (a short block's last trials may lift the steady state above every window's mean).
     *
     * @param trials    per kind, trials to come within 10% of the new steady state, at least
     *                  {@link #CURVE_WINDOW}; null where no window does
     * @param relearned per kind, whether the new steady state is within 10% of the level before the change, or
     *                  above it
     * @param before    per kind, the level before the change
     * @param after     per kind, the new steady state
     * @param curves    per kind, the moving-average performance over the trials of the cue in the run: entry j is
     *                  the mean over its trials j + 1 to j + {@link #CURVE_WINDOW} (counted from 1)
     */
    public record Adaptation(int block, int cue, Integer[] trials, boolean[] relearned, double[] before,
                             double[] after, double[][] curves) {
        /** Per kind, whether a window came within 10% of the new steady state (its count is not null). */
        public boolean[] settled() {
            boolean[] settled = new boolean[trials.length];
            for (int k = 0; k < trials.length; k++) {
                settled[k] = trials[k] != null;
            }
            return settled;
        }
    }

    /**
     * The principal angles between the spans of the two "what" and the two "when" weight vectors, both projected
     * onto the leading principal components (90% of the variance) of the cue-averaged reservoir activity.
     *
     * @param smallestDeg  the smallest principal angle, degrees (NaN when either readout's weights project to zero)
     * @param largestDeg   the largest, degrees (NaN likewise)
     * @param dimensions   number of principal components kept
     * @param nullMedianDeg median smallest angle between spans of random vectors in the same subspace
     * @param nullFifthPercentileDeg its 5th percentile
     */
    public record SubspaceAngle(int block, double smallestDeg, double largestDeg, int dimensions,
                                double nullMedianDeg, double nullFifthPercentileDeg) {
    }

    /** Measures a run. */
    public static WhatWhenMetrics of(WhatWhenRun run) {
        WhatWhenSettings s = run.settings();
        List<Condition> conditions = new ArrayList<>();
        double worst = 0;
        boolean allWithin = true;
        for (int b = 0; b < s.blocks().size(); b++) {
            for (int cue = 0; cue < WhatWhenSettings.CUES; cue++) {
                List<Trial> trials = trialsOf(run, b, cue);
                if (trials.isEmpty()) {
                    continue;
                }
                Condition c = condition(s, b, cue, trials.subList(Math.max(0, trials.size() - EVALUATION_TRIALS),
                        trials.size()));
                conditions.add(c);
                worst = Math.max(worst, c.timingErrorFraction());
                allWithin &= c.withinTolerance();
            }
        }
        // a short schedule may leave a single condition (one block showing one cue): no correlation
        double r = conditions.size() < 2 ? Double.NaN : new PearsonsCorrelation().correlation(
                conditions.stream().mapToDouble(Condition::probability).toArray(),
                conditions.stream().mapToDouble(Condition::peakAmplitude).toArray());
        return new WhatWhenMetrics(conditions, worst, allWithin, r, adaptation(run), angles(run),
                whatIdentityAccuracy(run));
    }

    private static double whatIdentityAccuracy(WhatWhenRun run) {
        int gate = run.settings().gateFromMs();
        int correct = 0;
        int counted = 0;
        for (Trial t : run.trials()) {
            if (t.block() == 0) {
                continue;
            }
            double[] sums = new double[WhatWhenSettings.CUES];
            for (int o = 0; o < WhatWhenSettings.CUES; o++) {
                float[] trace = t.whatTraces()[o];
                for (int ms = gate; ms < trace.length; ms++) {
                    sums[o] += trace[ms];
                }
            }
            boolean named = true;
            for (int o = 0; o < WhatWhenSettings.CUES; o++) {
                named &= o == t.cue() || sums[t.cue()] > sums[o];
            }
            correct += named ? 1 : 0;
            counted++;
        }
        return counted == 0 ? Double.NaN : (double) correct / counted;
    }

    private static List<Trial> trialsOf(WhatWhenRun run, int block, int cue) {
        return run.trials().stream().filter(t -> t.block() == block && t.cue() == cue).toList();
    }

    private static Condition condition(WhatWhenSettings s, int block, int cue, List<Trial> trials) {
        double[] mean = new double[s.trialMs()];
        for (Trial t : trials) {
            float[] trace = t.whenTraces()[ReadoutKind.THREE_FACTOR.ordinal()];
            for (int ms = 0; ms < mean.length; ms++) {
                mean[ms] += trace[ms] / trials.size();
            }
        }
        int peak = s.gateFromMs();
        for (int ms = s.gateFromMs(); ms < mean.length; ms++) {
            peak = mean[ms] > mean[peak] ? ms : peak;
        }
        int latency = trials.get(0).latencyMs();
        double error = Math.abs(peak - latency);
        return new Condition(block, cue, latency, trials.get(0).probability(), peak, mean[peak], error / latency,
                error <= Math.max(0.1 * latency, 20), mean);
    }

    /**
     * The recovery after the schedule's first latency change; null when the schedule has none or when the changed
     * block has fewer than {@link #CURVE_WINDOW} trials of that cue.
     */
    static Adaptation adaptation(WhatWhenRun run) {
        WhatWhenSettings s = run.settings();
        for (int b = 1; b < s.blocks().size(); b++) {
            for (int cue = 0; cue < WhatWhenSettings.CUES; cue++) {
                if (s.blocks().get(b).latencyMs()[cue] != s.blocks().get(b - 1).latencyMs()[cue]) {
                    return adaptation(run, b, cue);
                }
            }
        }
        return null;
    }

    private static Adaptation adaptation(WhatWhenRun run, int block, int cue) {
        ReadoutKind[] kinds = ReadoutKind.values();
        List<Trial> previous = trialsOf(run, block - 1, cue);
        List<Trial> changed = trialsOf(run, block, cue);
        List<Trial> all = run.trials().stream().filter(t -> t.cue() == cue).toList();
        if (changed.size() < CURVE_WINDOW) {
            return null;
        }
        Integer[] trials = new Integer[kinds.length];
        boolean[] relearned = new boolean[kinds.length];
        double[] before = new double[kinds.length];
        double[] after = new double[kinds.length];
        double[][] curves = new double[kinds.length][];
        for (ReadoutKind kind : kinds) {
            int k = kind.ordinal();
            before[k] = lastMean(previous, k);
            after[k] = lastMean(changed, k);
            relearned[k] = withinTenPercent(after[k], before[k]);
            double[] curve = movingAverage(changed.stream().mapToDouble(t -> t.performance()[k]).toArray());
            for (int i = 0; i < curve.length; i++) {
                if (withinTenPercent(curve[i], after[k])) {
                    trials[k] = i + CURVE_WINDOW;
                    break;
                }
            }
            curves[k] = movingAverage(all.stream().mapToDouble(t -> t.performance()[k]).toArray());
        }
        return new Adaptation(block, cue, trials, relearned, before, after, curves);
    }

    /** Whether {@code value} is at least {@code level} less 10% of its magnitude (NaN: false). */
    static boolean withinTenPercent(double value, double level) {
        return value >= level - 0.1 * Math.abs(level);
    }

    private static double lastMean(List<Trial> trials, int kind) {
        return trials.subList(Math.max(0, trials.size() - STEADY_TRIALS), trials.size()).stream()
                .mapToDouble(t -> t.performance()[kind]).average().orElse(Double.NaN);
    }

    /**
     * The means of every {@link #CURVE_WINDOW} consecutive values: entry j is the mean of x[j] to
     * x[j + CURVE_WINDOW - 1]; empty when x has fewer values.
     */
    static double[] movingAverage(double[] x) {
        double[] out = new double[Math.max(0, x.length - CURVE_WINDOW + 1)];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (int j = i; j < i + CURVE_WINDOW; j++) {
                sum += x[j];
            }
            out[i] = sum / CURVE_WINDOW;
        }
        return out;
    }

    /**
     * The reservoir's mean trajectory per cue (presynaptic traces every {@link WhatWhenRun#ACTIVITY_EVERY_MS} ms,
     * averaged over the cue's trials among the first {@code samples} activity samples): its principal components
     * are the activity the cues evoke, without the trial-to-trial noise that would otherwise fill every dimension.
     */
    static double[][] cueAveragedActivity(WhatWhenRun run, int samples) {
        int perTrial = (run.settings().trialMs() + WhatWhenRun.ACTIVITY_EVERY_MS - 1) / WhatWhenRun.ACTIVITY_EVERY_MS;
        int n = run.settings().neurons();
        double[][] mean = new double[WhatWhenSettings.CUES * perTrial][n];
        int[] count = new int[WhatWhenSettings.CUES];
        for (int t = 0; t < samples / perTrial; t++) {
            count[run.trials().get(t).cue()]++;
        }
        for (int t = 0; t < samples / perTrial; t++) {
            int cue = run.trials().get(t).cue();
            for (int k = 0; k < perTrial; k++) {
                float[] x = run.activity().get(t * perTrial + k);
                double[] row = mean[cue * perTrial + k];
                for (int j = 0; j < n; j++) {
                    row[j] += x[j] / count[cue];
                }
            }
        }
        return mean;
    }

    private static List<SubspaceAngle> angles(WhatWhenRun run) {
        List<SubspaceAngle> angles = new ArrayList<>();
        for (int b = 0; b < run.snapshots().size(); b++) {
            WhatWhenRun.Snapshot snap = run.snapshots().get(b);
            double[][] samples = cueAveragedActivity(run, snap.activitySamples());
            RealMatrix basis = Subspaces.principalBasis(samples, ACTIVITY_VARIANCE);
            RealMatrix what = basis.transpose().multiply(new Array2DRowRealMatrix(snap.what()).transpose());
            RealMatrix when = basis.transpose().multiply(new Array2DRowRealMatrix(snap.when()).transpose());
            // a readout that learned nothing (say, from a block without outcomes) spans no plane: no angle
            double[] a = what.getFrobeniusNorm() == 0 || when.getFrobeniusNorm() == 0 ? new double[] {Double.NaN}
                    : Subspaces.principalAnglesDeg(what, when);
            int m = basis.getColumnDimension();
            double[] random = Subspaces.randomSmallestAnglesDeg(m, WhatWhenSettings.CUES, NULL_SAMPLES,
                    Seeds.generator(run.settings().seed(), "what-when:null angles " + b));
            Arrays.sort(random);
            angles.add(new SubspaceAngle(b, a[0], a[a.length - 1], m, random[random.length / 2],
                    random[random.length / 20]));
        }
        return angles;
    }
}
