package org.hebb.experiments.quickstart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.limits.RunLimits;
import org.hebb.experiments.output.DroppedSpikes;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.PopulationRateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.run.ProgressListener;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.util.Require;

/**
 * Simulates the COBA benchmark network and writes what a person looks at first: per-neuron spike counts, mean
 * rates, population rate over time, a raster plot and a summary.
 */
public final class Quickstart {
    /** The result file, written last. */
    public static final String RESULT = "summary.json";
    /** The population rate's bin, ms: the shortest run. */
    public static final double RATE_BIN_MS = 5;
    /** The memory estimate assumes every neuron fires at up to this rate, Hz (COBA's is about 20 Hz). */
    private static final double ESTIMATED_MAX_RATE_HZ = 100;

    private Quickstart() {
    }

    /**
     * The quickstart's options, checked when made.
     *
     * @param neurons         network size, {@value CobaNetwork#MIN_NEURONS} to {@value CobaNetwork#MAX_NEURONS}
     * @param durationMs      biological time, ms: at least one bin of the population rate (5 ms), at most
     *                        {@link RunLimits#MAX_STEPS} steps of 0.1 ms
     * @param seed            master seed
     * @param threads         threads (1 to 256), 0 to choose automatically; 0 or 1 on the OpenCL backend, whose
     *                        device runs each step (the threads then only build the network)
     * @param backend         JAVA or OPENCL (the default device)
     * @param maxStoredSpikes spikes each population's monitor stores for the raster; later ones are only counted
     *                        (and the summary and the raster say how many)
     */
    public record Options(int neurons, double durationMs, long seed, int threads, BackendKind backend,
                          int maxStoredSpikes) {
        public Options {
            Require.inRange("neurons", neurons, CobaNetwork.MIN_NEURONS, CobaNetwork.MAX_NEURONS);
            RunLimits.duration("duration", durationMs, CobaNetwork.DT_MS);
            Require.that(durationMs >= RATE_BIN_MS, "duration = " + durationMs + " ms is not allowed: must be at "
                    + "least " + RATE_BIN_MS + " ms, one bin of the population rate");
            Require.notNull("backend", backend);
            Require.inRange("threads", threads, 0, 256);
            Require.that(backend == BackendKind.JAVA || threads <= 1, "threads = " + threads + " is not allowed "
                    + "with backend " + backend + ", whose device runs each step: use 0 or 1");
            Require.atLeast("max stored spikes", maxStoredSpikes, 0);
        }

        /** These options with the spike monitors' default bound, {@link SpikeMonitor#DEFAULT_MAX_STORED}. */
        public Options(int neurons, double durationMs, long seed, int threads, BackendKind backend) {
            this(neurons, durationMs, seed, threads, backend, SpikeMonitor.DEFAULT_MAX_STORED);
        }
    }

