package org.hebb.experiments.nalsm;

import java.util.List;

import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Projection;
import org.hebb.util.Require;

/**
 * Measures the branching factor as NALSM reports it: samples presented for 250 ms the way features are made
 * (every sample starts from the same weights, plasticity on with all rates decaying by 0.99 per ms), spikes counted
 * in 25-225 ms. The weights and the astrocyte's rate decay are left as they were.
 */
public final class BranchingProbe {
    /** NALSM's feature presentation, ms. */
    public static final int SAMPLE_MS = 250;
    /** NALSM's rate decay per ms while making features. */
    public static final double RATE_DECAY_PER_MS = 0.99;

    /**
     * @param branchingFactor the branching factor
     * @param liquidRateHz    the liquid's mean rate over the samples, Hz
     */
    public record Result(double branchingFactor, double liquidRateHz) {
    }

    private BranchingProbe() {
    }

    /** Presents images {@code first} to {@code first + samples - 1} of {@code encoding}. */
    public static Result measure(NalsmLiquid liquid, InputEncoding encoding, int first, int samples) {
        Require.atLeast("samples", samples, 1);
        Network net = liquid.network();
        List<Projection> plastic = liquid.plastic();
        float[][] initial = new float[plastic.size()][];
        for (int p = 0; p < initial.length; p++) {
            initial[p] = plastic.get(p).rows().weights().clone();
        }
        LiquidSpikes spikes = LiquidSpikes.recording(liquid);
        BranchingFactor branching = new BranchingFactor(liquid.liquid(), liquid.numbering());
        float[] probabilities = new float[liquid.pixels().size()];
        long liquidSpikes = 0;
        double decayBefore = liquid.astrocyte() != null ? liquid.astrocyte().rateDecayPerMs() : 1;
        if (liquid.astrocyte() != null) {
            liquid.astrocyte().setRateDecayPerMs(RATE_DECAY_PER_MS);
        }
        try {
            for (int s = 0; s < samples; s++) {
                encoding.probabilities((first + s) % encoding.images().size(), probabilities);
                liquid.pixels().setProbabilities(probabilities);
                net.resetState();
                restore(plastic, initial);
                spikes.startSample(net.stepsRun());
                net.run(SAMPLE_MS);
                branching.addSample(spikes, 25, SAMPLE_MS - 25);
                liquidSpikes += spikes.count();
            }
            net.resetState();
        } finally {
            restore(plastic, initial);
            spikes.stop();
            if (liquid.astrocyte() != null) {
                liquid.astrocyte().setRateDecayPerMs(decayBefore);
            }
        }
        return new Result(branching.value(),
                1000.0 * liquidSpikes / ((double) samples * SAMPLE_MS * liquid.numbering().size()));
    }

    private static void restore(List<Projection> plastic, float[][] weights) {
        for (int p = 0; p < weights.length; p++) {
            System.arraycopy(weights[p], 0, plastic.get(p).rows().weights(), 0, weights[p].length);
        }
    }
}
