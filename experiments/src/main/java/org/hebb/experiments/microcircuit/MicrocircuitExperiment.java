package org.hebb.experiments.microcircuit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.analysis.SpikeTrainStatistics;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.limits.RunLimits;
import org.hebb.experiments.output.DroppedSpikes;
import org.hebb.experiments.output.Machine;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.util.Require;

/**
 * Runs the {@link Microcircuit}: a warm-up (100 ms; the PyNEST example discards 500 ms), then the recorded time
 * (1000 ms, as in the example);
 * reports per population the mean rate, the irregularity and the synchrony of the recorded time
 * ({@link SpikeTrainStatistics}, synchrony in bins of {@value #SYNCHRONY_BIN_MS} ms), beside NEST's reference
 * rates, and the costs: construction time, time per biological second of the recorded run, peak memory.
 */
public final class MicrocircuitExperiment {
    /** The result file, written last. */
    public static final String RESULT = "result.json";
    /** Bins of the synchrony measure, ms. */
    public static final double SYNCHRONY_BIN_MS = 3;
    /** The raster shows this share of each population's neurons (at least one). */
    private static final double RASTER_SHARE = 0.02;
    /** Spikes the monitors may store, 24 bytes each in the estimate: a rate of up to 50 Hz everywhere. */
    private static final double ESTIMATED_MAX_RATE_HZ = 50;
    /** Heap per stored spike in the estimate (its time and neuron, and the monitor's growth), bytes. */
    private static final double BYTES_PER_STORED_SPIKE = 24;

    private MicrocircuitExperiment() {
    }

    /**
     * What to run.
     *
     * @param scale      the share of the full model's neurons, in (0, 1]
     * @param background Poisson input or its DC equivalent
     * @param backend    the backend
     * @param threads    threads (0: automatic)
     * @param seed       master seed
     * @param warmupMs   simulated before recording, ms
     * @param durationMs recorded, ms
     */
    public record Settings(double scale, Microcircuit.Background background, BackendKind backend, int threads,
                           long seed, double warmupMs, double durationMs) {
        /** Checks every value before anything is built. */
        public Settings {
            Require.that(scale > 0 && scale <= 1, "scale = " + scale + " is not allowed: must be in (0, 1]");
            Require.notNull("background", background);
            Require.notNull("backend", backend);
            Require.that(threads >= 0, "threads = " + threads + " is not allowed: must be >= 0 (0: automatic)");
            Require.that(backend == BackendKind.JAVA || threads <= 1, "threads = " + threads + " is not allowed with "
                    + "backend " + backend + ", which runs on its device: use 0 or 1");
            Require.nonNegative("warm-up", warmupMs, "ms");
            RunLimits.duration("duration", durationMs, MicrocircuitParameters.DT_MS);
            RunLimits.duration("warm-up + duration", warmupMs + durationMs, MicrocircuitParameters.DT_MS);
            Require.that(durationMs >= 2 * SYNCHRONY_BIN_MS, "duration = " + durationMs + " ms is not allowed: must "
                    + "be at least " + 2 * SYNCHRONY_BIN_MS + " ms (two bins of the synchrony measure)");
        }

        /** 100 ms of warm-up (the PyNEST example's is 500 ms), then 1000 ms recorded as in the example. */
        public static Settings standard(double scale, Microcircuit.Background background, BackendKind backend,
                                        int threads, long seed) {
            return new Settings(scale, background, backend, threads, seed, 100, 1000);
        }
    }

    /**
     * A run's results; arrays are per population, in the order of {@link MicrocircuitParameters#POPULATIONS}.
     *
     * @param neurons                 neurons in all
     * @param synapses                synapses in all
     * @param constructionSeconds     wall time of building the network, s
     * @param synapseBytes            memory of the synapse arrays, bytes
     * @param secondsPerBioSecond     wall time of the recorded run over its biological time
     * @param peakMemoryBytes         the JVM's peak resident memory, bytes
     * @param ratesHz                 mean rates over the recorded time, Hz, from every spike (counted, stored or
     *                                not)
     * @param cvOfIntervals           mean coefficient of variation of inter-spike intervals; NaN where no neuron
     *                                had enough spikes, or where the population's spikes were not all stored
     * @param synchrony               variance over mean of the population's spike count in 3 ms bins; NaN where
     *                                the population's spikes were not all stored
     * @param droppedSpikes           spikes counted but not stored once the population's spike monitor was full
     *                                ({@link SpikeMonitor#DEFAULT_MAX_STORED}), warm-up included
     * @param warnings                the network's warnings, oldest first ({@link Network#warnings()}: runaway
     *                                activity), warm-up included; empty when the run gave none
     */
    public record Result(Settings settings, int neurons, long synapses, double constructionSeconds,
                         long synapseBytes, double secondsPerBioSecond, long peakMemoryBytes, double[] ratesHz,
                         double[] cvOfIntervals, double[] synchrony, long[] droppedSpikes, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }

