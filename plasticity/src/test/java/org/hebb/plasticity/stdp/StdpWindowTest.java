package org.hebb.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.plasticity.WeightDependence;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.neurons.lif.IfCurrDelta;
import org.junit.jupiter.api.Test;

/**
 * The pair protocol: each pair of neurons sees one presynaptic spike and one postsynaptic spike (forced by a strong
 * driver input) at a chosen interval; the weight change must follow the analytic window of the interval measured
 * at the synapse, within 1%.
 */
class StdpWindowTest {
    private static final double DT = 0.1;
    private static final double W0 = 0.5;
    private static final double W_MAX = 1.0;
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU_PLUS = 17;
    private static final double TAU_MINUS = 34;

    /** Pair i: presynaptic spike at 100 ms, driver spike so that the postsynaptic spike comes intervals[i] later. */
    private static double[] pairProtocol(double[] intervalsMs, int[] delaySteps, Stdp rule, double[] measuredMs) {
        int n = intervalsMs.length;
        double[][] preTimes = new double[n][];
        double[][] driverTimes = new double[n][];
        for (int i = 0; i < n; i++) {
            preTimes[i] = new double[] {100};
            // the driver's spike arrives (and the post neuron fires) one step after emission
            driverTimes[i] = new double[] {100 + delaySteps[i] * DT + intervalsMs[i] - DT};
        }
        try (Network net = Network.builder().dt(DT).seed(3).threads(2).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", preTimes);
            SpikeTimesSource driver = net.addSpikeTimes("driver", driverTimes);
            NeuronPopulation post = net.addNeurons("post", n, IfCurrDelta.builder().build());
            Projection plastic = net.connect(pre, post, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(W0)).delays(delaySteps));
            net.connect(driver, post, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(100)));
            StdpSynapses stdp = net.addPlasticity(plastic, rule);
            SpikeMonitor preSpikes = net.monitorSpikes(pre);
            SpikeMonitor postSpikes = net.monitorSpikes(post);
            net.run(260);
            int[] preStep = firstStepOf(preSpikes, n);
            int[] postStep = firstStepOf(postSpikes, n);
            double[] dw = new double[n];
            for (int i = 0; i < n; i++) {
                assertEquals(1, postSpikes.counts()[i], "post neuron " + i + " must spike exactly once");
                measuredMs[i] = (postStep[i] - preStep[i] - delaySteps[i]) * DT;
                dw[i] = stdp.weights()[i] - W0;
            }
            return dw;
        }
    }

    private static int[] firstStepOf(SpikeMonitor monitor, int n) {
        int[] first = new int[n];
        java.util.Arrays.fill(first, -1);
        for (int s = 0; s < monitor.storedCount(); s++) {
            int neuron = monitor.neurons()[s];
            if (first[neuron] < 0) {
                first[neuron] = Math.toIntExact(monitor.steps()[s]);
            }
        }
        return first;
    }

    private static double[] intervals() {
        double[] intervals = new double[81];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = -60 + 1.5 * i;
        }
        return intervals;
    }

    private static Stdp.Builder rule() {
        return Stdp.builder().tauPlus(TAU_PLUS).tauMinus(TAU_MINUS).aPlus(A_PLUS).aMinus(A_MINUS).wMax(W_MAX);
    }

    private static void assertWindow(double[] measured, double[] dw, WeightDependence dependence) {
        double worst = 0;
        for (int i = 0; i < dw.length; i++) {
            double t = measured[i];
            double expected;
            if (t >= 0) {
                double scale = dependence == WeightDependence.ADDITIVE ? W_MAX : W_MAX - W0;
                expected = A_PLUS * scale * Math.exp(-t / TAU_PLUS);
            } else {
                double scale = dependence == WeightDependence.ADDITIVE ? W_MAX : W0;
                expected = -A_MINUS * scale * Math.exp(t / TAU_MINUS);
            }
            double relative = Math.abs(dw[i] - expected) / Math.abs(expected);
            worst = Math.max(worst, relative);
            assertTrue(relative < 0.01, "interval " + t + " ms: dw " + dw[i] + " vs analytic " + expected);
        }
        System.out.printf("STDP window (%s, %d pairs): worst relative error %.2e%n", dependence, dw.length, worst);
    }

    @Test
    void additiveWindowMatchesTheAnalyticCurveWithUniformDelay() {
        double[] intervals = intervals();
        int[] delays = new int[intervals.length];
        java.util.Arrays.fill(delays, 1);
        double[] measured = new double[intervals.length];
        double[] dw = pairProtocol(intervals, delays, rule().build(), measured);
        for (int i = 0; i < intervals.length; i++) {
            assertEquals(intervals[i], measured[i], 1e-9, "the protocol places the post spike as planned");
        }
        assertWindow(measured, dw, WeightDependence.ADDITIVE);
    }

    @Test
    void timingIsMeasuredAtTheSynapseWithHeterogeneousDelays() {
        double[] intervals = intervals();
        int[] delays = new int[intervals.length];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = 1 + (i * 37) % 150;
        }
        double[] measured = new double[intervals.length];
        double[] dw = pairProtocol(intervals, delays, rule().build(), measured);
        for (int i = 0; i < intervals.length; i++) {
            assertEquals(intervals[i], measured[i], 1e-9);
        }
        assertWindow(measured, dw, WeightDependence.ADDITIVE);
    }

    @Test
    void multiplicativeWindowScalesWithTheDistanceToTheBound() {
        double[] intervals = intervals();
        int[] delays = new int[intervals.length];
        java.util.Arrays.fill(delays, 3);
        double[] measured = new double[intervals.length];
        double[] dw = pairProtocol(intervals, delays,
                rule().weightDependence(WeightDependence.MULTIPLICATIVE).build(), measured);
        assertWindow(measured, dw, WeightDependence.MULTIPLICATIVE);
    }

    /** The weight change of one synapse under all-to-all ([0]) and nearest-neighbour ([1]) pairing. */
    private static double[] changeUnderBothPairings(double[][] preTimes, double[][] driverTimes) {
        double[] dw = new double[2];
        Trace.Pairing[] pairings = {Trace.Pairing.ALL_TO_ALL, Trace.Pairing.NEAREST_NEIGHBOUR};
        for (int p = 0; p < 2; p++) {
            try (Network net = Network.builder().dt(DT).threads(1).build()) {
                SpikeTimesSource pre = net.addSpikeTimes("pre", preTimes);
                SpikeTimesSource driver = net.addSpikeTimes("driver", driverTimes);
                NeuronPopulation post = net.addNeurons("post", 1, IfCurrDelta.builder().build());
                Projection plastic = net.connect(pre, post, Connectors.oneToOne(),
                        Synapses.onto("excitatory").weights(Values.constant(W0)));
                net.connect(driver, post, Connectors.oneToOne(),
                        Synapses.onto("excitatory").weights(Values.constant(100)));
                StdpSynapses stdp = net.addPlasticity(plastic, rule().pairing(pairings[p]).build());
                SpikeMonitor postSpikes = net.monitorSpikes(post);
                net.run(150);
                assertEquals(driverTimes[0].length, postSpikes.totalCount(), "one postsynaptic spike per driver spike");
                dw[p] = stdp.weights()[0] - W0;
            }
        }
        return dw;
    }

    @Test
    void nearestNeighbourPairingCountsOnlyTheLatestPresynapticSpike() {
        double[] dw = changeUnderBothPairings(new double[][] {{80, 95}}, new double[][] {{104.9}});
        // presynaptic spikes arrive at 80.1 and 95.1 ms, the postsynaptic spike is at 105 ms
        double near = A_PLUS * W_MAX * Math.exp(-9.9 / TAU_PLUS);
        double far = A_PLUS * W_MAX * Math.exp(-24.9 / TAU_PLUS);
        assertEquals(near + far, dw[0], 1e-3 * (near + far));
        assertEquals(near, dw[1], 1e-3 * near);
    }

    /** The mirror image: two postsynaptic spikes before one arrival; nearest-neighbour depression sees the later. */
    @Test
    void nearestNeighbourPairingCountsOnlyTheLatestPostsynapticSpike() {
        double[] dw = changeUnderBothPairings(new double[][] {{104.9}}, new double[][] {{80, 95}});
        // postsynaptic spikes at 80.1 and 95.1 ms (no earlier arrival: no potentiation), the arrival at 105 ms
        double near = -A_MINUS * W_MAX * Math.exp(-9.9 / TAU_MINUS);
        double far = -A_MINUS * W_MAX * Math.exp(-24.9 / TAU_MINUS);
        assertEquals(near + far, dw[0], 1e-3 * Math.abs(near + far));
        assertEquals(near, dw[1], 1e-3 * Math.abs(near));
    }
}
