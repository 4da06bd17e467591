package org.hebb.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import java.util.Locale;
import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;

/**
 * What a closed-loop program pays per step: COBA (N neurons, one thread, Euler, dt 0.1 ms), prepared and run 200 ms
 * into its self-sustained state, then per repeat, each over STEPS steps: {@code run(dt)} called once per step
 * (one_step_us: microseconds per call), the same steps as one {@code run(STEPS dt)} (batched_us: microseconds per
 * step, where the state is scanned for NaN and infinity every 10 ms only), and a scan of every neuron variable on
 * its own through {@link NeuronState#firstNonFinite} (scan_us: microseconds per scan of the whole network, what
 * the end of every run adds); each also in the thread's CPU time (one_step_cpu_us, batched_cpu_us, scan_cpu_us:
 * steadier than wall time on a shared host). Uses only public API, so the same program times any build: put the
 * harness's classes first and an older jar after them on the class path. Prints one JSON line per repeat and one
 * with the medians. Usage: {@code OneStepRun N STEPS REPEATS [BACKEND] [plastic]}, BACKEND {@code java} (the
 * default) or {@code opencl} (the network on the OpenCL device; scan_us then scans the host's copy of the state,
 * which the run does not update, and only one_step_us and batched_us time the device); {@code plastic} adds STDP on
 * E->E ({@link CobaNetwork#addStdpOnExcitatory()}), whose weights the end of every run also scans in part.
 */
public final class OneStepRun {
    private OneStepRun() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        String backendName = args.length > 3 ? args[3] : "java";
        BackendKind backend = switch (backendName) {
            case "java" -> BackendKind.JAVA;
            case "opencl" -> BackendKind.OPENCL;
            default -> throw new IllegalArgumentException("BACKEND = '" + backendName
                    + "' is not allowed: use java or opencl");
        };
        boolean plastic = args.length > 4 && args[4].equals("plastic");
        CobaNetwork coba = CobaNetwork.build(n, 1, 1, IfCondExp.Integration.EULER, backend);
        if (plastic) {
            coba.addStdpOnExcitatory();
        }
        Network net = coba.network();
        net.prepare();
        net.run(200);
        double dt = CobaNetwork.DT_MS;
        double[] oneStep = new double[repeats];
        double[] batched = new double[repeats];
        double[] scan = new double[repeats];
        double[][] cpu = new double[3][repeats];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int found = 0;
        for (int r = -1; r < repeats; r++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                net.run(dt);
            }
            long oneStepNanos = System.nanoTime() - start;
            long oneStepCpu = threads.getCurrentThreadCpuTime() - cpuStart;
            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
            net.run(steps * dt);
            long batchedNanos = System.nanoTime() - start;
            long batchedCpu = threads.getCurrentThreadCpuTime() - cpuStart;
            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                found += scanAll(net);
            }
            long scanNanos = System.nanoTime() - start;
            long scanCpu = threads.getCurrentThreadCpuTime() - cpuStart;
            if (r < 0) {
                continue; // warm-up
            }
            oneStep[r] = oneStepNanos / 1e3 / steps;
            batched[r] = batchedNanos / 1e3 / steps;
            scan[r] = scanNanos / 1e3 / steps;
            cpu[0][r] = oneStepCpu / 1e3 / steps;
            cpu[1][r] = batchedCpu / 1e3 / steps;
            cpu[2][r] = scanCpu / 1e3 / steps;
            System.out.printf(Locale.ROOT,
                    "{\"n\":%d,\"repeat\":%d,\"one_step_us\":%.3f,\"batched_us\":%.3f,\"scan_us\":%.3f,"
                            + "\"one_step_cpu_us\":%.3f,\"batched_cpu_us\":%.3f,\"scan_cpu_us\":%.3f}%n", n, r,
                    oneStep[r], batched[r], scan[r], cpu[0][r], cpu[1][r], cpu[2][r]);
        }
        System.out.printf(Locale.ROOT, "{\"n\":%d,\"backend\":\"%s\",\"plastic\":%b,\"steps\":%d,\"repeats\":%d,"
                        + "\"median_one_step_us\":%.3f,"
                        + "\"median_batched_us\":%.3f,\"median_scan_us\":%.3f,\"median_one_step_cpu_us\":%.3f,"
                        + "\"median_batched_cpu_us\":%.3f,\"median_scan_cpu_us\":%.3f,\"non_finite_found\":%d}%n", n,
                backendName, plastic, steps, repeats, Medians.of(oneStep), Medians.of(batched), Medians.of(scan),
                Medians.of(cpu[0]), Medians.of(cpu[1]), Medians.of(cpu[2]), found);
        net.close();
    }

    /** Scans every variable of every neuron population; the number of variables holding a non-finite value. */
    private static int scanAll(Network net) {
        int found = 0;
        for (Population p : net.populations()) {
            if (p instanceof NeuronPopulation np) {
                NeuronState state = np.state();
                for (int v = 0; v < state.variables().size(); v++) {
                    if (state.firstNonFinite(v) >= 0) {
                        found++;
                    }
                }
            }
        }
        return found;
    }
}
