package org.hebb.experiments.jobs;

import org.hebb.util.Require;
import picocli.CommandLine.Option;

/** The command-line options that choose where a program's jobs run ({@code --executor}, {@code --master}). */
public final class ExecutorOptions {
    @Option(names = "--executor", defaultValue = "local", description = "Where the jobs run: local (this process) or "
            + "spark (with the hebb-spark module; docs/CLUSTER.md) (default ${DEFAULT-VALUE}).")
    String executor;

    @Option(names = "--master", description = "The cluster's address for --executor spark, such as spark://host:7077 "
            + "or local[2] (default: spark-submit's --master).")
    String master;

    /**
     * Fails unless --executor names an executor on the class path and --master, where given, names a cluster for an
     * executor other than the local one (which would ignore it and run the jobs here), naming the option: a command
     * calls this before its work and before opening its output directory.
     */
    public void check() {
        Require.that(master == null || !master.isBlank(), "--master = '" + master + "' is not allowed: it must name "
                + "the cluster (spark://host:7077, local[2], ...); leave it out to take spark-submit's");
        Require.that(master == null || !executor.equals("local"), "--master = '" + master + "' is not allowed with "
                + "--executor local, which runs the jobs in this process: give --executor spark too, or leave "
                + "--master out");
        JobExecutors.requireKnown("--executor", executor);
    }

    /** The executor's name as --executor gives it ({@code local}, {@code spark}). */
    public String name() {
        return executor;
    }

    /** The executor chosen, with {@code localWorkers} threads if it is the local one. */
    public JobExecutor open(int localWorkers) {
        return JobExecutors.open(executor, master, localWorkers);
    }
}
