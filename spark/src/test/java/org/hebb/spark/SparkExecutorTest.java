package org.hebb.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.hebb.experiments.HebbCommand;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.jobs.CheckpointKey;
import org.hebb.experiments.jobs.Job;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.jobs.JobRunner;
import org.hebb.experiments.jobs.LocalExecutor;
import org.hebb.experiments.nalsm.NalsmExperiment;
import org.hebb.experiments.nalsm.NalsmLiquid;
import org.hebb.experiments.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark executor on {@code local[2]} (two task threads in this JVM, Spark's scheduler and serialisation in
 * full): the same results and checkpoints as the in-process executor, a sweep's points the same as run in
 * process, and jobs that cannot be shipped refused by name.
 */
class SparkExecutorTest {
    private static final CheckpointKey KEY = new CheckpointKey().with("draws", 100);

    @TempDir
    Path dir;

    static SparkConf local() {
        return new SparkConf().setMaster("local[2]").setAppName("hebb-test").set("spark.ui.enabled", "false");
    }

    @Test
    void jobsGiveTheSameResultsAndCheckpointsAsInProcess() throws IOException {
        List<double[]> here = JobRunner.run(DrawsJob.jobs(10, 0), DrawsJob.CODEC, dir.resolve("here"), KEY,
                new LocalExecutor(1), "test");
        List<double[]> spark;
        try (SparkExecutor executor = new SparkExecutor(local())) {
            assertEquals(2, executor.workers());
            spark = JobRunner.run(DrawsJob.jobs(10, 200), DrawsJob.CODEC, dir.resolve("spark"), KEY, executor,
                    "test");
        }
        for (int k = 0; k < 10; k++) {
            assertArrayEquals(here.get(k), spark.get(k), "job " + k);
            assertArrayEquals(Files.readAllBytes(JobRunner.checkpointFile(dir.resolve("here"), "draws-" + k)),
                    Files.readAllBytes(JobRunner.checkpointFile(dir.resolve("spark"), "draws-" + k)),
                    "checkpoint " + k);
        }
    }

    @Test
    void aJobThatCannotBeShippedIsRefusedByName() {
        Job<double[]> local = new Job<>() {
            @Override
            public String id() {
                return "unshippable";
            }

            @Override
            public double[] run(int worker) {
                return new double[0];
            }
        };
        try (SparkExecutor executor = new SparkExecutor(local())) {
            IOException e = assertThrows(IOException.class, () -> executor.execute(List.of(local), DrawsJob.CODEC,
                    (index, encoded) -> { }));
            assertTrue(e.getMessage().contains("job 'unshippable'") && e.getMessage().contains("not Serializable"),
                    e.getMessage());
        }
    }

    /** A missing argument, or a missing job among the jobs, is refused naming it, as on the in-process executor. */
    @Test
    void missingArgumentsAreRefusedByName() {
        List<Job<double[]>> jobs = new java.util.ArrayList<>(DrawsJob.jobs(2, 0));
        JobExecutor.Results ignored = (index, encoded) -> { };
        try (SparkExecutor executor = new SparkExecutor(local())) {
            assertEquals("jobs is null: a value is required", assertThrows(IllegalArgumentException.class,
                    () -> executor.execute(null, DrawsJob.CODEC, ignored)).getMessage());
            assertEquals("codec is null: a value is required", assertThrows(IllegalArgumentException.class,
                    () -> executor.execute(List.<Job<double[]>>of(), null, ignored)).getMessage());
            assertEquals("results is null: a value is required", assertThrows(IllegalArgumentException.class,
                    () -> executor.execute(jobs, DrawsJob.CODEC, null)).getMessage());
            jobs.set(1, null);
            assertEquals("jobs[1] is null: a value is required", assertThrows(IllegalArgumentException.class,
                    () -> executor.execute(jobs, DrawsJob.CODEC, ignored)).getMessage());
        }
    }

