package org.hebb.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.connect.Connector;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misuse and failures are refused loudly instead of corrupting a simulation. */
class RobustnessTest {
    private static final IfCurrExp MODEL = IfCurrExp.builder().build();

    @Test
    void closedNetworkRefusesToRun() {
        Network net = Network.builder().threads(2).build();
        net.addNeurons("a", 10, MODEL);
        net.run(1);
        net.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.run(1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void failureInsideAStepStopsTheNetworkForGood() {
        try (Network net = Network.builder().threads(2).build()) {
            NeuronPopulation a = net.addNeurons("a", 10, MODEL);
            a.inject(Currents.function((t, i) -> {
                if (t > 0.45 && i == 9) {
                    throw new ArithmeticException("user code failed");
                }
                return 0.1;
            }));
            assertThrows(ArithmeticException.class, () -> net.run(1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.run(1));
            assertTrue(e.getMessage().contains("earlier run failed inside step 5"), e.getMessage());
        }
    }

    /**
     * An infinite current fired and reset its neuron within the step, so the finite-state check found nothing and
     * the run went on; it now stops the run, naming the neuron and the time.
     */
    @Test
    void anInfiniteCurrentFromAFunctionStopsTheRun() {
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 3, MODEL);
            a.inject(Currents.function((t, i) -> t >= 0.5 && i == 2 ? Double.POSITIVE_INFINITY : 0.1));
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> net.run(1));
            assertEquals("the current function gave Infinity in the model's unit of I_inj for neuron 2 at t = 0.5 ms: "
                    + "it must give finite currents", e.getMessage());
        }
    }

    /**
     * A monitor that fails (here at 0.3 ms) stops the run, and the monitors after it still record that step: before,
     * they missed the step it failed in, and the spike of the source at 0.3 ms was lost to them.
     */
    @Test
    void aFailingMonitorCostsTheOthersNoStep() {
        try (Network net = Network.builder().threads(1).build()) {
            var source = net.addSpikeTimes("s", new double[][] {{0.3}});
            net.addMonitor(source, new org.hebb.simulator.monitor.Monitor() {
                @Override
                public void record(long step, org.hebb.simulator.engine.SpikeView spikes) {
                    if (step == 3) {
                        throw new IllegalStateException("disk full");
                    }
                }

                @Override
                public long memoryBytes() {
                    return 0;
                }
            });
            SpikeMonitor after = net.monitorSpikes(source);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.run(1));
            assertEquals("disk full", e.getMessage());
            assertEquals(1, after.totalCount());
            net.run(1);
            assertEquals(1, after.totalCount());
        }
    }

    @Test
    void currentsAreFixedByTheFirstRun() {
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 3, MODEL);
            net.run(1);
            assertThrows(IllegalStateException.class, () -> a.inject(Currents.constant(1)));
        }
    }

    @Test
    void stepCurrentTimesInOneStepAreRefused() {
        try (Network net = Network.builder().dt(0.1).threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 3, MODEL);
            a.inject(Currents.step(new double[] {0.0, 0.01}, new double[] {5, 0}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.run(1));
            assertTrue(e.getMessage().contains("times[1] = 0.01 ms"), e.getMessage());
        }
    }

    @Test
    void fixedInDegreeZeroMakesNoSynapses() {
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 5, MODEL);
            Projection p = net.connect(a, a, Connectors.fixedInDegree(0, false),
                    Synapses.onto("excitatory").weights(Values.constant(0.1)));
            assertEquals(0, p.synapseCount());
        }
    }

    @Test
    void pairsOutsideThePopulationsAreRefused() {
        Connector broken = new Connector() {
            @Override
            public void connect(org.hebb.simulator.population.Population source,
                                org.hebb.simulator.population.Population target,
                                org.apache.commons.rng.UniformRandomProvider random, PairSink sink) {
                sink.add(0, target.size());
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 5, MODEL);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a, a,
                    broken, Synapses.onto("excitatory").weights(Values.constant(0.1))));
            assertTrue(e.getMessage().contains("(0, 5)"), e.getMessage());
        }
    }

    @Test
    void nullsAndNaNBoundsAreRefusedByName() {
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 5, MODEL);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.addSpikeTimes("s", null))
                    .getMessage().contains("times"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.monitorSpikes(a, null))
                    .getMessage().contains("settings"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Currents.perNeuron(null))
                    .getMessage().contains("amplitudes"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> a.set("v", (float[]) null))
                    .getMessage().contains("values"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> Values.normalClipped(0, 1, Double.NaN, 1)).getMessage().contains("low = NaN"));
        }
    }

    @Test
    void spikeFileDirectoriesAreCreated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("deep/er/spikes.csv");
        try (Network net = Network.builder().threads(1).build()) {
            net.monitorSpikes(net.addSpikeTimes("s", new double[][] {{0.5}}), SpikeMonitor.settings().streamTo(file));
            net.run(2);
        }
        assertEquals(3, Files.readAllLines(file).size(), "comment, header and one spike");
    }
}
