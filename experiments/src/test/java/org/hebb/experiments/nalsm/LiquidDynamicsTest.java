package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.output.OutputAssertions;
import org.hebb.experiments.output.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1000-neuron NALSM liquid driven by Bernoulli-encoded images: the astrocyte's depression rate rises whenever
 * the liquid outfires its input, and the liquid's rate settles; with A fixed (plain STDP) the rate runs away, as
 * NALSM reports. The images are synthetic blobs so that the test needs no dataset. A probe of more samples than the
 * data has is refused before any work.
 */
class LiquidDynamicsTest {
    @TempDir
    Path out;

    /** 28 x 28 grey images with two to four Gaussian blobs each. */
    static IdxImages blobs(int count, long seed) {
        Random random = new Random(seed);
        byte[][] pixels = new byte[count][28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            double[] image = new double[28 * 28];
            for (int b = 2 + random.nextInt(3); b > 0; b--) {
                double cx = 4 + 20 * random.nextDouble();
                double cy = 4 + 20 * random.nextDouble();
                double width = 2 + 3 * random.nextDouble();
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                        image[y * 28 + x] += 255 * Math.exp(-d2 / (2 * width * width));
                    }
                }
            }
            for (int k = 0; k < image.length; k++) {
                pixels[i][k] = (byte) Math.min(255, Math.round(image[k]));
            }
            labels[i] = (byte) (i % 10);
        }
        return new IdxImages(28, 28, pixels, labels);
    }

    @Test
    void moreProbeSamplesThanImagesAreRefusedBeforeAnyWork() {
        InputEncoding encoding = new InputEncoding(blobs(30, 5));
        Path dir = out.resolve("refused");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiquidDynamics.run(
                new LiquidDynamics.Settings(5, 40, 20, 31, 3), encoding, dir));
        assertTrue(e.getMessage().startsWith("--probe-samples = 31 is not allowed: must be at most 30 (the training "
                + "data has 30 images"), e.getMessage());
        OutputAssertions.assertNothingWritten(dir);
        assertThrows(IllegalArgumentException.class, () -> LiquidDynamics.run(new LiquidDynamics.Settings(5, 40, 20,
                31, 3), encoding, (OutputDirectory) null));
    }

    @Test
    void astrocyteHoldsTheLiquidWherePlainStdpRunsAway() throws IOException {
        InputEncoding encoding = new InputEncoding(blobs(300, 5));
        LiquidDynamics.Summary summary = LiquidDynamics.run(new LiquidDynamics.Settings(10, 1500, 300, 2, 3),
                encoding, out);
        LiquidDynamics.ModelRun nalsm = summary.models().get(0);
        LiquidDynamics.ModelRun plain = summary.models().get(1);
        assertEquals("nalsm", nalsm.model());
        for (UnsupervisedPhase.Block b : nalsm.blocks()) {
            assertTrue(b.liquidMinusInputPerMs() > 0, "the test needs a liquid that outfires its input: " + b);
            assertEquals(1.0, b.fractionAboveChange(), "A rose in every sample: " + b);
            assertTrue(b.depressionAtEnd() > 0.15, b.toString());
        }
        List<UnsupervisedPhase.Block> n = nalsm.blocks();
        List<UnsupervisedPhase.Block> p = plain.blocks();
        double nalsmFirst = n.get(0).liquidRateHz();
        double nalsmLast = n.get(n.size() - 1).liquidRateHz();
        double nalsmBefore = n.get(n.size() - 2).liquidRateHz();
        assertTrue(nalsmLast < nalsmFirst, "NALSM pulls activity back: " + nalsmFirst + " -> " + nalsmLast + " Hz");
        assertTrue(Math.abs(nalsmLast - nalsmBefore) < 0.05 * nalsmLast,
                "NALSM's rate settles: " + nalsmBefore + " then " + nalsmLast + " Hz");
        double plainFirst = p.get(0).liquidRateHz();
        double plainLast = p.get(p.size() - 1).liquidRateHz();
        assertTrue(plainLast > plainFirst && plainLast > 3 * nalsmLast,
                "plain STDP runs away: " + plainFirst + " -> " + plainLast + " Hz (NALSM " + nalsmLast + " Hz)");
        for (UnsupervisedPhase.Block b : p) {
            assertEquals(0.15, b.depressionAtEnd(), 1e-6, "A fixed");
        }
        for (String file : List.of("summary.json", "summary.md", "liquid_rate.png", "astrocyte.png",
                "branching_factor.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
    }
}
