package org.hebb.spark;

import org.hebb.experiments.jobs.ExecutorProvider;
import org.hebb.experiments.jobs.JobExecutor;

/** {@code --executor spark}: a {@link SparkExecutor}. */
public final class SparkExecutorProvider implements ExecutorProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public JobExecutor open(String master) {
        return new SparkExecutor(master);
    }
}
