package org.hebb.plasticity.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.plasticity.Signal;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three-factor rule on a clock started late ({@code Network.Builder.startStep}) learns exactly as on one started
 * at 0: each synapse's eligibility keeps the step of its last update, and those steps pass 2^31 and 2^32 in long
 * runs. Gaps between a synapse's updates of up to 9000 steps take the rule past its decay table.
 */
class ThreeFactorLateStartTest {
    private static final double DT = 0.1;
    private static final int STEPS = 15_000;

    /** Weights, eligibilities (stored and decayed to the last step), update steps from the start, spike steps. */
    private record Learned(float[] weights, float[] stored, float[] current, long[] updated, long[] postSpikes) {
    }

    /**
     * Presynaptic spike-time sources onto neurons that drivers make fire at chosen steps, through a projection
     * with delays of 1 to 20 steps and one with a single delay of 5, both plastic; the gate opens for 10 steps at
     * steps 2000, 8000 and 14000 after the start.
     */
    private static Learned learn(long start, int threads) {
        try (Network net = Network.builder().dt(DT).threads(threads).startStep(start).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", times(start, 30, new int[] {20, 3000, 12_000},
                    new int[] {7, 11, 13}));
            SpikeTimesSource driver = net.addSpikeTimes("driver", times(start, 10, new int[] {40, 2500, 11_000},
                    new int[] {5, 9, 3}));
            NeuronPopulation post = net.addNeurons("post", 10, IfCurrDelta.builder().build());
            net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                    .weights(Values.constant(100)));
            Projection spread = net.connect(pre, post, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(0.5)).delays(Delays.uniformSteps(1, 20)).named("spread"));
            Projection single = net.connect(pre, post, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(0.5)).delays(Delays.steps(5)).named("single"));
            ThreeFactor rule = ThreeFactor.builder().tauEligibility(1000).tauPlus(20).tauMinus(20).aPlus(1)
                    .aMinus(1.05).eta(0.01).wMin(0).wMax(1).modulator(Signal.constant(1)).gate((step, t) -> {
                        long k = step - start;
                        return k % 6000 >= 2000 && k % 6000 < 2010 ? 1 : 0;
                    }).build();
            ThreeFactorSynapses onSpread = net.addPlasticity(spread, rule);
            ThreeFactorSynapses onSingle = net.addPlasticity(single, rule);
            SpikeMonitor spikes = net.monitorSpikes(post);
            net.run(STEPS * DT / 3);
            net.run(STEPS * DT * 2 / 3);
            long[] updated = concat(onSpread.defined().lastUpdates(), onSingle.defined().lastUpdates());
            for (int j = 0; j < updated.length; j++) {
                updated[j] -= start;
            }
            long[] postSpikes = spikes.steps();
            for (int k = 0; k < postSpikes.length; k++) {
                postSpikes[k] -= start;
            }
            return new Learned(concat(onSpread.weights(), onSingle.weights()),
                    concat(onSpread.defined().storedValues("e"), onSingle.defined().storedValues("e")),
                    concat(onSpread.values("eligibility"), onSingle.values("eligibility")), updated, postSpikes);
        }
    }

    /** Element i's spikes at steps start + first[k] + i * spacing[k], as times in ms. */
    private static double[][] times(long start, int size, int[] first, int[] spacing) {
        double[][] times = new double[size][first.length];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < first.length; k++) {
                times[i][k] = (start + first[k] + (long) i * spacing[k]) * DT;
            }
        }
        return times;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    static Stream<Arguments> startsAndThreads() {
        return Stream.of((1L << 31) - 50, (1L << 32) - 50).flatMap(start -> Stream.of(Arguments.of(start, 1),
                Arguments.of(start, 2)));
    }

    @ParameterizedTest(name = "start {0}, {1} thread(s)")
    @MethodSource("startsAndThreads")
    void eligibilitiesAndWeightsAreThoseOfARunStartedAtZero(long start, int threads) {
        Learned reference = learn(0, 1);
        Learned late = learn(start, threads);
        assertTrue(reference.postSpikes().length >= 30, "test setup: every driven spike: "
                + reference.postSpikes().length);
        float[] initial = new float[reference.weights().length];
        java.util.Arrays.fill(initial, 0.5f);
        assertTrue(!java.util.Arrays.equals(initial, reference.weights()), "test setup: the gate changes weights");
        assertArrayEquals(reference.postSpikes(), late.postSpikes(), "post spikes, shifted");
        assertArrayEquals(reference.weights(), late.weights(), "weights, bit for bit");
        assertArrayEquals(reference.current(), late.current(), "eligibilities now, bit for bit");
        assertArrayEquals(reference.stored(), late.stored(), "stored eligibilities, bit for bit");
        assertArrayEquals(reference.updated(), late.updated(), "steps of the last updates, shifted");
    }
}
