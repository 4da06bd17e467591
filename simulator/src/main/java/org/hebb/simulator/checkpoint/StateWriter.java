package org.hebb.simulator.checkpoint;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** The saving direction: records each piece of state under its path, the arrays themselves (no copy). */
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
        put(name, values);
    }

    @Override
    public void doubles(String name, double[] values) {
        put(name, values);
    }

    @Override
    public void ints(String name, int[] values) {
        put(name, values);
    }

    @Override
    public void longs(String name, long[] values) {
        put(name, values);
    }

    @Override
    public long scalar(String name, long value) {
        put(name, new long[] {value});
        return value;
    }

    @Override
    public int[] list(String name, int[] values, int length) {
        int[] prefixed = new int[length + 1];
        prefixed[0] = length;
        System.arraycopy(values, 0, prefixed, 1, length);
        put(name, prefixed);
        return Arrays.copyOf(values, length);
    }

    private void put(String name, Object values) {
        String path = paths.of(name);
        if (entries.put(path, values) != null) {
            throw new IllegalStateException("state '" + path + "' is recorded twice: a defect of Hebb");
        }
    }
}
