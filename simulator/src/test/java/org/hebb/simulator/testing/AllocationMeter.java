package org.hebb.simulator.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Predicate;

import org.hebb.simulator.Network;

/**
 * Bytes allocated on the Java heap by chosen threads while an action runs, from HotSpot's per-thread allocation
 * counters (exact to the allocation, unlike heap occupancy).
 */
public final class AllocationMeter {
    /** Steps of a measured run. */
    public static final int MEASURED_STEPS = 10_000;
    /** Less than 16 bytes (the smallest object) per 100 steps: what a run allocates to start and end fits in it. */
    public static final long ALLOWED_BYTES = 16L * MEASURED_STEPS / 100;

    private AllocationMeter() {
    }

    /**
     * The step loop allocates nothing: after a warm-up of twice {@value #MEASURED_STEPS} steps, the least
     * allocating of three runs of {@value #MEASURED_STEPS} steps allocates less than {@value #ALLOWED_BYTES} bytes
     * on the calling thread and the network's worker threads.
     *
     * @param label names the network and engine in the report and the failure
     */
    public static void assertStepsAllocateNothing(Network net, String label) {
        double dt = net.dt();
        net.run(2 * MEASURED_STEPS * dt);
        long allocated = fewestBytesAllocated(() -> net.run(MEASURED_STEPS * dt), 3,
                thread -> thread.getName().startsWith("hebb-worker-"));
        System.out.printf("%s: %d bytes over %d steps%n", label, allocated, MEASURED_STEPS);
        assertTrue(allocated < ALLOWED_BYTES, label + ": " + allocated + " bytes allocated over " + MEASURED_STEPS
                + " steps (allowed " + ALLOWED_BYTES + ")");
    }

    /**
     * Runs {@code action} {@code times} times on the calling thread and returns the fewest bytes that one run
     * allocated, counting the calling thread and every live thread that {@code alsoCounted} accepts (for example a
     * network's worker threads). An allocation made on every run shows in each; the fewest leaves out what the JVM
     * does only now and then (compiling, growing a buffer to a new peak).
     */
    public static long fewestBytesAllocated(Runnable action, int times, Predicate<Thread> alsoCounted) {
        com.sun.management.ThreadMXBean threads = counters();
        long[] ids = threadIds(alsoCounted);
        long fewest = Long.MAX_VALUE;
        for (int k = 0; k < times; k++) {
            long before = sum(threads.getThreadAllocatedBytes(ids));
            action.run();
            fewest = Math.min(fewest, sum(threads.getThreadAllocatedBytes(ids)) - before);
        }
        return fewest;
    }

    private static com.sun.management.ThreadMXBean counters() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        boolean supported = bean instanceof com.sun.management.ThreadMXBean counting
                && counting.isThreadAllocatedMemorySupported();
        Prerequisites.require(supported ? null : "this JVM (" + System.getProperty("java.vm.name") + ") has no "
                + "per-thread allocation counters: run the tests on HotSpot (OpenJDK, apt-get install "
                + "openjdk-17-jdk-headless)");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    private static long[] threadIds(Predicate<Thread> alsoCounted) {
        Thread self = Thread.currentThread();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == self || alsoCounted.test(t))
                .mapToLong(Thread::getId)
                .toArray();
    }

    private static long sum(long[] bytes) {
        long total = 0;
        for (long b : bytes) {
            total += Math.max(0, b);
        }
        return total;
    }
}
