package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.output.JsonOutput;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HLOP protocol at a reduced size on real Fashion-MNIST (3 tasks of 2000 training and 400 test images, 200
 * hidden neurons, the readout learning 4 times faster than in the measured runs so that so few images make the
 * baseline forget): the baseline forgets, HLOP forgets markedly less; a run interrupted after every task (3 tasks of
 * 300 images) resumes from its checkpoint with the same result file, its time apart. Needs Debian's
 * dataset-fashion-mnist (.ci/run installs it).
 */
class HlopExperimentTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static IdxImages train;
    private static IdxImages test;

    @TempDir
    Path dir;

    /** Skips each test (counted as skipped) where Fashion-MNIST is missing; reads it once. */
    @BeforeEach
    void fashionMnist() throws IOException {
        Path images = IdxImages.FASHION_MNIST.resolve("train-images-idx3-ubyte.gz");
        Prerequisites.require(Files.isRegularFile(images) ? null : "Fashion-MNIST is not installed (no " + images
                + "): apt-get install dataset-fashion-mnist");
        if (train == null) {
            train = IdxImages.read(IdxImages.FASHION_MNIST, IdxImages.Split.TRAIN);
            test = IdxImages.read(IdxImages.FASHION_MNIST, IdxImages.Split.TEST);
        }
    }

    private static HlopSettings reduced(HlopVariant variant, int tasks) {
        HlopSettings standard = HlopSettings.standard(3, variant);
        return standard.reduced(tasks, 2000, 400, 200).withLearningRates(standard.hiddenLearningRate(), 1e-3);
    }

    private Map<String, Object> run(HlopSettings settings, String name) throws IOException {
        return new HlopExperiment(settings, train, test, QUIET).run(dir.resolve(name));
    }

    @Test
    void hlopForgetsMarkedlyLessThanTheBaseline() throws IOException {
        Map<String, Object> baseline = run(reduced(HlopVariant.BASELINE, 3), "baseline");
        Map<String, Object> hlop = run(reduced(HlopVariant.HLOP, 3), "hlop");
        double baselineBwt = (double) baseline.get("bwt");
        double hlopBwt = (double) hlop.get("bwt");
        double[][] matrix = (double[][]) hlop.get("accuracy_matrix");
        System.out.printf("HLOP, 3 tasks: BWT baseline %.1f, hlop %.1f points; ACC %.1f and %.1f%n", baselineBwt,
                hlopBwt, (double) baseline.get("acc"), (double) hlop.get("acc"));
        assertTrue(matrix[0][0] > 60, "task 1 is learnt: " + matrix[0][0] + "%");
        assertTrue(baselineBwt < -8, "the baseline forgets: BWT " + baselineBwt);
        assertTrue(hlopBwt > baselineBwt + 6, "HLOP forgets markedly less: BWT " + hlopBwt + " against the "
                + "baseline's " + baselineBwt);
        assertTrue((double) hlop.get("acc") > (double) baseline.get("acc"), "and ends with a higher ACC");
    }

    @Test
    void resumingAfterEveryTaskGivesTheSameResultFile() throws IOException {
        HlopSettings settings = HlopSettings.standard(5, HlopVariant.HLOP).reduced(3, 300, 100, 200);
        new HlopExperiment(settings, train, test, QUIET).run(dir.resolve("whole"));
        Path interrupted = dir.resolve("interrupted");
        for (int phase = 1; phase < 3; phase++) {
            assertNull(new HlopExperiment(settings, train, test, QUIET).run(interrupted, 1), "stops after task "
                    + phase);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new HlopExperiment(settings, train, test, new PrintStream(log, true, StandardCharsets.UTF_8))
                .run(interrupted, 1);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("resuming after 2 of 3 training phases"),
                "the last run resumes from the checkpoint, not afresh: " + log.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(interrupted.resolve(HlopExperiment.CHECKPOINT)));
        Map<?, ?> expected = new LinkedHashMap<>(JsonOutput.read(dir.resolve("whole").resolve("result.json"),
                Map.class));
        Map<?, ?> actual = new LinkedHashMap<>(JsonOutput.read(interrupted.resolve("result.json"), Map.class));
        expected.remove("wall_seconds");
        actual.remove("wall_seconds");
        assertTrue(expected.containsKey("subspace_fit"), "the subspace fit is compared too");
        assertEquals(expected, actual, "the result file, its time apart, of a run interrupted after every task");
    }
}
