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
        for (ExecutorProvider provider : ServiceLoader.load(ExecutorProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.open(master);
            }
        }
        throw unknown("executor", name);
    }

    /**
     * Fails unless {@code name} is {@code local} or the name of a provider on the class path, with a message that
     * calls it {@code parameter} (such as the command-line option {@code --executor}) and lists what is installed.
     */
    public static void requireKnown(String parameter, String name) {
        if (!installed().contains(name)) {
            throw unknown(parameter, name);
        }
    }

    /** {@code local} and the names of the providers on the class path. */
    private static List<String> installed() {
        List<String> names = new ArrayList<>(List.of("local"));
        for (ExecutorProvider provider : ServiceLoader.load(ExecutorProvider.class)) {
            names.add(provider.name());
        }
        return names;
    }

    private static IllegalArgumentException unknown(String parameter, String name) {
        return new IllegalArgumentException(parameter + " = '" + name + "' is not allowed: this class path has "
                + String.join(", ", installed()) + ("spark".equals(name) ? " (the Spark executor is in the hebb-spark "
                + "module: run through spark-submit with spark/target/hebb-spark.jar, docs/CLUSTER.md)" : ""));
    }
}
