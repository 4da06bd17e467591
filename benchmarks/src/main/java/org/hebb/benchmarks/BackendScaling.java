package org.hebb.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.experiments.output.JsonOutput;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.opencl.OpenClDevice;
import org.hebb.opencl.OpenClDevices;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.util.Require;

/**
 * Steps per second of COBA (Euler membrane, dt 0.1 ms), static and with STDP on E->E
 * ({@link CobaNetwork#stdpOnExcitatory()}), on the Java backend with 1 and 2 threads and on the OpenCL backend's
 * default device, at several sizes: for each size the three run the same network (seed 1) in turn,
 * each after a 20 ms warm-up of its own network, repeated, medians. Also the host-device traffic per step of the
 * OpenCL runs (no monitor attached), and a digest of each backend's state at the end of the run (every neuron
 * variable, and with STDP the weights, sampled in one more step that is not timed): an OpenCL row says whether it
 * ended where the Java backend did, bit for bit, in {@code final_state_equal_to_java}. Writes
 * {@code benchmarks/results/opencl.json}.
 * Usage: {@code BackendScaling [repeats] [sizes...]}; defaults 3, 4000 16000 100000 1000000. The biological time
 * per run shrinks with size (about 2 * 10^8 neuron-steps, at least 20 ms; {@code -Dhebb.durationMs} sets one for
 * every size). {@code -Dhebb.backends=java-2,opencl} measures a subset of java-1, java-2 and opencl,
 * {@code -Dhebb.models=coba} a subset of coba and plastic-coba.
 * Every row names the machine ({@code -Dhebb.machine}, a description); the rows already in the file for other
 * machines, models, sizes or backends are kept, those measured again are replaced.
 */
public final class BackendScaling {
    private BackendScaling() {
    }

    private record Measurement(double stepsPerSecond, double bytesToHostPerStep, String finalStateDigest) {
    }

    static Measurement run(String model, String backend, int n, double durationMs) {
        BackendKind kind = backend.equals("opencl") ? BackendKind.OPENCL : BackendKind.JAVA;
        int threads = backend.equals("java-2") ? 2 : 1;
        CobaNetwork coba = CobaNetwork.build(n, 1, threads, IfCondExp.Integration.EULER, kind);
        RuleState stdp = model.equals("plastic-coba") ? coba.addStdpOnExcitatory() : null;
        try (Network net = coba.network()) {
            net.run(20);
            long bytes = net.engineCounters().getOrDefault("bytes_to_host", 0L);
            long start = System.nanoTime();
            net.run(durationMs);
            double seconds = (System.nanoTime() - start) / 1e9;
            double steps = Math.round(durationMs / net.dt());
            double bytesPerStep = (net.engineCounters().getOrDefault("bytes_to_host", 0L) - bytes) / steps;
            return new Measurement(steps / seconds, bytesPerStep, FinalStateDigest.of(net, net.dt(),
                    List.of(coba.excitatory(), coba.inhibitory()), stdp));
        }
    }

