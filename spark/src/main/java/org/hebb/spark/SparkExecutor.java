package org.hebb.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.hebb.experiments.jobs.Job;
import org.hebb.experiments.jobs.JobCodec;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.util.Require;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs jobs on Apache Spark: one partition per job, so that Spark schedules each on a free executor, reruns it
 * elsewhere when its executor is lost, and returns its encoded result to this process, the driver, where the
 * {@link org.hebb.experiments.jobs.JobRunner} or sweep writes it atomically. Results come back rather than being
 * written by the workers so that the workers need no disk shared with the driver, and so that a result is written
 * once, whole, by one process, however many times Spark ran its job. Each task runs its own deserialised copy of
 * its job, as worker 0 (jobs must not depend on the worker index), and jobs and codec must be
 * {@link Serializable}. As on the in-process executor, the first failure stops the jobs not yet started: a job's
 * own, or the driver's failure to take a result (then {@link #execute} throws that failure); jobs already running
 * finish, and their results are taken: each job is a Spark job of its own, so a failing one does not abort the
 * others.
 */
public final class SparkExecutor implements JobExecutor {
    /** The setting that marks a context as started by an executor: a value of its own for each executor. */
    private static final String STARTED_BY = "spark.hebb.executor.startedBy";
    private final JavaSparkContext context;
    /** Whether the executor started its context (else it found the context running and leaves it running). */
    private final boolean ownsContext;

    /**
     * An executor on the cluster at {@code master} (spark://host:port, local[N], ...; null: the master spark-submit
     * was given), with Spark's other settings from spark-submit or {@code spark.*} system properties. Where this JVM
     * already runs a Spark context, the executor uses it, as {@link #SparkExecutor(SparkConf)} says.
     */
    public SparkExecutor(String master) {
        this(configuration(master));
    }

    /**
     * An executor with the given Spark settings. Spark runs one context per JVM: where one is already running (a
     * spark-shell's, or another executor's not yet closed), the executor uses it, as
     * {@link SparkContext#getOrCreate(SparkConf)} does, and its settings stay as they are (Spark logs a warning that
     * some settings may not take effect); a {@code spark.master} other than the running context's is refused rather
     * than the jobs run elsewhere than asked. {@link #close} stops a context the executor started, and leaves a
     * running one it found running, for its owner to stop.
     *
     * @throws IllegalArgumentException {@code settings} is null, or its master is not the running context's, or
     *                                  is one that Spark cannot parse or a local one with no threads
     */
    public SparkExecutor(SparkConf settings) {
        Require.notNull("settings", settings);
        // a context started here has the settings given to getOrCreate, this mark among them; one found running
        // has its own (Spark's public API tells no other way whether getOrCreate found a context or started one)
        String mark = UUID.randomUUID().toString();
        SparkContext spark;
        try {
            spark = SparkContext.getOrCreate(settings.clone().set(STARTED_BY, mark));
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            String why = String.valueOf(e.getMessage());
            if (why.startsWith("Could not parse Master URL") || why.startsWith("Asked to run locally with")) {
                throw new IllegalArgumentException("master = '" + settings.get("spark.master", null) + "' is not "
                        + "allowed: " + why + "; give spark://host:port, local[N] with N >= 1, local[*], yarn or "
                        + "k8s://host:port", e);
            }
            throw e;
        }
        if (settings.contains("spark.master") && !settings.get("spark.master").equals(spark.master())) {
            throw new IllegalArgumentException("master = '" + settings.get("spark.master") + "' is not allowed: the "
                    + "Spark context of this JVM runs on '" + spark.master() + "' and Spark allows one context per "
                    + "JVM: give its master (or none), or stop it first");
        }
        this.context = JavaSparkContext.fromSparkContext(spark);
        this.ownsContext = mark.equals(spark.getConf().get(STARTED_BY, null));
    }

    private static SparkConf configuration(String master) {
        SparkConf settings = new SparkConf().setAppName("hebb").setIfMissing("spark.ui.enabled", "false");
        if (master != null) {
            settings.setMaster(master);
        }
        if (!settings.contains("spark.master")) {
            throw new IllegalArgumentException("master is not set: give --master (spark://host:7077, local[2], ...) "
                    + "or run through spark-submit --master");
        }
        return settings;
    }

