package org.hebb.simulator.engine;

/**
 * A priority queue of primitive events for the event-driven engine. An event is a time (ms), a 64-bit payload
 * that says what it is, and a time of origin (an arrival's emission time). Events come out ordered by time and
 * then by payload, so simultaneous events are processed in an order fixed by what they are, whatever the order
 * they were queued in, and whatever the implementation: every implementation yields the same sequence.
 */
interface EventQueue {
    /** Number of events queued. */
    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    /** Time of the earliest event, ms; +infinity when empty. */
    double peekTime();

    /** Payload of the earliest event (only when not empty). */
    long peekPayload();

    /** Time of origin of the earliest event, ms (only when not empty). */
    double peekOrigin();

    /** Removes every event. */
    void clear();

    /** Queues an event at {@code time} ms. */
    void add(double time, long payload, double origin);

    /** Removes the earliest event. */
    void removeFirst();

    /** Replaces the earliest event by another, as {@link #removeFirst} then {@link #add}, often cheaper. */
    void replaceFirst(double time, long payload, double origin);
}
