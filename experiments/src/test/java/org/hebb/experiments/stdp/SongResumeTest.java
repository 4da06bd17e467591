package org.hebb.experiments.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.experiments.HebbCommand;
import org.hebb.experiments.stdp.SongMillerAbbott.Cell;
import org.hebb.experiments.stdp.SongMillerAbbott.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hebb song --checkpoint-every}, killed in another JVM after a checkpoint and started again with the same
 * settings, writes the result of an uninterrupted run: the same weights, rates and snapshots (wall time aside).
 */
class SongResumeTest {
    private static final double DURATION_S = 120;
    private static final double SNAPSHOT_S = 10;
    private static final double CHECKPOINT_S = 5;

    private static Map<String, Object> result(Path out) throws Exception {
        Map<String, Object> json = new ObjectMapper().readValue(out.resolve(SongExperiment.RESULT).toFile(),
                new TypeReference<>() { });
        json.remove("wall_seconds");
        return json;
    }

    private static double resumedFromS(Path out) throws Exception {
        return ((Number) new ObjectMapper().readValue(out.resolve(SongExperiment.RESULT).toFile(),
                new TypeReference<Map<String, Object>>() { }).get("resumed_from_s")).doubleValue();
    }

    @Test
    void aKilledRunGoesOnFromItsLastCheckpointToTheResultOfAnUninterruptedOne(@TempDir Path directory)
            throws Exception {
        Config config = new Config(Cell.SONG_2000, 1000, 10, 0, 0.2, 0, 0.005, DURATION_S * 1000, 5);
        Path straight = directory.resolve("straight");
        SongExperiment.run(config, SNAPSHOT_S * 1000, straight);

        Path resumed = directory.resolve("resumed");
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(launcher.toString(), "-cp", System.getProperty("java.class.path"),
                HebbCommand.class.getName(), "song", "--inputs", "1000", "--duration", String.valueOf(DURATION_S),
                "--snapshot", String.valueOf(SNAPSHOT_S), "--checkpoint-every", String.valueOf(CHECKPOINT_S),
                "--seed", "5", "--out", resumed.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (checkpoints(resumed) < 1 && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        run.destroyForcibly();
        run.waitFor(60, TimeUnit.SECONDS);
        assertNotEquals(0, run.exitValue(), "the run was killed before it ended: "
                + Files.readString(directory.resolve("killed.log")));
        assertTrue(checkpoints(resumed) == 1, "the killed run left its checkpoint");
        assertTrue(!Files.exists(resumed.resolve(SongExperiment.RESULT)), "and no result");

        SongExperiment.run(config, SNAPSHOT_S * 1000, CHECKPOINT_S * 1000, resumed);
        assertEquals(0, resumedFromS(straight), "the uninterrupted run started afresh");
        assertTrue(resumedFromS(resumed) >= CHECKPOINT_S, "the run went on from the checkpoint at "
                + resumedFromS(resumed) + " s");
        Map<String, Object> expected = result(straight);
        expected.remove("resumed_from_s");
        assertTrue(((Number) expected.get("output_rate_last_tenth_hz")).doubleValue() > 0, "test setup: it fires");
        Map<String, Object> actual = result(resumed);
        actual.remove("resumed_from_s");
        assertEquals(expected, actual, "result.json of the resumed run");
    }

    private static long checkpoints(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().matches("checkpoint-.*\\.h5")).count();
        }
    }
}
