package org.hebb.simulator.engine;

import java.util.function.IntSupplier;

/**
 * The spikes one population emitted in the step just completed. From the clock-driven engine: one list per thread
 * partition, each in increasing neuron order, partitions in increasing order, so iterating partitions then
 * entries visits the spiking neurons in increasing order; the spikes' time is the step's start. From the
 * event-driven engine: one partition in time order, with each spike's exact time ({@link #hasTimes()}).
 * Read-only for monitors and callbacks; valid until the next step runs.
 */
public final class SpikeView {
    private final int[][] lists;
    private final int[] counts;
    private final double[] times;
    private final Runnable fill;
    private final IntSupplier counted;

    SpikeView(int[][] lists, int[] counts) {
        this(lists, counts, null);
    }

    SpikeView(int[][] lists, int[] counts, double[] times) {
        this(lists, counts, times, null, null);
    }

    private SpikeView(int[][] lists, int[] counts, double[] times, Runnable fill, IntSupplier counted) {
        this.lists = lists;
        this.counts = counts;
        this.times = times;
        this.fill = fill;
        this.counted = counted;
    }

    /**
     * A view of one list filled on demand (for engines that keep spikes elsewhere, such as on a device):
     * {@code fill} runs before every read and must make entries 0 to {@code count[0] - 1} of {@code neurons} hold
     * the step's spikes in increasing order (cheaply when they already do).
     */
    public static SpikeView filledOnDemand(int[] neurons, int[] count, Runnable fill) {
        return filledOnDemand(neurons, count, fill, null);
    }

    /**
     * As {@link #filledOnDemand(int[], int[], Runnable)}, with {@code counted} giving the step's number of spikes
     * for {@link #total()} without filling the list (cheaper where the engine can count without reading spikes);
     * null to fill.
     */
    public static SpikeView filledOnDemand(int[] neurons, int[] count, Runnable fill, IntSupplier counted) {
        return new SpikeView(new int[][] {neurons}, count, null, fill, counted);
    }

    private void fill() {
        if (fill != null) {
            fill.run();
        }
    }

    /** Whether spikes carry exact times (event-driven engine); otherwise they happened at the step's start. */
    public boolean hasTimes() {
        return times != null;
    }

    /** Exact time in ms of entry {@code s} of partition 0, when {@link #hasTimes()}. */
    public double time(int s) {
        return times[s];
    }

    /** Number of partitions. */
    public int partitions() {
        return lists.length;
    }

    /** Number of spikes in partition {@code k}. */
    public int count(int k) {
        fill();
        return counts[k];
    }

    /** The spiking neurons of partition {@code k} (entries 0 to count(k) - 1 are valid). */
    public int[] neurons(int k) {
        fill();
        return lists[k];
    }

    /** Total number of spikes in the step. */
    public int total() {
        if (counted != null) {
            return counted.getAsInt();
        }
        fill();
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }
}
