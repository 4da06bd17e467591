package org.hebb.simulator;

/**
 * The priority queue that orders the event-driven engine's events, chosen with
 * {@code Network.builder().eventQueue(...)}. Both give the same events in the same order, so the same spikes; they
 * differ only in speed (BENCHMARKS.md, "Event queues").
 */
public enum EventQueueKind {
    /**
     * A calendar queue: buckets of an adaptive width, a small heap for the current bucket only. O(1) insertion and
     * little memory touched per event; the default.
     */
    CALENDAR,
    /** One binary heap over all events: O(log n) per event for n events queued. */
    BINARY_HEAP
}
