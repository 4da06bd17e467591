package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Network#resetState}: neurons start over, spikes in flight are dropped, and the plasticity slot sees every
 * spike step exactly once, the last one before the reset included.
 */
class ResetStateTest {
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void trialsAfterAResetRepeatTheFirstOne(int threads) {
        try (Network net = Network.builder().dt(0.1).seed(3).threads(threads).build()) {
            NeuronPopulation driven = net.addNeurons("driven", 4, IfCurrDelta.builder().tauRefrac(2).build());
            driven.initialize("v", Values.uniform(-65, -55));
            driven.inject(Currents.constant(1.2));
            NeuronPopulation target = net.addNeurons("target", 4, IfCurrDelta.builder().build());
            Projection projection = net.connect(driven, target, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(20)).delays(Delays.ms(3)));
            List<Long> seen = new ArrayList<>();
            net.afterDelivery(projection, (synapses, step, pre, post) -> {
                if (synapses.partition() == 0) {
                    seen.add(step);
                }
            });
            SpikeMonitor drivenSpikes = net.monitorSpikes(driven);
            SpikeMonitor targetSpikes = net.monitorSpikes(target);
            net.run(40);
            net.resetState();
            net.run(40);

            long[] steps = drivenSpikes.steps();
            int[] neurons = drivenSpikes.neurons();
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (int k = 0; k < steps.length; k++) {
                (steps[k] < 400 ? first : second).add(neurons[k] + "@" + (steps[k] % 400));
            }
            assertEquals(first, second, "the driven neurons repeat the first trial after the reset");
            assertEquals(true, first.size() >= 6 && first.stream().anyMatch(spike -> Integer.parseInt(
                    spike.split("@")[1]) >= 370), "the trial needs spikes, one in its last 3 ms: " + first);
            assertEquals(true, java.util.Arrays.stream(targetSpikes.steps()).anyMatch(s -> s >= 430),
                    "test setup: the driven spikes make the target fire, after the reset too");
            for (long s : targetSpikes.steps()) {
                // a spike emitted in the last 3 ms of the first trial would arrive after the reset: it is dropped
                assertEquals(true, s < 400 || s >= 400 + 30, "target spike at step " + s);
            }
            assertArrayEquals(java.util.stream.LongStream.rangeClosed(0, 798).filter(s -> s != 799).toArray(),
                    seen.stream().mapToLong(Long::longValue).toArray(),
                    "every step before the end of the second trial seen once, the last of the first one included");
        }
    }
}
