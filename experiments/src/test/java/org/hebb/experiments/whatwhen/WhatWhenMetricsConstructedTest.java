package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The measures of a run on constructed runs whose answers are known by hand: a perfect and a silent "when" output,
 * "what" readouts that name the outcome or stay silent, and weight planes at known principal angles in a
 * four-neuron reservoir whose cue-averaged activity is isotropic.
 */
class WhatWhenMetricsConstructedTest {
    private static final int NEURONS = 4;
    private static final int[][] LATENCIES = {{150, 300}, {250, 300}};
    private static final double[][] PROBABILITIES = {{1, 0.5}, {0.25, 0.75}};
    private static final int TRIALS_PER_BLOCK = 4;

    @Test
    void aPerfectOutputPeaksAtTheLatencyWithTheProbabilityAsItsHeight() {
        WhatWhenMetrics m = WhatWhenMetrics.of(run(true, true, planes(60, 80)));
        assertEquals(4, m.conditions().size());
        for (WhatWhenMetrics.Condition c : m.conditions()) {
            assertEquals(c.latencyMs(), c.peakMs(), "block " + c.block() + ", cue " + c.cue());
            assertEquals(c.probability(), c.peakAmplitude(), 1e-6);
            assertTrue(c.withinTolerance());
        }
        assertEquals(0, m.timingErrorFraction());
        assertEquals(1, m.probabilityPearsonR(), 1e-6);
        assertEquals(1, m.whatIdentityAccuracy(), "the announced outcome's readout is the only one active");
    }

    @Test
    void aSilentOutputPeaksNowhereAndNamesNoOutcome() {
        WhatWhenMetrics m = WhatWhenMetrics.of(run(false, false, planes(60, 80)));
        WhatWhenSettings s = WhatWhenSettings.full(1);
        for (WhatWhenMetrics.Condition c : m.conditions()) {
            assertEquals(s.gateFromMs(), c.peakMs(), "a flat trace's peak is the gate's opening");
            assertEquals(0, c.peakAmplitude());
        }
        assertEquals(Math.abs(s.gateFromMs() - 300) / 300.0, m.timingErrorFraction(), 1e-12);
        assertTrue(Double.isNaN(m.probabilityPearsonR()), "r of a constant amplitude is undefined");
        assertEquals(0, m.whatIdentityAccuracy(), "two silent readouts tie: neither names the outcome");
    }

    @Test
    void planesAtKnownAnglesGiveThoseAngles() {
        WhatWhenMetrics m = WhatWhenMetrics.of(run(true, true, planes(60, 80)));
        for (WhatWhenMetrics.SubspaceAngle a : m.angles()) {
            assertEquals(NEURONS, a.dimensions(), "isotropic activity needs every dimension for 90% of it");
            assertEquals(60, a.smallestDeg(), 1e-9);
            assertEquals(80, a.largestDeg(), 1e-9);
        }
    }

    @Test
    void aReadoutWithZeroWeightsHasNoAngleInsteadOfFailingTheRun() {
        double[][][] planes = planes(60, 80);
        planes[0] = new double[WhatWhenSettings.CUES][NEURONS];
        WhatWhenMetrics m = WhatWhenMetrics.of(run(true, true, planes));
        for (WhatWhenMetrics.SubspaceAngle a : m.angles()) {
            assertTrue(Double.isNaN(a.smallestDeg()) && Double.isNaN(a.largestDeg()), "no plane, no angle");
            assertEquals(NEURONS, a.dimensions());
            assertTrue(a.nullMedianDeg() > 0, "the random planes are still measured");
        }
    }

    /**
     * Performance is 1 - the squared error against probability x bump over the open gate, normalised by the latter's
     * energy: 1 for the expected trace, 0 for a silent one, undefined where the outcome never comes.
     */
    @Test
    void performanceOfPerfectSilentAndOutcomeFreeTrials() {
        WhatWhenSettings s = WhatWhenSettings.full(1);
        float[] expected = new float[s.trialMs()];
        float[] silent = new float[s.trialMs()];
        for (int ms = 0; ms < expected.length; ms++) {
            expected[ms] = (float) (0.5 * WhatWhenRun.bump(s, 150, ms));
        }
        assertEquals(1, WhatWhenRun.performance(s, 150, 0.5, expected), 1e-6);
        assertEquals(0, WhatWhenRun.performance(s, 150, 0.5, silent), 1e-12);
        assertTrue(Double.isNaN(WhatWhenRun.performance(s, 150, 0, silent)), "a zero target: no normalised error");
        assertTrue(Double.isNaN(WhatWhenRun.performance(s, 150, 0, expected)), "a zero target: no normalised error");
    }