    /**
     * Entry point. The file is written after each model and size, so that what was measured is kept when a later
     * measurement fails or the run is stopped (a time limit).
     */
    public static void main(String[] args) throws Exception {
        String[] backends = System.getProperty("hebb.backends", "java-1,java-2,opencl").split(",");
        for (String backend : backends) {
            if (!List.of("java-1", "java-2", "opencl").contains(backend)) {
                throw new IllegalArgumentException("hebb.backends lists '" + backend + "': allowed are java-1, java-2 "
                        + "and opencl");
            }
        }
        String[] models = System.getProperty("hebb.models", "coba,plastic-coba").split(",");
        for (String model : models) {
            if (!List.of("coba", "plastic-coba").contains(model)) {
                throw new IllegalArgumentException("hebb.models lists '" + model + "': allowed are coba and "
                        + "plastic-coba");
            }
        }
        int repeats = Arguments.atLeast(args, 0, "repeats", 1, 3);
        double fixedDurationMs = fixedDurationMs(System.getProperty("hebb.durationMs"));
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {4000, 16000, 100000, 1000000};
        OpenClDevice openCl = Arrays.asList(backends).contains("opencl") ? OpenClDevices.select(null) : null;
        String device = openCl == null ? null : openCl.name();
        String deviceType = openCl == null ? null : openCl.type().equals("GPU") ? "opencl-gpu" : "opencl-cpu";
        Path file = Path.of(System.getProperty("hebb.root", ".")).resolve("benchmarks/results/opencl.json");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String model : models) {
            for (int n : sizes) {
                measure(model, n, fixedDurationMs, repeats, backends, device, deviceType, rows);
                write(file, rows);
            }
        }
    }

    /** The biological time of every run that {@code property} sets (ms), or 0 where it is not set. */
    private static double fixedDurationMs(String property) {
        if (property == null) {
            return 0;
        }
        try {
            return Require.positive("hebb.durationMs", Double.parseDouble(property), "ms");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hebb.durationMs = '" + property + "' is not allowed: must be a "
                    + "number of ms > 0", e);
        }
    }

    /** Writes {@code rows} into {@code file}, keeping its rows of other measurements and replacing the same ones. */
    private static void write(Path file, List<Map<String, Object>> rows) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        if (Files.exists(file)) {
            for (Object row : (List<?>) JsonOutput.read(file, Map.class).get("results")) {
                Map<String, Object> earlier = new LinkedHashMap<>();
                ((Map<?, ?>) row).forEach((k, v) -> earlier.put((String) k, v));
                if (rows.stream().noneMatch(r -> sameMeasurement(r, earlier))) {
                    all.add(earlier);
                }
            }
        }
        all.addAll(rows);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "COBA (static, and with STDP on E->E), Euler membrane, dt 0.1 ms, seed 1: steps per "
                + "second, medians of `repeats` alternating repeats on the machine each row names");
        out.put("results", all);
        JsonOutput.write(file, out);
    }

    /** The repeats' digest, or "differs between repeats" (which a deterministic simulator never gives). */
    private static String sameInEveryRepeat(String[] digests) {
        return Arrays.stream(digests).distinct().count() == 1 ? digests[0] : "differs between repeats";
    }

    /**
     * Whether backend {@code b} ended every repeat in the state a Java backend ended it in, bit for bit; null where
     * no Java backend ran beside it.
     */
    private static Boolean equalToJava(String[] backends, String[][] digests, int b) {
        Boolean equal = null;
        for (int j = 0; j < backends.length; j++) {
            if (backends[j].startsWith("java")) {
                equal = (equal == null || equal) && Arrays.equals(digests[j], digests[b]);
            }
        }
        return equal;
    }

    private static boolean sameMeasurement(Map<String, Object> a, Map<String, Object> b) {
        for (String key : List.of("machine", "model", "n", "backend", "gpu_delivery", "gpu_step")) {
            if (!String.valueOf(a.get(key)).equals(String.valueOf(b.get(key)))) {
                return false;
            }
        }
        return true;
    }

    private static void measure(String model, int n, double fixedDurationMs, int repeats, String[] backends,
                                String device,
                                String deviceType, List<Map<String, Object>> rows) {
        double durationMs = fixedDurationMs > 0 ? fixedDurationMs : Math.max(20, Math.round(2e8 / n * 0.1));
        double[][] rates = new double[backends.length][repeats];
        double[] traffic = new double[repeats];
        String[][] digests = new String[backends.length][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int b = 0; b < backends.length; b++) {
                Measurement m = run(model, backends[b], n, durationMs);
                rates[b][r] = m.stepsPerSecond();
                digests[b][r] = m.finalStateDigest();
                if (backends[b].equals("opencl")) {
                    traffic[r] = m.bytesToHostPerStep();
                }
            }
        }
        for (int b = 0; b < backends.length; b++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", model);
            row.put("n", n);
            boolean openCl = backends[b].equals("opencl");
            row.put("backend", openCl ? deviceType : backends[b]);
            row.put("device", openCl ? device : "JVM " + System.getProperty("java.version"));
            row.put("steps_per_second", Medians.of(rates[b]));
            row.put("duration_ms", durationMs);
            row.put("repeats", repeats);
            row.put("machine", System.getProperty("hebb.machine", "unnamed machine"));
            row.put("hebb_version", HebbVersion.describe());
            row.put("final_state_digest", sameInEveryRepeat(digests[b]));
            if (!backends[b].startsWith("java")) {
                row.put("final_state_equal_to_java", equalToJava(backends, digests, b));
            }
            if (openCl) {
                row.put("bytes_to_host_per_step", Medians.of(traffic));
                row.put("work_shape", System.getProperty("hebb.opencl.shape", "auto"));
                row.put("gpu_delivery", System.getProperty("hebb.opencl.gpuDelivery", "push"));
                row.put("gpu_step", System.getProperty("hebb.opencl.gpuStep", "fused"));
            }
            rows.add(row);
            System.err.println(row);
        }
    }
}