    /** The cores Spark offers, the number of jobs it runs at once. */
    @Override
    public int workers() {
        return context.defaultParallelism();
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public <R> void execute(List<? extends Job<R>> jobs, JobCodec<R> codec, Results results) throws IOException {
        JobExecutor.requireArguments(jobs, codec, results);
        if (jobs.isEmpty()) {
            return;
        }
        require(codec instanceof Serializable, "its codec " + codec.getClass().getName());
        for (Job<R> job : jobs) {
            require(job instanceof Serializable, "job '" + job.id() + "' (" + job.getClass().getName() + ")");
        }
        // each job is a Spark job of its own, on an RDD of its own (Spark aborts every job on the RDD of a failed
        // stage), submitted from a driver thread of its own while fewer than workers() run (asked again each time, as
        // executors come and go): a job that fails fails alone, so the others running finish and keep their
        // results, and no job starts after a failure
        String group = "hebb-jobs-" + UUID.randomUUID();
        SparkContext spark = context.sc();
        RunJob<R> run = new RunJob<>(codec);
        ClassTag<byte[]> bytes = ClassTag$.MODULE$.apply(byte[].class);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Object lock = new Object();
        int[] running = {0};
        try {
            for (int k = 0; k < jobs.size(); k++) {
                synchronized (lock) {
                    while (failure.get() == null && running[0] >= Math.max(1, workers())) {
                        lock.wait(200);
                    }
                    if (failure.get() != null) {
                        break;
                    }
                    running[0]++;
                }
                int index = k;
                Thread submitter = new Thread(() -> {
                    try {
                        spark.setJobGroup(group, "Hebb jobs", false);
                        JavaRDD<Job<R>> rdd = context.parallelize(List.of(jobs.get(index)), 1);
                        spark.runJob(rdd.rdd(), run, CollectionConverters.asScala(List.<Object>of(0)).toSeq(),
                                (partition, encoded) -> take(results, index, encoded, failure), bytes);
                    } catch (Throwable e) { // Spark throws its checked SparkException undeclared; an Error too,
                        // lest a job end without a result and without a failure
                        failure.compareAndSet(null, new IOException("job '" + jobs.get(index).id() + "' failed on "
                                + "Spark: " + e.getMessage(), e));
                    } finally {
                        synchronized (lock) {
                            running[0]--;
                            lock.notifyAll();
                        }
                    }
                }, "hebb-spark-job-" + index);
                submitter.setDaemon(true);
                submitter.start();
            }
            synchronized (lock) {
                while (running[0] > 0) {
                    lock.wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spark.cancelJobGroup(group);
            throw new IOException("the jobs were interrupted", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** On the driver: hands a job's result over, one at a time; a failure to take it stops the jobs to come. */
    private static BoxedUnit take(Results results, int index, byte[] encoded, AtomicReference<IOException> failure) {
        synchronized (results) {
            try {
                results.finished(index, encoded);
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e instanceof IOException io ? io : new IOException("the result of job "
                        + index + " could not be taken: " + e, e));
            }
        }
        return BoxedUnit.UNIT;
    }

    /**
     * Stops the Spark context if the executor started it; one that was running when the executor was made (a
     * spark-shell's, a program's own) is left running.
     */
    @Override
    public void close() {
        if (ownsContext) {
            context.stop();
        }
    }

    private static void require(boolean serializable, String what) throws IOException {
        if (!serializable) {
            throw new IOException(what + " cannot run on Spark: it is not Serializable");
        }
    }

    /** On an executor: runs the partition's one job and encodes its result. */
    private static final class RunJob<R> extends AbstractFunction2<TaskContext, Iterator<Job<R>>, byte[]>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final JobCodec<R> codec;

        RunJob(JobCodec<R> codec) {
            this.codec = codec;
        }

        @Override
        public byte[] apply(TaskContext task, Iterator<Job<R>> partition) {
            Job<R> job = partition.next();
            try {
                return codec.encode(job.run(0));
            } catch (Exception e) {
                throw new IllegalStateException("job '" + job.id() + "' failed: " + e, e);
            }
        }
    }
}
