package org.hebb.plasticity.astrocyte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.lif.NalsmLif;
import org.hebb.plasticity.astrocyte.AstrocyteStdp.Presynaptic;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Astrocyte-modulated STDP on a small liquid against NALSM's per-ms update written out densely: the spikes Hebb
 * produced are replayed through NALSM's equations (STDP with the traces before the step, then traces, then the
 * astrocyte, then the rate decay), and every weight and the depression rate must agree.
 */
class AstrocyteStdpTest {
    private static final int STEPS = 600;

    /** One plastic projection as the replay sees it. */
    private record Plastic(Projection projection, AstrocyteStdpSynapses state, boolean excitatory, float min,
                           float max, float[] initial) {
    }

    @ParameterizedTest(name = "{0} mode, rate decay {1}, {2} thread(s), {3} trial(s)")
    @CsvSource({"MODULATED, 1.0, 1, 1", "MODULATED, 0.99, 2, 1", "FIXED, 1.0, 2, 1", "MODULATED, 0.99, 2, 3"})
    void matchesNalsmUpdateReplayedDensely(Astrocyte.Mode mode, double rateDecay, int threads, int trials) {
        try (Network net = Network.builder().dt(1.0).seed(11).threads(threads).build()) {
            NalsmLif model = NalsmLif.builder().build();
            BernoulliSource pixels = net.addBernoulliSource("pixels", 30);
            float[] p = new float[30];
            for (int k = 0; k < p.length; k++) {
                p[k] = 0.05f + 0.3f * k / p.length;
            }
            pixels.setProbabilities(p);
            NeuronPopulation input = net.addNeurons("input", 30, model);
            NeuronPopulation exc = net.addNeurons("exc", 40, model);
            NeuronPopulation inh = net.addNeurons("inh", 10, model);
            net.connect(pixels, input, Connectors.oneToOne(), Synapses.onto("direct").weights(Values.constant(100)));
            Astrocyte astrocyte = Astrocyte.builder().liquid(exc, inh).input(input).mode(mode)
                    .rateDecayPerMs(rateDecay).build();
            List<Plastic> plastic = new ArrayList<>();
            for (NeuronPopulation target : List.of(exc, inh)) {
                plastic.add(attach(net, astrocyte, input, target, Values.uniform(-3, 3), -3, 3, true));
                plastic.add(attach(net, astrocyte, exc, target, Values.uniform(0, 3), 0, 3, true));
                plastic.add(attach(net, astrocyte, inh, target, Values.uniform(-3, 0), -3, 0, false));
            }
            List<Population> all = List.of(input, exc, inh);
            List<SpikeMonitor> monitors = all.stream().map(net::monitorSpikes).toList();
            float[] depression = new float[STEPS];
            net.afterEachStep((step, timeMs) -> depression[(int) step] = astrocyte.depressionRate());
            int trialSteps = STEPS / trials;
            for (int trial = 0; trial < trials; trial++) {
                if (trial > 0) {
                    net.resetState();
                    assertEquals(0.15f, astrocyte.depressionRate(), "reset restores A");
                }
                net.run(trialSteps);
            }

            Replay replay = new Replay(all, monitors, STEPS - 1, trialSteps);
            long liquidSpikes = monitors.get(1).totalCount() + monitors.get(2).totalCount();
            assertTrue(monitors.get(0).totalCount() > 500 && liquidSpikes > 500,
                    "the test needs activity: input " + monitors.get(0).totalCount() + ", liquid " + liquidSpikes);
            float[] expectedA = replay.run(plastic, mode, rateDecay);
            // the rules process a step's spikes at the start of the next step, so after the last step of a run
            // they have seen every step but that one
            for (int t = 0; t < STEPS - 1; t++) {
                if ((t + 1) % trialSteps != 0) {
                    assertEquals(expectedA[t], depression[t + 1], 1e-6, "A after ms " + t);
                }
            }
            int changed = 0;
            for (Plastic pl : plastic) {
                float[] w = pl.state().weights();
                for (int syn = 0; syn < w.length; syn++) {
                    assertEquals(pl.initial()[syn], w[syn], 2e-4f, pl.projection().name() + " synapse " + syn);
                    if (Math.abs(w[syn] - replay.initial(pl)[syn]) > 1e-3f) {
                        changed++;
                    }
                }
            }
            assertTrue(changed > 200, "only " + changed + " synapses changed");
        }
    }

