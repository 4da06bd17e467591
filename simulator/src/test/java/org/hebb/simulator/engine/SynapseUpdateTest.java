package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plasticity slot: an update attached to a projection sees every delivered presynaptic spike and every
 * postsynaptic spike once, on the synapses of its thread's targets, with the same result for any thread count.
 */
class SynapseUpdateTest {
    private static final double DURATION_MS = 200;

    private record Outcome(float[] weights, int[] sourceOfSynapse, long[] sourceSteps, int[] sourceNeurons,
                           long[] postSeen, long[] targetSteps) {
    }

    /** Adds 1 to a synapse's weight for each presynaptic spike delivered through it; counts postsynaptic spikes. */
    private static Outcome simulate(int threads) {
        try (Network net = Network.builder().seed(5).threads(threads).build()) {
            PoissonSource source = net.addPoissonSource("source", 300, 40);
            NeuronPopulation target = net.addNeurons("target", 401, IfCurrExp.builder().tauRefrac(2).build());
            Projection projection = net.connect(source, target, Connectors.fixedProbability(0.1, true),
                    Synapses.onto("excitatory").weights(Values.constant(0.5)));
            long[] postSeen = new long[target.size()];
            net.afterDelivery(projection, (synapses, step, pre, post) -> {
                float[] w = synapses.weights();
                for (int k = 0; k < pre.partitions(); k++) {
                    for (int s = 0; s < pre.count(k); s++) {
                        int i = pre.neurons(k)[s];
                        for (int j = synapses.rowStart(i); j < synapses.rowEnd(i); j++) {
                            w[j] += 1;
                        }
                    }
                }
                for (int k = 0; k < post.partitions(); k++) {
                    for (int s = 0; s < post.count(k); s++) {
                        int n = post.neurons(k)[s];
                        if (n >= synapses.targetFrom() && n < synapses.targetTo()) {
                            postSeen[n]++;
                        }
                    }
                }
            });
            SpikeMonitor sourceSpikes = net.monitorSpikes(source);
            SpikeMonitor targetSpikes = net.monitorSpikes(target);
            net.run(DURATION_MS);
            int[] sourceOfSynapse = new int[projection.synapseCount()];
            for (int i = 0; i < source.size(); i++) {
                for (int j = projection.rowStart(i); j < projection.rowEnd(i); j++) {
                    sourceOfSynapse[j] = i;
                }
            }
            return new Outcome(projection.weights(), sourceOfSynapse, sourceSpikes.steps(), sourceSpikes.neurons(),
                    postSeen, targetSpikes.steps());
        }
    }

