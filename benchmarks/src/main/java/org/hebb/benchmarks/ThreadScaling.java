package org.hebb.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.experiments.output.JsonOutput;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.Network;

/**
 * Where the multi-threaded Java backend pays: COBA run for a given biological time at several sizes with 1 and 2
 * threads, alternating, median of the repeats (each run after a 200 ms warm-up run of the same network). Writes
 * {@code benchmarks/results/java-threads.json}.
 * Usage: {@code ThreadScaling [repeats] [duration_ms] [sizes...]}; defaults 3, 2000, 4000 16000 64000.
 */
public final class ThreadScaling {
    /** The master seed of every network measured, recorded in the result file. */
    static final long SEED = 1;

    private ThreadScaling() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int repeats = Arguments.atLeast(args, 0, "repeats", 1, 3);
        double durationMs = Arguments.duration(args, 1, "duration_ms", CobaNetwork.DT_MS, 2000);
        int[] sizes = Arguments.sizes(args, 2, 4000, 16000, 64000);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n : sizes) {
            double[][] seconds = new double[2][repeats];
            for (int r = 0; r < repeats; r++) {
                for (int threads = 1; threads <= 2; threads++) {
                    try (Network net = CobaNetwork.build(n, SEED, threads, IfCondExp.Integration.EULER).network()) {
                        net.run(200);
                        long start = System.nanoTime();
                        net.run(durationMs);
                        seconds[threads - 1][r] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", n);
            row.put("one_thread_seconds", Medians.of(seconds[0]));
            row.put("two_threads_seconds", Medians.of(seconds[1]));
            row.put("speedup", Medians.of(seconds[0]) / Medians.of(seconds[1]));
            row.put("duration_s", durationMs / 1000);
            try (Network auto = CobaNetwork.build(n, SEED, 0, IfCondExp.Integration.EULER).network()) {
                row.put("auto_threads", auto.threads());
            }
            rows.add(row);
            System.err.println(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "COBA, Euler membrane, dt 0.1 ms, Java backend, 1 vs 2 threads");
        out.put("java", System.getProperty("java.version"));
        out.put("seed", SEED);
        out.put("repeats", repeats);
        out.put("results", rows);
        JsonOutput.write(Path.of(System.getProperty("hebb.root", ".")).resolve(
                "benchmarks/results/java-threads.json"), out);
    }
}