    private static Plastic attach(Network net, Astrocyte astrocyte, NeuronPopulation source, NeuronPopulation target,
                                  org.hebb.simulator.init.ValueDistribution weights, float min, float max,
                                  boolean excitatory) {
        Projection projection = net.connect(source, target, Connectors.fixedProbability(0.3, false),
                Synapses.onto("synaptic").weights(weights));
        AstrocyteStdpSynapses state = net.addPlasticity(projection, AstrocyteStdp.builder(astrocyte)
                .presynaptic(excitatory ? Presynaptic.EXCITATORY : Presynaptic.INHIBITORY).bounds(min, max).build());
        return new Plastic(projection, state, excitatory, min, max, state.weights().clone());
    }

    /**
     * NALSM's update (NALSM_STDP.py, NALSM_ASTRO.py) over every synapse every ms, in single precision, from the
     * recorded spikes. The replay overwrites each Plastic's {@code initial} array with its expected final weights.
     */
    private static final class Replay {
        private final List<Population> populations;
        private final boolean[][][] spiked;
        private final java.util.Map<Plastic, float[]> initialWeights = new java.util.IdentityHashMap<>();
        private final int trialSteps;

        Replay(List<Population> populations, List<SpikeMonitor> monitors, int steps, int trialSteps) {
            this.populations = populations;
            this.trialSteps = trialSteps;
            this.spiked = new boolean[populations.size()][steps][];
            for (int p = 0; p < populations.size(); p++) {
                for (int t = 0; t < steps; t++) {
                    spiked[p][t] = new boolean[populations.get(p).size()];
                }
                long[] stepsOf = monitors.get(p).steps();
                int[] neurons = monitors.get(p).neurons();
                for (int k = 0; k < stepsOf.length; k++) {
                    if (stepsOf[k] < steps) {
                        spiked[p][(int) stepsOf[k]][neurons[k]] = true;
                    }
                }
            }
        }

        float[] initial(Plastic plastic) {
            return initialWeights.get(plastic);
        }

        float[] run(List<Plastic> plastic, Astrocyte.Mode mode, double rateDecay) {
            float[][] trace = new float[populations.size()][];
            for (int p = 0; p < trace.length; p++) {
                trace[p] = new float[populations.get(p).size()];
            }
            for (Plastic pl : plastic) {
                initialWeights.put(pl, pl.initial().clone());
            }
            float lr = 0.15f;
            float a = 0.15f;
            float wA = 0.015f;
            float bias = 0.15f;
            float decay = (float) rateDecay;
            float[] history = new float[spiked[0].length];
            for (int t = 0; t < history.length; t++) {
                if (t > 0 && t % trialSteps == 0) {
                    for (float[] x : trace) {
                        java.util.Arrays.fill(x, 0f);
                    }
                    lr = 0.15f;
                    a = 0.15f;
                    wA = 0.015f;
                    bias = 0.15f;
                }
                for (Plastic pl : plastic) {
                    int pre = populations.indexOf(pl.projection().source());
                    int post = populations.indexOf(pl.projection().target());
                    float onPostSpike = pl.excitatory() ? lr : -a;
                    float onPreSpike = pl.excitatory() ? -a : lr;
                    float[] w = pl.initial();
                    for (int j = 0; j < pl.projection().source().size(); j++) {
                        for (int syn = pl.projection().rowStart(j); syn < pl.projection().rowEnd(j); syn++) {
                            int i = pl.projection().targetOf(syn);
                            float sPost = spiked[post][t][i] ? 1f : 0f;
                            float sPre = spiked[pre][t][j] ? 1f : 0f;
                            float raw = w[syn] + onPostSpike * trace[pre][j] * sPost + onPreSpike * trace[post][i] * sPre;
                            w[syn] = Math.min(pl.max(), Math.max(pl.min(), raw));
                        }
                    }
                }
                int difference = 0;
                for (int p = 0; p < trace.length; p++) {
                    for (int n = 0; n < trace[p].length; n++) {
                        boolean s = spiked[p][t][n];
                        trace[p][n] = 0.905f * (trace[p][n] + (s ? 0.1f : 0f));
                        if (s) {
                            difference += p == 0 ? -1 : 1;
                        }
                    }
                }
                if (mode == Astrocyte.Mode.MODULATED) {
                    a = a + (wA * difference + bias - a) / 100f;
                }
                lr *= decay;
                a *= decay;
                wA *= decay;
                bias *= decay;
                history[t] = a;
            }
            return history;
        }
    }

