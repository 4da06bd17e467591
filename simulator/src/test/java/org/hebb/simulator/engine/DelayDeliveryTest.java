package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** A spike emitted in step s through a synapse of delay d acts in step s + d exactly. */
class DelayDeliveryTest {
    /** A membrane that neither leaks nor fires, so the potential counts the jumps that arrived. */
    private static final IfCurrDelta INTEGRATOR = IfCurrDelta.builder().tauM(1e12).vRest(0).vReset(-1)
            .vThresh(1e6).build();

    /** The first step whose end-of-step sample of v differs from 0, for each monitored neuron. */
    private static int[] firstChange(StateMonitor monitor, int neurons) {
        int[] first = new int[neurons];
        for (int k = 0; k < neurons; k++) {
            float[] trace = monitor.trace("v", k);
            first[k] = -1;
            for (int s = 0; s < trace.length; s++) {
                if (trace[s] != 0f) {
                    first[k] = s;
                    break;
                }
            }
        }
        return first;
    }

    @Test
    void heterogeneousDelaysDeliverAtTheirStep() {
        try (Network net = Network.builder().dt(0.1).threads(1).build()) {
            SpikeTimesSource source = net.addSpikeTimes("source", new double[][] {{2.0}});
            NeuronPopulation target = net.addNeurons("target", 4, INTEGRATOR);
            int[] delays = {1, 5, 17, 300};
            net.connect(source, target, Connectors.fromList(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}),
                    Synapses.onto("excitatory").weights(Values.constant(1.0)).delays(delays));
            StateMonitor v = net.monitorState(target, new String[] {"v"}, new int[] {0, 1, 2, 3}, 0.1);
            net.run(50);
            int[] first = firstChange(v, 4);
            for (int k = 0; k < 4; k++) {
                assertEquals(20 + delays[k], first[k], "neuron " + k + " with delay " + delays[k] + " steps");
                assertEquals(1.0f, v.trace("v", k)[v.sampleCount() - 1], "exactly one jump arrived");
            }
        }
    }

    @Test
    void uniformDelayInMillisecondsIsRoundedToSteps() {
        try (Network net = Network.builder().dt(0.1).threads(1).build()) {
            SpikeTimesSource source = net.addSpikeTimes("source", new double[][] {{1.0}, {3.0}});
            NeuronPopulation target = net.addNeurons("target", 2, INTEGRATOR);
            net.connect(source, target, Connectors.oneToOne(),
                    Synapses.onto("inhibitory").weights(Values.constant(-2.0)).delays(Delays.ms(1.5)));
            StateMonitor v = net.monitorState(target, new String[] {"v"}, new int[] {0, 1}, 0.1);
            net.run(10);
            int[] first = firstChange(v, 2);
            assertEquals(10 + 15, first[0]);
            assertEquals(30 + 15, first[1]);
            assertEquals(-2.0f, v.trace("v", 1)[v.sampleCount() - 1]);
        }
    }

    /** NEST's and Brian2's delay of 1.5 ms acts a step later than Hebb's: from step s + 16 at dt 0.1 ms. */
    @Test
    void delaysAsNestAndBrian2ApplyThemActAStepLater() {
        try (Network net = Network.builder().dt(0.1).threads(1).build()) {
            SpikeTimesSource source = net.addSpikeTimes("source", new double[][] {{1.0}});
            NeuronPopulation target = net.addNeurons("target", 1, INTEGRATOR);
            net.connect(source, target, Connectors.oneToOne(), Synapses.onto("excitatory")
                    .weights(Values.constant(1.0)).delays(Delays.asInNestAndBrian2(Delays.ms(1.5))));
            StateMonitor v = net.monitorState(target, new String[] {"v"}, new int[] {0}, 0.1);
            net.run(5);
            assertEquals(10 + 16, firstChange(v, 1)[0]);
        }
    }
}
