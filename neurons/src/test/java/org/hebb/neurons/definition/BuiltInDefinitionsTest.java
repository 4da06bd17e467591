package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The definitions of the built-in models against their hand-written kernels, on the same random input: the same
 * spikes, and membrane potentials within float rounding (the generated arithmetic groups some operations
 * differently).
 */
class BuiltInDefinitionsTest {
    private static final int NEURONS = 200;
    private static final int STEPS = 4000;

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("IF_curr_exp", IfCurrExp.builder().tauM(15).tauSynE(3).tauSynI(7).tauRefrac(2)
                        .iOffset(0.2).build(), IfCurrExp.DEFINITION.model().with("tau_m", 15).with("tau_syn_E", 3)
                        .with("tau_syn_I", 7).with("tau_refrac", 2).with("i_offset", 0.2), 0.1, 4.0, 1e-3),
                Arguments.of("IF_curr_delta", IfCurrDelta.builder().tauRefrac(1).build(),
                        IfCurrDelta.DEFINITION.model().with("tau_refrac", 1), 0.1, 2.0, 1e-4),
                Arguments.of("IF_cond_exp euler", IfCondExp.builder().integration(IfCondExp.Integration.EULER)
                        .tauRefrac(5).build(), IfCondExp.definition(IntegrationMethod.EULER).model()
                        .with("tau_refrac", 5), 0.1, 0.05, 1e-4),
                Arguments.of("Izhikevich euler", Izhikevich.builder().build(),
                        Izhikevich.definition(false).model(), 0.5, 20.0, 1e-3),
                Arguments.of("Izhikevich paper", Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER).build(),
                        Izhikevich.definition(true).model(), 1.0, 20.0, 1e-3),
                Arguments.of("NALSM", NalsmLif.builder().build(), NalsmLif.DEFINITION.model(), 1.0, 10.0, 1e-4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void definitionReproducesTheHandWrittenKernel(String label, NeuronModel handWritten, NeuronModel defined,
                                                  double dt, double weight, double tolerance) {
        assertEquals(handWritten.variables(), defined.variables(), "variables");
        assertEquals(handWritten.receptors(), defined.receptors(), "receptors");
        for (String r : handWritten.receptors()) {
            assertEquals(handWritten.receptorKind(r), defined.receptorKind(r), "receptor " + r);
        }
        assertEquals(handWritten.parameters().keySet(), defined.parameters().keySet(), "parameter names");
        Run a = new Run(handWritten, dt);
        Run b = new Run(defined, dt);
        assertArrayEqualsState(a.state, b.state, 0, "initial state");
        SplittableRandom random = new SplittableRandom(7);
        int spikes = 0;
        double largest = 0;
        for (int s = 0; s < STEPS; s++) {
            float[][] input = new float[handWritten.receptors().size()][NEURONS];
            float[] injected = new float[NEURONS];
            for (int i = 0; i < NEURONS; i++) {
                for (int r = 0; r < input.length; r++) {
                    if (random.nextDouble() < 0.05) {
                        boolean signed = !handWritten.receptorKind(handWritten.receptors().get(r))
                                .requiresNonNegativeWeights();
                        input[r][i] = (float) (weight * random.nextDouble() * (signed && r == 1 ? -0.5 : 1));
                    }
                }
                injected[i] = (float) (i % 5 == 0 ? 0 : 0.3 * weight * (i % 7) / 7);
            }
            List<Integer> spikesA = a.step(copy(input), injected);
            List<Integer> spikesB = b.step(copy(input), injected);
            assertEquals(spikesA, spikesB, label + ": spikes of step " + s);
            spikes += spikesA.size();
            largest = Math.max(largest, maxDifference(a.state, b.state, "v"));
        }
        assertTrue(spikes > STEPS / 10, label + ": the comparison needs spikes, got " + spikes);
        assertTrue(largest <= tolerance, label + ": v differs by " + largest + " mV");
        System.out.printf("%s: %d spikes, largest difference of v %.3g mV%n", label, spikes, largest);
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double maxDifference(NeuronState a, NeuronState b, String variable) {
        float[] x = a.array(variable);
        float[] y = b.array(variable);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    private static void assertArrayEqualsState(NeuronState a, NeuronState b, double tolerance, String what) {
        for (int v = 0; v < a.variables().size(); v++) {
            float[] x = a.array(v);
            float[] y = b.array(v);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], tolerance, what + ": " + a.variable(v).name() + "[" + i + "]");
            }
        }
    }

    private static final class Run {
        final NeuronState state;
        final NeuronKernel kernel;
        final int[] spikes = new int[NEURONS];

        Run(NeuronModel model, double dt) {
            state = model.createState(NEURONS);
            kernel = model.createKernel(state, dt);
        }

        List<Integer> step(float[][] input, float[] injected) {
            int n = kernel.step(0, NEURONS, input, injected, spikes);
            List<Integer> fired = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                fired.add(spikes[k]);
            }
            return fired;
        }
    }
}