    @Test
    void attachingGivesEverySynapseItsOwnWeight() {
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 30, IfCurrExp.builder().build());
            Projection p = net.connect(a, a, Connectors.fixedProbability(0.2, false),
                    Synapses.onto("excitatory").weights(Values.constant(0.5)));
            assertTrue(p.hasUniformWeight());
            net.afterDelivery(p, (synapses, step, pre, post) -> { });
            assertFalse(p.hasUniformWeight());
            assertEquals(0.5f, p.weightOf(p.synapseCount() - 1));
        }
    }

    @Test
    void everyDeliveredSpikeIsSeenOnceOnItsOwnSynapses() {
        Outcome outcome = simulate(1);
        long lastStep = Math.round(DURATION_MS / 0.1) - 1;
        int[] delivered = new int[300];
        for (int s = 0; s < outcome.sourceSteps().length; s++) {
            if (outcome.sourceSteps()[s] < lastStep) {
                delivered[outcome.sourceNeurons()[s]]++;
            }
        }
        for (int j = 0; j < outcome.weights().length; j++) {
            int i = outcome.sourceOfSynapse()[j];
            assertEquals(0.5f + delivered[i], outcome.weights()[j], "synapse " + j + " of source " + i);
        }
        long total = outcome.targetSteps().length;
        assertTrue(total > 50, "the target population fires: " + total);
        long lastStepSpikes = java.util.Arrays.stream(outcome.targetSteps()).filter(s -> s == lastStep).count();
        long seen = java.util.Arrays.stream(outcome.postSeen()).sum();
        assertEquals(total - lastStepSpikes, seen, "each postsynaptic spike but the last step's is seen once");
    }

    @Test
    void sameResultForAnyThreadCount() {
        Outcome one = simulate(1);
        Outcome two = simulate(2);
        Outcome three = simulate(3);
        assertArrayEquals(one.weights(), two.weights());
        assertArrayEquals(one.weights(), three.weights());
        assertArrayEquals(one.postSeen(), two.postSeen());
        assertArrayEquals(one.targetSteps(), three.targetSteps());
    }

    @Test
    void refusedAfterTheFirstRun() {
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 3, IfCurrExp.builder().build());
            Projection p = net.connect(a, a, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(0.1)));
            net.run(1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> net.afterDelivery(p, (synapses, step, pre, post) -> { }));
            assertTrue(e.getMessage().contains("afterDelivery"), e.getMessage());
        }
    }

    /**
     * With per-synapse delays an update is told which synapses its spikes reach in each step: every spike of a
     * presynaptic neuron once on each of its synapses, {@code delay} steps after it, on one thread or two; a reset
     * drops the spikes still in flight.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void arrivalsListEverySynapseInTheStepItsSpikeReaches(int threads) {
        try (Network net = Network.builder().seed(9).threads(threads).build()) {
            PoissonSource source = net.addPoissonSource("source", 100, 50);
            NeuronPopulation target = net.addNeurons("target", 60, IfCurrExp.builder().build());
            Projection projection = net.connect(source, target, Connectors.fixedProbability(0.2, true),
                    Synapses.onto("excitatory").weights(Values.constant(0.5)).delays(Delays.uniformSteps(1, 30)));
            int synapses = projection.synapseCount();
            int[][] arrivals = new int[2][synapses];
            int[] segment = new int[1];
            long[] lastStep = new long[2];
            net.afterDelivery(projection, (range, step, pre, post) -> {
                int[] arriving = range.arrivingSynapses(step);
                for (int c = 0; c < range.arrivingCount(step); c++) {
                    int j = arriving[c];
                    assertTrue(j >= range.rowStart(0) && range.targets()[j] >= range.targetFrom()
                            && range.targets()[j] < range.targetTo(), "synapse " + j + " of this range");
                    arrivals[segment[0]][j]++;
                }
                synchronized (lastStep) {
                    lastStep[segment[0]] = Math.max(lastStep[segment[0]], step);
                }
            });
            SpikeMonitor spikes = net.monitorSpikes(source);
            net.run(100);
            net.resetState();
            int resetStep = (int) Math.round(100 / net.dt());
            segment[0] = 1;
            net.run(100);
            short[] delays = projection.rows().delays();
            int[][] expected = new int[2][synapses];
            long[] steps = spikes.steps();
            int[] neurons = spikes.neurons();
            for (int s = 0; s < steps.length; s++) {
                int seg = steps[s] < resetStep ? 0 : 1;
                for (int j = projection.rowStart(neurons[s]); j < projection.rowEnd(neurons[s]); j++) {
                    long arrival = steps[s] + delays[j];
                    if (arrival <= lastStep[seg] && (seg == 1 || arrival < resetStep)) {
                        expected[seg][j]++;
                    }
                }
            }
            assertEquals(resetStep - 1, lastStep[0], "the reset settles the last step");
            assertTrue(java.util.Arrays.stream(expected[0]).sum() > 3000, "test setup: too few arrivals");
            assertArrayEquals(expected[0], arrivals[0], "arrivals before the reset");
            assertArrayEquals(expected[1], arrivals[1], "arrivals after it: nothing from before");
        }
    }
}
