package org.hebb.simulator.checkpoint;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restoring direction, from the state datasets of a checkpoint file, read slice by slice into the network's
 * arrays. A dry run first checks that every piece the network asks for is there with its type and length, without
 * reading or changing anything (each call gives back the object's own state); only then does the real run fill the
 * arrays, so a file that does not fit leaves the network as it was. Objects that refuse some saved values read them
 * in the dry run ({@link #checking()}) with the {@code saved} methods, which change nothing.
 */
final class StateReader implements StateVisitor {
    private final StatePaths paths = new StatePaths();
    private final StateFile file;
    private final boolean dry;
    private final Set<String> used = new HashSet<>();

    StateReader(StateFile file, boolean dry) {
        this.file = file;
        this.dry = dry;
    }

    /** The saved pieces that no part of the network asked for. */
    Set<String> unused() {
        Set<String> unused = new TreeSet<>(file.paths());
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
    public boolean optionalPart(String name, Checkpointed part) {
        String prefix = paths.of(name) + "/";
        List<String> saved = file.paths().stream().filter(p -> p.startsWith(prefix)).toList();
        if (part == null) {
            used.addAll(saved);
            return false;
        }
        if (saved.isEmpty()) {
            return false;
        }
        part(name, part);
        return true;
    }

    @Override
    public void floats(String name, float[] values) {
        fill(name, float.class, values, values.length, dry);
    }

    @Override
    public void doubles(String name, double[] values) {
        fill(name, double.class, values, values.length, dry);
    }

    @Override
    public void ints(String name, int[] values) {
        fill(name, int.class, values, values.length, dry);
    }

    @Override
    public void longs(String name, long[] values) {
        fill(name, long.class, values, values.length, dry);
    }

    @Override
    public boolean checking() {
        return dry;
    }

    @Override
    public long scalar(String name, long value) {
        if (dry) {
            check(name, long.class, 1);
            return value;
        }
        return savedScalar(name, value);
    }

    @Override
    public long savedScalar(String name, long value) {
        long[] saved = new long[1];
        file.read(check(name, long.class, 1), saved);
        return saved[0];
    }

    @Override
    public int[] savedList(String name, int[] values, int length) {
        return readList(name, int.class, null, false);
    }

    @Override
    public double[] savedList(String name, double[] values, int length) {
        return readList(name, double.class, null, false);
    }

    @Override
    public float[] savedFloats(String name, float[] values) {
        float[] saved = new float[values.length];
        fill(name, float.class, saved, saved.length, false);
        return saved;
    }

    @Override
    public double[] savedDoubles(String name, double[] values) {
        double[] saved = new double[values.length];
        fill(name, double.class, saved, saved.length, false);
        return saved;
    }

    @Override
    public int[] savedInts(String name, int[] values) {
        int[] saved = new int[values.length];
        fill(name, int.class, saved, saved.length, false);
        return saved;
    }

    @Override
    public int[] list(String name, int[] values, int length) {
        return readList(name, int.class, Arrays.copyOf(values, length), dry);
    }

    @Override
    public long[] list(String name, long[] values, int length) {
        return readList(name, long.class, Arrays.copyOf(values, length), dry);
    }

    @Override
    public float[] list(String name, float[] values, int length) {
        return readList(name, float.class, Arrays.copyOf(values, length), dry);
    }

    @Override
    public double[] list(String name, double[] values, int length) {
        return readList(name, double.class, Arrays.copyOf(values, length), dry);
    }

    /**
     * The saved list {@code name} (its length, then unless empty its values), or if {@code keep} {@code own}, the
     * object's own list, after checking the entries.
     */
    @SuppressWarnings("unchecked")
    private <T> T readList(String name, Class<?> type, T own, boolean keep) {
        long[] length = new long[1];
        file.read(check(name + "_length", long.class, 1), length);
        if (length[0] < 0 || length[0] > Integer.MAX_VALUE) {
            throw new CheckpointException("checkpoint entry '" + paths.of(name + "_length") + "' = " + length[0]
                    + " is not a list's length");
        }
        String path = length[0] > 0 ? check(name, type, (int) length[0]) : null;
        if (keep) {
            return own;
        }
        Object saved = java.lang.reflect.Array.newInstance(type, (int) length[0]);
        if (path != null) {
            file.read(path, saved);
        }
        return (T) saved;
    }

    /**
     * Fills {@code values} from the entry {@code name} (unless {@code keep}), after checking its type and length;
     * an empty array has no entry.
     */
    private void fill(String name, Class<?> type, Object values, int length, boolean keep) {
        if (length == 0) {
            return;
        }
        String path = check(name, type, length);
        if (!keep) {
            file.read(path, values);
        }
    }

    /** The path of {@code name}, after checking it holds values of {@code type} and (unless negative) length. */
    private String check(String name, Class<?> type, int length) {
        String path = paths.of(name);
        Class<?> saved = file.type(path);
        if (saved == null) {
            throw new CheckpointException("checkpoint has no entry '" + path + "' that this network needs: it was "
                    + "saved from a network built differently");
        }
        if (saved != type) {
            throw new CheckpointException("checkpoint entry '" + path + "' holds " + saved + " values; this "
                    + "network needs " + type);
        }
        if (length >= 0 && file.length(path) != length) {
            throw new CheckpointException("checkpoint entry '" + path + "' has " + file.length(path) + " values; "
                    + "this network needs " + length + ": it was saved from a network built differently");
        }
        used.add(path);
        return path;
    }
}
