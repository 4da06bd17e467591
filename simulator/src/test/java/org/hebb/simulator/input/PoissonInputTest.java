package org.hebb.simulator.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poisson input: the counts per neuron and step are Poisson; the synaptic current they drive has the mean and
 * variance of discrete shot noise; the spikes do not depend on the thread count; bad inputs are refused.
 */
class PoissonInputTest {
    /** The cortical microcircuit's background onto L23E: 1600 sources at 8 Hz, 87.81 pA, at dt 0.1 ms. */
    private static final int SOURCES = 1600;
    private static final double RATE_HZ = 8;
    private static final double WEIGHT_NA = 0.08781;
    private static final double DT = 0.1;

    @Test
    void countsPerNeuronAndStepArePoisson() {
        PoissonInput input = PoissonInput.of("excitatory", SOURCES, RATE_HZ, 1);
        double mean = input.meanPerStep(DT);
        assertEquals(1.28, mean, 1e-12);
        int neurons = 100;
        int steps = 20_000;
        PoissonInput.Injector injector = input.createInjector(DT, 42, neurons);
        float[] received = new float[neurons];
        int[] histogram = new int[20];
        for (long step = 0; step < steps; step++) {
            java.util.Arrays.fill(received, 0f);
            injector.add(step, 0, neurons, received);
            for (float count : received) {
                histogram[(int) count]++;
            }
        }
        PoissonDistribution poisson = PoissonDistribution.of(mean);
        double n = (double) neurons * steps;
        for (int k = 0; k < 8; k++) {
            double p = poisson.probability(k);
            assertEquals(n * p, histogram[k], 5 * Math.sqrt(n * p * (1 - p)) + 1, "neuron-steps with " + k + " spikes");
        }
    }

    /**
     * The current of an IF_curr_exp synapse that receives k ~ Poisson(m) weights w each step and decays by
     * d = exp(-dt / tau_syn) after them: mean d w m / (1 - d), variance d^2 w^2 m / (1 - d^2).
     */
    @Test
    void theDrivenCurrentHasTheMeanAndVarianceOfShotNoise() {
        int neurons = 1000;
        int steps = 3000;
        int burnIn = 200;
        double tauSyn = 0.5;
        try (Network net = Network.builder().dt(DT).seed(3).threads(1).build()) {
            NeuronPopulation pop = net.addNeurons("quiet", neurons,
                    IfCurrExp.builder().tauSynE(tauSyn).vThresh(1000).build());
            pop.addPoissonInput(PoissonInput.of("excitatory", SOURCES, RATE_HZ, WEIGHT_NA));
            float[] current = pop.state().array("i_syn_e");
            double sum = 0;
            double sumOfSquares = 0;
            long samples = 0;
            for (int s = 0; s < steps; s++) {
                net.run(DT);
                if (s >= burnIn) {
                    for (float c : current) {
                        sum += c;
                        sumOfSquares += (double) c * c;
                        samples++;
                    }
                }
            }
            double m = SOURCES * RATE_HZ * DT / 1000;
            double d = Math.exp(-DT / tauSyn);
            double mean = d * WEIGHT_NA * m / (1 - d);
            double variance = d * d * WEIGHT_NA * WEIGHT_NA * m / (1 - d * d);
            double measuredMean = sum / samples;
            double measuredVariance = sumOfSquares / samples - measuredMean * measuredMean;
            // samples a few steps apart are correlated (d^lag): about (1 + d) / (1 - d) = 10 times fewer independent
            double effective = samples * (1 - d) / (1 + d);
            assertEquals(mean, measuredMean, 5 * Math.sqrt(variance / effective), "mean current (nA)");
            assertEquals(variance, measuredVariance, 0.02 * variance, "variance of the current (nA^2)");
        }
    }

    @Test
    void spikesDoNotDependOnTheThreadCount() {
        int[] one = spikeCounts(1);
        int[] two = spikeCounts(2);
        assertTrue(java.util.Arrays.stream(one).sum() > 1000, "the input drives spikes");
        assertArrayEquals(one, two);
    }

