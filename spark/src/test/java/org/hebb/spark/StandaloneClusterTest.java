package org.hebb.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.jobs.CheckpointKey;
import org.hebb.experiments.jobs.Job;
import org.hebb.experiments.jobs.JobCodec;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.jobs.JobRunner;
import org.hebb.experiments.jobs.LocalExecutor;
import org.hebb.experiments.nalsm.NalsmExperiment;
import org.hebb.experiments.nalsm.NalsmLiquid;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.sweep.Sweep;
import org.hebb.experiments.sweep.SweepPlan;
import org.hebb.experiments.testing.SyntheticImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: Spark's own Master and two Workers, each a process of its own
 * started here, and executors that the workers start as processes of their own. A worker and its executor are
 * killed while jobs run; Spark runs the lost job again on the other worker, and every result and checkpoint is
 * the same as in process: for plain jobs, and for a small NALSM sweep end to end (a point killed mid-run resumes
 * from the checkpoints it left in the shared output directory). A NALSM run whose feature blocks run on the
 * cluster gives the same features and accuracies as in process.
 */
class StandaloneClusterTest {
    private static final CheckpointKey KEY = new CheckpointKey().with("draws", 100);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopTheCluster() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void jobsSurviveAWorkerKilledWhileTheyRun() throws Exception {
        String master = startCluster(2);
        List<double[]> expected = JobRunner.run(DrawsJob.jobs(8, 0), DrawsJob.CODEC, dir.resolve("here"), KEY,
                new LocalExecutor(1), "test");
        AtomicInteger failedTasks = new AtomicInteger();
        List<double[]> results;
        try (SparkExecutor spark = new SparkExecutor(settings(master))) {
            countFailedAttempts(failedTasks);
            Process victim = processes.get(1);
            results = JobRunner.run(DrawsJob.jobs(8, 2000), DrawsJob.CODEC, dir.resolve("cluster"), KEY,
                    killingAfter(2, victim, spark), "test");
            assertTrue(!victim.isAlive(), "the worker was killed");
        }
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(expected.get(k), results.get(k), "job " + k);
            assertArrayEquals(Files.readAllBytes(JobRunner.checkpointFile(dir.resolve("here"), "draws-" + k)),
                    Files.readAllBytes(JobRunner.checkpointFile(dir.resolve("cluster"), "draws-" + k)),
                    "checkpoint " + k);
        }
        assertTrue(failedTasks.get() >= 1, "the killed worker's running job failed and ran again: "
                + failedTasks.get() + " failed attempts");
    }

    @Test
    void nalsmFeaturesAndANalsmSweepOnTheClusterGiveWhatTheyGiveInProcess() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        IdxImages train = SyntheticImages.classBlobs(130, 1);
        IdxImages test = SyntheticImages.classBlobs(50, 2);
        SyntheticImages.writeIdx(data, "train", train);
        SyntheticImages.writeIdx(data, "t10k", test);
        NalsmExperiment.Options options = new NalsmExperiment.Options(5, NalsmLiquid.Model.NALSM, 30, 100, 50, 20, 3,
                1, 100, NalsmExperiment.Options.PLASTIC_WEIGHT);
        Map<String, Object> here = nalsm(options, train, test, dir.resolve("nalsm-here"), new LocalExecutor(1));
        SweepPlan plan = SweepPlan.of("1-2", List.of("--data", data.toString(), "--side", "5", "--phase1", "30",
                "--train", "100", "--test", "50", "--epochs", "20", "--workers", "1", "--readout-rate", "100",
                "--weight", "2,3"));
        Sweep.Outcome sweepHere = Sweep.run("nalsm", plan, dir.resolve("sweep-here"), null, new LocalExecutor(1));
        String master = startCluster(2);
        AtomicInteger failedTasks = new AtomicInteger();
        Map<String, Object> there;
        Sweep.Outcome sweepThere;
        try (SparkExecutor spark = new SparkExecutor(settings(master))) {
            there = nalsm(options, train, test, dir.resolve("nalsm-cluster"), spark);
            countFailedAttempts(failedTasks);
            sweepThere = Sweep.run("nalsm", plan, dir.resolve("sweep-cluster"), null,
                    killingAfter(1, processes.get(1), spark));
        }
        assertEquals("spark", there.get("executor"));
        here.remove("executor");
        there.remove("executor");
        assertEquals(withoutTimes(here), withoutTimes(there), "a NALSM run with its feature blocks on the cluster");
        for (String set : List.of("train", "validation", "test")) {
            Path blocks = dir.resolve("nalsm-here/checkpoints").resolve(set);
            try (var files = Files.list(blocks)) {
                List<Path> results = files.filter(f -> f.toString().endsWith(".result")).toList();
                assertEquals(1, results.size(), set + " features in one block");
                for (Path file : results) {
                    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("nalsm-cluster/"
                            + "checkpoints").resolve(set).resolve(file.getFileName())), "features " + file);
                }
            }
        }
        assertTrue(!processes.get(1).isAlive(), "the worker was killed");
        assertTrue(failedTasks.get() >= 1, "the killed worker's sweep point failed and ran again");
        for (int k = 0; k < sweepHere.points().size(); k++) {
            assertEquals(withoutTimes(sweepHere.results().get(k)), withoutTimes(sweepThere.results().get(k)),
                    sweepHere.points().get(k).name());
        }
        assertEquals(Files.readString(dir.resolve("sweep-here/summary.md")), Files.readString(dir.resolve(
                "sweep-cluster/summary.md")));
    }

    /** A NALSM run into {@code out}, its feature blocks on {@code features}. */
    static Map<String, Object> nalsm(NalsmExperiment.Options options, IdxImages train, IdxImages test, Path out,
                                     JobExecutor features) throws IOException {
        try (OutputDirectory directory = OutputDirectory.open(out, NalsmExperiment.RESULT)) {
            return new TreeMap<>(NalsmExperiment.run(options, train, test, "synthetic", directory, features));
        }
    }

    /** A result as JSON (arrays by content), without its times and what depends on where it ran. */
    static String withoutTimes(Map<String, Object> result) throws IOException {
        Map<String, Object> kept = new TreeMap<>(result);
        kept.keySet().removeIf(k -> k.contains("seconds") || k.contains("per_second") || k.contains("resumed"));
        return new ObjectMapper().writeValueAsString(kept);
    }

    /** Counts the task attempts that end other than in success, in {@code failed}. */
    private static void countFailedAttempts(AtomicInteger failed) {
        SparkContext.getOrCreate().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    failed.incrementAndGet();
                }
            }
        });
    }

    /** Spark's settings for a driver in this JVM whose executors load Hebb's classes from this class path. */
    static SparkConf settings(String master) {
        return new SparkConf().setMaster(master).setAppName("hebb-cluster-test").set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "512m").set("spark.driver.host", "127.0.0.1")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    }

    /**
     * {@code executor}, killing {@code victim} and its executors half a second after {@code count} results have come
     * back: by then every executor is in the middle of its next job (jobs last a second or more, and a new one starts
     * within milliseconds of the last one's end).
     */
    private static JobExecutor killingAfter(int count, Process victim, JobExecutor executor) {
        return new JobExecutor() {
            @Override
            public int workers() {
                return executor.workers();
            }

            @Override
            public String name() {
                return executor.name();
            }

            @Override
            public <R> void execute(List<? extends Job<R>> jobs, JobCodec<R> codec, Results results)
                    throws IOException {
                AtomicInteger finished = new AtomicInteger();
                executor.execute(jobs, codec, (index, encoded) -> {
                    results.finished(index, encoded);
                    if (finished.incrementAndGet() == count) {
                        Thread killer = new Thread(() -> {
                            try {
                                Thread.sleep(500);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            victim.descendants().forEach(ProcessHandle::destroyForcibly);
                            victim.destroyForcibly();
                        });
                        killer.start();
                    }
                });
            }
        };
    }

    /** Starts a master and {@code workers} workers of one core each; the master's address. */
    private String startCluster(int workers) throws Exception {
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark for Hebb's tests: jars from the test class path\n");
        int port = freePort();
        int webUi = freePort();
        String master = "spark://127.0.0.1:" + port;
        start("master", sparkHome, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(webUi));
        for (int w = 1; w <= workers; w++) {
            start("worker-" + w, sparkHome, "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                    dir.resolve("work-" + w).toString());
        }
        Path log = dir.resolve("master.log");
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (aliveWorkers(webUi) < workers) {
            assertTrue(System.nanoTime() < deadline, "the workers did not register in 90 s:\n" + Files.readString(log));
            assertTrue(processes.stream().allMatch(Process::isAlive), "a cluster process stopped:\n"
                    + Files.readString(log));
            Thread.sleep(200);
        }
        return master;
    }

    private void start(String name, Path sparkHome, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("hebb.spark.jvm.options", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        processes.add(builder.start());
    }

    /** The workers the master counts alive, from its web UI's JSON (0 while it is not up). */
    private static int aliveWorkers(int webUi) {
        try (InputStream in = new URL("http://127.0.0.1:" + webUi + "/json/").openStream()) {
            Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