    /**
     * A short block can show one cue only: its single condition has no correlation (NaN) rather than failing the
     * run after it was simulated.
     */
    @Test
    void oneConditionHasNoCorrelationInsteadOfFailingTheRun() {
        WhatWhenSettings s = WhatWhenSettings.full(1).withReservoir(NEURONS - 1, 1).withWhatSubspaceRows(0)
                .withBlocks(List.of(new WhatWhenSettings.Block(2, LATENCIES[0], PROBABILITIES[0])));
        WhatWhenRun full = run(true, true, planes(60, 80));
        List<Trial> trials = new ArrayList<>();
        List<float[]> activity = new ArrayList<>();
        int perTrial = s.trialMs() / WhatWhenRun.ACTIVITY_EVERY_MS;
        for (int t = 0; t < 4; t += 2) {
            trials.add(full.trials().get(t));
            activity.addAll(full.activity().subList(t * perTrial, (t + 1) * perTrial));
        }
        double[][][] planes = planes(60, 80);
        WhatWhenMetrics m = WhatWhenMetrics.of(new WhatWhenRun(s, trials, List.of(new WhatWhenRun.Snapshot(
                planes[1], planes[0], activity.size())), activity, 0, Double.NaN, 0, List.of()));
        assertEquals(1, m.conditions().size(), "cue A only");
        assertTrue(Double.isNaN(m.probabilityPearsonR()));
        assertEquals(0, m.timingErrorFraction());
    }

    /**
     * The "what" plane span{e0, e1} and the "when" plane span{cos a e0 + sin a e2, cos b e1 + sin b e3}, whose
     * principal angles are a and b: [0] what, [1] when, each [outcome][neuron].
     */
    private static double[][][] planes(double aDeg, double bDeg) {
        double a = Math.toRadians(aDeg);
        double b = Math.toRadians(bDeg);
        return new double[][][] {{{1, 0, 0, 0}, {0, 1, 0, 0}},
            {{Math.cos(a), 0, Math.sin(a), 0}, {0, Math.cos(b), 0, Math.sin(b)}}};
    }

    /**
     * Two blocks of alternating cues A and B; every "when" trace is probability x bump ({@code perfectWhen}) or
     * silent, every "what" trace 1 for the announced outcome and 0 for the other ({@code perfectWhat}) or silent.
     * Every trial's activity is the same: unit vectors of both signs along each neuron in turn, then zeros, so that
     * the cue-averaged activity has mean 0 and equal variance along every neuron.
     */
    private static WhatWhenRun run(boolean perfectWhen, boolean perfectWhat, double[][][] planes) {
        List<WhatWhenSettings.Block> blocks = new ArrayList<>();
        for (int b = 0; b < LATENCIES.length; b++) {
            blocks.add(new WhatWhenSettings.Block(TRIALS_PER_BLOCK, LATENCIES[b], PROBABILITIES[b]));
        }
        WhatWhenSettings s = WhatWhenSettings.full(1).withReservoir(NEURONS - 1, 1).withWhatSubspaceRows(0)
                .withBlocks(blocks);
        int perTrial = s.trialMs() / WhatWhenRun.ACTIVITY_EVERY_MS;
        List<float[]> activity = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        List<WhatWhenRun.Snapshot> snapshots = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            for (int t = 0; t < TRIALS_PER_BLOCK; t++) {
                int cue = t % WhatWhenSettings.CUES;
                int latency = LATENCIES[b][cue];
                double p = PROBABILITIES[b][cue];
                float[][] when = new float[ReadoutKind.values().length][s.trialMs()];
                float[][] what = new float[WhatWhenSettings.CUES][s.trialMs()];
                for (int ms = 0; ms < s.trialMs(); ms++) {
                    for (float[] trace : when) {
                        trace[ms] = perfectWhen ? (float) (p * WhatWhenRun.bump(s, latency, ms)) : 0;
                    }
                    what[cue][ms] = perfectWhat ? 1 : 0;
                }
                trials.add(new Trial(b, cue, true, latency, p, when, what, new double[] {1, 1, 1}));
                for (int k = 0; k < perTrial; k++) {
                    float[] x = new float[NEURONS];
                    if (k < 8 * (perTrial / 8)) {
                        x[k % NEURONS] = (k / NEURONS) % 2 == 0 ? 1 : -1;
                    }
                    activity.add(x);
                }
            }
            snapshots.add(new WhatWhenRun.Snapshot(planes[1], planes[0], activity.size()));
        }
        return new WhatWhenRun(s, trials, snapshots, activity, 0, Double.NaN, 0, List.of());
    }
}
