package org.hebb.simulator.storage;

import java.lang.reflect.Array;

import io.jhdf.api.Dataset;

/** The values of a numeric HDF5 dataset of any type and shape, flattened, as the readers of the field's files want. */
public final class Datasets {
    private Datasets() {
    }

    /** The values of an integer dataset of any width. */
    public static long[] longs(Dataset d) {
        Object data = d.getDataFlat();
        long[] values = new long[Array.getLength(data)];
        for (int k = 0; k < values.length; k++) {
            values[k] = ((Number) Array.get(data, k)).longValue();
        }
        return values;
    }

    /** The values of a numeric dataset of any type. */
    public static double[] doubles(Dataset d) {
        Object data = d.getDataFlat();
        double[] values = new double[Array.getLength(data)];
        for (int k = 0; k < values.length; k++) {
            values[k] = ((Number) Array.get(data, k)).doubleValue();
        }
        return values;
    }
}
