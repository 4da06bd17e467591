package org.hebb.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.plasticity.definition.DefinedSynapses;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Triplet STDP written only as a definition ({@link TripletStdp#MINIMAL}, {@link TripletStdp#FULL}) under the
 * pairing protocol of Sjöström et al. (2001) that Pfister and Gerstner fitted: 60 pairs at 1, 10, 20, 40 and 50 Hz,
 * the postsynaptic spike 10 ms after or before the presynaptic one. Each weight change equals the model's closed
 * form, the sums of exponentials over the spike times the run produced, on both engines; and the curve has the
 * published shape: post-before-pre depresses at low frequency, pre-before-post potentiates more the higher the
 * frequency (from 10 Hz), and both orders potentiate at 40 and 50 Hz.
 */
class TripletStdpTest {
    private static final double DT = 0.1;
    private static final double[] FREQUENCIES_HZ = {1, 10, 20, 40, 50};
    private static final double[] INTERVALS_MS = {10, -10};
    private static final int PAIRS = 60;
    private static final double W0 = 1;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;
    private static final double TAU_Y = 125;
    private static final double A2_PLUS = 5e-10;
    private static final double A3_PLUS = 6.2e-3;
    private static final double A2_MINUS = 7e-3;
    private static final double A3_MINUS = 2.3e-4;
    private static final double TAU_X = 101;

    static Stream<Arguments> enginesAndModels() {
        return Stream.of(EngineKind.values()).flatMap(e -> Stream.of(Arguments.of(e, false), Arguments.of(e, true)));
    }

    @ParameterizedTest(name = "{0}, full model {1}")
    @MethodSource("enginesAndModels")
    void pairingProtocolFollowsTheClosedFormAndThePublishedShape(EngineKind engine, boolean full) {
        int n = FREQUENCIES_HZ.length * INTERVALS_MS.length;
        double[][] preTimes = new double[n][PAIRS];
        double[][] driverTimes = new double[n][PAIRS];
        for (int f = 0; f < FREQUENCIES_HZ.length; f++) {
            for (int d = 0; d < INTERVALS_MS.length; d++) {
                int i = f * INTERVALS_MS.length + d;
                for (int k = 0; k < PAIRS; k++) {
                    preTimes[i][k] = 100 + k * 1000 / FREQUENCIES_HZ[f];
                    // the presynaptic spike arrives one step after emission; so does the driver's, and the
                    // postsynaptic neuron fires in the step of the driver's arrival
                    driverTimes[i][k] = preTimes[i][k] + INTERVALS_MS[d];
                }
            }
        }
        double[] dw = new double[n];
        double[] expected = new double[n];
        try (Network net = Network.builder().engine(engine).dt(DT).seed(5).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", preTimes);
            SpikeTimesSource driver = net.addSpikeTimes("driver", driverTimes);
            NeuronPopulation post = net.addNeurons("post", n, IfCurrDelta.builder().build());
            Projection plastic = net.connect(pre, post, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(W0)));
            net.connect(driver, post, Connectors.oneToOne(), Synapses.onto("excitatory").weights(Values.constant(100)));
            DefinedSynapses triplet = net.addPlasticity(plastic, (full ? TripletStdp.FULL : TripletStdp.MINIMAL)
                    .rule().with("w_max", 10));
            SpikeMonitor preSpikes = net.monitorSpikes(pre);
            SpikeMonitor postSpikes = net.monitorSpikes(post);
            net.run(100 + PAIRS * 1000 / FREQUENCIES_HZ[0] + 50);
            for (int i = 0; i < n; i++) {
                assertEquals(PAIRS, postSpikes.counts()[i], "post neuron " + i + " must spike once per pair");
                double[] arrivals = timesOf(preSpikes, i, 1);
                double[] posts = timesOf(postSpikes, i, 0);
                dw[i] = triplet.weights()[i] - W0;
                expected[i] = closedForm(arrivals, posts, full ? A3_MINUS : 0);
                // the float weight rounds once per update: at most half an ulp of W0 for each of 2 * PAIRS updates
                assertEquals(expected[i], dw[i], 1e-3 * Math.abs(expected[i]) + PAIRS * Math.ulp((float) W0),
                        "pairing " + i);
            }
        }
        for (int f = 0; f < FREQUENCIES_HZ.length; f++) {
            System.out.printf("%s, %s triplet STDP at %4.0f Hz: dw(+10 ms) %+.5f (closed form %+.5f), "
                    + "dw(-10 ms) %+.5f (closed form %+.5f)%n", engine, full ? "full" : "minimal", FREQUENCIES_HZ[f], dw[2 * f], expected[2 * f], dw[2 * f + 1],
                    expected[2 * f + 1]);
        }
        assertTrue(dw[1] < 0 && dw[3] < 0, "post-before-pre must depress at 1 and 10 Hz: " + dw[1] + ", " + dw[3]);
        for (int f = 1; f < FREQUENCIES_HZ.length; f++) {
            assertTrue(dw[2 * f] > dw[2 * f - 2] && dw[2 * f] > 0, "pre-before-post must potentiate more at "
                    + FREQUENCIES_HZ[f] + " Hz than below: " + dw[2 * f]);
        }
        assertTrue(dw[7] > 0 && dw[9] > 0, "post-before-pre must potentiate at 40 and 50 Hz: " + dw[7] + ", "
                + dw[9]);
    }

    /**
     * The model's weight change: each presynaptic arrival depresses by o1 (A2- + A3- r2), o1 summing the earlier
     * postsynaptic spikes and r2 the earlier arrivals; each postsynaptic spike potentiates by r1 (A2+ + A3+ o2), r1
     * summing the arrivals up to and including its own time step, o2 the earlier postsynaptic spikes.
     */
    private static double closedForm(double[] arrivals, double[] posts, double a3Minus) {
        double dw = 0;
        for (double a : arrivals) {
            dw -= sum(posts, a, TAU_MINUS, false) * (A2_MINUS + a3Minus * sum(arrivals, a, TAU_X, false));
        }
        for (double p : posts) {
            dw += sum(arrivals, p, TAU_PLUS, true) * (A2_PLUS + A3_PLUS * sum(posts, p, TAU_Y, false));
        }
        return dw;
    }

    private static double sum(double[] times, double t, double tau, boolean inclusive) {
        double s = 0;
        for (double u : times) {
            if (u < t - 1e-9 || (inclusive && Math.abs(u - t) < 1e-9)) {
                s += Math.exp(-(t - u) / tau);
            }
        }
        return s;
    }

    /** The spike times of {@code neuron}, ms, shifted by {@code delaySteps} (an arrival time for a delay). */
    private static double[] timesOf(SpikeMonitor monitor, int neuron, int delaySteps) {
        return java.util.stream.IntStream.range(0, monitor.storedCount())
                .filter(s -> monitor.neurons()[s] == neuron)
                .mapToDouble(s -> monitor.times()[s] + delaySteps * DT).toArray();
    }
}
