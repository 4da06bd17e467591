package org.hebb.plasticity.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.Signal;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** The three-factor rule: no modulator, no change; distal reward; an error-modulated readout. */
class ThreeFactorTest {
    private static final double DT = 0.1;

    private static float[] runActiveNetwork(double modulator, int threads) {
        try (Network net = Network.builder().dt(DT).seed(4).threads(threads).build()) {
            PoissonSource in = net.addPoissonSource("in", 200, 30);
            NeuronPopulation out = net.addNeurons("out", 50, IfCurrExp.builder().tauRefrac(2).build());
            Projection p = net.connect(in, out, Connectors.fixedProbability(0.3, true),
                    Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(
                            org.hebb.simulator.connect.Delays.uniformSteps(1, 20)));
            ThreeFactorSynapses rule = net.addPlasticity(p, ThreeFactor.builder().wMin(0).wMax(2).eta(0.01)
                    .modulator(Signal.constant(modulator)).build());
            net.run(500);
            return rule.weights().clone();
        }
    }

    @Test
    void withTheModulatorAtZeroNothingChanges() {
        float[] initial;
        try (Network net = Network.builder().dt(DT).seed(4).build()) {
            PoissonSource in = net.addPoissonSource("in", 200, 30);
            NeuronPopulation out = net.addNeurons("out", 50, IfCurrExp.builder().tauRefrac(2).build());
            initial = net.connect(in, out, Connectors.fixedProbability(0.3, true),
                    Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(
                            org.hebb.simulator.connect.Delays.uniformSteps(1, 20))).weights();
        }
        assertArrayEquals(initial, runActiveNetwork(0, 2));
        float[] rewarded = runActiveNetwork(1, 2);
        assertFalse(Arrays.equals(initial, rewarded), "with a modulator the same activity changes weights");
        assertArrayEquals(rewarded, runActiveNetwork(1, 1), "same weights on one thread and two");
    }

    @Test
    void delayedRewardPotentiatesOnlyThePairedSynapse() {
        double tauPlus = 20;
        double tauMinus = 20;
        double tauE = 1000;
        double eta = 0.01;
        double rewardStart = 1000;
        double rewardEnd = 1010;
        float[] w;
        try (Network net = Network.builder().dt(DT).threads(1).build()) {
            // pre 0 arrives 9.9 ms before the post spike (110 ms), pre 1 490 ms after it, pre 2 10.1 ms after it
            Projection p = ontoOnePostSpike(net, new double[][] {{100}, {600}, {120}});
            ThreeFactorSynapses rule = net.addPlasticity(p, ThreeFactor.builder().tauEligibility(tauE)
                    .tauPlus(tauPlus).tauMinus(tauMinus).aPlus(1).aMinus(1).eta(eta).wMin(0).wMax(1)
                    .modulator((step, t) -> t >= rewardStart - 1e-9 && t < rewardEnd - 1e-9 ? 1 : 0).build());
            net.run(1500);
            w = rule.weights();
        }
        double e0 = Math.exp(-9.9 / tauPlus);
        double e2 = -Math.exp(-10.1 / tauMinus);
        double expected0 = eta * DT * e0 * rewardSum(1100, tauE);
        double expected2 = eta * DT * e2 * rewardSum(1201, tauE);
        System.out.printf("distal reward: dw paired %.6f (analytic %.6f), unpaired %.2e, reversed %.6f (%.6f)%n",
                w[0] - 0.5, expected0, w[1] - 0.5, w[2] - 0.5, expected2);
        assertEquals(expected0, w[0] - 0.5, 0.005 * expected0);
        assertTrue(Math.abs(w[1] - 0.5) < 1e-3 * expected0, "unpaired synapse barely changes");
        assertEquals(expected2, w[2] - 0.5, 0.005 * Math.abs(expected2));
    }

