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
}