    /**
     * Spark keeps one context per JVM: an executor opened while one runs uses it, and is refused when it asks for
     * another master rather than running its jobs where they were not meant to run.
     */
    @Test
    void anExecutorOnARunningContextOfAnotherMasterIsRefused() {
        try (SparkExecutor executor = new SparkExecutor(local())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SparkExecutor(local().setMaster("local[1]")));
            assertTrue(e.getMessage().startsWith("master = 'local[1]' is not allowed: the Spark context of this "
                    + "JVM runs on 'local[2]'"), e.getMessage());
            SparkExecutor same = new SparkExecutor(local());
            assertEquals(2, same.workers());
            assertEquals(2, executor.workers());
        }
    }

    /**
     * A context that was running when the executor was made (a spark-shell's, a program's own) is its owner's: the
     * executor's close leaves it running, and it still runs jobs.
     */
    @Test
    void closingLeavesAContextItFoundRunning() throws IOException {
        SparkContext own = SparkContext.getOrCreate(local());
        try {
            try (SparkExecutor executor = new SparkExecutor(local())) {
                assertEquals(2, executor.workers());
            }
            assertFalse(own.isStopped(), "the context found running is still running");
            assertSame(own, SparkContext.getOrCreate(local()), "and is still this JVM's context");
            List<Integer> finished = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            try (SparkExecutor again = new SparkExecutor(local())) {
                again.execute(DrawsJob.jobs(2, 0), DrawsJob.CODEC, (index, encoded) -> finished.add(index));
            }
            assertEquals(2, finished.size(), "jobs run on it after the first executor's close");
            assertFalse(own.isStopped());
        } finally {
            own.stop();
        }
    }

    /** A context the executor started is stopped by its close. */
    @Test
    void closingStopsAContextItStarted() {
        SparkContext started;
        try (SparkExecutor executor = new SparkExecutor(local())) {
            started = SparkContext.getOrCreate(local());
            assertFalse(started.isStopped(), "test setup: the running context is the executor's");
        }
        assertTrue(started.isStopped(), "the executor's own context is stopped");
    }

    @Test
    void aFailingJobIsReportedByName() {
        try (SparkExecutor executor = new SparkExecutor(local())) {
            IOException e = assertThrows(IOException.class, () -> executor.execute(List.of(new FailingJob()),
                    DrawsJob.CODEC, (index, encoded) -> { }));
            assertTrue(e.getMessage().contains("job 'failing' failed"), e.getMessage());
        }
    }

    /**
     * A job fails while another runs beside it: the running one finishes and its result is taken, as in process,
     * the jobs not yet started never start, and execute reports the failing job.
     */
    @Test
    void aFailingJobLetsTheJobRunningBesideItFinishAndKeepItsResult() {
        List<Job<double[]>> jobs = new java.util.ArrayList<>(List.of(new SlowJob(), new FailingJob(true)));
        for (int k = 0; k < 6; k++) {
            jobs.add(new CountedJob(k));
        }
        CountedJob.STARTED.set(0);
        List<Integer> taken = new java.util.ArrayList<>();
        try (SparkExecutor executor = new SparkExecutor(local())) {
            IOException e = assertThrows(IOException.class, () -> executor.execute(jobs, DrawsJob.CODEC,
                    (index, encoded) -> taken.add(index)));
            assertTrue(e.getMessage().contains("job 'failing' failed"), e.getMessage());
        }
        assertEquals(List.of(0), taken, "the slow job's result is taken, no other");
        assertEquals(0, CountedJob.STARTED.get(), "jobs started after the failure");
    }

    /** A job that takes 1.5 s, and says when it has started (the tasks of local[2] run in this JVM). */
    private record SlowJob() implements Job<double[]>, java.io.Serializable {
        static final java.util.concurrent.CountDownLatch STARTED = new java.util.concurrent.CountDownLatch(1);

        @Override
        public String id() {
            return "slow";
        }

        @Override
        public double[] run(int worker) throws InterruptedException {
            STARTED.countDown();
            Thread.sleep(1500);
            return new double[] {1};
        }
    }

    /**
     * The driver fails to take the first result (its disk is full, say): the jobs not yet started never start, and
     * execute throws that failure, not Spark's report of the jobs it stopped.
     */
    @Test
    void aResultTheDriverCannotTakeStopsTheOtherJobsAndIsReported() {
        int count = 12;
        List<Job<double[]>> jobs = new java.util.ArrayList<>();
        for (int k = 0; k < count; k++) {
            jobs.add(new CountedJob(k));
        }
        CountedJob.STARTED.set(0);
        IOException full = new IOException("no space left for the result");
        try (SparkExecutor executor = new SparkExecutor(local())) {
            IOException e = assertThrows(IOException.class, () -> executor.execute(jobs, DrawsJob.CODEC,
                    (index, encoded) -> {
                        throw full;
                    }));
            assertSame(full, e);
        }
        assertTrue(CountedJob.STARTED.get() < count, CountedJob.STARTED.get() + " of " + count + " jobs started after "
                + "the first result was refused");
    }

    /** A job that counts its starts (the tasks of local[2] run in this JVM) and takes 200 ms. */
    private record CountedJob(int index) implements Job<double[]>, java.io.Serializable {
        static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic
                .AtomicInteger();

        @Override
        public String id() {
            return "counted-" + index;
        }

        @Override
        public double[] run(int worker) throws InterruptedException {
            STARTED.incrementAndGet();
            Thread.sleep(200);
            return new double[] {index};
        }
    }

    @Test
    void aSweepOnSparkGivesEachPointWhatItsRunInProcessGives() throws Exception {
        Path spark = dir.resolve("spark-sweep");
        assertEquals(0, hebb("sweep", "quickstart", "--seeds", "1-2", "--neurons", "200,300", "--duration", "100",
                "--metric", "synapses", "--executor", "spark", "--master", "local[2]", "--out", spark.toString()));
        Path here = dir.resolve("sweep");
        assertEquals(0, hebb("sweep", "quickstart", "--seeds", "1-2", "--neurons", "200,300", "--duration", "100",
                "--metric", "synapses", "--out", here.toString()));
        for (String point : List.of("neurons200-seed1", "neurons200-seed2", "neurons300-seed1", "neurons300-seed2")) {
            assertEquals(read(here.resolve(point).resolve("summary.json")),
                    read(spark.resolve(point).resolve("summary.json")), point);
        }
        assertEquals(Files.readString(here.resolve("summary.md")), Files.readString(spark.resolve("summary.md")));
    }

    /**
     * --points-at-once sets how many points the local executor runs at once; Spark runs as many as it has cores,
     * so the option would be ignored there: refused before anything runs.
     */
    @Test
    void pointsAtOnceWithTheSparkExecutorIsRefused() {
        Path out = dir.resolve("points-at-once");
        StringWriter text = new StringWriter();
        int code = HebbCommand.execute(new String[] {"sweep", "quickstart", "--neurons", "200", "--duration", "20",
            "--metric", "synapses", "--executor", "spark", "--master", "local[2]", "--points-at-once", "4", "--out",
            out.toString()}, new PrintWriter(text, true), new PrintWriter(text, true));
        assertEquals(2, code, text.toString());
        assertTrue(text.toString().startsWith("hebb sweep: --points-at-once = 4 is not allowed with --executor "
                + "spark"), text.toString());
        assertFalse(Files.exists(out), "nothing run or written");
    }

    /**
     * A --master that Spark cannot parse, or a local master with no threads, is refused as a bad command line
     * (exit code 2) naming the master, as ExecutorProvider says, not reported as a failed run (exit code 1).
     */
    @Test
    void aMasterSparkCannotTakeIsRefusedByName() {
        for (String master : new String[] {"nosuch://host", "local[0]"}) {
            Path out = dir.resolve("bad-master");
            StringWriter text = new StringWriter();
            int code = HebbCommand.execute(new String[] {"sweep", "quickstart", "--neurons", "200", "--duration",
                "20", "--metric", "synapses", "--executor", "spark", "--master", master, "--out", out.toString()},
                    new PrintWriter(text, true), new PrintWriter(text, true));
            assertEquals(2, code, text.toString());
            assertTrue(text.toString().startsWith("hebb sweep: master = '" + master + "' is not allowed: "),
                    text.toString());
            assertFalse(Files.exists(out), "nothing run or written");
        }
    }

    /**
     * A job that fails: at once, or once a {@link SlowJob} has started.
     *
     * @param besideSlowJob whether it waits (at most 10 s) for a slow job to start
     */
    private record FailingJob(boolean besideSlowJob) implements Job<double[]>, java.io.Serializable {
        FailingJob() {
            this(false);
        }

        @Override
        public String id() {
            return "failing";
        }

        @Override
        public double[] run(int worker) throws InterruptedException {
            if (besideSlowJob) {
                SlowJob.STARTED.await(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            throw new IllegalStateException("no draws today");
        }
    }

    @Test
    void nalsmFeatureBlocksOnSparkGiveTheFeaturesAndAccuraciesOfAnInProcessRun() throws Exception {
        IdxImages train = SyntheticImages.classBlobs(130, 1);
        IdxImages test = SyntheticImages.classBlobs(50, 2);
        NalsmExperiment.Options options = new NalsmExperiment.Options(5, NalsmLiquid.Model.NALSM, 30, 100, 50, 20, 3,
                2, 100, NalsmExperiment.Options.PLASTIC_WEIGHT);
        Map<String, Object> here = StandaloneClusterTest.nalsm(options, train, test, dir.resolve("here"),
                new LocalExecutor(2));
        Map<String, Object> spark;
        try (SparkExecutor executor = new SparkExecutor(local())) {
            spark = StandaloneClusterTest.nalsm(options, train, test, dir.resolve("spark"), executor);
        }
        assertEquals("local", here.remove("executor"));
        assertEquals("spark", spark.remove("executor"));
        assertEquals(StandaloneClusterTest.withoutTimes(here), StandaloneClusterTest.withoutTimes(spark));
        try (var files = Files.walk(dir.resolve("here/checkpoints"))) {
            List<Path> blocks = files.filter(f -> f.toString().endsWith(".result")).toList();
            assertEquals(3, blocks.size(), "a block each of training, validation and test features");
            for (Path file : blocks) {
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("spark/checkpoints")
                        .resolve(dir.resolve("here/checkpoints").relativize(file))), "features " + file);
            }
        }
    }

    private static int hebb(String... args) {
        StringWriter out = new StringWriter();
        return HebbCommand.execute(args, new PrintWriter(out, true), new PrintWriter(out, true));
    }

    private static Map<String, Object> read(Path file) throws IOException {
        Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), new TypeReference<>() { });
        json.keySet().removeIf(k -> k.endsWith("Seconds") || k.endsWith("_seconds"));
        return json;
    }
}