    /**
     * Presynaptic spike-time inputs at {@code preTimesMs} onto one neuron that a strong input makes spike once,
     * at 110 ms; the plastic projection, every weight 0.5.
     */
    private static Projection ontoOnePostSpike(Network net, double[][] preTimesMs) {
        SpikeTimesSource pre = net.addSpikeTimes("pre", preTimesMs);
        SpikeTimesSource driver = net.addSpikeTimes("driver", new double[][] {{109.9}});
        NeuronPopulation post = net.addNeurons("post", 1, IfCurrDelta.builder().build());
        Projection plastic = net.connect(pre, post, Connectors.allToAll(true),
                Synapses.onto("excitatory").weights(Values.constant(0.5)));
        net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory").weights(
                Values.constant(100)));
        return plastic;
    }

    /** A reset between trials zeroes the eligibilities: a reward after it changes no weight. */
    @Test
    void aResetOfTheDynamicsForgetsEarlierPairings() {
        for (boolean reset : new boolean[] {false, true}) {
            try (Network net = Network.builder().dt(DT).threads(1).build()) {
                Projection p = ontoOnePostSpike(net, new double[][] {{100}, {120}});
                ThreeFactorSynapses rule = net.addPlasticity(p, ThreeFactor.builder().tauEligibility(1000)
                        .aPlus(1).aMinus(1).eta(0.01).wMin(0).wMax(1)
                        .modulator((step, t) -> t >= 1000 - 1e-9 && t < 1010 - 1e-9 ? 1 : 0).build());
                net.run(500);
                assertTrue(rule.values("eligibility")[0] > 0 && rule.values("eligibility")[1] < 0, "the pairings left eligibility");
                if (reset) {
                    net.resetState();
                    assertArrayEquals(new float[2], rule.values("eligibility"), "eligibility after the reset");
                }
                net.run(1000);
                float[] w = rule.weights();
                if (reset) {
                    assertArrayEquals(new float[] {0.5f, 0.5f}, w, "no eligibility, so the reward changes nothing");
                } else {
                    assertTrue(w[0] > 0.5f && w[1] < 0.5f, "without the reset the reward acts: " + w[0] + ", " + w[1]);
                }
            }
        }
    }

    /** Sum over the 100 reward steps (10000 to 10099) of the eligibility decay since step {@code since}. */
    private static double rewardSum(int since, double tauE) {
        double sum = 0;
        for (int s = 10000; s < 10100; s++) {
            sum += Math.exp(-(s - since) * DT / tauE);
        }
        return sum;
    }

    /** Counts spikes of a population into exponentially filtered rates (Hz). */
    private static final class FilteredRates implements Monitor {
        final double[] ratesHz;
        final double decay;
        final double increment;

        FilteredRates(int n, double tauMs) {
            ratesHz = new double[n];
            decay = Math.exp(-DT / tauMs);
            increment = 1000.0 / tauMs;
        }

        @Override
        public void record(long step, SpikeView spikes) {
            for (int i = 0; i < ratesHz.length; i++) {
                ratesHz[i] *= decay;
            }
            for (int k = 0; k < spikes.partitions(); k++) {
                for (int s = 0; s < spikes.count(k); s++) {
                    ratesHz[spikes.neurons(k)[s]] += increment;
                }
            }
        }

        @Override
        public long memoryBytes() {
            return 8L * ratesHz.length;
        }
    }

    @Test
    void errorModulatedReadoutLearnsATargetRatePattern() {
        double[] targets = {5, 15, 30, 45};
        double trainMs = 30_000;
        double testMs = 5_000;
        try (Network net = Network.builder().dt(DT).seed(9).threads(1).build()) {
            PoissonSource drive = net.addPoissonSource("drive", 300, 20);
            NeuronPopulation reservoir = net.addNeurons("reservoir", 300, IfCurrExp.builder().tauRefrac(2).build());
            net.connect(drive, reservoir, Connectors.fixedProbability(0.05, true),
                    Synapses.onto("excitatory").weights(Values.constant(0.5)));
            net.connect(reservoir, reservoir, Connectors.fixedProbability(0.05, false),
                    Synapses.onto("excitatory").weights(Values.normal(0, 0.3)));
            NeuronPopulation readout = net.addNeurons("readout", targets.length,
                    IfCurrExp.builder().tauRefrac(2).build());
            Projection learned = net.connect(reservoir, readout, Connectors.allToAll(true),
                    Synapses.onto("excitatory").weights(Values.constant(0)));
            ThreeFactorSynapses rule = net.addPlasticity(learned, ThreeFactor.builder()
                    .eligibility(ThreeFactor.Eligibility.PRESYNAPTIC).tauEligibility(20)
                    .modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON)
                    .eta(2e-6).wMin(-2).wMax(2).build());
            FilteredRates rates = net.addMonitor(readout, new FilteredRates(targets.length, 500));
            net.afterEachStep((step, t) -> {
                for (int i = 0; i < targets.length; i++) {
                    rule.setModulator(i, targets[i] - rates.ratesHz[i]);
                }
            });
            org.hebb.simulator.monitor.SpikeMonitor before = net.monitorSpikes(readout);
            net.run(1000);
            int[] early = before.counts().clone();
            net.run(trainMs - 1000);
            int[] trained = before.counts().clone();
            net.run(testMs);
            int[] all = before.counts();
            double worstBefore = 0;
            double worstAfter = 0;
            for (int i = 0; i < targets.length; i++) {
                double rateEarly = early[i] / 1.0;
                double rateAfter = (all[i] - trained[i]) / (testMs / 1000);
                worstBefore = Math.max(worstBefore, Math.abs(rateEarly - targets[i]) / targets[i]);
                worstAfter = Math.max(worstAfter, Math.abs(rateAfter - targets[i]) / targets[i]);
                System.out.printf("readout %d: target %.0f Hz, first second %.1f Hz, after training %.1f Hz%n", i,
                        targets[i], rateEarly, rateAfter);
            }
            assertTrue(worstBefore > 0.5, "the untrained readout is far from the targets");
            assertTrue(worstAfter < 0.15, "every readout within 15% of its target rate, worst " + worstAfter);
        }
    }

    @Test
    void refusesInconsistentSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreeFactor.builder().wMin(0).wMax(1).projection(new org.hebb.plasticity.PresynapticProjection() {
                    @Override
                    public int dimension() {
                        return 3;
                    }

                    @Override
                    public void project(float[] activity, float[] out) {
                    }
                }).build());
        assertTrue(e.getMessage().contains("eligibility = PAIRED"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ThreeFactor.builder().wMin(0).build());
        assertTrue(e.getMessage().contains("wMax"), e.getMessage());
    }

    /**
     * A constant signal that is not finite is refused when it is made, naming the value; before, the rule attached
     * and the run failed in its first step.
     */
    @Test
    void aConstantSignalMustBeFinite() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signal.constant(value));
            assertTrue(e.getMessage().startsWith("signal value = " + value + " is not allowed: must be a finite"),
                    e.getMessage());
        }
        assertEquals(-2.5, Signal.constant(-2.5).valueAt(7, 0.7));
    }
}
