package org.hebb.experiments.jobs;

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
     * Fails unless --executor names an executor on the class path, naming the option: a command calls this before
     * its work and before opening its output directory.
     */
    public void check() {
        JobExecutors.requireKnown("--executor", executor);
    }

    /** The executor chosen, with {@code localWorkers} threads if it is the local one. */
    public JobExecutor open(int localWorkers) {
        return JobExecutors.open(executor, master, localWorkers);
    }
}
