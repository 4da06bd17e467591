package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.hebb.experiments.data.IdxImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NALSM end to end on a small configuration (a 125-neuron liquid, synthetic images whose class sets where a bright
 * blob sits, among distractor blobs): accuracy well above chance; features the same on one worker and on two;
 * a run started again over its checkpoints gives the same result.
 */
class NalsmExperimentTest {
    @TempDir
    Path dir;

    /** 28 x 28 images: a blob at a class-specific place, plus one random distractor blob. */
    static IdxImages classBlobs(int count, long seed) {
        Random random = new Random(seed);
        byte[][] pixels = new byte[count][28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(10);
            labels[i] = (byte) label;
            double[] image = new double[28 * 28];
            blob(image, 5 + 4.5 * (label % 5) + random.nextGaussian(), label < 5 ? 8 : 20, 2.5);
            blob(image, 4 + 20 * random.nextDouble(), 4 + 20 * random.nextDouble(), 2);
            for (int k = 0; k < image.length; k++) {
                pixels[i][k] = (byte) Math.min(255, Math.round(image[k]));
            }
        }
        return new IdxImages(28, 28, pixels, labels);
    }

    private static void blob(double[] image, double cx, double cy, double width) {
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                image[y * 28 + x] += 255 * Math.exp(-d2 / (2 * width * width));
            }
        }
    }

    @Test
    void staticLsmSkipsPhaseOneAndKeepsItsWeight() throws IOException {
        NalsmExperiment.Options options = new NalsmExperiment.Options(5, NalsmLiquid.Model.LSM, 200, 300, 100,
                100, 3, 1, 100, 1.0);
        Map<String, Object> r = NalsmExperiment.run(options, classBlobs(360, 1), classBlobs(100, 2), "synthetic",
                dir.resolve("lsm"));
        System.out.printf("small static LSM: test %.3f, branching factor %.3f%n", (double) r.get("test_accuracy"),
                (double) r.get("branching_factor"));
        assertEquals("lsm", r.get("model"));
        assertEquals(0, r.get("phase1_samples"));
        assertEquals(1.0, r.get("weight"));
        assertTrue((double) r.get("test_accuracy") > 0.3, "above chance (0.1)");
    }

    @Test
    void smallConfigurationLearnsAndResumesIdentically() throws IOException {
        IdxImages train = classBlobs(360, 1);
        IdxImages test = classBlobs(100, 2);
        NalsmExperiment.Options options = new NalsmExperiment.Options(5, NalsmLiquid.Model.NALSM, 200, 300, 100,
                300, 3, 2, 100, NalsmExperiment.Options.PLASTIC_WEIGHT);
        Map<String, Object> first = NalsmExperiment.run(options, train, test, "synthetic", dir.resolve("run"));
        double accuracy = (double) first.get("test_accuracy");
        System.out.printf("small NALSM: test %.3f, validation %.3f, branching factor %.3f, rate %.1f Hz%n",
                accuracy, (double) first.get("validation_accuracy"), (double) first.get("branching_factor"),
                (double) first.get("liquid_rate_hz"));
        assertTrue(accuracy > 0.5, "test accuracy " + accuracy + " (chance 0.1)");
        assertEquals(300, first.get("train_samples"));
        assertEquals(60, first.get("validation_samples"));
        for (String file : new String[] {"summary.md", "result.json", "validation_accuracy.png", "raster.png",
                "phase1_astrocyte.png", "phase1_rate.png"}) {
            assertTrue(Files.size(dir.resolve("run").resolve(file)) > 0, file);
        }

        Map<String, Object> again = NalsmExperiment.run(options, train, test, "synthetic", dir.resolve("run"));
        assertEquals(first.get("test_accuracy"), again.get("test_accuracy"), "resumed from checkpoints");
        assertArrayEquals((double[]) first.get("validation_accuracy_per_epoch"),
                (double[]) again.get("validation_accuracy_per_epoch"));
    }

    @Test
    void featuresDoNotDependOnTheWorkers() throws IOException {
        IdxImages images = classBlobs(40, 3);
        InputEncoding encoding = new InputEncoding(images);
        NalsmLiquid.Config config = NalsmLiquid.Config.nalsm(4, 784, NalsmLiquid.Model.NALSM, 9);
        float[][] initial = FeaturePhase.weightsOf(NalsmLiquid.build(config));
        int[] order = new int[40];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        int[][] one = FeaturePhase.make(config, initial, encoding, order, 7, 1, dir.resolve("one"), "x");
        int[][] two = FeaturePhase.make(config, initial, encoding, order, 7, 2, dir.resolve("two"), "x");
        long spikes = 0;
        for (int s = 0; s < order.length; s++) {
            assertArrayEquals(one[s], two[s], "sample " + s);
            for (int c : one[s]) {
                spikes += c;
            }
        }
        assertTrue(spikes > 1000, "test setup: the liquid must fire: " + spikes);
    }
}
