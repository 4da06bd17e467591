package org.hebb.simulator.engine;

import java.util.Arrays;

/**
 * An {@link EventQueue} as a calendar queue (R. Brown, CACM 31:1220, 1988): time is cut into buckets of one width;
 * a window of buckets starting at the current one holds its events unsorted, appended in O(1); only the current
 * bucket's events sit in a small binary heap; events beyond the window wait in an overflow heap and move into the
 * window as it slides. So an operation costs O(log k) for the k events of one bucket instead of O(log n) for all n
 * events queued, and touches little memory.
 *
 * <p>Width and bucket count adapt: every {@link #ADAPT_EVERY} removals, when the buckets passed held too many or too
 * few of the removed events on average, the width is scaled to aim at a few per bucket; when the window has too few
 * buckets to hold most events (or far more than needed), their number is changed; either way the events are
 * redistributed. Events come out in the same order whatever the width or bucket count: the order of
 * {@link BinaryHeapEventQueue}.
 */
final class CalendarEventQueue implements EventQueue {
    static final int ADAPT_EVERY = 1 << 14;
    private static final double LAST_BUCKET = 0x1p62;
    /** Removals per bucket passed (visited or jumped over) outside which the width is changed ... */
    private static final double MOST_PER_BUCKET = 32;
    private static final double FEWEST_PER_BUCKET = 2;
    /** ... to aim at this many, changing it at most this factor at a time, within these bounds (ms). */
    private static final double TARGET_PER_BUCKET = 8;
    private static final double MAX_STEP = 64;
    private static final double MIN_WIDTH_MS = 1e-9;
    private static final double MAX_WIDTH_MS = 1e9;
    /**
     * Bucket counts: powers of two within these bounds, at least half the events queued, so that the window spans
     * about four times their spread when each bucket holds {@link #TARGET_PER_BUCKET}.
     */
    static final int MIN_BUCKETS = 1 << 10;
    private static final int MAX_BUCKETS = 1 << 20;
    private static final int INITIAL_POOL = 1 << 10;
    private static final int NONE = -1;

    private final BinaryHeapEventQueue current = new BinaryHeapEventQueue(64);
    private final BinaryHeapEventQueue overflow = new BinaryHeapEventQueue(64);
    /**
     * The window's events: each bucket is a list, in order of arrival, threaded through one pool of event records
     * (time, payload, origin, next record), so that a step reuses the records of the events it took out and the
     * queue allocates only when more events are in the window than ever before.
     */
    private double[] eventTimes = new double[INITIAL_POOL];
    private long[] eventPayloads = new long[INITIAL_POOL];
    private double[] eventOrigins = new double[INITIAL_POOL];
    private int[] nextEvent = new int[INITIAL_POOL];
    /** Records used so far, and the first free one below that (-1 for none). */
    private int poolUsed;
    private int freeEvent = NONE;
    /** First and last record of each bucket (NONE when empty); as long as the most buckets the window has had. */
    private int[] bucketHead = new int[0];
    private int[] bucketTail = new int[0];
    private int slotMask;
    /** Events in the window's buckets (not counting the current heap). */
    private int inWindow;
    private double width;
    private double perMs;
    /** Index of the current bucket (see {@link #bucketOf}). */
    private long now;
    private int removals;
    /** Buckets passed since the width was last checked: visited one by one or jumped over. */
    private double bucketsVisited;

    /** @param widthMs the initial bucket width, ms (> 0); it adapts to the events */
    CalendarEventQueue(double widthMs) {
        setWidth(widthMs);
        setBuckets(MIN_BUCKETS);
    }

    /** The bucket width now, ms. */
    double widthMs() {
        return width;
    }

    /** The number of buckets in the window now. */
    int buckets() {
        return slotMask + 1;
    }

    private void setWidth(double widthMs) {
        width = widthMs;
        perMs = 1 / widthMs;
    }

    /** Sets the bucket count, every bucket being empty. */
    private void setBuckets(int count) {
        if (count > bucketHead.length) {
            bucketHead = new int[count];
            bucketTail = new int[count];
        }
        Arrays.fill(bucketHead, 0, count, NONE);
        slotMask = count - 1;
    }

    @Override
    public int size() {
        return current.size() + inWindow + overflow.size();
    }

    @Override
    public double peekTime() {
        if (current.isEmpty()) {
            advance();
        }
        return current.peekTime();
    }

    @Override
    public long peekPayload() {
        return current.peekPayload();
    }

    @Override
    public double peekOrigin() {
        return current.peekOrigin();
    }

    @Override
    public void clear() {
        current.clear();
        overflow.clear();
        Arrays.fill(bucketHead, 0, buckets(), NONE);
        poolUsed = 0;
        freeEvent = NONE;
        inWindow = 0;
    }

