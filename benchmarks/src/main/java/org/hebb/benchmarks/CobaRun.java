package org.hebb.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import org.hebb.benchmarks.jmh.baseline.HandWrittenKernels;
import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.Precision;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.storage.HebbVersion;

/**
 * One whole-run measurement of Hebb's COBA in a fresh JVM: builds the network and prepares it
 * ({@link Network#prepare}: the engine's run-time structures and kernels), then times {@code run()} alone (JIT
 * warm-up included, network construction excluded, as Brian2's main-loop time excludes its build). Prints one JSON
 * object: n, threads, seed, duration_s, hebb_seconds (wall time), hebb_process_cpu_seconds (the CPU time of the
 * whole JVM over the same run: the simulating threads and the JIT compiler and garbage collector threads, which run
 * beside them on other cores and which wall time does not charge), hebb_rate_hz, spikes, synapses, plastic and
 * (plastic) mean_ee_weight in leak units. Usage: {@code CobaRun N DURATION_MS SEED THREADS [plastic] [hand-written]
 * [double] [by-tenths] [unprepared]}; "plastic" adds {@link CobaNetwork#stdpOnExcitatory()} on E->E,
 * "hand-written" runs the neurons with the kernel Hebb had before its kernels were generated
 * ({@link HandWrittenKernels}), "double" runs the network in double precision, "by-tenths" runs it in ten equal
 * parts and adds each part's seconds
 * (tenths_seconds: where the JIT warm-up falls) and the JVM's uptime when the run started (run_started_ms, to set
 * beside the times of a compilation log), "unprepared" leaves the preparation to the timed run (as measured before
 * {@code prepare} existed).
 */
public final class CobaRun {
    private CobaRun() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        double durationMs = Double.parseDouble(args[1]);
        long seed = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        List<String> options = Arrays.asList(args).subList(4, args.length);
        boolean plastic = options.contains("plastic");
        IfCondExp neuron = CobaNetwork.neuron(IfCondExp.Integration.EULER);
        NeuronModel model = options.contains("hand-written") ? HandWrittenKernels.handWritten(neuron) : neuron;
        Precision precision = options.contains("double") ? Precision.DOUBLE : Precision.SINGLE;
        CobaNetwork coba = CobaNetwork.build(n, seed, threads, model, BackendKind.JAVA, Delays.steps(1), precision);
        Network net = coba.network();
        float[] plasticWeights = plastic ? coba.addStdpOnExcitatory().weights() : null;
        SpikeMonitor exc = net.monitorSpikes(coba.excitatory(), SpikeMonitor.settings().countsOnly());
        SpikeMonitor inh = net.monitorSpikes(coba.inhibitory(), SpikeMonitor.settings().countsOnly());
        if (!options.contains("unprepared")) {
            net.prepare();
        }
        boolean byTenths = options.contains("by-tenths");
        double[] tenths = new double[10];
        long runStartedMs = ManagementFactory.getRuntimeMXBean().getUptime();
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = system.getProcessCpuTime();
        long start = System.nanoTime();
        if (byTenths) {
            for (int k = 0; k < tenths.length; k++) {
                long partStart = System.nanoTime();
                net.run(durationMs / tenths.length);
                tenths[k] = (System.nanoTime() - partStart) / 1e9;
            }
        } else {
            net.run(durationMs);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (system.getProcessCpuTime() - cpuStart) / 1e9;
        long spikes = exc.totalCount() + inh.totalCount();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("n", n);
        result.put("threads", net.threads());
        result.put("seed", seed);
        result.put("hebb_version", HebbVersion.describe());
        result.put("duration_s", durationMs / 1000);
        result.put("hebb_seconds", seconds);
        result.put("hebb_process_cpu_seconds", cpuSeconds);
        result.put("hebb_rate_hz", spikes / (n * durationMs / 1000));
        result.put("spikes", spikes);
        result.put("synapses", net.projections().stream().mapToLong(p -> p.synapseCount()).sum());
        result.put("plastic", plastic);
        result.put("precision", precision.name().toLowerCase(Locale.ROOT));
        if (byTenths) {
            result.put("tenths_seconds", tenths);
            result.put("run_started_ms", runStartedMs);
        }
        if (plastic) {
            double sum = 0;
            for (float w : plasticWeights) {
                sum += w;
            }
            result.put("mean_ee_weight", sum / plasticWeights.length / CobaNetwork.LEAK_US);
        }
        net.close();
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }
}
