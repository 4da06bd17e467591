package org.hebb.simulator.checkpoint;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restoring direction, from state read whole from a file. A dry run first checks that every piece the
 * network asks for is there with its length, without changing anything (each call gives back the object's own
 * state); only then does the real run fill the arrays, so a file that does not fit leaves the network as it was.
 */
final class StateReader implements StateVisitor {
    private final StatePaths paths = new StatePaths();
    private final Map<String, Object> entries;
    private final boolean dry;
    private final Set<String> used = new HashSet<>();

    StateReader(Map<String, Object> entries, boolean dry) {
        this.entries = entries;
        this.dry = dry;
    }

    /** The saved pieces that no part of the network asked for. */
    Set<String> unused() {
        Set<String> unused = new TreeSet<>(entries.keySet());
        unused.removeAll(used);
        return unused;
    }

    @Override
    public boolean restoring() {
        return true;
    }

    @Override
    public void part(String name, Checkpointed part) {
        paths.enter(name, () -> part.checkpoint(this));
    }

    @Override
    public void floats(String name, float[] values) {
        float[] saved = saved(name, float[].class, values.length);
        if (!dry) {
            System.arraycopy(saved, 0, values, 0, values.length);
        }
    }

    @Override
    public void doubles(String name, double[] values) {
        double[] saved = saved(name, double[].class, values.length);
        if (!dry) {
            System.arraycopy(saved, 0, values, 0, values.length);
        }
    }

    @Override
    public void ints(String name, int[] values) {
        int[] saved = saved(name, int[].class, values.length);
        if (!dry) {
            System.arraycopy(saved, 0, values, 0, values.length);
        }
    }

    @Override
    public void longs(String name, long[] values) {
        long[] saved = saved(name, long[].class, values.length);
        if (!dry) {
            System.arraycopy(saved, 0, values, 0, values.length);
        }
    }

    @Override
    public long scalar(String name, long value) {
        long saved = saved(name, long[].class, 1)[0];
        return dry ? value : saved;
    }

    @Override
    public int[] list(String name, int[] values, int length) {
        int[] saved = saved(name, int[].class, -1);
        if (saved.length == 0 || saved[0] != saved.length - 1) {
            throw new CheckpointException("checkpoint entry '" + paths.of(name) + "' is not a list (its first "
                    + "value must be its length)");
        }
        return dry ? Arrays.copyOf(values, length) : Arrays.copyOfRange(saved, 1, saved.length);
    }

    /** The saved array at {@code name}, of {@code type} and (unless negative) {@code length}. */
    private <T> T saved(String name, Class<T> type, int length) {
        String path = paths.of(name);
        Object saved = entries.get(path);
        if (saved == null) {
            throw new CheckpointException("checkpoint has no entry '" + path + "' that this network needs: it was "
                    + "saved from a network built differently");
        }
        if (!type.isInstance(saved)) {
            throw new CheckpointException("checkpoint entry '" + path + "' holds " + saved.getClass()
                    .getComponentType() + " values; this network needs " + type.getComponentType());
        }
        int savedLength = java.lang.reflect.Array.getLength(saved);
        if (length >= 0 && savedLength != length) {
            throw new CheckpointException("checkpoint entry '" + path + "' has " + savedLength + " values; this "
                    + "network needs " + length + ": it was saved from a network built differently");
        }
        used.add(path);
        return type.cast(saved);
    }
}
