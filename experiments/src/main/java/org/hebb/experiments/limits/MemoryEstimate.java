package org.hebb.experiments.limits;

import java.util.Locale;

/**
 * An estimate of the heap a run needs, made before anything is built and compared with the JVM's maximum heap
 * ({@link Runtime#maxMemory()}), so that a run too large for it is refused at once with a message saying what to
 * change, instead of failing with OutOfMemoryError after minutes of building. The counts are upper estimates of
 * Hebb's layout, measured on COBA (6 bytes per synapse at rest with uniform weights, about 40 more per synapse of the
 * projection being drawn and sorted).
 */
public final class MemoryEstimate {
    /** Heap per neuron: state variables and their initial copy, input buffers, spike lists, counts, bytes. */
    public static final double BYTES_PER_NEURON = 200;
    /** Heap per synapse once built: target, weight, delay, row pointers, plasticity indices, bytes. */
    public static final double BYTES_PER_SYNAPSE = 12;
    /** Heap per synapse of the largest projection while its pairs are drawn and sorted into rows, bytes. */
    public static final double BYTES_PER_SYNAPSE_BUILDING = 40;

    /** Where {@link #largestChecked} keeps the largest estimate checked on this thread; null outside it. */
    private static final ThreadLocal<double[]> CHECKED = new ThreadLocal<>();

    private final String run;
    private double bytes;

    private MemoryEstimate(String run) {
        this.run = run;
    }

    /** An empty estimate for {@code run}, which names it in the message ("COBA with 4000 neurons"). */
    public static MemoryEstimate of(String run) {
        return new MemoryEstimate(run);
    }

    /** Adds {@code count} neurons. */
    public MemoryEstimate neurons(double count) {
        bytes += count * BYTES_PER_NEURON;
        return this;
    }

    /**
     * Adds {@code total} synapses, of which the largest projection drawn as a list of pairs (any connector but a
     * {@code RowConnector}, whose projections are drawn straight into rows) holds {@code largestProjection}.
     */
    public MemoryEstimate synapses(double total, double largestProjection) {
        bytes += total * BYTES_PER_SYNAPSE + largestProjection * BYTES_PER_SYNAPSE_BUILDING;
        return this;
    }

    /** Adds {@code count} values of {@code bytesEach} bytes (recordings, matrices, samples). */
    public MemoryEstimate values(double count, double bytesEach) {
        bytes += count * bytesEach;
        return this;
    }

    /** The estimate, bytes. */
    public double bytes() {
        return bytes;
    }

    /**
     * Fails unless the estimate fits in the JVM's maximum heap.
     *
     * @param smaller what makes the run smaller, for the message ("lower --neurons")
     */
    public void requireFits(String smaller) {
        requireFits(smaller, Runtime.getRuntime().maxMemory());
    }

    /**
     * Runs {@code check}, which checks what a run needs as the run itself would (every {@link #requireFits} in it
     * still refuses an estimate larger than the heap), and returns the largest estimate it checked, bytes, or 0 if
     * it checked none: a caller that runs several runs at once in this JVM adds up what they need together. Inside
     * another such check, what this one checked counts in the other's largest too.
     */
    public static double largestChecked(Runnable check) {
        double[] outer = CHECKED.get();
        double[] largest = {0};
        CHECKED.set(largest);
        try {
            check.run();
        } finally {
            CHECKED.set(outer);
            if (outer != null) {
                outer[0] = Math.max(outer[0], largest[0]);
            }
        }
        return largest[0];
    }

    /** As {@link #requireFits(String)} against a heap of {@code heapBytes}. */
    void requireFits(String smaller, long heapBytes) {
        double[] largest = CHECKED.get();
        if (largest != null) {
            largest[0] = Math.max(largest[0], bytes);
        }
        if (bytes > heapBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs about %s of heap, the JVM has %s: raise -Xmx "
                    + "(e.g. JDK_JAVA_OPTIONS=-Xmx%dg ./hebb ...) or %s", run, gigabytes(bytes), gigabytes(heapBytes),
                    (long) Math.ceil(bytes / (1L << 30)), smaller));
        }
    }

    private static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.3g GB", bytes / (1L << 30));
    }
}
