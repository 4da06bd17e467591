package org.hebb.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.RuleStateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * A monitor of rule state over time, on a distal-reward protocol: the paired synapse's weight stays put until the
 * reward window (1000-1010 ms) and holds its final value after it; the global modulator is 1 in exactly the
 * window's samples; bad requests are refused naming what is wrong.
 */
class RuleStateMonitorTest {
    private static final double DT = 0.1;

    @Test
    void weightAndModulatorOverTime() {
        try (Network net = Network.builder().dt(DT).threads(1).build()) {
            ThreeFactorSynapses rule = rewardedPairing(net);
            RuleStateMonitor weight = net.monitorRule(rule, "weight", new int[] {0, 1}, 1.0);
            RuleStateMonitor modulator = net.monitorRule(rule, "modulator", new int[] {0}, 1.0);
            net.run(1500);
            double[] times = weight.times();
            assertEquals(1500, weight.sampleCount());
            assertEquals(1.0, times[0], 1e-9);
            float[] paired = weight.trace(0);
            float[] unpaired = weight.trace(1);
            float last = rule.weights()[0];
            assertTrue(last > 0.5f + 1e-4f, "the paired synapse potentiates: " + last);
            int rewarded = 0;
            for (int s = 0; s < times.length; s++) {
                if (times[s] <= 1000) {
                    assertEquals(0.5f, paired[s], "before the reward, at " + times[s] + " ms");
                } else if (times[s] > 1011) {
                    assertEquals(last, paired[s], "after the reward, at " + times[s] + " ms");
                } else if (s > 0) {
                    assertTrue(paired[s] >= paired[s - 1], "weight rises during the reward");
                }
                assertEquals(0.5f, unpaired[s], 1e-3f);
                float m = modulator.trace(0)[s];
                if (m == 1f) {
                    rewarded++;
                    assertTrue(times[s] > 1000 && times[s] <= 1011, "modulator on at " + times[s] + " ms");
                } else {
                    assertEquals(0f, m);
                }
            }
            assertEquals(10, rewarded, "one sample per ms of the 10 ms reward");
        }
    }

    @Test
    void badRequestsAreRefused() {
        try (Network net = Network.builder().dt(DT).build(); Network other = Network.builder().dt(DT).build()) {
            ThreeFactorSynapses rule = rewardedPairing(net);
            ThreeFactorSynapses foreign = rewardedPairing(other);
            String unknown = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorRule(rule, "wieght", new int[] {0}, 1)).getMessage();
            assertTrue(unknown.contains("wieght") && unknown.contains("weight"), unknown);
            String notOurs = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorRule(foreign, "weight", new int[] {0}, 1)).getMessage();
            assertTrue(notOurs.contains("not returned by addPlasticity"), notOurs);
            String range = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorRule(rule, "weight", new int[] {3}, 1)).getMessage();
            assertTrue(range.contains("3"), range);
            String none = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorRule(rule, "weight", new int[0], 1)).getMessage();
            assertTrue(none.startsWith("elements is empty"), none);
            String interval = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorRule(rule, "weight", new int[] {0}, 0)).getMessage();
            assertTrue(interval.startsWith("interval = 0.0 ms is not allowed"), interval);
            String twice = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorRule(rule, "weight", new int[] {1, 0, 1}, 1)).getMessage();
            assertEquals("element 1 is listed twice for the monitor of rule variable 'weight', at positions 0 and 2 "
                    + "of elements: each may be listed once", twice);
        }
    }

    /** Pre 0 arrives 9.9 ms before a forced post spike, pre 1 490 ms after it; reward from 1000 to 1010 ms. */
    private static ThreeFactorSynapses rewardedPairing(Network net) {
        SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {{100}, {600}, {120}});
        SpikeTimesSource driver = net.addSpikeTimes("driver", new double[][] {{109.9}});
        NeuronPopulation post = net.addNeurons("post", 1, IfCurrDelta.builder().build());
        Projection p = net.connect(pre, post, Connectors.allToAll(true),
                Synapses.onto("excitatory").weights(Values.constant(0.5)));
        net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory").weights(Values.constant(100)));
        return net.addPlasticity(p, ThreeFactor.builder().tauEligibility(1000).tauPlus(20).tauMinus(20).aPlus(1)
                .aMinus(1).eta(0.01).wMin(0).wMax(1)
                .modulator((step, t) -> t >= 1000 - 1e-9 && t < 1010 - 1e-9 ? 1 : 0).build());
    }
}
