package org.hebb.experiments.quickstart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.experiments.output.JsonOutput;
import org.hebb.experiments.output.Plots;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.io.AtomicFiles;
import org.hebb.simulator.monitor.PopulationRateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.run.ProgressListener;

/**
 * Simulates the COBA benchmark network and writes what a person looks at first: per-neuron spike counts, mean
 * rates, population rate over time, a raster plot and a summary.
 */
public final class Quickstart {
    private Quickstart() {
    }

    /** What the quickstart wrote, also saved as summary.json. */
    public record Summary(String network, int neurons, long seed, double dtMs, double durationMs, int threads,
                          String backend, long synapses, double bytesPerSynapse, Map<String, Double> meanRateHz,
                          Map<String, Long> spikes, double buildSeconds, double simulationSeconds,
                          String javaVersion) {
    }

    /**
     * Runs COBA with {@code n} neurons for {@code durationMs} on the Java backend and writes the results into
     * {@code outDir}.
     *
     * @param threads 0 to choose automatically
     */
    public static Summary run(int n, double durationMs, long seed, int threads, Path outDir) throws IOException {
        return run(n, durationMs, seed, threads, BackendKind.JAVA, outDir);
    }

    /** As {@link #run(int, double, long, int, Path)}, on the given backend (OPENCL: the default device). */
    public static Summary run(int n, double durationMs, long seed, int threads, BackendKind backend, Path outDir)
            throws IOException {
        long t0 = System.nanoTime();
        CobaNetwork coba = CobaNetwork.build(n, seed, threads, IfCondExp.Integration.EXPONENTIAL_EULER, backend);
        Network net = coba.network();
        List<Population> groups = List.of(coba.excitatory(), coba.inhibitory());
        List<SpikeMonitor> spikes = new ArrayList<>();
        List<PopulationRateMonitor> rates = new ArrayList<>();
        for (Population p : groups) {
            spikes.add(net.monitorSpikes(p));
            rates.add(net.monitorRate(p, 5.0));
        }
        long t1 = System.nanoTime();
        try (net) {
            net.run(durationMs, ProgressListener.printing("COBA N=" + n));
        }
        long t2 = System.nanoTime();

        Map<String, Double> meanRate = new LinkedHashMap<>();
        Map<String, Long> spikeTotals = new LinkedHashMap<>();
        long allSpikes = 0;
        StringBuilder counts = new StringBuilder(provenance(n, seed)).append("population,neuron,spike_count\n");
        for (int g = 0; g < groups.size(); g++) {
            SpikeMonitor m = spikes.get(g);
            meanRate.put(groups.get(g).name(), m.meanRateHz());
            spikeTotals.put(groups.get(g).name(), m.totalCount());
            allSpikes += m.totalCount();
            int[] c = m.counts();
            for (int i = 0; i < c.length; i++) {
                counts.append(groups.get(g).name()).append(',').append(i).append(',').append(c[i]).append('\n');
            }
        }
        meanRate.put("all", allSpikes / (n * durationMs / 1000.0));
        long synapses = net.projections().stream().mapToLong(p -> p.synapseCount()).sum();
        Summary summary = new Summary("COBA (Brette et al. 2007, benchmark 1)", n, seed, net.dt(), durationMs,
                net.threads(), backend.name(), synapses, (double) net.synapseMemoryBytes() / synapses, meanRate,
                spikeTotals,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, System.getProperty("java.version"));

        AtomicFiles.write(outDir.resolve("spike_counts.csv"), counts.toString());
        writeRates(outDir.resolve("population_rate.csv"), provenance(n, seed), groups, rates);
        writeRaster(outDir.resolve("raster.png"), coba, spikes, durationMs, seed);
        Plots.lines(outDir.resolve("population_rate.png"), "COBA population rate (5 ms bins), seed " + seed,
                "time (ms)", "rate (Hz)", rates.get(0).binStartsMs(), List.of("excitatory", "inhibitory"),
                List.of(rates.get(0).ratesHz(), rates.get(1).ratesHz()));
        JsonOutput.write(outDir.resolve("summary.json"), summary);
        AtomicFiles.write(outDir.resolve("summary.md"), markdown(summary));
        return summary;
    }

    /** The comment line that opens every CSV the quickstart writes. */
    private static String provenance(int n, long seed) {
        return "# Hebb quickstart: COBA, " + n + " neurons, master seed " + seed + "\n";
    }

    private static void writeRates(Path file, String provenance, List<Population> groups,
                                   List<PopulationRateMonitor> rates) throws IOException {
        StringBuilder csv = new StringBuilder(provenance).append("bin_start_ms");
        for (Population p : groups) {
            csv.append(',').append(p.name()).append("_rate_hz");
        }
        csv.append('\n');
        double[] t = rates.get(0).binStartsMs();
        for (int b = 0; b < t.length; b++) {
            csv.append(t[b]);
            for (PopulationRateMonitor r : rates) {
                csv.append(',').append(r.ratesHz()[b]);
            }
            csv.append('\n');
        }
        AtomicFiles.write(file, csv.toString());
    }

    /** Raster of the first 400 excitatory and 100 inhibitory neurons (all of them in smaller networks). */
    private static void writeRaster(Path file, CobaNetwork coba, List<SpikeMonitor> spikes, double durationMs,
                                    long seed) throws IOException {
        int shownExc = Math.min(400, coba.excitatory().size());
        int shownInh = Math.min(100, coba.inhibitory().size());
        Plots.raster(file, "COBA raster (" + shownExc + " excitatory, " + shownInh + " inhibitory neurons), seed "
                        + seed,
                List.of(Plots.RasterGroup.of("excitatory", spikes.get(0), shownExc, 0, durationMs,
                                Plots.EXCITATORY),
                        Plots.RasterGroup.of("inhibitory", spikes.get(1), shownInh, shownExc, durationMs,
                                Plots.INHIBITORY)),
                durationMs);
    }

    private static String markdown(Summary s) {
        StringBuilder md = new StringBuilder();
        md.append("# Hebb quickstart: ").append(s.network()).append("\n\n");
        md.append("| quantity | value |\n|---|---|\n");
        md.append("| neurons | ").append(s.neurons()).append(" |\n");
        md.append("| synapses | ").append(s.synapses()).append(String.format(" (%.2f bytes each) |%n",
                s.bytesPerSynapse()));
        md.append("| biological time | ").append(s.durationMs()).append(" ms at dt = ").append(s.dtMs())
                .append(" ms |\n");
        md.append("| master seed | ").append(s.seed()).append(" |\n");
        md.append("| backend | ").append(s.backend()).append(" |\n");
        md.append("| threads | ").append(s.threads()).append(" |\n");
        s.meanRateHz().forEach((k, v) -> md.append(String.format("| mean rate, %s | %.2f Hz |%n", k, v)));
        md.append(String.format("| wall time | %.2f s build, %.2f s simulation |%n", s.buildSeconds(),
                s.simulationSeconds()));
        md.append("\nFiles: spike_counts.csv, population_rate.csv, raster.png, population_rate.png, "
                + "summary.json.\n");
        return md.toString();
    }
}
