package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A state variable that overflowed to an infinity does not spike and is not reset, so that the engines' check of
 * the state finds it: whichever side of the comparison the variable is written on, and for a threshold crossed from
 * above as for one crossed from below.
 */
class ThresholdOverflowTest {
    static Stream<Arguments> conditions() {
        List<Arguments> cases = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            for (String condition : List.of("v > v_thresh", "v >= v_thresh", "v_thresh < v", "v_thresh <= v")) {
                cases.add(Arguments.of(condition, true, precision));
            }
            for (String condition : List.of("v < v_thresh", "v <= v_thresh", "v_thresh > v", "v_thresh >= v")) {
                cases.add(Arguments.of(condition, false, precision));
            }
        }
        return cases.stream();
    }

    /**
     * Neuron 0 is beyond the threshold and spikes; neuron 1 holds the infinity beyond it, which must not spike and
     * keeps its value; neuron 2 holds the opposite infinity, which does not satisfy the condition.
     */
    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("conditions")
    void anInfiniteStateNeitherSpikesNorIsReset(String condition, boolean crossedFromBelow, Precision precision) {
        DefinedNeuronModel model = NeuronDefinition.builder("overflow")
                .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -65)
                .equations("dv/dt = 0 * mV / ms : mV")
                .initial("v", "v_reset").threshold(condition).reset("v = v_reset")
                .method(IntegrationMethod.EULER).build().model();
        NeuronState state = model.createState(3, precision);
        int v = state.indexOf("v");
        double infinity = crossedFromBelow ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        state.set(v, 0, crossedFromBelow ? -40 : -60);
        state.set(v, 1, infinity);
        state.set(v, 2, -infinity);
        NeuronKernel kernel = model.createKernel(state, 0.1);
        int[] spikes = new int[3];
        int count = kernel.step(0, 3, new float[0][3], new float[3], spikes);
        assertArrayEquals(new int[] {0}, java.util.Arrays.copyOf(spikes, count), "the neurons that spiked");
        assertEquals(-65, state.get(v, 0), "the neuron that spiked is reset");
        assertEquals(infinity, state.get(v, 1), "the overflowed neuron keeps its value for the state check");
    }
}