    @Override
    public void add(double time, long payload, double origin) {
        long bucket = bucketOf(time);
        if (bucket <= now) {
            current.add(time, payload, origin);
        } else if (bucket <= now + slotMask) {
            append((int) (bucket & slotMask), time, payload, origin);
        } else {
            overflow.add(time, payload, origin);
        }
    }

    /** The bucket index of a time: time / width rounded down, kept within [0, 2^62] so that sums cannot overflow. */
    private long bucketOf(double time) {
        return (long) Math.min(Math.max(time * perMs, 0), LAST_BUCKET);
    }

    @Override
    public void removeFirst() {
        current.removeFirst();
        removed();
    }

    @Override
    public void replaceFirst(double time, long payload, double origin) {
        if (bucketOf(time) <= now) {
            current.replaceFirst(time, payload, origin);
        } else {
            current.removeFirst();
            add(time, payload, origin);
        }
        removed();
    }

    private void append(int slot, double time, long payload, double origin) {
        int e = newEvent();
        eventTimes[e] = time;
        eventPayloads[e] = payload;
        eventOrigins[e] = origin;
        nextEvent[e] = NONE;
        if (bucketHead[slot] == NONE) {
            bucketHead[slot] = e;
        } else {
            nextEvent[bucketTail[slot]] = e;
        }
        bucketTail[slot] = e;
        inWindow++;
    }

    private int newEvent() {
        if (freeEvent != NONE) {
            int e = freeEvent;
            freeEvent = nextEvent[e];
            return e;
        }
        if (poolUsed == nextEvent.length) {
            int capacity = 2 * poolUsed;
            eventTimes = Arrays.copyOf(eventTimes, capacity);
            eventPayloads = Arrays.copyOf(eventPayloads, capacity);
            eventOrigins = Arrays.copyOf(eventOrigins, capacity);
            nextEvent = Arrays.copyOf(nextEvent, capacity);
        }
        return poolUsed++;
    }

    /** Moves the events of bucket {@code slot} into {@code target}, in order of arrival, emptying the bucket. */
    private void moveBucket(int slot, BinaryHeapEventQueue target) {
        int e = bucketHead[slot];
        while (e != NONE) {
            target.add(eventTimes[e], eventPayloads[e], eventOrigins[e]);
            int next = nextEvent[e];
            nextEvent[e] = freeEvent;
            freeEvent = e;
            inWindow--;
            e = next;
        }
        bucketHead[slot] = NONE;
    }

    /** Moves to the next bucket that holds events (the current one being empty), if any. */
    private void advance() {
        while (current.isEmpty()) {
            if (inWindow == 0) {
                if (overflow.isEmpty()) {
                    return;
                }
                long first = bucketOf(overflow.peekTime());
                bucketsVisited += Math.max(0, first - now);
                now = first;
            } else {
                now++;
                bucketsVisited++;
            }
            while (!overflow.isEmpty() && bucketOf(overflow.peekTime()) <= now + slotMask) {
                double time = overflow.peekTime();
                long payload = overflow.peekPayload();
                double origin = overflow.peekOrigin();
                overflow.removeFirst();
                add(time, payload, origin);
            }
            moveBucket((int) (now & slotMask), current);
        }
    }

    private void removed() {
        if (++removals < ADAPT_EVERY) {
            return;
        }
        double perBucket = removals / Math.max(1, bucketsVisited);
        removals = 0;
        bucketsVisited = 0;
        double newWidth = width;
        if (perBucket > MOST_PER_BUCKET || perBucket < FEWEST_PER_BUCKET) {
            double factor = Math.min(MAX_STEP, Math.max(1 / MAX_STEP, TARGET_PER_BUCKET / perBucket));
            newWidth = Math.min(MAX_WIDTH_MS, Math.max(MIN_WIDTH_MS, width * factor));
        }
        int needed = Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, Integer.highestOneBit(Math.max(1, size() / 2)) << 1));
        int newBuckets = needed > buckets() || needed < buckets() / 4 ? needed : buckets();
        if (newWidth != width || newBuckets != buckets()) {
            redistribute(newWidth, newBuckets);
        }
    }

    /** Changes width and bucket count and puts every event back where they place it. */
    private void redistribute(double newWidthMs, int newBuckets) {
        BinaryHeapEventQueue all = overflow;
        while (!current.isEmpty()) {
            all.add(current.peekTime(), current.peekPayload(), current.peekOrigin());
            current.removeFirst();
        }
        for (int slot = 0; slot < buckets(); slot++) {
            moveBucket(slot, all);
        }
        setWidth(newWidthMs);
        if (newBuckets != buckets()) {
            setBuckets(newBuckets);
        }
        advance();
        bucketsVisited = 0;
    }
}
