package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.simulator.EngineKind;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Before a presynaptic spike can have arrived at a synapse (the first steps of a run, up to the synapse's delay),
 * the presynaptic trace the synapse sees is 0, and on_post and on_step still run there, as they do in Brian2 and
 * under the event-driven engine: a term that does not depend on the trace takes effect from the first step.
 */
class BeforeFirstArrivalTest {
    private static final double W0 = 0.5;
    private static final double A = 0.01;
    private static final double B = 0.002;
    /** The plastic synapses' delays, steps: longer than the time the test runs. */
    private static final int[] DELAYS = {30, 40};

    private static SynapseDefinition.Builder rule(String name) {
        return SynapseDefinition.builder(name)
                .parameter("tau", "ms", 20).parameter("A", "weight", A).parameter("B", "weight", B)
                .presynapticTrace("dx_pre/dt = -x_pre / tau : 1", "x_pre += 1");
    }

    /** Two synapses without presynaptic spikes onto two neurons that a driver makes spike once, at step 2. */
    private static float[] afterOnePostsynapticSpike(EngineKind engine, boolean uniform, SynapseDefinition rule) {
        try (Network net = Network.builder().engine(engine).dt(0.1).seed(1).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {{}, {}});
            SpikeTimesSource driver = net.addSpikeTimes("driver", new double[][] {{0.1}, {0.1}});
            NeuronPopulation post = net.addNeurons("post", 2, IfCurrDelta.builder().build());
            Synapses synapses = Synapses.onto("excitatory").weights(Values.constant(W0));
            Projection plastic = net.connect(pre, post, Connectors.oneToOne(),
                    uniform ? synapses.delays(Delays.steps(DELAYS[0]))
                            : synapses.delays(DELAYS));
            net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                    .weights(Values.constant(100)));
            DefinedSynapses state = net.addPlasticity(plastic, rule.rule());
            SpikeMonitor spikes = net.monitorSpikes(post);
            net.run(2);
            assertArrayEquals(new int[] {1, 1}, spikes.counts(), "each neuron spikes once");
            return state.weights().clone();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineKind.class)
    void onPostRunsBeforeAPresynapticSpikeCanHaveArrived(EngineKind engine) {
        SynapseDefinition depressing = rule("depressing on post").onPost("w = w + A * x_pre - B").build();
        for (boolean uniform : new boolean[] {true, false}) {
            float[] w = afterOnePostsynapticSpike(engine, uniform, depressing);
            for (float x : w) {
                assertEquals(W0 - B, x, 1e-6, (uniform ? "one delay" : "per-synapse delays")
                        + ": the postsynaptic spike depresses the synapse by B, the trace being 0");
            }
        }
    }

    /**
     * on_step reading the presynaptic trace changes the weights from the first step on as one that does not read
     * it (the trace, 0 before the first arrival, adds nothing).
     */
    @ParameterizedTest(name = "uniform delay {0}")
    @ValueSource(booleans = {true, false})
    void onStepRunsBeforeAPresynapticSpikeCanHaveArrived(boolean uniform) {
        SynapseDefinition reading = rule("leak reading the trace")
                .onStep("w = w + A * x_pre * dt / ms - B * dt / ms").build();
        SynapseDefinition leak = rule("leak").onStep("w = w - B * dt / ms").build();
        float[] expected = afterOnePostsynapticSpike(EngineKind.CLOCK_DRIVEN, uniform, leak);
        assertEquals(W0 - 20 * B * 0.1, expected[0], 2 * B * 0.1, "the leak runs every step of the 2 ms");
        assertArrayEquals(expected, afterOnePostsynapticSpike(EngineKind.CLOCK_DRIVEN, uniform, reading));
    }
}
