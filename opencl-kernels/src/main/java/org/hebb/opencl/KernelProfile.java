package org.hebb.opencl;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a device spends a run, kernel by kernel, from OpenCL profiling events: for each kernel name the number of
 * launches, the mean time it ran and the mean time the device left between the previous command's end and its start
 * (on a CPU device, the scheduling cost of a command). Kept when the system property {@link #PROPERTY} is true;
 * the session logs {@link #report()} when it closes.
 */
final class KernelProfile {
    /** System property that turns profiling on. */
    static final String PROPERTY = "hebb.opencl.profile";
    /** Gaps longer than this (ns) are the host's waits, not the device's scheduling, and are not counted. */
    private static final long LONGEST_GAP_NS = 1_000_000;

    private final Map<String, long[]> byKernel = new TreeMap<>();
    private long lastEnd = -1;

    /** Adds one command that ran from {@code startNs} to {@code endNs} (device clock), in queue order. */
    void add(String kernel, long startNs, long endNs) {
        long[] totals = byKernel.computeIfAbsent(kernel, k -> new long[3]);
        totals[0]++;
        totals[1] += endNs - startNs;
        if (lastEnd >= 0 && startNs >= lastEnd && startNs - lastEnd < LONGEST_GAP_NS) {
            totals[2] += startNs - lastEnd;
        }
        lastEnd = endNs;
    }

    /** Launches of {@code kernel} so far. */
    long launches(String kernel) {
        long[] totals = byKernel.get(kernel);
        return totals == null ? 0 : totals[0];
    }

    /** Launches of every kernel so far. */
    long launches() {
        return byKernel.values().stream().mapToLong(totals -> totals[0]).sum();
    }

    /** One line per kernel: launches, mean run time and mean gap before it, in microseconds. */
    String report() {
        StringBuilder report = new StringBuilder("kernel profile (launches, mean run us, mean gap before it us):");
        byKernel.forEach((kernel, totals) -> report.append(String.format(Locale.ROOT, "%n  %-32s %9d %10.2f %10.2f",
                kernel, totals[0], totals[1] / 1e3 / totals[0], totals[2] / 1e3 / totals[0])));
        return report.toString();
    }
}
