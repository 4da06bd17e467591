package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hebb.experiments.data.IdxImages;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NALSM1000 end to end on real Fashion-MNIST at a small size (1000 phase-1 samples, 1000 training, 200
 * validation and 500 test images, 100 readout epochs): far above chance (0.1), with the liquid's branching
 * factor near the paper's. Needs Debian's dataset-fashion-mnist (.ci/run installs it).
 */
class NalsmFashionMnistTest {
    @TempDir
    Path dir;

    @BeforeEach
    void fashionMnistIsInstalled() {
        Path images = IdxImages.FASHION_MNIST.resolve("train-images-idx3-ubyte.gz");
        Prerequisites.require(Files.isRegularFile(images) ? null : "Fashion-MNIST is not installed (no " + images
                + "): apt-get install dataset-fashion-mnist");
    }

    @Test
    void smallRunOnFashionMnistLearns() throws IOException {
        IdxImages train = IdxImages.read(IdxImages.FASHION_MNIST, IdxImages.Split.TRAIN);
        IdxImages test = IdxImages.read(IdxImages.FASHION_MNIST, IdxImages.Split.TEST);
        NalsmExperiment.Options options = new NalsmExperiment.Options(10, NalsmLiquid.Model.NALSM, 1000, 1000, 500,
                100, 1, 2, 100, NalsmExperiment.Options.PLASTIC_WEIGHT);
        Map<String, Object> r = NalsmExperiment.run(options, train, test, IdxImages.FASHION_MNIST.toString(), dir);
        double accuracy = (double) r.get("test_accuracy");
        double branching = (double) r.get("branching_factor");
        System.out.printf("NALSM1000 on Fashion-MNIST, 1000/200/500 images: test %.3f, validation %.3f, branching "
                + "factor %.3f, %.0f s%n", accuracy, (double) r.get("validation_accuracy"), branching,
                (double) r.get("wall_seconds"));
        assertEquals(1000, r.get("train_samples"));
        assertEquals(500, r.get("test_samples"));
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy + " (chance 0.1)");
        assertTrue(branching > 1.0 && branching < 1.5, "branching factor " + branching);
    }
}