    private static int[] spikeCounts(int threads) {
        try (Network net = driven(threads)) {
            NeuronPopulation pop = (NeuronPopulation) net.populations().get(0);
            pop.addPoissonInput(PoissonInput.of("inhibitory", 200, 8, -4 * WEIGHT_NA));
            SpikeMonitor spikes = net.monitorSpikes(pop, SpikeMonitor.settings().countsOnly());
            net.run(500);
            return spikes.counts();
        }
    }

    /** The counts depend on the step alone: a run continued from a checkpoint spikes as the uninterrupted one. */
    @Test
    void aRunContinuedFromACheckpointSpikesAsTheUninterruptedOne(@TempDir Path dir) {
        Path file = dir.resolve("poisson.h5");
        int[] whole;
        try (Network net = driven(1)) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0), SpikeMonitor.settings().countsOnly());
            net.run(200);
            whole = spikes.counts();
        }
        try (Network net = driven(1)) {
            net.run(100);
            net.saveCheckpoint(file);
        }
        try (Network net = driven(2)) {
            net.restoreCheckpoint(file);
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0), SpikeMonitor.settings().countsOnly());
            net.run(100);
            int[] second = spikes.counts();
            try (Network first = driven(1)) {
                SpikeMonitor early = first.monitorSpikes(first.populations().get(0),
                        SpikeMonitor.settings().countsOnly());
                first.run(100);
                int[] sum = early.counts().clone();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += second[i];
                }
                assertArrayEquals(whole, sum);
            }
        }
    }

    /** 301 of the microcircuit's neurons driven by 2900 Poisson sources at 8 Hz. */
    private static Network driven(int threads) {
        Network net = Network.builder().dt(DT).seed(11).threads(threads).build();
        net.addNeurons("driven", 301, cell()).addPoissonInput(PoissonInput.of("excitatory", 2900, 8, WEIGHT_NA));
        return net;
    }

    /** The microcircuit's neuron. */
    private static IfCurrExp cell() {
        return IfCurrExp.builder().cm(0.25).tauM(10).tauSynE(0.5).tauSynI(0.5).tauRefrac(2).vRest(-65).vReset(-65)
                .vThresh(-50).build();
    }

    @Test
    void badInputsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoissonInput.of("excitatory", 0, 8, 1));
        assertTrue(e.getMessage().contains("sources = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoissonInput.of("excitatory", 10, -1, 1));
        assertTrue(e.getMessage().contains("rate = -1"), e.getMessage());
        try (Network net = Network.builder().dt(DT).seed(1).threads(1).build()) {
            NeuronPopulation current = net.addNeurons("current", 10, IfCurrExp.builder().build());
            e = assertThrows(IllegalArgumentException.class,
                    () -> current.addPoissonInput(PoissonInput.of("ampa", 10, 8, 1)));
            assertTrue(e.getMessage().contains("receptor = 'ampa'") && e.getMessage().contains("excitatory"),
                    e.getMessage());
            NeuronPopulation conductance = net.addNeurons("conductance", 10, IfCondExp.builder().build());
            e = assertThrows(IllegalArgumentException.class,
                    () -> conductance.addPoissonInput(PoissonInput.of("inhibitory", 10, 8, -0.01)));
            assertTrue(e.getMessage().contains("weight = -0.01") && e.getMessage().contains(">= 0"), e.getMessage());
            current.addPoissonInput(PoissonInput.of("excitatory", 100_000, 20_000, 0.001));
            e = assertThrows(IllegalArgumentException.class, () -> net.run(1));
            assertTrue(e.getMessage().contains("200000.0 spikes per step") && e.getMessage().contains("at most 100"),
                    e.getMessage());
        }
    }

    @Test
    void theEventDrivenEngineRefusesPoissonInput() {
        try (Network net = Network.builder().dt(DT).seed(1).engine(EngineKind.EVENT_DRIVEN).build()) {
            net.addNeurons("driven", 10, IfCurrExp.builder().build())
                    .addPoissonInput(PoissonInput.of("excitatory", 100, 8, 0.1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.run(1));
            assertTrue(e.getMessage().contains("PoissonInput(100 sources") && e.getMessage().contains("clock-driven"),
                    e.getMessage());
        }
    }
}
