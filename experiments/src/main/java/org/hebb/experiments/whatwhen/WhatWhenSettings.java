package org.hebb.experiments.whatwhen;

import java.util.List;

import org.hebb.util.Require;

/**
 * Every size, constant and schedule of the "what" and "when" experiment (all of them Hebb's choices: the paper
 * gives none; experiments/README.md explains them).
 *
 * @param excitatory       excitatory reservoir neurons (Izhikevich, r-recipe of 2003 with slow adaptation mixed in)
 * @param inhibitory       inhibitory reservoir neurons (Izhikevich 2003's inhibitory recipe)
 * @param connectionProb   probability of each reservoir connection (no self-connections)
 * @param excitatoryWeight excitatory weights are U(0, this), mV
 * @param inhibitoryWeight inhibitory weights are -U(0, this), mV
 * @param maxDelayMs       reservoir delays are uniform over 1..this, ms
 * @param noiseSd          Gaussian input per ms to excitatory neurons (inhibitory ones get 0.4 of it)
 * @param slowestA         the excitatory neurons' recovery rate a is log-uniform over [this, 0.02], 1/ms
 * @param cueInputs        inputs per cue
 * @param cueRateHz        their rate in the cue's fixed spike pattern (drawn once as Poisson trains), Hz
 * @param cueWeight        their weights onto excitatory neurons are U(0, this), mV, with probability 0.1
 * @param trialMs          trial length, ms: the cue is shown for the whole trial
 * @param gateFromMs       the attention gate opens this long after cue onset and stays open to the trial's end
 * @param readoutTauMs     time constant of the readouts' filter of reservoir spikes (and of the eligibility), ms
 * @param outcomeWidthMs   the outcome's target is a Gaussian bump of this standard deviation at the latency, ms
 * @param eta              the three-factor rule's learning rate, per ms
 * @param replayEta        the learning rate of offline replay ("what" consolidation), per replayed sample
 * @param replayPasses     passes over a block's stored samples during consolidation
 * @param forceAlpha       FORCE's regulariser: P starts at I / alpha
 * @param forceEverySteps  FORCE updates every this many steps while the gate is open
 * @param exposureTrials   trials before the first block that show the cues without outcomes or learning of the
 *                         readouts, from whose activity the subspace neurons learn (the cues in turn: at least
 *                         one per cue with subspace neurons, 0 allowed without)
 * @param whatSubspaceRows subspace neurons (HLOP rows) that learn the principal subspace of cue-evoked activity
 *                         during exposure: the "what" readouts learn inside that subspace and the "when" readouts'
 *                         updates are projected onto its complement; 0 lets both learn from all of the activity
 * @param blocks           the schedule
 * @param seed             master seed
 */
