package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.experiments.HebbCommand;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hebb nalsm}, killed in another JVM during phase 1 and started again with the same options, goes on from
 * phase 1's last checkpoint and writes the result of an uninterrupted run: the same phase-1 summaries, features,
 * branching factor and readout accuracies (wall times aside). Started again with another option or other data, it
 * is refused before phase 1 (exit 2), naming what differs, and leaves phase 1's checkpoint and key as they were.
 */
class NalsmResumeTest {
    private static final int PHASE_1 = 2000;
    private static final List<String> TIMINGS = List.of("phase1_seconds", "feature_seconds", "readout_seconds",
            "feature_samples_per_second_per_worker", "wall_seconds", "phase1_resumed_from_sample");

    private static Map<String, Object> result(Path out) throws IOException {
        return new ObjectMapper().readValue(out.resolve(NalsmExperiment.RESULT).toFile(), new TypeReference<>() { });
    }

    @Test
    void aRunKilledInPhaseOneGoesOnToTheResultOfAnUninterruptedOne(@TempDir Path directory) throws Exception {
        Path data = Files.createDirectories(directory.resolve("data"));
        IdxImages train = SyntheticImages.classBlobs(130, 1);
        IdxImages test = SyntheticImages.classBlobs(50, 2);
        SyntheticImages.writeIdx(data, "train", train);
        SyntheticImages.writeIdx(data, "t10k", test);
        NalsmExperiment.Options settings = new NalsmExperiment.Options(5, NalsmLiquid.Model.NALSM, PHASE_1, 100, 50,
                20, 3, 2, 100, NalsmExperiment.Options.PLASTIC_WEIGHT);
        String[] options = {"--data", data.toString(), "--side", "5", "--phase1", String.valueOf(PHASE_1),
                "--train", "100", "--test", "50", "--epochs", "20", "--seed", "3", "--workers", "2",
                "--readout-rate", "100"};
        Path straight = directory.resolve("straight");
        NalsmExperiment.run(settings, train, test, data.toString(), straight);

        Path resumed = directory.resolve("resumed");
        Path checkpoint = resumed.resolve("checkpoints").resolve(NalsmExperiment.PHASE_1_CHECKPOINT);
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(concat(new String[] {launcher.toString(), "-cp",
                System.getProperty("java.class.path"), HebbCommand.class.getName(), "nalsm"},
                concat(options, "--out", resumed.toString()))).redirectErrorStream(true)
                .redirectOutput(directory.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        run.destroyForcibly();
        run.waitFor(60, TimeUnit.SECONDS);
        assertNotEquals(0, run.exitValue(), "the run was killed before it ended: "
                + Files.readString(directory.resolve("killed.log")));
        assertTrue(Files.exists(checkpoint), "the killed run left phase 1's checkpoint");
        assertTrue(!Files.exists(resumed.resolve(NalsmExperiment.RESULT)), "and no result");

        NalsmExperiment.run(settings, train, test, data.toString(), resumed);
        Map<String, Object> expected = result(straight);
        Map<String, Object> actual = result(resumed);
        assertEquals(0, expected.get("phase1_resumed_from_sample"), "the uninterrupted run started afresh");
        int from = (Integer) actual.get("phase1_resumed_from_sample");
        assertTrue(from > 0 && from < PHASE_1, "the run went on from a checkpoint inside phase 1, at sample " + from);
        TIMINGS.forEach(expected::remove);
        TIMINGS.forEach(actual::remove);
        assertEquals(expected, actual, "result.json of the resumed run");
    }

    @Test
    void aRunKilledInPhaseOneIsRefusedWhenStartedAgainWithOtherOptions(@TempDir Path directory) throws Exception {
        Path data = Files.createDirectories(directory.resolve("data"));
        IdxImages train = SyntheticImages.classBlobs(30, 1);
        IdxImages test = SyntheticImages.classBlobs(10, 2);
        SyntheticImages.writeIdx(data, "train", train);
        SyntheticImages.writeIdx(data, "t10k", test);
        Path otherData = Files.createDirectories(directory.resolve("other-data"));
        SyntheticImages.writeIdx(otherData, "train", SyntheticImages.classBlobs(30, 5));
        SyntheticImages.writeIdx(otherData, "t10k", test);
        Path out = directory.resolve("killed");
        NalsmExperiment.run(new NalsmExperiment.Options(3, NalsmLiquid.Model.NALSM, 20, 20, 10, 2, 1, 1, 100,
                NalsmExperiment.Options.PLASTIC_WEIGHT), train, test, data.toString(), out);
        Path checkpoints = out.resolve("checkpoints");
        Path checkpoint = checkpoints.resolve(NalsmExperiment.PHASE_1_CHECKPOINT);
        Path key = checkpoints.resolve("key.txt");
        leaveOnly(out, List.of(checkpoint, key));
        byte[] savedState = Files.readAllBytes(checkpoint);
        String savedKey = Files.readString(key);

        Map<String, String> same = new LinkedHashMap<>();
        String[] options = {"--data", data.toString(), "--side", "3", "--phase1", "20", "--train", "20", "--test",
                "10", "--epochs", "2", "--seed", "1", "--workers", "1", "--out", out.toString()};
        for (int k = 0; k < options.length; k += 2) {
            same.put(options[k], options[k + 1]);
        }
        String[][] changes = {{"--phase1", "30", "phase-1 samples = 20", "phase-1 samples = 30"},
                {"--weight", "2.5", "weight = 3.0", "weight = 2.5"},
                {"--data", otherData.toString(), "training data = 30 images"}};
        for (String[] change : changes) {
            Map<String, String> changed = new LinkedHashMap<>(same);
            changed.put(change[0], change[1]);
            List<String> args = new ArrayList<>(List.of("nalsm"));
            changed.forEach((option, value) -> args.addAll(List.of(option, value)));
            StringWriter err = new StringWriter();
            int code = HebbCommand.execute(args.toArray(String[]::new),
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertEquals(HebbCommand.EXIT_REFUSED, code, change[0] + " " + change[1] + ": " + err);
            for (int k = 2; k < change.length; k++) {
                assertTrue(err.toString().contains(change[k]), "'" + change[k] + "' missing from: " + err);
            }
            assertTrue(err.toString().contains(checkpoints.toString()), err.toString());
            assertArrayEquals(savedState, Files.readAllBytes(checkpoint), "phase 1's checkpoint is left alone");
            assertEquals(savedKey, Files.readString(key), "and so is its key");
            assertTrue(!Files.exists(out.resolve(NalsmExperiment.RESULT)), "no result");
        }
    }

    /** Deletes every file under {@code out} but {@code kept}: what a run killed in phase 1 leaves. */
    private static void leaveOnly(Path out, List<Path> kept) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                boolean holdsKept = kept.stream().anyMatch(k -> k.startsWith(file));
                if (!holdsKept) {
                    Files.delete(file);
                }
            }
        }
        for (Path file : kept) {
            assertTrue(Files.isRegularFile(file), "test setup: the run left " + file);
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
