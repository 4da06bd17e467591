package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.random.Philox;
import org.hebb.simulator.random.Seeds;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bernoulli trials on the OpenCL backend against the Java reference and their definition: probabilities far below
 * 2^-24, 0 and 1, and trials whose first word equals the threshold's top 32 bits, decided by the second word.
 */
class OpenClBernoulliTrialsTest {
    private static final int SIZE = 4096;
    private static final int STEPS = 256;
    private static final long SEED = 21;

    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    private record Spikes(long[] steps, int[] neurons) {
    }

    /** The element's words of stream {@code tag} at {@code step}: lane element % 4 of Philox at (element / 4). */
    private static long word(long key, int element, long step, int tag) {
        int[] words = new int[4];
        Philox.generate(element >>> 2, (int) step, (int) (step >>> 32), tag, (int) key, (int) (key >>> 32), words);
        return words[element & 3] & 0xFFFFFFFFL;
    }

    /**
     * Probabilities: each element whose word at some step is below 2^16 gets p = (word + 1/2) 2^-32, so that in that
     * step its first word equals the threshold's top bits and its second word decides (it fires when that word is
     * below 2^31); the others get 2^-30, 1e-9, 0, 1 or 0.3.
     */
    private static float[] probabilities(long key, int[] edgeStep) {
        float[] p = new float[SIZE];
        float[] others = {0x1.0p-30f, 1e-9f, 0, 1, 0.3f};
        for (int i = 0; i < SIZE; i++) {
            edgeStep[i] = -1;
            p[i] = others[i % others.length];
            for (int step = 0; step < STEPS; step++) {
                long w = word(key, i, step, 0x55AA);
                if (w < 1 << 16) {
                    edgeStep[i] = step;
                    p[i] = (float) ((w + 0.5) * 0x1.0p-32);
                    break;
                }
            }
        }
        return p;
    }

    private static Spikes run(BackendKind backend, float[] p) {
        try (Network net = Network.builder().backend(backend).dt(0.1).threads(1).seed(SEED).build()) {
            BernoulliSource source = net.addBernoulliSource("edge", SIZE);
            source.setProbabilities(p);
            SpikeMonitor spikes = net.monitorSpikes(source);
            net.run(STEPS * 0.1);
            return new Spikes(spikes.steps(), spikes.neurons());
        }
    }

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void trialsMatchTheJavaBackendAndTheirDefinition(String shape) {
        long key = Seeds.derive(SEED, "source:edge");
        int[] edgeStep = new int[SIZE];
        float[] p = probabilities(key, edgeStep);
        Spikes java = run(BackendKind.JAVA, p);
        Spikes device = Shapes.inShape(shape, () -> run(BackendKind.OPENCL, p));
        assertArrayEquals(java.steps(), device.steps(), "spike steps");
        assertArrayEquals(java.neurons(), device.neurons(), "spiking elements");
        boolean[][] fired = new boolean[STEPS][SIZE];
        for (int k = 0; k < java.steps().length; k++) {
            fired[(int) java.steps()[k]][java.neurons()[k]] = true;
        }
        int edgeFired = 0;
        int edgeSilent = 0;
        for (int i = 0; i < SIZE; i++) {
            for (int step = 0; step < STEPS; step++) {
                String where = "element " + i + " (p = " + p[i] + "), step " + step;
                if (step == edgeStep[i]) {
                    boolean expected = word(key, i, step, 0x55AB) < 1L << 31;
                    assertEquals(expected, fired[step][i], where + ": the second word decides");
                    edgeFired += expected ? 1 : 0;
                    edgeSilent += expected ? 0 : 1;
                } else if (p[i] == 1 || p[i] == 0) {
                    assertEquals(p[i] == 1, fired[step][i], where);
                } else if (p[i] < 0x1.0p-16f) {
                    // the trial's integer is at least its first word times 2^31
                    long below = (long) Math.ceil(p[i] * 0x1.0p32);
                    if (word(key, i, step, 0x55AA) >= below) {
                        assertEquals(false, fired[step][i], where + ": first word " + word(key, i, step, 0x55AA));
                    }
                }
            }
        }
        System.out.printf("%s shape: %d spikes; %d edge trials fired, %d did not%n", shape, java.steps().length,
                edgeFired, edgeSilent);
        assertTrue(edgeFired > 0 && edgeSilent > 0, "test setup: edge trials " + edgeFired + " fired, " + edgeSilent
                + " did not");
        int ordinary = 0;
        for (float q : p) {
            ordinary += q == 0.3f ? 1 : 0;
        }
        assertTrue(ordinary > 100, "test setup: ordinary probabilities " + ordinary);
    }
}
