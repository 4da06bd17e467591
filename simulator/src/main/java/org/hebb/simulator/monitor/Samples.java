package org.hebb.simulator.monitor;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.FloatArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;

/**
 * What sampling monitors store: samples of a fixed number of values each, taken at the end of given steps, up to a
 * bound on stored values; samples beyond it are counted, not stored. Values are kept as floats, or as doubles for
 * a double-precision state.
 */
final class Samples implements Checkpointed {
    /** The most values stored: what one array list of them holds (2^31 - 9). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * {@code max}, a bound named {@code name} on stored {@code what}, refused outside [0, {@link #MAX_VALUES}], with
     * streaming named as the way to record more.
     */
    static long requireBound(String name, long max, String what) {
        if (max < 0 || max > MAX_VALUES) {
            throw new IllegalArgumentException(name + " = " + max + " is not allowed: must be in [0, " + MAX_VALUES
                    + "], what one array holds; stream more " + what + " to a file with streamTo(...)");
        }
        return max;
    }

    private final int perSample;
    private final double dt;
    private final long maxValues;
    private final LongArrayList steps = new LongArrayList();
    private final FloatArrayList values;
    private final DoubleArrayList doubles;
    private long dropped;

    Samples(int perSample, double dt, long maxValues) {
        this(perSample, dt, maxValues, false);
    }

    Samples(int perSample, double dt, long maxValues, boolean keepDoubles) {
        this.perSample = perSample;
        this.dt = dt;
        this.maxValues = maxValues;
        this.values = keepDoubles ? null : new FloatArrayList();
        this.doubles = keepDoubles ? new DoubleArrayList() : null;
    }

    private int size() {
        return values != null ? values.size() : doubles.size();
    }

    /** Starts the sample of {@code step}; false (and counted as dropped) if it would pass the bound. */
    boolean begin(long step) {
        if (size() + (long) perSample > maxValues) {
            dropped++;
            return false;
        }
        steps.add(step);
        return true;
    }

    /** Adds the next value of the current sample. */
    void add(float value) {
        if (values != null) {
            values.add(value);
        } else {
            doubles.add(value);
        }
    }

    /** Adds the next value of the current sample (rounded to float unless doubles are kept). */
    void add(double value) {
        if (values != null) {
            values.add((float) value);
        } else {
            doubles.add(value);
        }
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

    /** Value {@code position} (0 to perSample - 1) of every sample, as floats. */
    float[] series(int position) {
        float[] series = new float[steps.size()];
        for (int s = 0; s < series.length; s++) {
            int at = s * perSample + position;
            series[s] = values != null ? values.get(at) : (float) doubles.get(at);
        }
        return series;
    }

    /** Value {@code position} of every sample, as doubles (exact where doubles are kept). */
    double[] seriesDoubles(int position) {
        double[] series = new double[steps.size()];
        for (int s = 0; s < series.length; s++) {
            int at = s * perSample + position;
            series[s] = values != null ? values.get(at) : doubles.get(at);
        }
        return series;
    }

    /** The samples so far (steps, values) and the dropped count. */
    @Override
    public void checkpoint(StateVisitor state) {
        long[] savedSteps = state.list("steps", steps.toArray(), steps.size());
        dropped = state.scalar("dropped", dropped);
        if (values != null) {
            float[] saved = state.list("values", values.toArray(), values.size());
            if (state.restoring()) {
                values.clear();
                values.addAll(saved);
            }
        } else {
            double[] saved = state.list("values", doubles.toArray(), doubles.size());
            if (state.restoring()) {
                doubles.clear();
                doubles.addAll(saved);
            }
        }
        if (state.restoring()) {
            steps.clear();
            steps.addAll(savedSteps);
        }
    }

    /** Drops every sample, stored or dropped. */
    void clear() {
        steps.clear();
        if (values != null) {
            values.clear();
        } else {
            doubles.clear();
        }
        dropped = 0;
    }

    long dropped() {
        return dropped;
    }

    long memoryBytes() {
        return 8L * steps.size() + (values != null ? 4L * values.size() : 8L * doubles.size());
    }
}
