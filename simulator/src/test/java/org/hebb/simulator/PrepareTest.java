package org.hebb.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Network#prepare}: the first run's setup done ahead, with the same run after it and the structure fixed. */
class PrepareTest {
    private record Built(Network network, NeuronPopulation target, SpikeMonitor spikes) {
    }

    private static Built build() {
        return build(EngineKind.CLOCK_DRIVEN);
    }

    private static Built build(EngineKind engine) {
        int threads = engine == EngineKind.EVENT_DRIVEN ? 1 : 2;
        Network net = Network.builder().seed(11).threads(threads).engine(engine).build();
        PoissonSource source = net.addPoissonSource("source", 200, 30);
        NeuronPopulation target = net.addNeurons("target", 300, IfCurrExp.builder().tauRefrac(2).build());
        net.connect(source, target, Connectors.fixedProbability(0.1, false),
                Synapses.onto("excitatory").weights(Values.constant(0.6)));
        return new Built(net, target, net.monitorSpikes(target));
    }

    @Test
    void aPreparedNetworkRunsAsOneThatWasNot() {
        Built plain = build();
        Built prepared = build();
        try (Network a = plain.network(); Network b = prepared.network()) {
            b.prepare();
            b.prepare();
            assertEquals(0, b.stepsRun());
            a.run(200);
            b.run(200);
            assertTrue(plain.spikes().totalCount() > 100, "the network must spike: " + plain.spikes().totalCount());
            assertArrayEquals(plain.spikes().steps(), prepared.spikes().steps());
            assertArrayEquals(plain.spikes().neurons(), prepared.spikes().neurons());
        }
    }

    /**
     * Membrane potentials drawn after {@code prepare()} are where the first run starts and what a reset returns to,
     * as when they are drawn before the first run of a network never prepared.
     */
    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void neuronStateSetAfterPreparingIsWhereTheFirstRunStarts(EngineKind engine) {
        Built plain = build(engine);
        Built prepared = build(engine);
        try (Network a = plain.network(); Network b = prepared.network()) {
            plain.target().initialize("v", Values.uniform(-65, -50.5));
            b.prepare();
            prepared.target().initialize("v", Values.uniform(-65, -50.5));
            float[] drawn = prepared.target().state().array(0).clone();
            a.run(100);
            b.run(100);
            assertTrue(plain.spikes().totalCount() > 50, "the network must spike: " + plain.spikes().totalCount());
            assertArrayEquals(plain.spikes().steps(), prepared.spikes().steps());
            assertArrayEquals(plain.spikes().neurons(), prepared.spikes().neurons());
            b.resetState();
            assertArrayEquals(drawn, prepared.target().state().array(0), "v after a reset");
        }
    }

    @Test
    void preparingFixesTheStructure() {
        Built built = build();
        try (Network net = built.network()) {
            net.prepare();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> net.addNeurons("more", 5, IfCurrExp.builder().build()));
            assertTrue(e.getMessage().contains("addNeurons") && e.getMessage().contains("prepare()"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> built.target().inject(Currents.constant(1)));
            assertTrue(e.getMessage().contains("inject") && e.getMessage().contains("prepare()"), e.getMessage());
        }
    }

    @Test
    void prepareIsRefusedDuringARunAndOnceClosed() {
        Built built = build();
        Network net = built.network();
        AtomicReference<Throwable> fromCallback = new AtomicReference<>();
        net.afterEachStep((step, timeMs) -> {
            try {
                net.prepare();
            } catch (IllegalStateException e) {
                fromCallback.compareAndSet(null, e);
            }
        });
        net.run(1);
        assertTrue(fromCallback.get() != null && fromCallback.get().getMessage().contains("prepare is not allowed "
                + "during a run"), String.valueOf(fromCallback.get()));
        net.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, net::prepare);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