    @Test
    void refusesMissingBoundsAndWeightsOutsideThem() {
        Astrocyte astrocyte = Astrocyte.builder().mode(Astrocyte.Mode.FIXED).build();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> AstrocyteStdp.builder(astrocyte).build());
        assertTrue(missing.getMessage().contains("bounds"), missing.getMessage());
        try (Network net = Network.builder().dt(1.0).build()) {
            NeuronPopulation a = net.addNeurons("a", 5, NalsmLif.builder().build());
            Projection projection = net.connect(a, a, Connectors.allToAll(false),
                    Synapses.onto("synaptic").weights(Values.constant(3)));
            IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> net.addPlasticity(
                    projection, AstrocyteStdp.builder(astrocyte).bounds(-3, 0).build()));
            assertTrue(outside.getMessage().contains("= 3.0 is not allowed"), outside.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Astrocyte.builder().rateDecayPerMs(1.5));
        assertThrows(IllegalArgumentException.class, () -> Astrocyte.builder().build(),
                "a modulated astrocyte needs a liquid");
    }

    @Test
    void oneAstrocyteServesOneNetwork() {
        try (Network first = Network.builder().dt(1.0).build(); Network second = Network.builder().dt(1.0).build()) {
            NeuronPopulation a = first.addNeurons("a", 5, NalsmLif.builder().build());
            NeuronPopulation b = second.addNeurons("a", 5, NalsmLif.builder().build());
            Astrocyte astrocyte = Astrocyte.builder().liquid(a).build();
            first.addPlasticity(first.connect(a, a, Connectors.allToAll(false), Synapses.onto("synaptic")
                    .weights(Values.constant(1))), AstrocyteStdp.builder(astrocyte).bounds(0, 3).build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> second.addPlasticity(
                    second.connect(b, b, Connectors.allToAll(false), Synapses.onto("synaptic")
                            .weights(Values.constant(1))), AstrocyteStdp.builder(astrocyte).bounds(0, 3).build()));
            assertTrue(e.getMessage().contains("another network"), e.getMessage());
        }
    }

    /**
     * The traces decay by (trace decay per ms) ^ dt per step, in single precision: a factor per ms so small that
     * this is 0 is refused when the rule joins the network, naming the factor and dt; the astrocyte stays unbound,
     * so a rule with a factor that fits then joins.
     */
    @Test
    void aTraceDecayPerStepOfZeroIsRefusedNamingTheFactorPerMs() {
        try (Network net = Network.builder().dt(1.0).build()) {
            NeuronPopulation a = net.addNeurons("a", 5, NalsmLif.builder().build());
            Astrocyte astrocyte = Astrocyte.builder().liquid(a).build();
            Projection projection = net.connect(a, a, Connectors.allToAll(false),
                    Synapses.onto("synaptic").weights(Values.constant(1)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addPlasticity(
                    projection, AstrocyteStdp.builder(astrocyte).bounds(0, 3).traceDecayPerMs(1e-50).build()));
            for (String part : new String[] {"trace decay per ms = 1.0E-50 is not allowed", "dt = 1.0 ms"}) {
                assertTrue(e.getMessage().contains(part), e.getMessage());
            }
            net.addPlasticity(projection, AstrocyteStdp.builder(astrocyte).bounds(0, 3).traceDecayPerMs(1e-40)
                    .build());
            net.run(5);
        }
    }

    /**
     * The astrocyte's Euler step A + dt (bias - A) / tau_A relaxes A towards the bias only while tau_A >= dt: with
     * tau_A = dt it reaches the bias in one step; below dt it overshoots it (with tau_A = dt / 2.5, A = 0.3 and
     * bias 0.15 go to A = -0.075, a negative depression rate) and below dt / 2 diverges. Such a tau_A is refused
     * when the rule joins a network, naming tau_A and dt.
     */
    @Test
    void anAstrocyteFasterThanTheStepIsRefused() {
        for (double tau : new double[] {0.4, 1.0}) {
            try (Network net = Network.builder().dt(1.0).build()) {
                NeuronPopulation a = net.addNeurons("a", 5, NalsmLif.builder().build());
                Astrocyte astrocyte = Astrocyte.builder().liquid(a).tauMs(tau).depressionRate(0.3).bias(0.15)
                        .build();
                Projection projection = net.connect(a, a, Connectors.allToAll(false),
                        Synapses.onto("synaptic").weights(Values.constant(1)));
                if (tau < 1) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net
                            .addPlasticity(projection, AstrocyteStdp.builder(astrocyte).bounds(0, 3).build()));
                    for (String part : new String[] {"astrocyte tau_A = 0.4 ms is not allowed", "dt = 1.0 ms"}) {
                        assertTrue(e.getMessage().contains(part), e.getMessage());
                    }
                    continue;
                }
                net.addPlasticity(projection, AstrocyteStdp.builder(astrocyte).bounds(0, 3).build());
                net.run(5);
                assertEquals(0.15f, astrocyte.depressionRate(), "no spikes, tau_A = dt: A is the bias after one "
                        + "update and stays there");
            }
        }
    }

    /**
     * An astrocyte listening to a population of another network is refused when its rule joins, naming the
     * population; before, the rule joined and the first run failed with a NullPointerException.
     */
    @Test
    void anAstrocyteListeningToAnotherNetworksPopulationIsRefused() {
        try (Network net = Network.builder().dt(1.0).build(); Network other = Network.builder().dt(1.0).build()) {
            NeuronPopulation a = net.addNeurons("a", 5, NalsmLif.builder().build());
            NeuronPopulation foreign = other.addNeurons("foreign", 5, NalsmLif.builder().build());
            Projection projection = net.connect(a, a, Connectors.allToAll(false),
                    Synapses.onto("synaptic").weights(Values.constant(1)));
            for (Astrocyte astrocyte : List.of(Astrocyte.builder().liquid(foreign).build(),
                    Astrocyte.builder().liquid(a).input(foreign).build())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addPlasticity(
                        projection, AstrocyteStdp.builder(astrocyte).bounds(0, 3).build()));
                assertTrue(e.getMessage().contains("population 'foreign' does not belong to this network"),
                        e.getMessage());
            }
            net.addPlasticity(projection, AstrocyteStdp.builder(Astrocyte.builder().liquid(a).build()).bounds(0, 3)
                    .build());
            net.run(5);
        }
    }

    /** A null among the populations an astrocyte listens to is refused by name, not with a NullPointerException. */
    @Test
    void aNullPopulationIsRefusedByName() {
        try (Network net = Network.builder().dt(1.0).build()) {
            NeuronPopulation a = net.addNeurons("a", 5, NalsmLif.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Astrocyte.builder().liquid(a, null));
            assertEquals("liquid populations[1] is null: a value is required", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Astrocyte.builder().input((Population) null));
            assertEquals("input populations[0] is null: a value is required", e.getMessage());
        }
    }
}
