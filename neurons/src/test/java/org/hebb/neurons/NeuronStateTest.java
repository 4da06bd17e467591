package org.hebb.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NeuronStateTest {
    /**
     * The first NaN or infinity of a variable is found, in either precision; the largest, smallest and signed-zero
     * finite values are not taken for one, and another variable's NaN does not count.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void theFirstNonFiniteValueOfAVariableIsFound(Precision precision) {
        NeuronState state = new NeuronState(List.of(Variable.state("v", "mV"), Variable.state("g", "uS")), 8,
                precision);
        double[] finite = {Double.MAX_VALUE, -Double.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE,
                -0.0, 0.0, -65};
        double largest = precision == Precision.SINGLE ? Float.MAX_VALUE : Double.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            state.set(0, i, Math.max(-largest, Math.min(largest, finite[i])));
        }
        state.set(1, 2, Double.NaN);
        assertEquals(-1, state.firstNonFinite(0), "finite values");
        assertEquals(2, state.firstNonFinite(1), "NaN");
        for (double value : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            state.set(0, 6, value);
            state.set(0, 7, Double.NaN);
            assertEquals(6, state.firstNonFinite(0), "the first of two, " + value);
            state.set(0, 6, 0);
        }
    }

    /**
     * Over thousands of neurons, the first non-finite value is found wherever it lies (the first neuron, either side
     * of every multiple of 1024, the last), whatever its sign or NaN payload, and a value left non-finite earlier
     * in the array wins over a later one, also once the scan is compiled; tiny and huge finite values around it are
     * never taken for one.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void theFirstNonFiniteValueIsFoundAnywhereInALargePopulation(Precision precision) {
        int size = 3 * 1024 + 37;
        NeuronState state = new NeuronState(List.of(Variable.state("v", "mV")), size, precision);
        boolean single = precision == Precision.SINGLE;
        for (int i = 0; i < size; i++) {
            double tiny = single ? Float.MIN_VALUE : Double.MIN_VALUE;
            double huge = single ? Float.MAX_VALUE : Double.MAX_VALUE;
            state.set(0, i, switch (i % 4) {
                case 0 -> -tiny;
                case 1 -> huge;
                case 2 -> -huge;
                default -> -65.0 + i;
            });
        }
        assertEquals(-1, state.firstNonFinite(0), "all finite");
        double[] nonFinite = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.longBitsToDouble(0xfff8000000000001L), Float.intBitsToFloat(0xffc00001)};
        int[] positions = {0, 1, 1023, 1024, 1025, 2047, 2048, 3071, 3072, size - 2, size - 1};
        for (int p = 0; p < positions.length; p++) {
            int at = positions[p];
            double before = state.get(0, at);
            double value = nonFinite[p % nonFinite.length];
            state.set(0, at, value);
            assertEquals(at, state.firstNonFinite(0), value + " at neuron " + at);
            state.set(0, size - 1, Double.NaN);
            assertEquals(at, state.firstNonFinite(0), value + " at neuron " + at + " before a NaN in the last");
            state.set(0, size - 1, single ? -Float.MAX_VALUE : -Double.MAX_VALUE);
            state.set(0, at, before);
        }
        assertEquals(-1, state.firstNonFinite(0), "all finite again");
        // often enough for the JIT to compile the scan: the compiled code finds it too
        state.set(0, 2048, Double.POSITIVE_INFINITY);
        for (int k = 0; k < 20_000; k++) {
            assertEquals(2048, state.firstNonFinite(0), "infinity at neuron 2048, scan " + k);
        }
    }
}
