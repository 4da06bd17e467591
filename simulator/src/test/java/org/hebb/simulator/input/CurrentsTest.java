package org.hebb.simulator.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * Injected currents, measured on IF_curr_delta neurons that cannot fire (threshold far above): with the current
 * I_s held during step s, the membrane follows v_{s+1} = T_s + (v_s - T_s) exp(-dt / tau_m), T_s = v_rest +
 * (tau_m / cm) I_s, which the tests integrate in double precision and compare with the recorded traces.
 */
class CurrentsTest {
    private static final double DT = 0.1;
    private static final double TAU_M = 20;
    private static final double CM = 0.5;
    private static final double V_REST = -65;
    private static final double TOLERANCE_MV = 2e-3;

    private static IfCurrDelta silentModel() {
        return IfCurrDelta.builder().tauM(TAU_M).cm(CM).vRest(V_REST).vReset(V_REST).vThresh(1000).build();
    }

    private static Network network() {
        return Network.builder().dt(DT).seed(21).threads(1).build();
    }

    /** Runs {@code steps} steps and returns v of every neuron at the end of every step: [neuron][step]. */
    private static float[][] traces(int size, int steps, CurrentSource... sources) {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", size, silentModel());
            for (CurrentSource s : sources) {
                pop.inject(s);
            }
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            StateMonitor monitor = net.monitorState(pop, new String[] {"v"}, all, DT);
            net.run(steps * DT);
            assertEquals(steps, monitor.sampleCount());
            float[][] out = new float[size][];
            for (int i = 0; i < size; i++) {
                out[i] = monitor.trace("v", i);
            }
            return out;
        }
    }

    /** The exact membrane response to a current {@code currentOfStep(s)} during step s. */
    private static double[] expected(int steps, IntToDoubleFunction currentOfStep) {
        double decay = Math.exp(-DT / TAU_M);
        double v = V_REST;
        double[] out = new double[steps];
        for (int s = 0; s < steps; s++) {
            double target = V_REST + TAU_M / CM * currentOfStep.applyAsDouble(s);
            v = target + (v - target) * decay;
            out[s] = v;
        }
        return out;
    }

    private static void assertTrace(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int s = 0; s < expected.length; s++) {
            assertEquals(expected[s], actual[s], TOLERANCE_MV, what + ", end of step " + s);
        }
    }

    @Test
    void withoutCurrentTheMembraneStaysAtRest() {
        float[][] v = traces(2, 50);
        for (float x : v[1]) {
            assertEquals((float) V_REST, x);
        }
    }

    @Test
    void constantCurrentChargesTheMembrane() {
        float[][] v = traces(3, 300, Currents.constant(0.4));
        double[] expected = expected(300, s -> 0.4);
        for (int i = 0; i < 3; i++) {
            assertTrace(expected, v[i], "neuron " + i);
        }
        // Sanity of the reference: after 30 ms the membrane is 16 mV (1 - e^-1.5) above rest.
        assertEquals(V_REST + 16 * (1 - Math.exp(-1.5)), v[0][299], 1e-2);
    }

    @Test
    void currentSourcesAreSummed() {
        float[][] v = traces(1, 200, Currents.constant(0.3), Currents.constant(-0.1), Currents.constant(0.2));
        assertTrace(expected(200, s -> 0.4), v[0], "sum of three sources");
    }

    @Test
    void perNeuronCurrentsReachTheirOwnNeurons() {
        float[] amplitudes = {0, 0.25f, -0.5f, 1};
        float[][] v = traces(4, 200, Currents.perNeuron(amplitudes));
        for (int i = 0; i < 4; i++) {
            double a = amplitudes[i];
            assertTrace(expected(200, s -> a), v[i], "neuron " + i + " at " + a + " nA");
        }
    }

    @Test
    void perNeuronOfTheWrongSizeIsRefusedBeforeAnyStep() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", 4, silentModel());
            pop.inject(Currents.perNeuron(new float[] {1, 2, 3}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.run(1));
            assertTrue(e.getMessage().contains("amplitudes has length 3") && e.getMessage().contains("4"),
                    e.getMessage());
            assertEquals(0, net.stepsRun());
        }
    }

    @Test
    void stepCurrentSwitchesAtTheGivenTimes() {
        // 0 before 5 ms, 0.5 nA from 5 ms, -0.25 nA from 12.5 ms, 0 from 20 ms.
        CurrentSource step = Currents.step(new double[] {5, 12.5, 20}, new double[] {0.5, -0.25, 0});
        float[][] v = traces(2, 300, step);
        double[] expected = expected(300, s -> s < 50 ? 0 : s < 125 ? 0.5 : s < 200 ? -0.25 : 0);
        assertTrace(expected, v[0], "neuron 0");
        assertTrace(expected, v[1], "neuron 1");
        assertEquals((float) V_REST, v[0][49], "no current may flow before 5 ms");
        assertTrue(v[0][50] > V_REST + 0.04, "current must flow in the step starting at 5 ms: " + v[0][50]);
        assertTrue(v[0][124] > v[0][123] && v[0][125] < v[0][124], "the membrane must turn down at 12.5 ms");
    }

    @Test
    void stepCurrentBeforeItsFirstTimeIsZeroEvenWhenTheFirstAmplitudeIsNot() {
        float[][] v = traces(1, 100, Currents.step(new double[] {3}, new double[] {2}));
        assertTrace(expected(100, s -> s < 30 ? 0 : 2), v[0], "neuron 0");
    }

    @Test
    void functionCurrentDependsOnTimeAndNeuron() {
        Currents.CurrentFunction f = (t, n) -> t < 4.95 ? 0 : 0.1 * (n + 1) * (1 + Math.sin(t / 3));
        float[][] v = traces(3, 300, Currents.function(f));
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertTrace(expected(300, s -> f.current(s * DT, n)), v[i], "neuron " + i);
        }
        assertEquals((float) V_REST, v[2][49]);
        assertTrue(v[2][299] - V_REST > 2 * (v[0][299] - V_REST), "neuron 2 gets three times neuron 0's current");
    }

    @Test
    void gaussianNoiseHasTheRightMeanAndSpreadAndIsFreshEachStep() {
        int size = 2000;
        int steps = 5;
        double mean = 0.8;
        double sd = 1.5;
        // From rest, one step of current I moves v by I * (tau_m / cm) (1 - exp(-dt / tau_m)).
        double gain = TAU_M / CM * (1 - Math.exp(-DT / TAU_M));
        double[][] current = new double[steps][size];
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", size, silentModel());
            pop.inject(Currents.gaussianNoise(mean, sd));
            float[] v = pop.state().array("v");
            net.afterEachStep((step, timeMs) -> {
                for (int i = 0; i < size; i++) {
                    current[(int) step][i] = (v[i] - V_REST) / gain;
                    v[i] = (float) V_REST;
                }
            });
            net.run(steps * DT);
        }
        int n = size * steps;
        double sum = 0;
        double sumSquares = 0;
        for (double[] row : current) {
            for (double c : row) {
                sum += c;
                sumSquares += c * c;
            }
        }
        double m = sum / n;
        double variance = sumSquares / n - m * m;
        assertEquals(mean, m, 5 * sd / Math.sqrt(n), "mean of the injected noise");
        assertEquals(sd * sd, variance, 5 * sd * sd * Math.sqrt(2.0 / n), "variance of the injected noise");
        for (int s = 1; s < steps; s++) {
            double r = correlation(current[s - 1], current[s]);
            assertEquals(0, r, 5 / Math.sqrt(size), "correlation of steps " + (s - 1) + " and " + s);
        }
        double[] even = new double[size / 2];
        double[] odd = new double[size / 2];
        for (int i = 0; i < size / 2; i++) {
            even[i] = current[0][2 * i];
            odd[i] = current[0][2 * i + 1];
        }
        assertEquals(0, correlation(even, odd), 5 / Math.sqrt(size / 2.0), "correlation of neighbouring neurons");
    }

    @Test
    void gaussianNoiseIsReproducibleForASeed() {
        float[][] a = traces(20, 30, Currents.gaussianNoise(0, 1));
        float[][] b = traces(20, 30, Currents.gaussianNoise(0, 1));
        for (int i = 0; i < 20; i++) {
            assertTrue(Arrays.equals(a[i], b[i]), "neuron " + i);
        }
        float[][] zeroSd = traces(1, 30, Currents.gaussianNoise(0.4, 0));
        assertTrace(expected(30, s -> 0.4), zeroSd[0], "noise with sd 0 is a constant current");
    }

    @Test
    void perNeuronNoiseScalesTheSameDrawsNeuronByNeuron() {
        float[] sds = {0, 1, 2.5f};
        float[][] unit = traces(3, 30, Currents.gaussianNoise(0.4, 1));
        float[][] scaled = traces(3, 30, Currents.gaussianNoise(0.4, sds));
        assertTrace(expected(30, s -> 0.4), scaled[0], "sd 0 leaves the mean");
        assertTrue(Arrays.equals(unit[1], scaled[1]), "sd 1 is the scalar noise");
        boolean differs = false;
        for (int s = 0; s < 30; s++) {
            differs |= unit[2][s] != scaled[2][s];
        }
        assertTrue(differs, "sd 2.5 spreads more");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Currents.gaussianNoise(0, new float[] {1, -2}));
        assertTrue(e.getMessage().contains("sd[1] = -2.0 in the model's unit of I_inj"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> traces(4, 3, Currents.gaussianNoise(0, sds)));
        assertTrue(e.getMessage().contains("one per neuron, 4"), e.getMessage());
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void invalidCurrentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Currents.constant(Double.NaN));
        assertTrue(e.getMessage().contains("amplitude = NaN in the model's unit of I_inj"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Currents.step(new double[] {1, 1}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("times[1] = 1.0 ms") && e.getMessage().contains("strictly"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Currents.step(new double[] {1}, new double[] {}));
        assertTrue(e.getMessage().contains("length 1") && e.getMessage().contains("amplitudes 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Currents.gaussianNoise(0, -1));
        assertTrue(e.getMessage().contains("sd = -1.0 in the model's unit of I_inj"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Currents.perNeuron(new float[] {0, Float.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("amplitudes[1] = Infinity in the model's unit of I_inj"), e.getMessage());
    }
}
