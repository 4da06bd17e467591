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
 * the postsynaptic spike 10 ms after or before the presynaptic one. The expected changes use the parameters the
 * paper published for each model (visual cortex, all-to-all), written here independently of the definitions, so a
 * definition with another model's values fails. Each weight change equals the model's closed form twice over: the
 * sums of exponentials over the spike times the run produced, and the geometric series of the ideal protocol; on
 * both engines. And the curve has the published shape: post-before-pre depresses at low frequency, pre-before-post
 * potentiates more the higher the frequency (from 10 Hz), and both orders potentiate at 40 and 50 Hz.
 */
class TripletStdpTest {
    private static final double DT = 0.1;
    private static final double[] FREQUENCIES_HZ = {1, 10, 20, 40, 50};
    private static final double[] INTERVALS_MS = {10, -10};
    private static final int PAIRS = 60;
    private static final double W0 = 1;
    private static final double START = 100;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;

    /**
     * One row of the paper's visual cortex parameters (its Table 3), all-to-all interaction: time constants in ms,
     * amplitudes relative changes, which are absolute ones here with the weight starting at 1. The minimal model
     * (A2+ = 0, A3- = 0, tau_y = 114 ms, tau_x unused) and the full one.
     */
    private record PaperFit(double a2Plus, double a3Plus, double a2Minus, double a3Minus, double tauX, double tauY) {
    }

    private static final PaperFit MINIMAL = new PaperFit(0, 6.5e-3, 7.1e-3, 0, Double.NaN, 114);
    private static final PaperFit FULL = new PaperFit(5e-10, 6.2e-3, 7e-3, 2.3e-4, 101, 125);

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
                    preTimes[i][k] = START + k * 1000 / FREQUENCIES_HZ[f];
                    // the presynaptic spike arrives one step after emission; so does the driver's, and the
                    // postsynaptic neuron fires in the step of the driver's arrival
                    driverTimes[i][k] = preTimes[i][k] + INTERVALS_MS[d];
                }
            }
        }
        PaperFit fit = full ? FULL : MINIMAL;
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
            net.run(START + PAIRS * 1000 / FREQUENCIES_HZ[0] + 50);
            for (int i = 0; i < n; i++) {
                assertEquals(PAIRS, postSpikes.counts()[i], "post neuron " + i + " must spike once per pair");
                double[] arrivals = timesOf(preSpikes, i, 1);
                double[] posts = timesOf(postSpikes, i, 0);
                dw[i] = triplet.weights()[i] - W0;
                expected[i] = closedForm(arrivals, posts, fit);
                // the float weight rounds once per update: at most half an ulp of W0 for each of 2 * PAIRS updates
                double tolerance = 1e-3 * Math.abs(expected[i]) + PAIRS * Math.ulp((float) W0);
                assertEquals(expected[i], dw[i], tolerance, "pairing " + i);
                int f = i / INTERVALS_MS.length;
                double ideal = protocolClosedForm(1000 / FREQUENCIES_HZ[f], INTERVALS_MS[i % INTERVALS_MS.length],
                        fit);
                assertEquals(ideal, dw[i], tolerance, "pairing " + i + " against the ideal protocol");
            }
        }
        for (int f = 0; f < FREQUENCIES_HZ.length; f++) {
            System.out.printf("%s, %s triplet STDP at %4.0f Hz: dw(+10 ms) %+.5f (closed form %+.5f), "
                    + "dw(-10 ms) %+.5f (closed form %+.5f)%n", engine, full ? "full" : "minimal", FREQUENCIES_HZ[f],
                    dw[2 * f], expected[2 * f], dw[2 * f + 1], expected[2 * f + 1]);
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
    private static double closedForm(double[] arrivals, double[] posts, PaperFit fit) {
        double dw = 0;
        for (double a : arrivals) {
            double r2 = fit.a3Minus() == 0 ? 0 : sum(arrivals, a, fit.tauX(), false);
            dw -= sum(posts, a, TAU_MINUS, false) * (fit.a2Minus() + fit.a3Minus() * r2);
        }
        for (double p : posts) {
            dw += sum(arrivals, p, TAU_PLUS, true) * (fit.a2Plus() + fit.a3Plus() * sum(posts, p, fit.tauY(), false));
        }
        return dw;
    }

    /**
     * The same weight change for the ideal protocol, arrivals at k T and postsynaptic spikes at k T + delta for k =
     * 0 .. PAIRS - 1 (0 &lt; |delta| &lt; T), each trace a geometric series: at the k-th arrival o1 sums the n
     * earlier postsynaptic spikes, the nearest d ms before (n = k, d = T - delta for delta &gt; 0; n = k + 1,
     * d = -delta otherwise), and r2 = q_x (1 - q_x^k) / (1 - q_x); at the k-th postsynaptic spike r1 sums the m
     * arrivals before it, the nearest e ms before (m = k + 1, e = delta; or m = k, e = T + delta), and o2 = q_y (1 -
     * q_y^k) / (1 - q_y), with q = exp(-T / tau).
     */
    private static double protocolClosedForm(double periodMs, double deltaMs, PaperFit fit) {
        double dw = 0;
        for (int k = 0; k < PAIRS; k++) {
            int earlierPosts = deltaMs > 0 ? k : k + 1;
            double nearestPost = deltaMs > 0 ? periodMs - deltaMs : -deltaMs;
            double o1 = Math.exp(-nearestPost / TAU_MINUS) * geometric(periodMs, TAU_MINUS, earlierPosts);
            double r2 = fit.a3Minus() == 0 ? 0
                    : Math.exp(-periodMs / fit.tauX()) * geometric(periodMs, fit.tauX(), k);
            dw -= o1 * (fit.a2Minus() + fit.a3Minus() * r2);
            int earlierArrivals = deltaMs > 0 ? k + 1 : k;
            double nearestArrival = deltaMs > 0 ? deltaMs : periodMs + deltaMs;
            double r1 = Math.exp(-nearestArrival / TAU_PLUS) * geometric(periodMs, TAU_PLUS, earlierArrivals);
            double o2 = Math.exp(-periodMs / fit.tauY()) * geometric(periodMs, fit.tauY(), k);
            dw += r1 * (fit.a2Plus() + fit.a3Plus() * o2);
        }
        return dw;
    }

    /** 1 + q + ... + q^(terms - 1) with q = exp(-periodMs / tauMs). */
    private static double geometric(double periodMs, double tauMs, int terms) {
        double q = Math.exp(-periodMs / tauMs);
        return (1 - Math.pow(q, terms)) / (1 - q);
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
