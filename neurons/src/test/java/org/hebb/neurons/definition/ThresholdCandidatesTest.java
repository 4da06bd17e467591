package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java kernel runs a threshold {@code v >= c} or {@code v > c} only for the neurons whose v passes the largest
 * value that fails it: every neuron that satisfies the whole condition must still spike, at the edges of the float
 * (or double) range too, and no other. Neurons hold v (dv/dt = 0), so each one's value is the one set here.
 */
class ThresholdCandidatesTest {
    private static final int SIZE = 300;
    private static final int REFRACTORY = 150;
    private static final double BELOW = -70;

    static Stream<Arguments> thresholds() {
        List<Arguments> cases = new ArrayList<>();
        for (String condition : List.of("v >= v_thresh", "v > v_thresh", "v_thresh <= v", "v_thresh < v")) {
            for (double threshold : new double[] {-50, 0}) {
                for (Precision precision : Precision.values()) {
                    cases.add(Arguments.of(condition, threshold, precision));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, v_thresh = {1} mV, {2}")
    @MethodSource("thresholds")
    void exactlyTheNeuronsThatSatisfyTheConditionSpike(String condition, double threshold, Precision precision) {
        DefinedNeuronModel model = holding(condition, threshold, false);
        assertTrue(model.javaSource(0.1, precision).contains("java.util.Arrays.mismatch"),
                "the kernel looks for candidates");
        assertSpikes(model, condition, threshold, precision);
    }

    /** A threshold per neuron gives no bound; every neuron is checked, with the same result. */
    @ParameterizedTest(name = "{0}, v_thresh = {1} mV, {2}")
    @MethodSource("thresholds")
    void aThresholdPerNeuronChecksEveryNeuron(String condition, double threshold, Precision precision) {
        DefinedNeuronModel model = holding(condition, threshold, true);
        assertFalse(model.javaSource(0.1, precision).contains("java.util.Arrays.mismatch"));
        assertSpikes(model, condition, threshold, precision);
    }

    /**
     * A negative zero written in the condition, which compares as 0 does, is accepted as the dimensionless 0 is
     * (as a quantity of any unit), and the same neurons spike as for 0.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("negativeZeros")
    void aNegativeZeroIsAcceptedAndComparesAsZero(String condition, Precision precision) {
        DefinedNeuronModel model = holding(condition, 0, false);
        assertSpikes(model, condition, 0, precision);
    }

    static Stream<Arguments> negativeZeros() {
        List<Arguments> cases = new ArrayList<>();
        for (String condition : List.of("v >= -0", "v > -0", "-0 <= v", "-0.0 < v", "v > -(-0)", "v >= -0 * mV")) {
            for (Precision precision : Precision.values()) {
                cases.add(Arguments.of(condition, precision));
            }
        }
        return cases.stream();
    }

    private static void assertSpikes(DefinedNeuronModel model, String condition, double threshold,
                                     Precision precision) {
        NeuronState state = model.createState(SIZE, precision);
        int v = state.indexOf("v");
        double[] values = values(threshold, precision);
        for (int i = 0; i < SIZE; i++) {
            state.set(v, i, values[i]);
        }
        state.set(state.indexOf("refractory_steps"), REFRACTORY, 5);
        NeuronKernel kernel = model.createKernel(state, 0.1);
        float[][] input = new float[0][SIZE];
        int[] spikes = new int[SIZE];
        int count = kernel.step(0, 160, input, new float[SIZE], spikes);
        int[] rest = new int[SIZE];
        int more = kernel.step(160, SIZE, input, new float[SIZE], rest);
        int[] spiked = new int[count + more];
        System.arraycopy(spikes, 0, spiked, 0, count);
        System.arraycopy(rest, 0, spiked, count, more);

        boolean inclusive = condition.contains("=");
        double largest = precision == Precision.SINGLE ? Float.MAX_VALUE : Double.MAX_VALUE;
        int[] expected = java.util.stream.IntStream.range(0, SIZE)
                .filter(i -> i != REFRACTORY && values[i] <= largest
                        && (inclusive ? values[i] >= threshold : values[i] > threshold))
                .toArray();
        assertTrue(expected.length >= 6, "the case has spikes to find: " + Arrays.toString(expected));
        assertArrayEquals(expected, spiked, condition + ": the neurons that spiked");
    }

    /**
     * Below the threshold but for: the threshold itself, the values next to it, 0 and -0 and the least values
     * beside them, NaN, the infinities, the largest finite value, a value above (also at both ends of the range and
     * in the refractory neuron).
     */
    private static double[] values(double threshold, Precision precision) {
        double[] values = new double[SIZE];
        Arrays.fill(values, BELOW);
        boolean single = precision == Precision.SINGLE;
        double up = single ? Math.nextUp((float) threshold) : Math.nextUp(threshold);
        double down = single ? Math.nextDown((float) threshold) : Math.nextDown(threshold);
        double least = single ? Float.MIN_VALUE : Double.MIN_VALUE;
        double[] special = {threshold, up, down, 0.0, -0.0, least, -least, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, single ? Float.MAX_VALUE : Double.MAX_VALUE, threshold + 1};
        for (int k = 0; k < special.length; k++) {
            values[3 + 17 * k] = special[k];
        }
        values[0] = threshold + 1;
        values[159] = threshold + 1;
        values[160] = threshold + 1;
        values[SIZE - 1] = threshold + 1;
        values[REFRACTORY] = threshold + 10;
        return values;
    }

    private static DefinedNeuronModel holding(String condition, double threshold, boolean perNeuron) {
        NeuronDefinition.Builder builder = NeuronDefinition.builder("holding")
                .parameter("v_reset", "mV", BELOW).parameter("tau_refrac", "ms", 1);
        if (perNeuron) {
            builder.neuronParameter("v_thresh", "mV", threshold);
        } else {
            builder.parameter("v_thresh", "mV", threshold);
        }
        return builder.equations("dv/dt = 0 * mV / ms : mV (unless refractory)")
                .initial("v", "v_reset")
                .threshold(condition).reset("v = v_reset").refractory("tau_refrac")
                .method(IntegrationMethod.EULER)
                .build().model();
    }
}
