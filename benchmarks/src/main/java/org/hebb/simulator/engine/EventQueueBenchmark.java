package org.hebb.simulator.engine;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event-driven engine's queues in the classic hold model: a queue of {@code events} events; each operation
 * takes the earliest and queues one a random delay later (exponential, mean events x 1 us, so about one event per
 * microsecond of simulated time whatever the size), as the engine does when a spike walks along a row. Kept in the
 * engine's package because the queues are its internals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class EventQueueBenchmark {
    private static final int DELAYS = 1 << 16;

    @Param({"1000", "30000", "1000000"})
    int events;

    @Param({"calendar", "binary-heap"})
    String queue;

    private EventQueue q;
    private final double[] delays = new double[DELAYS];
    private int next;
    private long payload;

    @Setup
    public void fill() {
        q = queue.equals("calendar") ? new CalendarEventQueue(0.0001) : new BinaryHeapEventQueue(events);
        SplittableRandom random = new SplittableRandom(1);
        double mean = events * 1e-3;
        for (int k = 0; k < DELAYS; k++) {
            delays[k] = -mean * Math.log(1 - random.nextDouble());
        }
        for (int k = 0; k < events; k++) {
            q.add(delays[k % DELAYS], payload++, 0);
        }
    }

    @Benchmark
    public double hold() {
        double now = q.peekTime();
        q.replaceFirst(now + delays[next++ & (DELAYS - 1)], payload++, now);
        return now;
    }
}
