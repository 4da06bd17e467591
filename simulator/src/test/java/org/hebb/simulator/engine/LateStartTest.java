package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.PopulationRateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.random.CounterRandom;
import org.hebb.simulator.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A clock started late ({@link Network.Builder#startStep}) runs a network as one started at 0 does, shifted: across
 * step 2^31 (where a step stored in an int turns negative) and 2^32 (where Philox takes the step's upper word), on
 * one thread and two, and on the event-driven engine.
 */
class LateStartTest {
    private static final double DT = 0.1;
    private static final long BEFORE_2_31 = (1L << 31) - 50;
    private static final long BEFORE_2_32 = (1L << 32) - 50;

    /** What a run of the deterministic network leaves, its steps counted from the clock's first step. */
    private record Outcome(long[] spikeSteps, int[] neurons, float[] v, float[] sampled, double[] sampleTimes,
                           double[] rates, double[] binStarts, long arrivals) {
    }

    /**
     * Neurons driven by constant currents of their own from random initial v, a recurrent projection with delays of
     * 1 to 30 steps (a user synapse update reads its arrivals), monitors of spikes, state and rate; runs of 7.3 and
     * 192.7 ms.
     */
    private static Outcome simulate(long start, int threads) {
        try (Network net = Network.builder().dt(DT).seed(8).threads(threads).startStep(start).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 80, IfCurrExp.builder().tauRefrac(2).build());
            cells.initialize("v", Values.uniform(-65, -50.5));
            float[] drive = new float[80];
            for (int i = 0; i < drive.length; i++) {
                drive[i] = 0.5f + 0.01f * i;
            }
            cells.inject(Currents.perNeuron(drive));
            Projection recurrent = net.connect(cells, cells, Connectors.fixedProbability(0.2, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.2, 0.8)).delays(Delays.uniformSteps(1, 30)));
            AtomicLong arrivals = new AtomicLong();
            net.afterDelivery(recurrent, (synapses, spikeStep, pre, post) -> {
                long sum = 0;
                int[] arriving = synapses.arrivingSynapses(spikeStep);
                for (int c = 0, n = synapses.arrivingCount(spikeStep); c < n; c++) {
                    sum += (arriving[c] + 1) * (spikeStep - start + 1);
                }
                arrivals.addAndGet(sum);
            });
            SpikeMonitor spikes = net.monitorSpikes(cells);
            StateMonitor state = net.monitorState(cells, new String[] {"v"}, new int[] {3, 40}, DT);
            PopulationRateMonitor rate = net.monitorRate(cells, 5);
            assertEquals(start, net.stepsRun(), "the clock before the first run");
            assertEquals(start * DT, net.timeMs(), 1e-6);
            net.run(7.3);
            net.run(192.7);
            assertEquals(start + 2000, net.stepsRun());
            long[] steps = spikes.steps();
            for (int k = 0; k < steps.length; k++) {
                steps[k] -= start;
            }
            double[] sampleTimes = state.times();
            for (int k = 0; k < sampleTimes.length; k++) {
                sampleTimes[k] -= start * DT;
            }
            double[] binStarts = rate.binStartsMs();
            for (int k = 0; k < binStarts.length; k++) {
                binStarts[k] -= start * DT;
            }
            return new Outcome(steps, spikes.neurons(), cells.state().array("v").clone(), state.trace("v", 1),
                    sampleTimes, rate.ratesHz(), binStarts, arrivals.get());
        }
    }

    static Stream<Arguments> startsAndThreads() {
        return Stream.of(BEFORE_2_31, BEFORE_2_32).flatMap(start -> Stream.of(Arguments.of(start, 1),
                Arguments.of(start, 2)));
    }

    @ParameterizedTest(name = "start {0}, {1} thread(s)")
    @MethodSource("startsAndThreads")
    void aLateClockGivesTheSameSpikesShifted(long start, int threads) {
        Outcome reference = simulate(0, 1);
        Outcome late = simulate(start, threads);
        assertTrue(reference.spikeSteps().length > 500, "test setup: spikes " + reference.spikeSteps().length);
        assertTrue(reference.spikeSteps()[0] < 50, "test setup: spikes before the crossing");
        assertTrue(reference.arrivals() != 0, "test setup: arrivals");
        assertArrayEquals(reference.spikeSteps(), late.spikeSteps(), "spike steps, shifted");
        assertArrayEquals(reference.neurons(), late.neurons(), "spiking neurons");
        assertArrayEquals(reference.v(), late.v(), "final v");
        assertArrayEquals(reference.sampled(), late.sampled(), "sampled v");
        assertArrayEquals(reference.sampleTimes(), late.sampleTimes(), 1e-6, "sample times, shifted");
        assertArrayEquals(reference.rates(), late.rates(), "population rates");
        assertArrayEquals(reference.binStarts(), late.binStarts(), 1e-6, "rate bins, shifted");
        assertEquals(reference.arrivals(), late.arrivals(), "arrivals met by the synapse update");
    }

    /**
     * Across 2^32 a Poisson source draws for the step's both words: its spikes are those of the stream keyed by
     * the full step, on one thread and two.
     */
    @Test
    void poissonSpikesAcross2To32AreKeyedByTheFullStep() {
        int size = 200;
        double rateHz = 100;
        long[][] steps = new long[2][];
        int[][] neurons = new int[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (Network net = Network.builder().dt(DT).seed(3).threads(threads).startStep(BEFORE_2_32).build()) {
                PoissonSource drive = net.addPoissonSource("drive", size, rateHz);
                SpikeMonitor spikes = net.monitorSpikes(drive);
                net.run(10);
                steps[threads - 1] = spikes.steps();
                neurons[threads - 1] = spikes.neurons();
            }
        }
        CounterRandom random = new CounterRandom(Seeds.derive(3, "source:drive"));
        long threshold = CounterRandom.bernoulliThreshold((float) (rateHz * DT / 1000));
        int k = 0;
        for (long step = BEFORE_2_32; step < BEFORE_2_32 + 100; step++) {
            for (int i = 0; i < size; i++) {
                if (random.bernoulli(step, i, threshold)) {
                    assertEquals(step, steps[0][k], "spike " + k + " step");
                    assertEquals(i, neurons[0][k], "spike " + k + " neuron");
                    k++;
                }
            }
        }
        assertEquals(k, steps[0].length, "no other spikes");
        assertTrue(k > 100, "test setup: spikes " + k);
        assertArrayEquals(steps[0], steps[1], "two threads: steps");
        assertArrayEquals(neurons[0], neurons[1], "two threads: neurons");
    }

    /** The event-driven engine starts its clock and its neurons at startStep * dt. */
    @Test
    void theEventDrivenEngineStartsLateToo() {
        double[][] times = new double[2][];
        int[][] neurons = new int[2][];
        long[] starts = {0, BEFORE_2_31};
        for (int r = 0; r < 2; r++) {
            try (Network net = Network.builder().dt(DT).seed(8).engine(EngineKind.EVENT_DRIVEN)
                    .startStep(starts[r]).build()) {
                NeuronPopulation cells = net.addNeurons("cells", 40, IfCurrExp.builder().tauRefrac(2).build());
                cells.initialize("v", Values.uniform(-65, -50.5));
                float[] drive = new float[40];
                for (int i = 0; i < drive.length; i++) {
                    drive[i] = 0.5f + 0.02f * i;
                }
                cells.inject(Currents.perNeuron(drive));
                net.connect(cells, cells, Connectors.fixedProbability(0.1, false), Synapses.onto("excitatory")
                        .weights(Values.constant(0.05)).delays(Delays.uniformMs(0.5, 3)));
                SpikeMonitor spikes = net.monitorSpikes(cells);
                net.run(100);
                assertEquals(starts[r] + 1000, net.stepsRun());
                times[r] = spikes.times();
                neurons[r] = spikes.neurons();
                for (int k = 0; k < times[r].length; k++) {
                    times[r][k] -= starts[r] * DT;
                }
            }
        }
        assertTrue(times[0].length > 50, "test setup: spikes " + times[0].length);
        assertArrayEquals(neurons[0], neurons[1], "spiking neurons");
        assertArrayEquals(times[0], times[1], 1e-5, "spike times, shifted (to the rounding of the later times)");
    }

    @Test
    void aNegativeStartStepIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().startStep(-1));
        assertTrue(e.getMessage().startsWith("startStep = -1 is not allowed: must be in [0, "), e.getMessage());
    }
}
