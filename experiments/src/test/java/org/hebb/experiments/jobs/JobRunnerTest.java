package org.hebb.experiments.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runner: results in job order whatever the workers; an interrupted run resumes from its checkpoints,
 * runs only what is missing and ends with the results of an uninterrupted run; bad ids are refused; a corrupt
 * checkpoint is named; checkpoints made from another key are refused; temporary files left by a killed run are
 * cleaned; results and checkpoints do not depend on the executor or on the order in which jobs finish.
 */
class JobRunnerTest {
    @TempDir
    Path dir;

    private static final CheckpointKey KEY = new CheckpointKey().with("draws", 100);

    private static final JobCodec<double[]> DOUBLES = new JobCodec<>() {
        @Override
        public byte[] encode(double[] result) {
            ByteBuffer buffer = ByteBuffer.allocate(8 * result.length);
            buffer.asDoubleBuffer().put(result);
            return buffer.array();
        }

        @Override
        public double[] decode(byte[] bytes) throws IOException {
            if (bytes.length % 8 != 0) {
                throw new IOException("it holds " + bytes.length + " bytes, not a whole number of doubles");
            }
            double[] values = new double[bytes.length / 8];
            ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
            return values;
        }
    };

    /** Job k draws 100 numbers from its own seed; it fails when k equals {@code failing}. */
    private static List<Job<double[]>> jobs(int count, int failing, AtomicInteger runs) {
        List<Job<double[]>> jobs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int index = k;
            jobs.add(new Job<>() {
                @Override
                public String id() {
                    return "block-" + index;
                }

                @Override
                public double[] run(int worker) throws IOException {
                    runs.incrementAndGet();
                    if (index == failing) {
                        throw new IOException("injected failure");
                    }
                    SplittableRandom random = new SplittableRandom(index);
                    double[] values = new double[100];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = random.nextDouble();
                    }
                    return values;
                }
            });
        }
        return jobs;
    }

    @Test
    void resumesFromCheckpointsWithIdenticalResults() throws IOException {
        List<double[]> reference = JobRunner.run(jobs(30, -1, new AtomicInteger()), DOUBLES, dir.resolve("clean"),
                KEY, 1, "clean");
        AtomicInteger firstRuns = new AtomicInteger();
        IOException failure = assertThrows(IOException.class, () -> JobRunner.run(jobs(30, 17, firstRuns), DOUBLES,
                dir.resolve("resumed"), KEY, 2, "interrupted"));
        assertTrue(failure.getMessage().contains("block-17"), failure.getMessage());
        long checkpoints;
        try (var files = Files.list(dir.resolve("resumed"))) {
            checkpoints = files.filter(f -> f.toString().endsWith(".result")).count();
        }
        assertTrue(checkpoints > 0 && checkpoints < 30, "some jobs finished before the failure: " + checkpoints);
        AtomicInteger secondRuns = new AtomicInteger();
        List<double[]> resumed = JobRunner.run(jobs(30, -1, secondRuns), DOUBLES, dir.resolve("resumed"), KEY,
                2, "resumed");
        assertEquals(30 - checkpoints, secondRuns.get(), "only the missing jobs run again");
        for (int k = 0; k < 30; k++) {
            assertArrayEquals(reference.get(k), resumed.get(k), "job " + k);
        }
    }

    @Test
    void badIdsAreRefused() {
        List<Job<double[]>> twice = new ArrayList<>(jobs(2, -1, new AtomicInteger()));
        twice.addAll(jobs(1, -1, new AtomicInteger()));
        assertEquals("job id = 'block-0' is not allowed: it is used twice",
                assertThrows(IllegalArgumentException.class,
                        () -> JobRunner.run(twice, DOUBLES, dir, KEY, 1, "twice")).getMessage());
        Job<double[]> slash = new Job<>() {
            @Override
            public String id() {
                return "../escape";
            }

            @Override
            public double[] run(int worker) {
                return new double[0];
            }
        };
        String message = assertThrows(IllegalArgumentException.class,
                () -> JobRunner.run(List.of(slash), DOUBLES, dir, KEY, 1, "slash")).getMessage();
        assertTrue(message.contains("../escape"), message);
    }

    @Test
    void corruptCheckpointsAreNamed() throws IOException {
        JobRunner.run(jobs(3, -1, new AtomicInteger()), DOUBLES, dir, KEY, 1, "first");
        Files.write(dir.resolve("block-1.result"), new byte[5]);
        IOException e = assertThrows(IOException.class,
                () -> JobRunner.run(jobs(3, -1, new AtomicInteger()), DOUBLES, dir, KEY, 1, "again"));
        assertTrue(e.getMessage().contains(dir.resolve("block-1.result").toString())
                && e.getMessage().contains("5 bytes"), e.getMessage());
        JobCodec<double[]> failing = new JobCodec<>() {
            @Override
            public byte[] encode(double[] result) {
                return new byte[0];
            }

            @Override
            public double[] decode(byte[] bytes) {
                return new double[] {java.nio.ByteBuffer.wrap(bytes).getDouble()};
            }
        };
        IOException underflow = assertThrows(IOException.class,
                () -> JobRunner.run(jobs(3, -1, new AtomicInteger()), failing, dir, KEY, 1, "again"));
        assertTrue(underflow.getMessage().contains("block-1.result"), underflow.getMessage());
    }

    @Test
    void temporaryFilesLeftByAKilledRunAreCleaned() throws IOException {
        List<double[]> reference = JobRunner.run(jobs(3, -1, new AtomicInteger()), DOUBLES, dir, KEY, 1, "first");
        Files.delete(dir.resolve("block-2.result"));
        Path empty = Files.createFile(dir.resolve(".block-2.result8142.partial"));
        Path partial = Files.write(dir.resolve(".block-2.result0913.partial"), new byte[12]);
        AtomicInteger runs = new AtomicInteger();
        List<double[]> resumed = JobRunner.run(jobs(3, -1, runs), DOUBLES, dir, KEY, 1, "resumed");
        assertEquals(1, runs.get());
        assertTrue(Files.notExists(empty) && Files.notExists(partial), "partial files removed");
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(reference.get(k), resumed.get(k), "job " + k);
        }
    }

    @Test
    void checkpointsMadeFromAnotherKeyAreRefused() throws IOException {
        JobRunner.run(jobs(3, -1, new AtomicInteger()), DOUBLES, dir, KEY, 1, "first");
        CheckpointKey other = new CheckpointKey().with("draws", 200).with("seed", 4);
        String message = assertThrows(IllegalArgumentException.class,
                () -> JobRunner.run(jobs(3, -1, new AtomicInteger()), DOUBLES, dir, other, 1, "other")).getMessage();
        assertTrue(message.contains("made with draws = 100, seed = (none); this run has draws = 200, seed = 4")
                && message.contains(dir.toString()), message);
        Files.delete(dir.resolve(CheckpointKey.FILE));
        message = assertThrows(IllegalArgumentException.class,
                () -> JobRunner.run(jobs(3, -1, new AtomicInteger()), DOUBLES, dir, KEY, 1, "unkeyed")).getMessage();
        assertTrue(message.contains("no " + CheckpointKey.FILE), message);
        for (int k = 0; k < 3; k++) {
            Files.delete(dir.resolve("block-" + k + ".result"));
        }
        AtomicInteger runs = new AtomicInteger();
        JobRunner.run(jobs(3, -1, runs), DOUBLES, dir, other, 1, "emptied");
        assertEquals(3, runs.get(), "a directory without results takes any key");
        assertEquals(other.values(), CheckpointKey.read(dir.resolve(CheckpointKey.FILE)).values());
    }

    @Test
    void anyCheckpointButKeysAndTemporaryFilesHoldsTheDirectoryToItsKey() throws IOException {
        KEY.claim(dir);
        Path state = Files.write(Files.createDirectories(dir.resolve("phase")).resolve("state.h5"), new byte[8]);
        CheckpointKey other = new CheckpointKey().with("draws", 200);
        String message = assertThrows(IllegalArgumentException.class, () -> other.claim(dir)).getMessage();
        assertTrue(message.contains("made with draws = 100; this run has draws = 200"), message);
        Files.delete(state);
        Files.write(dir.resolve(".state.h5123.partial"), new byte[8]);
        Files.write(dir.resolve("phase").resolve(CheckpointKey.FILE), "draws = 100\n".getBytes());
        other.claim(dir);
        assertEquals(other.values(), CheckpointKey.read(dir.resolve(CheckpointKey.FILE)).values(),
                "keys and temporary files alone are no checkpoints: the directory takes any key");
    }

    /** Runs the jobs last to first, on the calling thread: the order in which a cluster might finish them. */
    private static final class Backwards implements JobExecutor {
        @Override
        public int workers() {
            return 1;
        }

        @Override
        public String name() {
            return "backwards";
        }

        @Override
        public <R> void execute(List<? extends Job<R>> jobs, JobCodec<R> codec, Results results) throws IOException {
            for (int k = jobs.size() - 1; k >= 0; k--) {
                try {
                    results.finished(k, codec.encode(jobs.get(k).run(0)));
                } catch (Exception e) {
                    throw new IOException("job '" + jobs.get(k).id() + "' failed: " + e, e);
                }
            }
        }
    }

    @Test
    void resultsAndCheckpointsDoNotDependOnTheExecutorOrTheOrderJobsFinish() throws IOException {
        List<double[]> one = JobRunner.run(jobs(12, -1, new AtomicInteger()), DOUBLES, dir.resolve("one"), KEY, 1,
                "test");
        List<double[]> backwards = JobRunner.run(jobs(12, -1, new AtomicInteger()), DOUBLES, dir.resolve("back"), KEY,
                new Backwards(), "test");
        List<double[]> three = JobRunner.run(jobs(12, -1, new AtomicInteger()), DOUBLES, dir.resolve("three"), KEY,
                new LocalExecutor(3), "test");
        for (int k = 0; k < 12; k++) {
            assertArrayEquals(one.get(k), backwards.get(k), "job " + k + " run last to first");
            assertArrayEquals(one.get(k), three.get(k), "job " + k + " on three workers");
            byte[] file = Files.readAllBytes(JobRunner.checkpointFile(dir.resolve("one"), "block-" + k));
            assertArrayEquals(file, Files.readAllBytes(JobRunner.checkpointFile(dir.resolve("back"), "block-" + k)));
            assertArrayEquals(file, Files.readAllBytes(JobRunner.checkpointFile(dir.resolve("three"), "block-" + k)));
        }
    }
}
