package org.hebb.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.plasticity.WeightDependence;
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
import org.junit.jupiter.api.Test;

/**
 * The pair protocol under the event-driven engine, with intervals and delays off any grid: each pair sees one
 * presynaptic spike (arriving after its own continuous delay) and one postsynaptic spike (forced by a driver input,
 * at the driver's arrival). The weight change must equal the analytic window of the exact interval to within one
 * unit in the last place of the single-precision weight.
 */
class EventStdpWindowTest {
    private static final double W0 = 0.5;
    private static final double W_MAX = 1.0;
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU_PLUS = 17;
    private static final double TAU_MINUS = 34;
    private static final double DRIVER_DELAY = 1.0;
    private static final int PAIRS = 97;

    private static double interval(int i) {
        return -60 + 120.0 * i / (PAIRS - 1) + 0.0137 * Math.sin(i);
    }

    private static void assertExactWindow(Stdp rule, WeightDependence dependence) {
        double[][] preTimes = new double[PAIRS][];
        double[][] driverTimes = new double[PAIRS][];
        try (Network net = Network.builder().engine(EngineKind.EVENT_DRIVEN).seed(3).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", preTimes(preTimes));
            Projection plastic;
            NeuronPopulation post = net.addNeurons("post", PAIRS, IfCurrDelta.builder().build());
            plastic = net.connect(pre, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                    .weights(Values.constant(W0)).delays(Delays.uniformMs(0.3, 7.7)));
            for (int i = 0; i < PAIRS; i++) {
                double arrival = 100 + plastic.delayMsOf(i, net.dt());
                driverTimes[i] = new double[] {arrival + interval(i) - DRIVER_DELAY};
            }
            SpikeTimesSource driver = net.addSpikeTimes("driver", driverTimes);
            net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                    .weights(Values.constant(100)).delays(Delays.ms(DRIVER_DELAY)));
            StdpSynapses stdp = net.addPlasticity(plastic, rule);
            SpikeMonitor postSpikes = net.monitorSpikes(post);
            net.run(260);
            double[] postTime = new double[PAIRS];
            for (int s = 0; s < postSpikes.storedCount(); s++) {
                postTime[postSpikes.neurons()[s]] = postSpikes.times()[s];
            }
            double worst = 0;
            boolean offGrid = false;
            for (int i = 0; i < PAIRS; i++) {
                assertEquals(1, postSpikes.counts()[i], "post neuron " + i + " must spike exactly once");
                double t = postTime[i] - (100 + plastic.delayMsOf(i, net.dt()));
                assertEquals(interval(i), t, 1e-9, "pair " + i + ": interval at the synapse");
                offGrid |= Math.abs(t / net.dt() - Math.rint(t / net.dt())) > 0.01;
                double expected = t >= 0
                        ? A_PLUS * (dependence == WeightDependence.ADDITIVE ? W_MAX : W_MAX - W0)
                        * Math.exp(-t / TAU_PLUS)
                        : -A_MINUS * (dependence == WeightDependence.ADDITIVE ? W_MAX : W0) * Math.exp(t / TAU_MINUS);
                double dw = stdp.weights()[i] - W0;
                worst = Math.max(worst, Math.abs(dw - expected) / Math.ulp((float) W0));
            }
            assertTrue(offGrid, "test setup: intervals must fall between grid points");
            assertTrue(worst <= 1, dependence + ": worst error " + worst + " units of the weight's last place");
            System.out.printf("event-driven STDP window (%s, %d pairs): worst error %.2f units in the last place of "
                    + "the float weight%n", dependence, PAIRS, worst);
        }
    }

    private static double[][] preTimes(double[][] times) {
        for (int i = 0; i < PAIRS; i++) {
            times[i] = new double[] {100};
        }
        return times;
    }

    private static Stdp.Builder rule() {
        return Stdp.builder().tauPlus(TAU_PLUS).tauMinus(TAU_MINUS).aPlus(A_PLUS).aMinus(A_MINUS).wMax(W_MAX);
    }

    @Test
    void additiveWindowIsExact() {
        assertExactWindow(rule().build(), WeightDependence.ADDITIVE);
    }

    @Test
    void multiplicativeWindowIsExact() {
        assertExactWindow(rule().weightDependence(WeightDependence.MULTIPLICATIVE).build(),
                WeightDependence.MULTIPLICATIVE);
    }

    /** Two presynaptic spikes before one postsynaptic spike: all-to-all sums both pairs, nearest-neighbour one. */
    @Test
    void pairingSchemesCountTheRightPairs() {
        for (var pairing : org.hebb.simulator.engine.Trace.Pairing.values()) {
            try (Network net = Network.builder().engine(EngineKind.EVENT_DRIVEN).build()) {
                SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {{10.0, 13.3}});
                SpikeTimesSource driver = net.addSpikeTimes("driver", new double[][] {{18.05}});
                NeuronPopulation post = net.addNeurons("post", 1, IfCurrDelta.builder().build());
                Projection plastic = net.connect(pre, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                        .weights(Values.constant(W0)).delays(Delays.ms(0.25)));
                net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                        .weights(Values.constant(100)).delays(Delays.ms(DRIVER_DELAY)));
                StdpSynapses stdp = net.addPlasticity(plastic, rule().pairing(pairing).build());
                net.run(40);
                double tPost = 18.05 + DRIVER_DELAY;
                double late = A_PLUS * W_MAX * Math.exp(-(tPost - 13.55) / TAU_PLUS);
                double early = A_PLUS * W_MAX * Math.exp(-(tPost - 10.25) / TAU_PLUS);
                double expected = pairing == org.hebb.simulator.engine.Trace.Pairing.ALL_TO_ALL ? late + early : late;
                assertEquals(expected, stdp.weights()[0] - W0, 1e-6, pairing.toString());
            }
        }
    }

    /**
     * The mirror image: two postsynaptic spikes before one arrival; all-to-all depression sums both pairs,
     * nearest-neighbour depression sees the later postsynaptic spike alone.
     */
    @Test
    void pairingSchemesCountTheRightPostsynapticSpikes() {
        for (var pairing : org.hebb.simulator.engine.Trace.Pairing.values()) {
            try (Network net = Network.builder().engine(EngineKind.EVENT_DRIVEN).build()) {
                SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {{18.05}});
                SpikeTimesSource driver = net.addSpikeTimes("driver", new double[][] {{10.0, 13.3}});
                NeuronPopulation post = net.addNeurons("post", 1, IfCurrDelta.builder().build());
                Projection plastic = net.connect(pre, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                        .weights(Values.constant(W0)).delays(Delays.ms(0.25)));
                net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory")
                        .weights(Values.constant(100)).delays(Delays.ms(DRIVER_DELAY)));
                StdpSynapses stdp = net.addPlasticity(plastic, rule().pairing(pairing).build());
                SpikeMonitor postSpikes = net.monitorSpikes(post);
                net.run(40);
                assertEquals(2, postSpikes.totalCount(), "test setup: postsynaptic spikes");
                double arrival = 18.05 + 0.25;
                double late = -A_MINUS * W_MAX * Math.exp(-(arrival - 13.3 - DRIVER_DELAY) / TAU_MINUS);
                double early = -A_MINUS * W_MAX * Math.exp(-(arrival - 10.0 - DRIVER_DELAY) / TAU_MINUS);
                double expected = pairing == org.hebb.simulator.engine.Trace.Pairing.ALL_TO_ALL ? late + early : late;
                assertEquals(expected, stdp.weights()[0] - W0, 1e-6, pairing.toString());
            }
        }
    }
}
