package org.hebb.simulator.engine;

import java.util.Arrays;

/**
 * An {@link EventQueue} as a binary min-heap over parallel arrays of times, payloads and times of origin. No object
 * per event; the arrays grow by doubling. O(log n) per operation, with n the events queued.
 */
final class BinaryHeapEventQueue implements EventQueue {
    private double[] times;
    private long[] payloads;
    private double[] origins;
    private int size;

    BinaryHeapEventQueue(int initialCapacity) {
        times = new double[Math.max(16, initialCapacity)];
        payloads = new long[times.length];
        origins = new double[times.length];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public double peekTime() {
        return size == 0 ? Double.POSITIVE_INFINITY : times[0];
    }

    @Override
    public long peekPayload() {
        return payloads[0];
    }

    @Override
    public double peekOrigin() {
        return origins[0];
    }

    @Override
    public void clear() {
        size = 0;
    }

    @Override
    public void add(double time, long payload, double origin) {
        if (size == times.length) {
            times = Arrays.copyOf(times, 2 * size);
            payloads = Arrays.copyOf(payloads, 2 * size);
            origins = Arrays.copyOf(origins, 2 * size);
        }
        int k = size++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!before(time, payload, times[parent], payloads[parent])) {
                break;
            }
            times[k] = times[parent];
            payloads[k] = payloads[parent];
            origins[k] = origins[parent];
            k = parent;
        }
        times[k] = time;
        payloads[k] = payload;
        origins[k] = origin;
    }

    @Override
    public void removeFirst() {
        int last = --size;
        if (last > 0) {
            siftDown(times[last], payloads[last], origins[last], last);
        }
    }

    /** {@inheritDoc} One sift instead of a removal and an insertion. */
    @Override
    public void replaceFirst(double time, long payload, double origin) {
        siftDown(time, payload, origin, size);
    }

    private void siftDown(double time, long payload, double origin, int length) {
        int k = 0;
        int half = length >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            int right = child + 1;
            if (right < length && before(times[right], payloads[right], times[child], payloads[child])) {
                child = right;
            }
            if (!before(times[child], payloads[child], time, payload)) {
                break;
            }
            times[k] = times[child];
            payloads[k] = payloads[child];
            origins[k] = origins[child];
            k = child;
        }
        times[k] = time;
        payloads[k] = payload;
        origins[k] = origin;
    }

    private static boolean before(double t1, long p1, double t2, long p2) {
        return t1 < t2 || (t1 == t2 && p1 < p2);
    }
}
