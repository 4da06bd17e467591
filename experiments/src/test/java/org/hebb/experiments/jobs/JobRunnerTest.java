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
 * runs only what is missing and ends with the results of an uninterrupted run; bad ids are refused.
 */
class JobRunnerTest {
    @TempDir
    Path dir;

    private static final JobCodec<double[]> DOUBLES = new JobCodec<>() {
        @Override
        public byte[] encode(double[] result) {
            ByteBuffer buffer = ByteBuffer.allocate(8 * result.length);
            buffer.asDoubleBuffer().put(result);
            return buffer.array();
        }

        @Override
        public double[] decode(byte[] bytes) {
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
                1, "clean");
        AtomicInteger firstRuns = new AtomicInteger();
        IOException failure = assertThrows(IOException.class, () -> JobRunner.run(jobs(30, 17, firstRuns), DOUBLES,
                dir.resolve("resumed"), 2, "interrupted"));
        assertTrue(failure.getMessage().contains("block-17"), failure.getMessage());
        long checkpoints;
        try (var files = Files.list(dir.resolve("resumed"))) {
            checkpoints = files.count();
        }
        assertTrue(checkpoints > 0 && checkpoints < 30, "some jobs finished before the failure: " + checkpoints);
        AtomicInteger secondRuns = new AtomicInteger();
        List<double[]> resumed = JobRunner.run(jobs(30, -1, secondRuns), DOUBLES, dir.resolve("resumed"), 2,
                "resumed");
        assertEquals(30 - checkpoints, secondRuns.get(), "only the missing jobs run again");
        for (int k = 0; k < 30; k++) {
            assertArrayEquals(reference.get(k), resumed.get(k), "job " + k);
        }
    }

    @Test
    void badIdsAreRefused() {
        List<Job<double[]>> twice = new ArrayList<>(jobs(2, -1, new AtomicInteger()));
        twice.addAll(jobs(1, -1, new AtomicInteger()));
        assertThrows(IllegalArgumentException.class, () -> JobRunner.run(twice, DOUBLES, dir, 1, "twice"));
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
                () -> JobRunner.run(List.of(slash), DOUBLES, dir, 1, "slash")).getMessage();
        assertTrue(message.contains("../escape"), message);
    }
}