public record WhatWhenSettings(int excitatory, int inhibitory, double connectionProb, double excitatoryWeight,
                               double inhibitoryWeight, int maxDelayMs, double noiseSd, double slowestA,
                               int cueInputs, double cueRateHz, double cueWeight, int trialMs, int gateFromMs,
                               double readoutTauMs, double outcomeWidthMs, double eta, double replayEta,
                               int replayPasses, double forceAlpha, int forceEverySteps, int exposureTrials,
                               int whatSubspaceRows, List<Block> blocks, long seed) {
    /** Number of cues (and of outcomes: cue k announces outcome k). */
    public static final int CUES = 2;

    /**
     * One block of trials: each trial shows cue k (chosen at random) and, after {@code latencyMs[k]}, the
     * outcome k with probability {@code probability[k]}.
     */
    public record Block(int trials, int[] latencyMs, double[] probability) {
        public Block {
            Require.atLeast("trials per block", trials, 2);
            Require.that(latencyMs.length == CUES && probability.length == CUES, "a block needs " + CUES
                    + " latencies and " + CUES + " probabilities");
            for (int k = 0; k < CUES; k++) {
                Require.atLeast("latency of cue " + cueName(k) + " (ms)", latencyMs[k], 1);
                Require.inRange("probability of cue " + cueName(k), probability[k], 0, 1, null);
            }
        }
    }

    public WhatWhenSettings {
        Require.atLeast("excitatory neurons", excitatory, 1);
        Require.atLeast("inhibitory neurons", inhibitory, 1);
        long neurons = (long) excitatory + inhibitory;
        Require.that(neurons <= ForceReadout.MAX_INPUTS, "reservoir neurons = " + neurons + " is not allowed: must "
                + "be at most " + ForceReadout.MAX_INPUTS + ", as FORCE keeps its n x n matrix P in one array ("
                + excitatory + " excitatory + " + inhibitory + " inhibitory)");
        Require.inRange("connection probability", connectionProb, 0, 1, null);
        Require.atLeast("max delay (ms)", maxDelayMs, 1);
        Require.inRange("slowest a", slowestA, 1e-4, 0.02, "1/ms");
        Require.atLeast("cue inputs", cueInputs, 1);
        Require.atLeast("trial (ms)", trialMs, 10);
        Require.inRange("gate opening (ms)", gateFromMs, 0, trialMs - 1);
        Require.positive("readout tau", readoutTauMs, "ms");
        Require.positive("outcome width", outcomeWidthMs, "ms");
        Require.positive("eta", eta, "per ms");
        Require.atLeast("force update interval (steps)", forceEverySteps, 1);
        Require.inRange("what subspace rows", whatSubspaceRows, 0, excitatory + inhibitory - 1);
        // the subspace neurons learn from each cue's exposure trials averaged: every cue needs one
        Require.atLeast("exposure trials", exposureTrials, whatSubspaceRows > 0 ? CUES : 0);
        Require.that(!blocks.isEmpty(), "at least one block is needed");
        for (Block b : blocks) {
            for (int k = 0; k < CUES; k++) {
                Require.inRange("latency of cue " + cueName(k) + " (ms)", b.latencyMs()[k], gateFromMs + 1,
                        trialMs - 1);
            }
        }
    }

    /**
     * The full protocol: 800 + 200 neurons (the size of Izhikevich's 2003 network); blocks of 120 trials: (A 150 ms p 1, B 300 ms p 0.5), then A's latency
     * moves to 250 ms, then the probabilities change to A 0.25 and B 0.75.
     */
    public static WhatWhenSettings full(long seed) {
        return new WhatWhenSettings(800, 200, 0.1, 3, 4, 20, 1, 0.002, 50, 60, 6, 500, 50, 30, 20, 5e-4, 2e-3, 5,
                1, 2, 60, 2, List.of(new Block(120, new int[] {150, 300}, new double[] {1, 0.5}),
                new Block(120, new int[] {250, 300}, new double[] {1, 0.5}),
                new Block(120, new int[] {250, 300}, new double[] {0.25, 0.75})), seed);
    }

    /** A smaller, shorter protocol for continuous integration: 400 + 100 neurons, the same blocks of 90 trials. */
    public static WhatWhenSettings reduced(long seed) {
        WhatWhenSettings f = full(seed);
        return f.withBlocks(f.blocks().stream().map(b -> new Block(90, b.latencyMs(), b.probability())).toList())
                .withReservoir(400, 100);
    }

    /** These settings with another schedule. */
    public WhatWhenSettings withBlocks(List<Block> schedule) {
        return new WhatWhenSettings(excitatory, inhibitory, connectionProb, excitatoryWeight, inhibitoryWeight,
                maxDelayMs, noiseSd, slowestA, cueInputs, cueRateHz, cueWeight, trialMs, gateFromMs, readoutTauMs,
                outcomeWidthMs, eta, replayEta, replayPasses, forceAlpha, forceEverySteps, exposureTrials, whatSubspaceRows,
                schedule, seed);
    }

    /** These settings with another reservoir size. */
    public WhatWhenSettings withReservoir(int excitatoryNeurons, int inhibitoryNeurons) {
        return new WhatWhenSettings(excitatoryNeurons, inhibitoryNeurons, connectionProb, excitatoryWeight,
                inhibitoryWeight, maxDelayMs, noiseSd, slowestA, cueInputs, cueRateHz, cueWeight, trialMs, gateFromMs,
                readoutTauMs, outcomeWidthMs, eta, replayEta, replayPasses, forceAlpha, forceEverySteps, exposureTrials,
                whatSubspaceRows, blocks, seed);
    }

    /**
     * These settings with {@code rows} subspace neurons dividing the activity between the "what" and the "when"
     * readouts (0: no division, both learn from all of the activity).
     */
    public WhatWhenSettings withWhatSubspaceRows(int rows) {
        return new WhatWhenSettings(excitatory, inhibitory, connectionProb, excitatoryWeight, inhibitoryWeight,
                maxDelayMs, noiseSd, slowestA, cueInputs, cueRateHz, cueWeight, trialMs, gateFromMs, readoutTauMs,
                outcomeWidthMs, eta, replayEta, replayPasses, forceAlpha, forceEverySteps, exposureTrials, rows, blocks,
                seed);
    }

    /** The name of cue {@code k} (0: A, 1: B), as the command line and the results name it. */
    static String cueName(int k) {
        return String.valueOf((char) ('A' + k));
    }

    /** Reservoir size. */
    public int neurons() {
        return excitatory + inhibitory;
    }
}
