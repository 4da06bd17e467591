package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.hebb.neurons.BuiltInModels;
import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.generate.JavaKernelSource;
import org.hebb.neurons.lif.IfCondExp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InjectedCurrentVariantTest {
    /**
     * The built-in models, and Euler IF_cond_exp, whose kernel without a current runs its decays in the main pass
     * and with one in a pass of their own (see {@code DecayFusionTest}).
     */
    static Stream<Arguments> models() {
        Stream<Arguments> builtIn = Stream.of("IF_curr_exp", "IF_cond_exp", "Izhikevich", "EIF_cond_exp_isfa_ista",
                "HH_cond_exp").map(name -> Arguments.of(name, BuiltInModels.named(name)));
        IfCondExp euler = IfCondExp.builder().integration(IfCondExp.Integration.EULER).build();
        return Stream.concat(builtIn, Stream.of(Arguments.of("IF_cond_exp, Euler", euler)));
    }

    /**
     * A kernel made for a population without an injected current reads no current array, and steps every state
     * variable to the same bits as the kernel that reads one full of zeros, spikes included.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void withoutACurrentTheKernelStepsAsWithZeroCurrent(String name, DefinedNeuronModel model) {
        int n = 64;
        NeuronState reading = model.createState(n);
        NeuronState constant = model.createState(n);
        NeuronKernel withArray = model.createKernel(reading, 0.1, true);
        NeuronKernel withoutArray = model.createKernel(constant, 0.1, false);
        float[] zeros = new float[n];
        int[] spikesA = new int[n];
        int[] spikesB = new int[n];
        SplittableRandom random = new SplittableRandom(11);
        int spikes = 0;
        for (int step = 0; step < 3000; step++) {
            int receptors = model.receptors().size();
            float[][] inputA = new float[receptors][n];
            float[][] inputB = new float[receptors][n];
            for (int r = 0; r < receptors; r++) {
                for (int i = 0; i < n; i++) {
                    if (random.nextInt(8) == 0) {
                        inputA[r][i] = inputB[r][i] = (float) random.nextDouble(0, 4);
                    }
                }
            }
            int a = withArray.step(0, n, inputA, zeros, spikesA);
            int b = withoutArray.step(0, n, inputB, null, spikesB);
            assertArrayEquals(Arrays.copyOf(spikesA, a), Arrays.copyOf(spikesB, b),
                    "spikes of step " + step);
            spikes += a;
        }
        for (int v = 0; v < reading.variables().size(); v++) {
            for (int i = 0; i < n; i++) {
                assertTrue(Double.compare(reading.get(v, i), constant.get(v, i)) == 0,
                        reading.variable(v).name() + " of neuron " + i);
            }
        }
        assertTrue(spikes > 0, "test setup: no spikes");
        assertTrue(model.javaSource(0.1).contains("_injected[_i]"), "the default kernel reads the current");
        assertFalse(JavaKernelSource.of(model.program(0.1, Precision.SINGLE), false).contains("_injected["),
                "the other one does not");
    }
}
