package org.hebb.simulator.checkpoint;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saving direction: records each piece of state under its path, the arrays themselves (no copy). An empty array
 * (of an empty projection, say) is not recorded: HDF5 files hold no empty datasets here, and its restore needs
 * nothing.
 */
final class StateWriter implements StateVisitor {
    private final StatePaths paths = new StatePaths();
    private final Map<String, Object> entries = new TreeMap<>();

    /** The state recorded so far by path (float[], double[], int[] or long[]), sorted. */
    Map<String, Object> entries() {
        return entries;
    }

    @Override
    public boolean restoring() {
        return false;
    }

    @Override
    public void part(String name, Checkpointed part) {
        paths.enter(name, () -> part.checkpoint(this));
    }

    @Override
    public void floats(String name, float[] values) {
        putArray(name, values, values.length);
    }

    @Override
    public void doubles(String name, double[] values) {
        putArray(name, values, values.length);
    }

    @Override
    public void ints(String name, int[] values) {
        putArray(name, values, values.length);
    }

    @Override
    public void longs(String name, long[] values) {
        putArray(name, values, values.length);
    }

    @Override
    public long scalar(String name, long value) {
        put(name, new long[] {value});
        return value;
    }

    @Override
    public int[] list(String name, int[] values, int length) {
        return putList(name, Arrays.copyOf(values, length));
    }

    @Override
    public long[] list(String name, long[] values, int length) {
        return putList(name, Arrays.copyOf(values, length));
    }

    @Override
    public float[] list(String name, float[] values, int length) {
        return putList(name, Arrays.copyOf(values, length));
    }

    @Override
    public double[] list(String name, double[] values, int length) {
        return putList(name, Arrays.copyOf(values, length));
    }

    @Override
    public long savedScalar(String name, long value) {
        return value;
    }

    @Override
    public int[] savedList(String name, int[] values, int length) {
        return Arrays.copyOf(values, length);
    }

    @Override
    public double[] savedList(String name, double[] values, int length) {
        return Arrays.copyOf(values, length);
    }

    @Override
    public float[] savedFloats(String name, float[] values) {
        return values.clone();
    }

    @Override
    public double[] savedDoubles(String name, double[] values) {
        return values.clone();
    }

    @Override
    public int[] savedInts(String name, int[] values) {
        return values.clone();
    }

    /** Records a list as its length ({@code <name>_length}) and, unless empty, its values ({@code <name>}). */
    private <T> T putList(String name, T values) {
        int length = java.lang.reflect.Array.getLength(values);
        put(name + "_length", new long[] {length});
        if (length > 0) {
            put(name, values);
        }
        return values;
    }

    private void putArray(String name, Object values, int length) {
        if (length > 0) {
            put(name, values);
        }
    }

    private void put(String name, Object values) {
        String path = paths.of(name);
        if (entries.put(path, values) != null) {
            throw new IllegalStateException("state '" + path + "' is recorded twice: a defect of Hebb");
        }
    }
}
