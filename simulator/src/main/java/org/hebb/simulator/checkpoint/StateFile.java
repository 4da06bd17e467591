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

/**
 * The state datasets of an open checkpoint file, read one at a time: checking the checksum and restoring the state
 * each hold at most one dataset's values besides the network. (jHDF reads a slice of a contiguous dataset by
 * reading the whole of it, so slices would not hold less.)
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
        System.arraycopy(datasets.get(path).getData(), 0, into, 0, length(path));
    }

    /** CRC-32C of every dataset's path and values (little-endian), in path order, as {@link CheckpointFile}. */
    long checksum() {
        CRC32C crc = new CRC32C();
        for (Map.Entry<String, Dataset> e : datasets.entrySet()) {
            crc.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            update(crc, e.getValue().getData());
        }
        return crc.getValue();
    }

    /** Adds {@code values} (a float, double, int or long array) to {@code crc}, little-endian. */
    static void update(CRC32C crc, Object values) {
        int length = Array.getLength(values);
        int width = values instanceof float[] || values instanceof int[] ? 4 : 8;
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(1, Math.min(length, SLICE)) * width)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            if (!buffer.hasRemaining()) {
                crc.update(buffer.flip());
                buffer.clear();
            }
            if (values instanceof float[] f) {
                buffer.putFloat(f[i]);
            } else if (values instanceof double[] d) {
                buffer.putDouble(d[i]);
            } else if (values instanceof int[] n) {
                buffer.putInt(n[i]);
            } else {
                buffer.putLong(((long[]) values)[i]);
            }
        }
        crc.update(buffer.flip());
    }
}
