package org.hebb.experiments.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens a {@link JobExecutor} by name: {@code local} in this process, others from their {@link ExecutorProvider}. */
public final class JobExecutors {
    private JobExecutors() {
    }

    /**
     * The executor named {@code name}: {@code local} with {@code localWorkers} threads, or one of the providers on
     * the class path connected to {@code master}.
     *
     * @throws IllegalArgumentException naming the executor when no provider has that name, and what is installed
     */
    public static JobExecutor open(String name, String master, int localWorkers) {
        if (name.equals("local")) {
            return new LocalExecutor(localWorkers);
        }
        List<String> names = new ArrayList<>(List.of("local"));
        for (ExecutorProvider provider : ServiceLoader.load(ExecutorProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.open(master);
            }
            names.add(provider.name());
        }
        throw new IllegalArgumentException("executor = '" + name + "' is not allowed: this class path has "
                + String.join(", ", names) + (name.equals("spark") ? " (the Spark executor is in the hebb-spark "
                + "module: run through spark-submit with spark/target/hebb-spark.jar, docs/CLUSTER.md)" : ""));
    }
}