    /**
     * What the quickstart wrote, also saved as summary.json.
     *
     * @param droppedSpikes spikes counted but not stored because a monitor reached {@code maxStoredSpikes}
     * @param hebbVersion   the build of Hebb that ran ({@link HebbVersion#describe()})
     * @param warnings      the network's warnings, oldest first ({@link Network#warnings()}: runaway activity);
     *                      empty when the run gave none
     */
    public record Summary(String network, int neurons, long seed, double dtMs, double durationMs, int threads,
                          String backend, long synapses, double bytesPerSynapse, Map<String, Double> meanRateHz,
                          Map<String, Long> spikes, int maxStoredSpikes, long droppedSpikes, double buildSeconds,
                          double simulationSeconds, String javaVersion, String hebbVersion,
                          List<String> warnings) {
        public Summary {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Runs COBA with {@code n} neurons for {@code durationMs} on the Java backend and writes the results into
     * {@code outDir}.
     *
     * @param threads 0 to choose automatically
     */
    public static Summary run(int n, double durationMs, long seed, int threads, Path outDir) throws IOException {
        return run(new Options(n, durationMs, seed, threads, BackendKind.JAVA), outDir);
    }

    /** As {@link #run(int, double, long, int, Path)}, on the given backend (OPENCL: the default device). */
    public static Summary run(int n, double durationMs, long seed, int threads, BackendKind backend, Path outDir)
            throws IOException {
        return run(new Options(n, durationMs, seed, threads, backend), outDir);
    }

    /**
     * Runs COBA with options {@code o} and writes the results into {@code outDir}, summary.json last. The run's size
     * is checked against the heap, and the directory is opened ({@link OutputDirectory}), before anything is built.
     */
    public static Summary run(Options o, Path outDir) throws IOException {
        return run(o, outDir, coba -> {
        });
    }

    /**
     * As {@link #run(Options, Path)}, with {@code adjust} applied to the network once it is built and monitored,
     * before it runs: a test drives it where its options cannot.
     */
    static Summary run(Options o, Path outDir, Consumer<CobaNetwork> adjust) throws IOException {
        requireFits(o);
        try (OutputDirectory out = OutputDirectory.open(outDir, RESULT)) {
            return run(o, out, adjust);
        }
    }

    /**
     * Fails unless a run with options {@code o} fits the JVM's heap ({@link #memory}), as the run checks before any
     * work: a caller may check before it runs anything.
     *
     * @throws IllegalArgumentException naming the run's size, the heap it needs and the heap there is
     */
    public static void requireFits(Options o) {
        memory(o).requireFits("lower --neurons or --duration");
    }

    /** An estimate of the heap a run with options {@code o} needs. */
    static MemoryEstimate memory(Options o) {
        double n = o.neurons();
        double perPopulation = Math.min(o.maxStoredSpikes(), n * o.durationMs() / 1000 * ESTIMATED_MAX_RATE_HZ);
        return MemoryEstimate.of("COBA with " + o.neurons() + " neurons for " + o.durationMs() + " ms")
                .neurons(n)
                .synapses(CobaNetwork.INPUTS_PER_NEURON * n, CobaNetwork.INPUTS_PER_NEURON * 0.64 * n)
                .values(2 * o.durationMs() / RATE_BIN_MS, 40)
                .values(2 * perPopulation, 24);
    }

    private static Summary run(Options o, OutputDirectory out, Consumer<CobaNetwork> adjust) throws IOException {
        RunPhase.workStarts();
        int n = o.neurons();
        double durationMs = o.durationMs();
        long seed = o.seed();
        long t0 = System.nanoTime();
        CobaNetwork coba = CobaNetwork.build(n, seed, o.threads(), IfCondExp.Integration.EXPONENTIAL_EULER,
                o.backend());
        Network net = coba.network();
        List<Population> groups = List.of(coba.excitatory(), coba.inhibitory());
        List<SpikeMonitor> spikes = new ArrayList<>();
        List<PopulationRateMonitor> rates = new ArrayList<>();
        for (Population p : groups) {
            spikes.add(net.monitorSpikes(p, SpikeMonitor.settings().maxStoredSpikes(o.maxStoredSpikes())));
            rates.add(net.monitorRate(p, RATE_BIN_MS));
        }
        adjust.accept(coba);
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
        DroppedSpikes dropped = DroppedSpikes.of(spikes);
        Summary summary = new Summary("COBA (Brette et al. 2007, benchmark 1)", n, seed, net.dt(), durationMs,
                net.threads(), o.backend().name(), synapses, (double) net.synapseMemoryBytes() / synapses, meanRate,
                spikeTotals, o.maxStoredSpikes(), dropped.count(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                System.getProperty("java.version"), HebbVersion.describe(), net.warnings());

        AtomicFiles.write(out.resolve("spike_counts.csv"), counts.toString());
        writeRates(out.resolve("population_rate.csv"), provenance(n, seed), groups, rates);
        writeRaster(out.resolve("raster.png"), coba, spikes, durationMs, seed, dropped);
        Plots.lines(out.resolve("population_rate.png"), "COBA population rate (5 ms bins), seed " + seed,
                "time (ms)", "rate (Hz)", rates.get(0).binStartsMs(), List.of("excitatory", "inhibitory"),
                List.of(rates.get(0).ratesHz(), rates.get(1).ratesHz()));
        AtomicFiles.write(out.resolve("summary.md"), markdown(summary, dropped));
        out.writeResult(summary);
        return summary;
    }

    /** The comment line that opens every CSV the quickstart writes. */
    private static String provenance(int n, long seed) {
        return "# Hebb quickstart (" + HebbVersion.describe() + "): COBA, " + n + " neurons, master seed " + seed
                + "\n";
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
                                    long seed, DroppedSpikes dropped) throws IOException {
        int shownExc = Math.min(400, coba.excitatory().size());
        int shownInh = Math.min(100, coba.inhibitory().size());
        Plots.raster(file, "COBA raster (" + shownExc + " excitatory, " + shownInh + " inhibitory neurons), seed "
                        + seed,
                List.of(Plots.RasterGroup.of("excitatory", spikes.get(0), shownExc, 0, durationMs,
                                Plots.EXCITATORY),
                        Plots.RasterGroup.of("inhibitory", spikes.get(1), shownInh, shownExc, durationMs,
                                Plots.INHIBITORY)),
                durationMs, dropped);
    }

    private static String markdown(Summary s, DroppedSpikes dropped) {
        StringBuilder md = new StringBuilder();
        md.append("# Hebb quickstart: ").append(s.network()).append("\n\n");
        md.append("| quantity | value |\n|---|---|\n");
        md.append("| neurons | ").append(s.neurons()).append(" |\n");
        md.append("| synapses | ").append(s.synapses()).append(String.format(Locale.ROOT, " (%.2f bytes each) |%n",
                s.bytesPerSynapse()));
        md.append("| biological time | ").append(s.durationMs()).append(" ms at dt = ").append(s.dtMs())
                .append(" ms |\n");
        md.append("| master seed | ").append(s.seed()).append(" |\n");
        md.append("| backend | ").append(s.backend()).append(" |\n");
        md.append("| threads | ").append(s.threads()).append(" |\n");
        s.meanRateHz().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| mean rate, %s | %.2f Hz |%n", k, v)));
        if (dropped.any()) {
            md.append(String.format(Locale.ROOT,
                    "| spikes not stored (monitor bound %d per population) | %d (after %.1f ms; "
                    + "counts and rates include them, the raster does not) |%n", s.maxStoredSpikes(),
                    s.droppedSpikes(), dropped.fromMs()));
        }
        md.append(String.format(Locale.ROOT, "| wall time | %.2f s build, %.2f s simulation |%n", s.buildSeconds(),
                s.simulationSeconds()));
        md.append("| warnings | ").append(s.warnings().size()).append(" |\n");
        if (!s.warnings().isEmpty()) {
            md.append("\nWarnings of the run:\n\n");
            s.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
        }
        md.append("\nFiles: spike_counts.csv, population_rate.csv, raster.png, population_rate.png, "
                + "summary.json.\n");
        return md.toString();
    }
}
