package org.hebb.simulator.monitor;

import org.eclipse.collections.impl.list.mutable.primitive.FloatArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * What sampling monitors store: samples of a fixed number of values each, taken at the end of given steps, up to a
 * bound on stored values; samples beyond it are counted, not stored.
 */
final class Samples {
    private final int perSample;
    private final double dt;
    private final long maxValues;
    private final LongArrayList steps = new LongArrayList();
    private final FloatArrayList values = new FloatArrayList();
    private long dropped;

    Samples(int perSample, double dt, long maxValues) {
        this.perSample = perSample;
        this.dt = dt;
        this.maxValues = maxValues;
    }

    /** Starts the sample of {@code step}; false (and counted as dropped) if it would pass the bound. */
    boolean begin(long step) {
        if (values.size() + (long) perSample > maxValues) {
            dropped++;
            return false;
        }
        steps.add(step);
        return true;
    }

    /** Adds the next value of the current sample. */
    void add(float value) {
        values.add(value);
    }

    int count() {
        return steps.size();
    }

    /** Time in ms of each sample: the end of the sampled step. */
    double[] times() {
        double[] t = new double[steps.size()];
        for (int s = 0; s < t.length; s++) {
            t[s] = (steps.get(s) + 1) * dt;
        }
        return t;
    }

    /** Value {@code position} (0 to perSample - 1) of every sample. */
    float[] series(int position) {
        float[] series = new float[steps.size()];
        for (int s = 0; s < series.length; s++) {
            series[s] = values.get(s * perSample + position);
        }
        return series;
    }

    long dropped() {
        return dropped;
    }

    long memoryBytes() {
        return 8L * steps.size() + 4L * values.size();
    }
}
