package org.hebb.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;

/**
 * Saving and restoring a checkpoint of a large static network: N IF_curr_exp neurons with K incoming synapses each
 * (per-synapse weights and delays of 1 to 20 steps), driven by Poisson input, after 1 ms. Prints one JSON object:
 * synapses, file bytes, seconds to save and to restore, and the heap used by the network and at the peak of each
 * (after a full collection; the peak as the JVM's heap pools saw it). Usage: {@code CheckpointSize N K FILE}.
 */
public final class CheckpointSize {
    private CheckpointSize() {
    }

    private static Network build(int n, int k) {
        Network net = Network.builder().seed(1).threads(1).build();
        var cells = net.addNeurons("cells", n, IfCurrExp.builder().build());
        var drive = net.addPoissonSource("drive", 1000, 5);
        net.connect(drive, cells, Connectors.fixedInDegree(10, false), Synapses.onto("excitatory")
                .weights(Values.constant(0.5)));
        net.connect(cells, cells, Connectors.fixedInDegree(k, false), Synapses.onto("excitatory")
                .weights(Values.uniform(0, 0.01)).delays(Delays.uniformSteps(1, 20)));
        return net;
    }

    /** Heap in use after a full collection, bytes. */
    private static long usedAfterCollection() {
        System.gc();
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum over heap pools of their peak use since the last reset, bytes. */
    private static long peak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int k = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        Map<String, Object> result = new LinkedHashMap<>();
        try (Network net = build(n, k)) {
            net.run(1);
            result.put("synapses", net.projections().stream().mapToLong(p -> p.synapseCount()).sum());
            result.put("network_heap_bytes", usedAfterCollection());
            resetPeaks();
            long start = System.nanoTime();
            net.saveCheckpoint(file);
            result.put("save_seconds", (System.nanoTime() - start) / 1e9);
            result.put("save_peak_heap_bytes", peak());
        }
        result.put("file_bytes", Files.size(file));
        try (Network net = build(n, k)) {
            net.run(0.1);
            usedAfterCollection();
            resetPeaks();
            long start = System.nanoTime();
            net.restoreCheckpoint(file);
            result.put("restore_seconds", (System.nanoTime() - start) / 1e9);
            result.put("restore_peak_heap_bytes", peak());
        }
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }
}
