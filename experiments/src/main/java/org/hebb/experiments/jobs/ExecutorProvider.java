package org.hebb.experiments.jobs;

/**
 * Makes a {@link JobExecutor} that runs jobs outside this process; found with {@link java.util.ServiceLoader}, so
 * that a module such as hebb-spark adds one by being on the class path, and the core modules do not depend on it.
 */
public interface ExecutorProvider {
    /** The name that chooses it ({@code --executor NAME}). */
    String name();

    /**
     * An executor connected to {@code master} (the cluster's address; null for the provider's default).
     *
     * @throws IllegalArgumentException naming {@code master} when it is not an address the provider takes
     */
    JobExecutor open(String master);
}
