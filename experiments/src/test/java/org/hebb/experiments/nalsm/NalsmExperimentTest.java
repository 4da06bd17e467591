package org.hebb.experiments.nalsm;

import static org.hebb.experiments.testing.SyntheticImages.classBlobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.hebb.experiments.output.OutputAssertions;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.readout.SoftmaxReadout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NALSM end to end on a small configuration (a 125-neuron liquid, synthetic images whose class sets where a bright
 * blob sits, among distractor blobs): accuracy well above chance; features the same on one worker and on two;
 * a run started again over its checkpoints gives the same result, while one with other settings, other data or
 * other samples is refused, naming what differs; corrupt checkpoints are named; sample counts, epochs and workers
 * are checked before any work.
 */
class NalsmExperimentTest {
    @TempDir
    Path dir;


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
        assertFalse(r.containsKey("phase1_samples_done"), "no phase-1 block ran");
        assertFalse(Files.exists(dir.resolve("lsm").resolve("checkpoints").resolve(
                NalsmExperiment.PHASE_1_CHECKPOINT)), "no phase-1 checkpoint");
        assertEquals(1.0, r.get("weight"));
        assertTrue((double) r.get("test_accuracy") > 0.3, "above chance (0.1)");
        double featureRate = (double) r.get("feature_liquid_rate_hz");
        assertTrue(featureRate > 0 && featureRate <= (double) r.get("feature_max_sample_liquid_rate_hz"),
                "phase 2's mean rate " + featureRate + " Hz, at most its most active sample's");
        assertEquals(List.of(), r.get("warnings"), "a liquid at " + featureRate + " Hz gives no warning");
        assertEquals(0L, r.get("feature_saturated_samples"), "nor a saturated feature sample");
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
        assertEquals(0, ((Number) first.get("phase1_resumed_from_sample")).intValue(), "the first run starts afresh");
        assertEquals(first.get("phase1_samples"), again.get("phase1_resumed_from_sample"),
                "the second run resumes from the first's last checkpoint, computing no phase-1 sample again");
        assertEquals(first.get("test_accuracy"), again.get("test_accuracy"), "resumed from checkpoints");
        assertArrayEquals((double[]) first.get("validation_accuracy_per_epoch"),
                (double[]) again.get("validation_accuracy_per_epoch"));

        // This small liquid runs at about 250 Hz, over 80% of its saturation rate (333 Hz) in some windows of the
        // branching factor's probe: the results say so, and the same in the resumed run.
        List<?> warnings = (List<?>) first.get("warnings");
        assertFalse(warnings.isEmpty(), "a liquid at " + first.get("liquid_rate_hz") + " Hz warns");
        assertTrue(warnings.get(0).toString().startsWith("runaway activity: population"), warnings.get(0).toString());
        assertEquals(warnings, again.get("warnings"));
        String summary = Files.readString(dir.resolve("run").resolve("summary.md"));
        assertTrue(summary.contains("Warnings of the liquid that learns: " + warnings.size()), summary);
        assertTrue(summary.contains("- " + warnings.get(0)), summary);
        double busiest = (double) first.get("feature_max_sample_liquid_rate_hz");
        assertTrue(busiest > 200, "phase 2 is as active");
        // NALSM's neuron fires again at the earliest 3 ms after a spike: saturated from 0.8 x 333 Hz on
        long saturated = (long) first.get("feature_saturated_samples");
        assertEquals(busiest >= 0.8 * 1000 / 3, saturated > 0, saturated + " saturated samples, the busiest at "
                + busiest + " Hz");
        assertEquals(saturated, again.get("feature_saturated_samples"));
        assertEquals(saturated > 0, summary.contains("Feature samples in runaway activity: " + saturated), summary);
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

    /** A 27-neuron liquid and a few samples: quick runs for the checks of settings and checkpoints. */
    private static NalsmExperiment.Options tiny(int side, NalsmLiquid.Model model, int phase1, int train, int test,
                                                long seed, double weight) {
        return new NalsmExperiment.Options(side, model, phase1, train, test, 2, seed, 1, 100, weight);
    }

    private static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private static int[] range(int count) {
        int[] indices = new int[count];
        for (int k = 0; k < count; k++) {
            indices[k] = k;
        }
        return indices;
    }

