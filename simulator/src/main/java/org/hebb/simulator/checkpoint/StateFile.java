package org.hebb.simulator.checkpoint;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;

/**
 * The state datasets of an open checkpoint file, read one at a time. A contiguous dataset (as Hebb writes them) is
 * read through a view of the file mapped into memory, straight into the network's array and the checksum, so that
 * restoring holds no second copy of the weights on the heap; other datasets are read whole.
 */
final class StateFile {
    /** Values per buffer of the checksum. */
    private static final int SLICE = 1 << 16;
    private final Map<String, Dataset> datasets = new TreeMap<>();

    StateFile(Group state) {
        collect(state, "state");
    }

    private void collect(Group group, String path) {
        for (Node node : group.getChildren().values()) {
            String child = path + "/" + node.getName();
            if (node instanceof Group g) {
                collect(g, child);
            } else {
                datasets.put(child, (Dataset) node);
            }
        }
    }

    Set<String> paths() {
        return datasets.keySet();
    }

    /** The element type of {@code path}'s values (float, double, int or long), or null if there is none. */
    Class<?> type(String path) {
        Dataset d = datasets.get(path);
        return d == null ? null : d.getJavaType();
    }

    int length(String path) {
        return datasets.get(path).getDimensions()[0];
    }

    /** Copies {@code path}'s values into {@code into} (an array of its type and length). */
    void read(String path, Object into) {
        Dataset d = datasets.get(path);
        ByteBuffer mapped = mapped(d);
        int n = length(path);
        if (mapped == null) {
            System.arraycopy(d.getData(), 0, into, 0, n);
        } else if (into instanceof float[] f) {
            mapped.asFloatBuffer().get(f, 0, n);
        } else if (into instanceof double[] v) {
            mapped.asDoubleBuffer().get(v, 0, n);
        } else if (into instanceof int[] v) {
            mapped.asIntBuffer().get(v, 0, n);
        } else {
            mapped.asLongBuffer().get((long[]) into, 0, n);
        }
    }

    /** CRC-32C of every dataset's path and values (little-endian), in path order, as {@link CheckpointFile}. */
    long checksum() {
        CRC32C crc = new CRC32C();
        for (Map.Entry<String, Dataset> e : datasets.entrySet()) {
            crc.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            ByteBuffer mapped = mapped(e.getValue());
            if (mapped != null && mapped.order() == ByteOrder.LITTLE_ENDIAN) {
                crc.update(mapped);
            } else {
                update(crc, e.getValue().getData());
            }
        }
        return crc.getValue();
    }

    /** The values of a contiguous one-dimensional dataset as a view of the mapped file, else null. */
    private static ByteBuffer mapped(Dataset d) {
        if (d instanceof ContiguousDataset c && d.getDimensions().length == 1 && !d.isEmpty()) {
            return c.getBuffer();
        }
        return null;
    }

    /**
     * Adds {@code values} (a short, int, float, long or double array) to {@code crc}, little-endian, through a buffer
     * of at most {@link #SLICE} values.
     */
    static void update(CRC32C crc, Object values) {
        int length = Array.getLength(values);
        int width = values instanceof short[] ? 2 : values instanceof float[] || values instanceof int[] ? 4 : 8;
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(1, Math.min(length, SLICE)) * width)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < length; from += SLICE) {
            int count = Math.min(SLICE, length - from);
            buffer.clear();
            if (values instanceof float[] f) {
                buffer.asFloatBuffer().put(f, from, count);
            } else if (values instanceof double[] d) {
                buffer.asDoubleBuffer().put(d, from, count);
            } else if (values instanceof int[] n) {
                buffer.asIntBuffer().put(n, from, count);
            } else if (values instanceof short[] n) {
                buffer.asShortBuffer().put(n, from, count);
            } else {
                buffer.asLongBuffer().put((long[]) values, from, count);
            }
            crc.update(buffer.limit(count * width));
        }
    }
}
