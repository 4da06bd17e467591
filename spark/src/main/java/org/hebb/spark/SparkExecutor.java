package org.hebb.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 * finish.
 */
public final class SparkExecutor implements JobExecutor {
    /** The local properties of the calling thread that a job group sets (restored after the jobs). */
    private static final String[] GROUP_PROPERTIES = {"spark.jobGroup.id", "spark.job.description",
        "spark.job.interruptOnCancel"};
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
        JavaRDD<Job<R>> rdd = context.parallelize(new ArrayList<>(jobs), jobs.size());
        // a group of its own, so that a result the driver cannot take stops the jobs still to run
        String group = "hebb-jobs-" + UUID.randomUUID();
        SparkContext spark = context.sc();
        String[] previous = new String[GROUP_PROPERTIES.length];
        for (int p = 0; p < previous.length; p++) {
            previous[p] = spark.getLocalProperty(GROUP_PROPERTIES[p]);
        }
        ResultHandler handler = new ResultHandler(results, () -> spark.cancelJobGroup(group));
        List<Object> partitions = IntStream.range(0, jobs.size()).boxed().collect(Collectors.toList());
        ClassTag<byte[]> bytes = ClassTag$.MODULE$.apply(byte[].class);
        try {
            spark.setJobGroup(group, jobs.size() + " Hebb jobs", false);
            spark.runJob(rdd.rdd(), new RunJob<>(codec), CollectionConverters.asScala(partitions).toSeq(), handler,
                    bytes);
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            if (handler.failure() != null) {
                throw handler.failure();
            }
            throw new IOException("the jobs failed on Spark: " + e.getMessage(), e);
        } finally {
            for (int p = 0; p < previous.length; p++) {
                spark.setLocalProperty(GROUP_PROPERTIES[p], previous[p]);
            }
        }
        if (handler.failure() != null) {
            throw handler.failure();
        }
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

    /**
     * On the driver: hands each job's result over as it arrives; the first failure to do so (an exception of the
     * results' own) is kept, and stops the jobs still to run.
     */
    private static final class ResultHandler extends AbstractFunction2<Object, byte[], BoxedUnit> {
        private final Results results;
        private final Runnable stop;
        private IOException failure;

        ResultHandler(Results results, Runnable stop) {
            this.results = results;
            this.stop = stop;
        }

        @Override
        public synchronized BoxedUnit apply(Object index, byte[] encoded) {
            if (failure == null) {
                try {
                    results.finished((Integer) index, encoded);
                } catch (IOException | RuntimeException e) {
                    failure = e instanceof IOException io ? io : new IOException("the result of job " + index
                            + " could not be taken: " + e, e);
                    stop.run();
                }
            }
            return BoxedUnit.UNIT;
        }

        synchronized IOException failure() {
            return failure;
        }
    }
}
