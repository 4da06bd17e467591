package org.hebb.experiments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The in-process executor: a job that fails with an Error (a stack overflow, running out of memory) fails the run,
 * naming the job and the error, instead of killing its worker silently and leaving the job without a result.
 */
class LocalExecutorTest {
    private static final JobCodec<String> TEXT = new JobCodec<>() {
        @Override
        public byte[] encode(String result) {
            return result.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    /** What job {@code index} does on worker {@code worker}. */
    private interface JobBody {
        String run(int index, int worker) throws Exception;
    }

    /** Six jobs, job-0 to job-5, each doing what {@code body} does. */
    private static List<Job<String>> jobs(JobBody body) {
        List<Job<String>> jobs = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            int index = k;
            jobs.add(new Job<>() {
                @Override
                public String id() {
                    return "job-" + index;
                }

                @Override
                public String run(int worker) throws Exception {
                    return body.run(index, worker);
                }
            });
        }
        return jobs;
    }

    /** Six jobs; job 3 throws what {@code failure} gives. */
    private static List<Job<String>> jobs(Supplier<Throwable> failure) {
        return jobs((index, worker) -> {
            if (index == 3) {
                Throwable t = failure.get();
                if (t instanceof Error e) {
                    throw e;
                }
                throw (Exception) t;
            }
            return "result " + index;
        });
    }

    private static void execute(int workers, List<Job<String>> jobs, List<String> results) throws IOException {
        new LocalExecutor(workers).execute(jobs, TEXT, (index, encoded) -> results.set(index, TEXT.decode(encoded)));
    }

    private static List<String> empty() {
        return new ArrayList<>(Collections.nCopies(6, null));
    }

    @Test
    void anErrorInAJobFailsTheRunNamingTheJobAndTheError() {
        for (int workers : new int[] {1, 3}) {
            IOException e = assertThrows(IOException.class, () -> execute(workers, jobs(() -> new StackOverflowError(
                    "deep recursion")), empty()), workers + " workers");
            assertTrue(e.getMessage().contains("job 'job-3' failed") && e.getMessage().contains("StackOverflowError")
                    && e.getMessage().contains("deep recursion"), e.getMessage());
            assertTrue(e.getCause() instanceof StackOverflowError);
        }
    }

    @Test
    void runningOutOfMemoryInAJobIsRethrownAsSuch() {
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> execute(2, jobs(() -> new OutOfMemoryError(
                "Java heap space")), empty()));
        assertEquals("Java heap space", e.getMessage());
    }

    @Test
    void anExceptionInAJobFailsTheRunNamingIt() {
        IOException e = assertThrows(IOException.class, () -> execute(2, jobs(() -> new IllegalStateException(
                "injected")), empty()));
        assertTrue(e.getMessage().contains("job 'job-3' failed") && e.getMessage().contains("injected"),
                e.getMessage());
    }

    /**
     * More jobs than workers: each worker goes on to the next job, job k's result is handed back as k, and the two
     * workers, which jobs 0 and 1 hold until both have started, are numbered 0 and 1.
     */
    @Test
    void everyJobHandsBackItsResult() throws IOException {
        List<String> results = empty();
        List<Integer> workersSeen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Job<String>> jobs = jobs((index, worker) -> {
            workersSeen.add(worker);
            if (index < 2) {
                bothStarted.countDown();
                bothStarted.await(10, TimeUnit.SECONDS);
            }
            return "result " + index;
        });
        execute(2, jobs, results);
        assertEquals(List.of("result 0", "result 1", "result 2", "result 3", "result 4", "result 5"), results);
        assertEquals(6, workersSeen.size(), "each job ran once");
        assertEquals(Set.of(0, 1), Set.copyOf(workersSeen), "worker numbers");
    }

    /** A missing argument, or a missing job among the jobs, is refused naming it before any job runs. */
    @Test
    void missingArgumentsAreRefusedByName() {
        LocalExecutor executor = new LocalExecutor(2);
        List<String> results = empty();
        JobExecutor.Results taken = (index, encoded) -> results.set(index, TEXT.decode(encoded));
        List<Job<String>> jobs = jobs(() -> new AssertionError("job 3 is left out")).subList(0, 3);
        assertEquals("jobs is null: a value is required", assertThrows(IllegalArgumentException.class,
                () -> executor.execute(null, TEXT, taken)).getMessage());
        assertEquals("codec is null: a value is required", assertThrows(IllegalArgumentException.class,
                () -> executor.execute(jobs, null, taken)).getMessage());
        assertEquals("codec is null: a value is required", assertThrows(IllegalArgumentException.class,
                () -> executor.execute(List.<Job<String>>of(), null, taken)).getMessage());
        assertEquals("results is null: a value is required", assertThrows(IllegalArgumentException.class,
                () -> executor.execute(jobs, TEXT, null)).getMessage());
        List<Job<String>> withNull = new ArrayList<>(jobs);
        withNull.set(1, null);
        assertEquals("jobs[1] is null: a value is required", assertThrows(IllegalArgumentException.class,
                () -> executor.execute(withNull, TEXT, taken)).getMessage());
        assertEquals(empty(), results, "no job ran");
    }
}