    @Test
    void rerunsWithOtherSettingsOrDataAreRefusedNamingWhatDiffers() throws IOException {
        IdxImages train = classBlobs(30, 1);
        IdxImages test = classBlobs(10, 2);
        Path out = dir.resolve("run");
        NalsmLiquid.Model nalsm = NalsmLiquid.Model.NALSM;
        NalsmExperiment.run(tiny(3, nalsm, 20, 20, 10, 1, 3), train, test, "synthetic", out);
        Object[][] changes = {
                {tiny(3, nalsm, 20, 20, 10, 2, 3), train, test, "seed = 1", "seed = 2"},
                {tiny(4, nalsm, 20, 20, 10, 1, 3), train, test, "side = 3", "side = 4"},
                {tiny(3, NalsmLiquid.Model.LSM_STDP, 20, 20, 10, 1, 3), train, test, "model = nalsm",
                        "model = lsm-stdp"},
                {tiny(3, nalsm, 20, 20, 10, 1, 2.5), train, test, "weight = 3.0", "weight = 2.5"},
                {tiny(3, nalsm, 30, 20, 10, 1, 3), train, test, "phase-1 samples = 20", "phase-1 samples = 30"},
                {tiny(3, nalsm, 20, 15, 10, 1, 3), train, test, "train images = 20", "train images = 15"},
                {tiny(3, nalsm, 20, 20, 8, 1, 3), train, test, "test images = 10", "test images = 8"},
                {tiny(3, nalsm, 20, 20, 10, 1, 3), classBlobs(30, 5), test, "training data = 30 images"},
                {tiny(3, nalsm, 20, 20, 10, 1, 3), train, classBlobs(10, 6), "test data = 10 images"}};
        for (Object[] change : changes) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NalsmExperiment.run(
                    (NalsmExperiment.Options) change[0], (IdxImages) change[1], (IdxImages) change[2], "synthetic",
                    out));
            for (int k = 3; k < change.length; k++) {
                assertMentions(e, (String) change[k]);
            }
            assertMentions(e, out.resolve("checkpoints").toString());
        }
        Map<String, Object> readoutOnly = NalsmExperiment.run(new NalsmExperiment.Options(3, nalsm, 20, 20, 10, 4, 1,
                2, 50, 3), train, test, "synthetic", out);
        assertEquals(4, readoutOnly.get("epochs"), "readout settings and workers keep the features");
    }

    /**
     * Phase 1 learns from the training images only (NALSM: images 0-49,999), never from the validation images
     * after them: with the validation images blank, every phase-1 sample (one per block) has input spikes.
     */
    @Test
    void phaseOneNeverPresentsAValidationImage() throws IOException {
        IdxImages blobs = classBlobs(60, 1);
        byte[][] pixels = blobs.pixels().clone();
        for (int image = 50; image < pixels.length; image++) {
            pixels[image] = new byte[pixels[image].length];
        }
        IdxImages train = new IdxImages(blobs.rows(), blobs.columns(), pixels, blobs.labels());
        Map<String, Object> r = NalsmExperiment.run(tiny(3, NalsmLiquid.Model.NALSM, 50, 10, 2, 1, 3), train,
                classBlobs(2, 2), "synthetic", dir.resolve("pool"));
        double[] inputRates = (double[]) r.get("phase1_input_rate_hz");
        assertEquals(50, inputRates.length, "test setup: one sample per phase-1 block");
        for (int block = 0; block < inputRates.length; block++) {
            assertTrue(inputRates[block] > 0, "phase-1 sample " + block + " had no input: a blank validation image");
        }
    }

    private static final String GENERATOR = "generator version";

    /** The line of a key file's text that records the version of the code that made the checkpoints. */
    private static String generatorLine(String keyText) {
        return keyText.lines().filter(line -> line.startsWith(GENERATOR + " = ")).findFirst()
                .orElseThrow(() -> new AssertionError("the key records no " + GENERATOR + ": " + keyText));
    }

    private static String generatorLine(Path keyFile) throws IOException {
        return generatorLine(Files.readString(keyFile));
    }

    /** A tiny run into {@code out}, its checkpoints' key file then rewritten by {@code rewrite}. */
    private Path tinyRunWithKey(Path out, UnaryOperator<String> rewrite) throws IOException {
        NalsmExperiment.run(tiny(3, NalsmLiquid.Model.NALSM, 20, 20, 10, 1, 3), classBlobs(30, 1), classBlobs(10, 2),
                "synthetic", out);
        Path key = out.resolve("checkpoints").resolve("key.txt");
        Files.writeString(key, rewrite.apply(Files.readString(key)));
        return key;
    }

    @Test
    void checkpointsWhoseKeyHasNoGeneratorVersionAreRefused() throws IOException {
        Path out = dir.resolve("run");
        String[] line = new String[1];
        Path key = tinyRunWithKey(out, text -> {
            line[0] = generatorLine(text);
            return text.replace(line[0] + "\n", "");
        });
        String keyText = Files.readString(key);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NalsmExperiment.run(
                tiny(3, NalsmLiquid.Model.NALSM, 20, 20, 10, 1, 3), classBlobs(30, 1), classBlobs(10, 2), "synthetic",
                out));
        assertMentions(e, GENERATOR + " = (none)", "this run has " + line[0], out.resolve("checkpoints").toString(),
                "delete");
        assertEquals(keyText, Files.readString(key), "the key is left as it was");
    }

    @Test
    void checkpointsOfAnotherGeneratorVersionAreRefused() throws IOException {
        Path out = dir.resolve("run");
        String[] line = new String[1];
        String[] older = new String[1];
        Path key = tinyRunWithKey(out, text -> {
            line[0] = generatorLine(text);
            older[0] = GENERATOR + " = " + (Integer.parseInt(line[0].substring(GENERATOR.length() + 3)) - 1);
            return text.replace(line[0], older[0]);
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NalsmExperiment.run(
                tiny(3, NalsmLiquid.Model.NALSM, 20, 20, 10, 1, 3), classBlobs(30, 1), classBlobs(10, 2), "synthetic",
                out));
        assertMentions(e, "with " + older[0], "this run has " + line[0], out.resolve("checkpoints").toString(),
                "delete");
        assertEquals(older[0], generatorLine(key), "the key is left as it was");
    }

    @Test
    void checkpointsOfTheSameGeneratorVersionResume() throws IOException {
        Path out = dir.resolve("run");
        NalsmExperiment.Options options = tiny(3, NalsmLiquid.Model.NALSM, 20, 20, 10, 1, 3);
        Map<String, Object> first = NalsmExperiment.run(options, classBlobs(30, 1), classBlobs(10, 2), "synthetic",
                out);
        String line = generatorLine(out.resolve("checkpoints").resolve("key.txt"));
        assertEquals(line, generatorLine(out.resolve("checkpoints").resolve("train").resolve("key.txt")),
                "each feature set's key records it too");
        Map<String, Object> again = NalsmExperiment.run(options, classBlobs(30, 1), classBlobs(10, 2), "synthetic",
                out);
        assertEquals(20, again.get("phase1_resumed_from_sample"), "phase 1 is not run again");
        assertArrayEquals((double[]) first.get("validation_accuracy_per_epoch"),
                (double[]) again.get("validation_accuracy_per_epoch"), "from the same features");
    }

    @Test
    void featureSetsWhoseKeyHasNoGeneratorVersionAreRefused() throws IOException {
        InputEncoding encoding = new InputEncoding(classBlobs(14, 3));
        NalsmLiquid.Config config = NalsmLiquid.Config.nalsm(3, 784, NalsmLiquid.Model.NALSM, 9);
        float[][] initial = FeaturePhase.weightsOf(NalsmLiquid.build(config));
        FeaturePhase.make(config, initial, encoding, range(14), 7, 1, dir, "x");
        Path key = dir.resolve("x").resolve("key.txt");
        String line = generatorLine(key);
        Files.writeString(key, Files.readString(key).replace(line + "\n", ""));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FeaturePhase.make(config, initial,
                encoding, range(14), 7, 1, dir, "x")), GENERATOR + " = (none)", "this run has " + line);
    }

    @Test
    void featureCheckpointsBelongToTheirLiquidImagesAndSamples() throws IOException {
        IdxImages images = classBlobs(14, 3);
        InputEncoding encoding = new InputEncoding(images);
        NalsmLiquid.Config config = NalsmLiquid.Config.nalsm(3, 784, NalsmLiquid.Model.NALSM, 9);
        float[][] initial = FeaturePhase.weightsOf(NalsmLiquid.build(config));
        int[] order = range(14);
        FeaturePhase.make(config, initial, encoding, order, 7, 1, dir, "x");
        NalsmLiquid.Config other = NalsmLiquid.Config.nalsm(3, 784, NalsmLiquid.Model.NALSM, 10);
        float[][] otherInitial = FeaturePhase.weightsOf(NalsmLiquid.build(other));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FeaturePhase.make(other, otherInitial,
                encoding, order, 7, 1, dir, "x")), "liquid", "W_init");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FeaturePhase.make(config, otherInitial,
                encoding, order, 7, 1, dir, "x")), "W_init");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FeaturePhase.make(config, initial,
                new InputEncoding(classBlobs(14, 4)), order, 7, 1, dir, "x")), "images");
        int[] shifted = range(14);
        shifted[13] = 0;
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FeaturePhase.make(config, initial,
                encoding, shifted, 7, 1, dir, "x")), "samples");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FeaturePhase.make(config, initial,
                encoding, order, 5, 1, dir, "x")), "block size = 7", "block size = 5");
        int[][] again = FeaturePhase.make(config, initial, encoding, order, 7, 2, dir, "x");
        assertEquals(14, again.length, "the same inputs resume");
    }

    @Test
    void corruptFeatureCheckpointsAreNamed() throws IOException {
        InputEncoding encoding = new InputEncoding(classBlobs(14, 3));
        NalsmLiquid.Config config = NalsmLiquid.Config.nalsm(3, 784, NalsmLiquid.Model.NALSM, 9);
        float[][] initial = FeaturePhase.weightsOf(NalsmLiquid.build(config));
        FeaturePhase.make(config, initial, encoding, range(14), 7, 1, dir, "x");
        Path checkpoint;
        try (var files = Files.walk(dir)) {
            checkpoint = files.filter(f -> f.getFileName().toString().endsWith(".result")).sorted().findFirst()
                    .orElseThrow();
        }
        byte[] intact = Files.readAllBytes(checkpoint);
        byte[][] corruptions = {java.util.Arrays.copyOf(intact, 10), java.util.Arrays.copyOf(intact, 3),
                ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE).array(),
                ByteBuffer.allocate(8).putInt(-1).putInt(27).array(),
                java.util.Arrays.copyOf(intact, intact.length + 4)};
        String[] reasons = {"it holds 10 bytes: 7 samples of 27 counts take " + intact.length,
                "it holds 3 bytes, less than its 8-byte header",
                "its header gives 2147483647 samples of 2147483647 counts: the liquid has 27 neurons",
                "its header gives -1 samples of 27 counts", "it holds " + (intact.length + 4) + " bytes: "};
        for (int c = 0; c < corruptions.length; c++) {
            Files.write(checkpoint, corruptions[c]);
            IOException e = assertThrows(IOException.class, () -> FeaturePhase.make(config, initial, encoding,
                    range(14), 7, 1, dir, "x"));
            assertMentions(e, checkpoint.toString(), reasons[c], "delete it");
        }
    }

    @Test
    void sampleCountsEpochsAndWorkersAreValidated() {
        NalsmLiquid.Model nalsm = NalsmLiquid.Model.NALSM;
        Object[][] refused = {
                {1, 100, 200, 10, 1, "train images = 1"}, {0, 100, 200, 10, 1, "train images = 0"},
                {300, 1, 200, 10, 1, "test images = 1"}, {300, 0, 200, 10, 1, "test images = 0"},
                {300, 100, -1, 10, 1, "phase-1 samples = -1"}, {300, 100, 200, 0, 1, "epochs = 0"},
                {300, 100, 200, Integer.MAX_VALUE, 1, "epochs = " + Integer.MAX_VALUE},
                {300, 100, 200, 10, 0, "workers = 0"},
                {300, 100, 200, 10, Integer.MAX_VALUE, "workers = " + Integer.MAX_VALUE},
                {300, 100, 200, 10, SoftmaxReadout.MAX_THREADS + 1, "workers = " + (SoftmaxReadout.MAX_THREADS + 1)
                        + " is not allowed: must be in [1, " + SoftmaxReadout.MAX_THREADS + "] (the readout"}};
        for (Object[] r : refused) {
            assertMentions(assertThrows(IllegalArgumentException.class, () -> new NalsmExperiment.Options(5, nalsm,
                    (int) r[2], (int) r[0], (int) r[1], (int) r[3], 3, (int) r[4], 100, 3)), (String) r[5]);
        }
    }

    @Test
    void sampleCountsAreCheckedAgainstTheDataBeforeAnyWork() {
        IdxImages train = classBlobs(30, 1);
        IdxImages test = classBlobs(10, 2);
        Path out = dir.resolve("refused");
        NalsmLiquid.Model nalsm = NalsmLiquid.Model.NALSM;
        assertMentions(assertThrows(IllegalArgumentException.class, () -> NalsmExperiment.run(
                tiny(3, nalsm, 20, 26, 10, 1, 3), train, test, "synthetic", out)), "train images = 26", "25", "30");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> NalsmExperiment.run(
                tiny(3, nalsm, 20, 20, 11, 1, 3), train, test, "synthetic", out)), "test images = 11", "10");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> NalsmExperiment.run(
                tiny(3, nalsm, 20, 2, 10, 1, 3), classBlobs(2, 1), test, "synthetic", out)), "2 images");
        IdxImages small = new IdxImages(14, 14, new byte[10][14 * 14], new byte[10]);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> NalsmExperiment.run(
                tiny(3, nalsm, 20, 20, 10, 1, 3), train, small, "synthetic", out)), "14 x 14", "28 x 28");
        OutputAssertions.assertNothingWritten(out);
    }
}
