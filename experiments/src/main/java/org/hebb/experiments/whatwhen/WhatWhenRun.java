package org.hebb.experiments.whatwhen;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.hlop.HebbianSubspace;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.random.Seeds;

/**
 * Runs the schedule: trial after trial on one reservoir, the three "when" readouts learning online side by side,
 * the "what" readouts consolidated offline after each block by replaying the block's stored presynaptic traces
 * through the same error x trace update.
 *
 * @param trials      every trial, in order
 * @param snapshots   the readout weights at the end of each block, after consolidation
 * @param activity    reservoir traces sampled every {@link #ACTIVITY_EVERY_MS} ms of every trial (for the activity
 *                    subspace)
 * @param reservoirRateHz mean rate of the reservoir neurons over all the blocks' trials (not the exposure's), Hz
 * @param subspaceFitDeg the largest principal angle between the subspace the subspace neurons learned during
 *                    exposure and the leading principal subspace of the exposure activity, degrees (NaN without
 *                    subspace neurons)
 * @param wallSeconds wall time of the run, s
 * @param warnings    the network's warnings over every trial, oldest first ({@link Network#warnings()}: runaway
 *                    activity); empty when the run gave none
 */
public record WhatWhenRun(WhatWhenSettings settings, List<Trial> trials, List<Snapshot> snapshots,
                          List<float[]> activity, double reservoirRateHz, double subspaceFitDeg,
                          double wallSeconds, List<String> warnings) {
    public WhatWhenRun {
        warnings = List.copyOf(warnings);
    }

    /** Activity is sampled this often, ms. */
    public static final int ACTIVITY_EVERY_MS = 10;
    /** Replay stores a sample this often while the gate is open, ms. */
    public static final int REPLAY_EVERY_MS = 5;

    /**
     * Readout weights at the end of a block.
     *
     * @param when  per outcome, the three-factor "when" readout's weights over the reservoir neurons
     * @param what  per outcome, the "what" readout's weights
     * @param activitySamples how many activity samples existed then
     */
    public record Snapshot(double[][] when, double[][] what, int activitySamples) {
    }

    /** Runs every block of the settings. */
    public static WhatWhenRun run(WhatWhenSettings s) {
        long start = System.nanoTime();
        WhatWhenNetwork w = WhatWhenNetwork.build(s);
        try (Network net = w.network()) {
            Runner runner = new Runner(s, w);
            net.afterEachStep((step, timeMs) -> runner.afterStep());
            SpikeMonitor reservoirSpikes = net.monitorSpikes(w.reservoir(), SpikeMonitor.settings().countsOnly());
            List<Snapshot> snapshots = new ArrayList<>();
            UniformRandomProvider cues = Seeds.generator(s.seed(), "what-when:cues");
            UniformRandomProvider outcomes = Seeds.generator(s.seed(), "what-when:outcomes");
            UniformRandomProvider replayOrder = Seeds.generator(s.seed(), "what-when:replay order");
            double subspaceFitDeg = Double.NaN;
            if (s.whatSubspaceRows() > 0) {
                List<float[][]> exposure = new ArrayList<>();
                int[] exposureCues = new int[s.exposureTrials()];
                for (int t = 0; t < s.exposureTrials(); t++) {
                    int cue = t % WhatWhenSettings.CUES;
                    exposureCues[t] = cue;
                    net.resetState();
                    runner.startExposure(cue);
                    w.showCue(cue, 0);
                    net.run(s.trialMs());
                    w.hideCue(cue);
                    exposure.add(runner.endExposure());
                }
                subspaceFitDeg = CueSubspace.learn(w.subspace(), s.whatSubspaceRows(), exposure, exposureCues);
            }
            // the monitor keeps counting through resetState: the rate is over the task trials, not the exposure
            long exposureSpikes = reservoirSpikes.totalCount();
            for (int b = 0; b < s.blocks().size(); b++) {
                WhatWhenSettings.Block block = s.blocks().get(b);
                if (b > 0) {
                    runner.forceReset.resetCorrelation();
                }
                for (int t = 0; t < block.trials(); t++) {
                    int cue = cues.nextInt(WhatWhenSettings.CUES);
                    boolean present = outcomes.nextDouble() < block.probability()[cue];
                    net.resetState();
                    runner.startTrial(b, cue, present, block.latencyMs()[cue], block.probability()[cue]);
                    w.showCue(cue, 0);
                    net.run(s.trialMs());
                    w.hideCue(cue);
                    runner.endTrial();
                }
                runner.consolidate(replayOrder);
                snapshots.add(new Snapshot(weights(w.whenRule()), weights(w.whatRule()), runner.activity.size()));
            }
            double seconds = runner.trials.size() * s.trialMs() / 1000.0;
            return new WhatWhenRun(s, runner.trials, snapshots, runner.activity,
                    (reservoirSpikes.totalCount() - exposureSpikes) / (seconds * s.neurons()), subspaceFitDeg,
                    (System.nanoTime() - start) / 1e9, net.warnings());
        }
    }

    /**
     * The target of an outcome's readout at {@code ms} after cue onset on a trial where the outcome comes: a
     * Gaussian bump of height 1 at the latency (averaged over trials the target is the probability times it).
     */
    public static double bump(WhatWhenSettings s, int latencyMs, double ms) {
        double z = (ms - latencyMs) / s.outcomeWidthMs();
        return Math.exp(-0.5 * z * z);
    }

    /**
     * The output of a three-factor readout unit with weights {@code weights} (one per reservoir neuron, nA) when the
     * presynaptic traces after a step are {@code x}: its synaptic current, nA, the output its rule learns on. The unit
     * adds a step's spikes to its current before the step's decay, the trace after it, so the current is w . x
     * times exp(-dt / tau).
     */
    static float threeFactorOutput(WhatWhenSettings s, double[] weights, float[] x) {
        double y = 0;
        for (int j = 0; j < x.length; j++) {
            y += weights[j] * x[j];
        }
        return (float) (y * Math.exp(-WhatWhenNetwork.DT_MS / s.readoutTauMs()));
    }

    /**
     * A trial's performance: 1 - the squared error of {@code trace} (per ms of the trial) against the expected
     * target, {@code probability} x the outcome's bump at {@code latencyMs}, normalised by the target's energy, over
     * the open gate. NaN where the outcome never comes (probability 0): a zero target has no energy to normalise by.
     */
    static double performance(WhatWhenSettings s, int latencyMs, double probability, float[] trace) {
        double error = 0;
        double norm = 0;
        for (int t = s.gateFromMs(); t < trace.length; t++) {
            double expected = probability * bump(s, latencyMs, t);
            error += (trace[t] - expected) * (trace[t] - expected);
            norm += expected * expected;
        }
        return norm == 0 ? Double.NaN : 1 - error / norm;
    }

    /** A rule's weights as [postsynaptic readout][presynaptic reservoir neuron]. */
    static double[][] weights(ThreeFactorSynapses rule) {
        Projection p = rule.projection();
        float[] weights = rule.weights();
        double[][] out = new double[p.target().size()][p.source().size()];
        for (int j = 0; j < p.source().size(); j++) {
            for (int k = p.rowStart(j); k < p.rowEnd(j); k++) {
                out[p.targetOf(k)][j] = weights[k];
            }
        }
        return out;
    }

    /** The per-step work of a trial: targets, modulators, gate, FORCE updates and recording. */
    private static final class Runner {
        private final WhatWhenSettings s;
        private final WhatWhenNetwork w;
        private final float[] whenOutput;
        private final ForceReadout forceNoReset;
        private final ForceReadout forceReset;
        private final double[] targets = new double[WhatWhenSettings.CUES];
        private final List<Trial> trials = new ArrayList<>();
        private final List<float[]> activity = new ArrayList<>();
        private final List<float[]> replaySamples = new ArrayList<>();
        private final List<double[]> replayTargets = new ArrayList<>();
        private final List<float[]> exposureSamples = new ArrayList<>();
        private boolean exposing;
        private int block;
        private int cue;
        private boolean present;
        private int latency;
        private double probability;
        private int ms;
        private float[][] whenTraces;
        private float[][] whatTraces;
        private final double[][][] trialStartWeights = new double[ReadoutKind.values().length][][];
        private double[][] whatWeights;

        Runner(WhatWhenSettings s, WhatWhenNetwork w) {
            this.s = s;
            this.w = w;
            this.whenOutput = w.when().state().array(IfCurrExp.I_SYN_E);
            this.forceNoReset = new ForceReadout(WhatWhenSettings.CUES, s.neurons(), s.forceAlpha());
            this.forceReset = new ForceReadout(WhatWhenSettings.CUES, s.neurons(), s.forceAlpha());
        }

        /** Starts a trial of cue exposure: readouts neither learn nor are recorded; activity is kept. */
        void startExposure(int cue) {
            this.cue = cue;
            exposing = true;
            ms = 0;
            w.whenRule().setGate(0);
            for (int o = 0; o < WhatWhenSettings.CUES; o++) {
                w.whenRule().setModulator(o, 0);
            }
        }

        /** Ends an exposure trial, returning its activity samples (every {@link #ACTIVITY_EVERY_MS} ms). */
        float[][] endExposure() {
            exposing = false;
            float[][] batch = exposureSamples.toArray(new float[0][]);
            exposureSamples.clear();
            return batch;
        }

        void startTrial(int block, int cue, boolean present, int latency, double probability) {
            this.block = block;
            this.cue = cue;
            this.present = present;
            this.latency = latency;
            this.probability = probability;
            this.ms = 0;
            this.whenTraces = new float[ReadoutKind.values().length][s.trialMs()];
            this.whatTraces = new float[WhatWhenSettings.CUES][s.trialMs()];
            trialStartWeights[ReadoutKind.THREE_FACTOR.ordinal()] = weights(w.whenRule());
            trialStartWeights[ReadoutKind.FORCE_NO_RESET.ordinal()] = copy(forceNoReset);
            trialStartWeights[ReadoutKind.FORCE_RESET.ordinal()] = copy(forceReset);
            whatWeights = weights(w.whatRule());
            w.whenRule().setGate(0);
        }

        private static double[][] copy(ForceReadout force) {
            double[][] out = new double[WhatWhenSettings.CUES][];
            for (int o = 0; o < out.length; o++) {
                out[o] = force.weights(o).clone();
            }
            return out;
        }

        private static float dot(double[] weights, float[] x) {
            double y = 0;
            for (int j = 0; j < x.length; j++) {
                y += weights[j] * x[j];
            }
            return (float) y;
        }

        void afterStep() {
            float[] x = w.whenRule().values("eligibility");
            if (exposing) {
                if (ms % ACTIVITY_EVERY_MS == 0) {
                    exposureSamples.add(x.clone());
                }
                nextMs();
                return;
            }
            boolean open = ms >= s.gateFromMs();
            for (int o = 0; o < targets.length; o++) {
                targets[o] = present && o == cue ? bump(s, latency, ms) : 0;
                w.whenRule().setModulator(o, targets[o] - whenOutput[o]);
            }
            w.whenRule().setGate(open ? 1 : 0);
            if (open && ms % s.forceEverySteps() == 0) {
                forceNoReset.update(x, targets);
                forceReset.update(x, targets);
            }
            whenTraces[ReadoutKind.THREE_FACTOR.ordinal()][ms] = threeFactorOutput(s,
                    trialStartWeights[ReadoutKind.THREE_FACTOR.ordinal()][cue], x);
            for (ReadoutKind kind : new ReadoutKind[] {ReadoutKind.FORCE_NO_RESET, ReadoutKind.FORCE_RESET}) {
                whenTraces[kind.ordinal()][ms] = dot(trialStartWeights[kind.ordinal()][cue], x);
            }
            for (int o = 0; o < WhatWhenSettings.CUES; o++) {
                whatTraces[o][ms] = dot(whatWeights[o], x);
            }
            if (ms % ACTIVITY_EVERY_MS == 0) {
                activity.add(x.clone());
            }
            if (open && ms % REPLAY_EVERY_MS == 0) {
                replaySamples.add(x.clone());
                double[] what = new double[WhatWhenSettings.CUES];
                what[cue] = present ? 1 : 0;
                replayTargets.add(what);
            }
            nextMs();
        }

        /** Moves to the next ms of the trial, whose cue input is then shown. */
        private void nextMs() {
            ms++;
            if (ms < s.trialMs()) {
                w.showCue(cue, ms);
            }
        }

        void endTrial() {
            double[] performance = new double[ReadoutKind.values().length];
            for (ReadoutKind kind : ReadoutKind.values()) {
                performance[kind.ordinal()] = performance(s, latency, probability, whenTraces[kind.ordinal()]);
            }
            trials.add(new Trial(block, cue, present, latency, probability, whenTraces, whatTraces, performance));
        }

        /**
         * Offline "what" consolidation: the block's stored traces replayed through the delta rule; with subspace
         * neurons, only the part of each trace inside their subspace (x - the complement projection) is replayed.
         */
        void consolidate(UniformRandomProvider random) {
            HebbianSubspace subspace = w.subspace();
            if (subspace.frozenRows() > 0) {
                float[] complement = new float[s.neurons()];
                for (float[] x : replaySamples) {
                    subspace.project(x, complement);
                    for (int j = 0; j < x.length; j++) {
                        x[j] -= complement[j];
                    }
                }
            }
            float[] weights = w.whatRule().weights();
            Projection p = w.whatRule().projection();
            int[][] synapse = new int[WhatWhenSettings.CUES][s.neurons()];
            for (int j = 0; j < s.neurons(); j++) {
                for (int k = p.rowStart(j); k < p.rowEnd(j); k++) {
                    synapse[p.targetOf(k)][j] = k;
                }
            }
            int[] order = PermutationSampler.natural(replaySamples.size());
            float bound = (float) WhatWhenNetwork.READOUT_WEIGHT_BOUND;
            for (int pass = 0; pass < s.replayPasses(); pass++) {
                PermutationSampler.shuffle(random, order);
                for (int index : order) {
                    float[] x = replaySamples.get(index);
                    for (int o = 0; o < WhatWhenSettings.CUES; o++) {
                        int[] row = synapse[o];
                        double y = 0;
                        for (int j = 0; j < x.length; j++) {
                            y += weights[row[j]] * x[j];
                        }
                        float step = (float) (s.replayEta() * (replayTargets.get(index)[o] - y));
                        for (int j = 0; j < x.length; j++) {
                            weights[row[j]] = Math.max(-bound, Math.min(bound, weights[row[j]] + step * x[j]));
                        }
                    }
                }
            }
            replaySamples.clear();
            replayTargets.clear();
        }
    }
}