        /** Whether every spike was stored, so that CV and synchrony cover every population. */
        public boolean metricsComplete() {
            return Arrays.stream(droppedSpikes).allMatch(d -> d == 0);
        }

        /** The populations whose spikes were not all stored: they have no CV or synchrony. */
        public List<String> incompletePopulations() {
            List<String> names = new ArrayList<>();
            for (int p = 0; p < droppedSpikes.length; p++) {
                if (droppedSpikes[p] > 0) {
                    names.add(MicrocircuitParameters.POPULATIONS.get(p));
                }
            }
            return names;
        }
    }

    /** Runs {@code settings}; when {@code out} is not null, writes plots and results there (result.json last). */
    public static Result run(Settings settings, Path out) throws IOException {
        return run(settings, out, SpikeMonitor.DEFAULT_MAX_STORED);
    }

    /** As {@link #run(Settings, Path)}, each population's spike monitor storing at most {@code maxStored} spikes. */
    static Result run(Settings settings, Path out, int maxStored) throws IOException {
        return run(settings, out, maxStored, circuit -> {
        });
    }

    /**
     * As {@link #run(Settings, Path, int)}, with {@code adjust} applied to the circuit once it is built and
     * monitored, before it is prepared: a test drives it where the settings cannot.
     */
    static Result run(Settings settings, Path out, int maxStored, Consumer<Microcircuit> adjust) throws IOException {
        requireFits(settings);
        if (out == null) {
            return simulate(settings, null, maxStored, adjust);
        }
        try (OutputDirectory directory = OutputDirectory.open(out, RESULT)) {
            return simulate(settings, directory, maxStored, adjust);
        }
    }

    /**
     * Refuses a run the heap cannot hold (its projections are drawn straight into rows, with no list of pairs), as
     * {@link #run} does before any work: a caller may check before it runs anything.
     *
     * @throws IllegalArgumentException naming the scale, the heap the run needs and the heap there is
     */
    public static void requireFits(Settings s) {
        memoryEstimate(s).requireFits("lower --scale");
    }

    /**
     * The heap a run of {@code s} needs: its neurons, its synapses and the spikes its monitors may store, each
     * population's monitor up to its own bound ({@link SpikeMonitor#DEFAULT_MAX_STORED}).
     */
    static MemoryEstimate memoryEstimate(Settings s) {
        int neurons = Microcircuit.totalNeurons(s.scale());
        double storable = (double) MicrocircuitParameters.POPULATIONS.size() * SpikeMonitor.DEFAULT_MAX_STORED;
        return MemoryEstimate.of("The microcircuit at scale " + s.scale())
                .neurons(neurons)
                .synapses(Microcircuit.totalSynapses(s.scale()), 0)
                .values(Math.min(storable, neurons * ESTIMATED_MAX_RATE_HZ * (s.warmupMs() + s.durationMs()) / 1000),
                        BYTES_PER_STORED_SPIKE);
    }

    /**
     * A circuit built for a run, with its spike monitors.
     *
     * @param monitors one per population, in the order of {@link MicrocircuitParameters#POPULATIONS}
     * @param seconds  wall time of the construction, s
     */
    record Construction(Microcircuit circuit, List<SpikeMonitor> monitors, double seconds) {
    }

    /**
     * Builds the circuit of {@code s}, attaches a spike monitor storing at most {@code maxStored} spikes to each
     * population and prepares the network ({@link Network#prepare}: what the first run would otherwise do before its
     * first step, the engine's run-time structures and, on a device, its programs and the copy of the network
     * there, as NEST's Prepare); the time all of it takes is the run's construction time, so that the setup counts
     * neither in the warm-up nor, without one, in the recorded run's time per biological second.
     */
    static Construction construct(Settings s, int maxStored) {
        return construct(s, maxStored, circuit -> {
        });
    }

    /** As {@link #construct(Settings, int)}, with {@code adjust} applied to the circuit before it is prepared. */
    static Construction construct(Settings s, int maxStored, Consumer<Microcircuit> adjust) {
        long start = System.nanoTime();
        Microcircuit circuit = Microcircuit.build(s.scale(), s.background(), s.seed(), s.threads(), s.backend());
        try {
            List<SpikeMonitor> monitors = new ArrayList<>();
            circuit.populations().forEach(p -> monitors.add(circuit.network().monitorSpikes(p,
                    SpikeMonitor.settings().maxStoredSpikes(maxStored))));
            adjust.accept(circuit);
            circuit.network().prepare();
            return new Construction(circuit, monitors, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            circuit.network().close();
            throw e;
        }
    }

    private static Result simulate(Settings s, OutputDirectory out, int maxStored, Consumer<Microcircuit> adjust)
            throws IOException {
        RunPhase.workStarts();
        Construction construction = construct(s, maxStored, adjust);
        Microcircuit circuit = construction.circuit();
        double constructionSeconds = construction.seconds();
        try (Network net = circuit.network()) {
            List<SpikeMonitor> monitors = construction.monitors();
            if (s.warmupMs() > 0) {
                net.run(s.warmupMs());
            }
            int count = monitors.size();
            long[] beforeRecording = new long[count];
            for (int p = 0; p < count; p++) {
                beforeRecording[p] = monitors.get(p).totalCount();
            }
            long start = System.nanoTime();
            net.run(s.durationMs());
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] rates = new double[count];
            double[] cv = new double[count];
            double[] synchrony = new double[count];
            long[] dropped = new long[count];
            double from = s.warmupMs();
            double to = s.warmupMs() + s.durationMs();
            for (int p = 0; p < count; p++) {
                SpikeMonitor m = monitors.get(p);
                int size = circuit.populations().get(p).size();
                // counted, not read from the stored spikes, so that spikes past the monitor's bound count too
                rates[p] = (m.totalCount() - beforeRecording[p]) / (size * (to - from) / 1000);
                dropped[p] = m.droppedSpikes();
                if (dropped[p] > 0) {
                    cv[p] = Double.NaN;
                    synchrony[p] = Double.NaN;
                } else {
                    cv[p] = SpikeTrainStatistics.meanCvOfIntervals(m.times(), m.neurons(), size, from, to);
                    synchrony[p] = SpikeTrainStatistics.synchrony(m.times(), from, to, SYNCHRONY_BIN_MS);
                }
            }
            Result result = new Result(s, Microcircuit.totalNeurons(s.scale()), circuit.synapses(),
                    constructionSeconds, net.synapseMemoryBytes(), seconds / (s.durationMs() / 1000),
                    Machine.peakResidentBytes(), rates, cv, synchrony, dropped, net.warnings());
            if (out != null) {
                write(out, result, monitors, circuit);
            }
            return result;
        }
    }

    private static void write(OutputDirectory out, Result r, List<SpikeMonitor> monitors, Microcircuit circuit)
            throws IOException {
        Settings s = r.settings();
        List<String> names = MicrocircuitParameters.POPULATIONS;
        String title = "Cortical microcircuit, scale " + s.scale() + ", "
                + s.background().name().toLowerCase(Locale.ROOT) + " background, seed " + s.seed();
        double end = s.warmupMs() + s.durationMs();
        DroppedSpikes dropped = DroppedSpikes.of(monitors);
        String warmup = s.warmupMs() == Math.rint(s.warmupMs()) ? String.valueOf((long) s.warmupMs())
                : String.valueOf(s.warmupMs());
        Plots.raster(out.resolve("raster.png"), title + ": " + (int) (RASTER_SHARE * 100) + "% of each population, "
                + "recorded from " + warmup + " ms", rasterGroups(circuit, monitors, end), end, dropped);
        Plots.bars(out.resolve("rates.png"), title + ": mean rates after " + (int) s.warmupMs() + " ms",
                "population", "rate (Hz)", names, List.of("Hebb", "NEST reference (full scale)"),
                List.of(r.ratesHz(), MicrocircuitParameters.NEST_REFERENCE_RATES_HZ));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("network", "Potjans & Diesmann (2014) cortical microcircuit, PyNEST example parameters");
        json.put("scale", s.scale());
        json.put("background", s.background().name().toLowerCase(Locale.ROOT));
        json.put("backend", s.backend().name().toLowerCase(Locale.ROOT));
        int threads = circuit.network().threads();
        json.put("threads", threads);
        json.put("seed", s.seed());
        json.put("hebb_version", HebbVersion.describe());
        json.put("neurons", r.neurons());
        json.put("synapses", r.synapses());
        json.put("warmup_ms", s.warmupMs());
        json.put("duration_ms", s.durationMs());
        json.put("hebb_seconds_per_bio_second", r.secondsPerBioSecond());
        json.put("brian2_seconds_per_bio_second", null);
        json.put("hebb_peak_memory_gib", r.peakMemoryBytes() / (double) (1L << 30));
        json.put("construction_seconds", r.constructionSeconds());
        json.put("bytes_per_synapse", (double) r.synapseBytes() / r.synapses());
        json.put("rates_hz", perPopulation(r.ratesHz()));
        json.put("nest_reference_rates_hz", perPopulation(MicrocircuitParameters.NEST_REFERENCE_RATES_HZ));
        json.put("cv_isi", perPopulation(r.cvOfIntervals()));
        json.put("synchrony", perPopulation(r.synchrony()));
        json.put("dropped_spikes", dropped.count());
        json.put("metrics_complete", r.metricsComplete());
        json.put("incomplete_populations", r.incompletePopulations());
        json.put("warnings", r.warnings());
        json.put("machine", Machine.description());
        StringBuilder md = new StringBuilder("# " + title + "\n\n")
                .append(String.format(Locale.ROOT,
                        "%d neurons, %d synapses (%.2f bytes each); construction %.1f s, %.3f s per "
                                + "biological second, peak memory %.2f GiB.%n%n", r.neurons(), r.synapses(),
                        (double) r.synapseBytes() / r.synapses(), r.constructionSeconds(), r.secondsPerBioSecond(),
                        r.peakMemoryBytes() / (double) (1L << 30)))
                .append(String.format(Locale.ROOT, "Backend %s, %d thread%s, seed %d.%n%n",
                        s.backend().name().toLowerCase(Locale.ROOT), threads, threads == 1 ? "" : "s", s.seed()))
                .append("| population | rate (Hz) | NEST reference (Hz) | CV of ISI | synchrony |\n")
                .append("|---|---|---|---|---|\n");
        for (int p = 0; p < names.size(); p++) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", names.get(p), r.ratesHz()[p],
                    MicrocircuitParameters.NEST_REFERENCE_RATES_HZ[p], r.cvOfIntervals()[p], r.synchrony()[p]));
        }
        md.append("\nRates, CV (neurons with at least ").append(SpikeTrainStatistics.MIN_SPIKES_FOR_CV)
                .append(" spikes) and synchrony (variance over mean of the population's spike count in ")
                .append(SYNCHRONY_BIN_MS).append(" ms bins) over the recorded ").append((int) s.durationMs())
                .append(" ms. Plots: raster.png, rates.png.\n");
        if (!r.metricsComplete()) {
            md.append("\n**Incomplete:** the spikes of ").append(String.join(", ", r.incompletePopulations()))
                    .append(" were not all stored (").append(dropped.count()).append(" past the spike monitors' "
                    + "bound on stored spikes), so they have no CV or synchrony and the raster misses their later "
                    + "spikes; their rates count every spike.\n");
        }
        md.append("\nWarnings: ").append(r.warnings().size()).append(r.warnings().isEmpty() ? ".\n" : "\n\n");
        r.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
        AtomicFiles.write(out.resolve("summary.md"), md.toString());
        out.writeResult(json);
    }

    /**
     * The raster's groups: the first {@value #RASTER_SHARE} of each population's neurons (at least one), L6I in the
     * bottom rows and L23E in the top ones, each labelled with its population and its rows, so that the legend
     * tells the populations apart where their colours (excitatory or inhibitory) do not.
     */
    static List<Plots.RasterGroup> rasterGroups(Microcircuit circuit, List<SpikeMonitor> monitors, double untilMs) {
        List<String> names = MicrocircuitParameters.POPULATIONS;
        List<Plots.RasterGroup> groups = new ArrayList<>();
        int row = 0;
        for (int p = names.size() - 1; p >= 0; p--) {
            int shown = Math.max(1, (int) Math.round(circuit.populations().get(p).size() * RASTER_SHARE));
            String rows = shown == 1 ? "row " + row : "rows " + row + "-" + (row + shown - 1);
            groups.add(Plots.RasterGroup.of(names.get(p) + " (" + rows + ")", monitors.get(p), shown, row, untilMs,
                    MicrocircuitParameters.excitatory(p) ? Plots.EXCITATORY : Plots.INHIBITORY));
            row += shown;
        }
        return groups;
    }

    /** The values by population name (NaN where no neuron has enough spikes, or none at all: null in the JSON). */
    private static Map<String, Double> perPopulation(double[] values) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int p = 0; p < values.length; p++) {
            map.put(MicrocircuitParameters.POPULATIONS.get(p), values[p]);
        }
        return map;
    }
}
