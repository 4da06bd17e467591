package org.hebb.simulator.monitor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * Records the spikes of a population, or of a subset of its neurons: per-neuron counts always, and (unless
 * counts-only) each spike's step and neuron, and its exact time under the event-driven engine, up to a bound on
 * stored spikes. Spikes beyond the bound are counted but not stored ({@link #droppedSpikes()}); the first one
 * dropped is given as a warning of the network ({@link org.hebb.simulator.Network#warnings()}). Optionally streams every recorded spike as CSV lines {@code time_ms,neuron},
 * after one comment line naming population, master seed and dt, to a file (also in counts-only mode): written to
 * {@code <file>.partial} as the run goes, copied atomically to the file when each run ends; the partial file is
 * removed when the network is closed.
 */
public final class SpikeMonitor implements Monitor, Checkpointed {
    /** Default bound on stored spikes: 10 million (120 MB). */
    public static final int DEFAULT_MAX_STORED = 10_000_000;

    private final Population population;
    private final boolean[] selected;
    private final boolean countsOnly;
    private final int maxStored;
    private final double dt;
    private final long seed;
    private final Consumer<String> warn;
    private final int[] counts;
    private final LongArrayList steps = new LongArrayList();
    private final IntArrayList neurons = new IntArrayList();
    private final DoubleArrayList exactTimes = new DoubleArrayList();
    private final CsvStream stream;
    private final StringBuilder line = new StringBuilder(32);
    private long dropped;
    private long recordedSteps;

    private SpikeMonitor(Population population, Settings settings, double dt, long seed, Consumer<String> warn) {
        this.population = population;
        this.dt = dt;
        this.seed = seed;
        this.warn = warn;
        this.countsOnly = settings.countsOnly;
        this.maxStored = settings.maxStored;
        this.counts = new int[population.size()];
        if (settings.neurons == null) {
            this.selected = null;
        } else {
            this.selected = new boolean[population.size()];
            for (int i : settings.neurons) {
                Require.inRange("monitored neuron of " + population.name(), i, 0, population.size() - 1);
                selected[i] = true;
            }
            DistinctIndices.require(settings.neurons, "neuron", "neurons", "the spike monitor of population '"
                    + population.name() + "'");
        }
        this.stream = settings.streamTo == null ? null : new CsvStream(settings.streamTo, "# spikes of population '"
                + population.name() + "', master seed " + seed + ", dt " + dt + " ms\ntime_ms,neuron\n", "spikes");
    }

    /**
     * Creates the monitor; called by {@link org.hebb.simulator.Network#monitorSpikes}.
     *
     * @param seed the network's master seed, recorded in streamed files
     * @param warn takes the warning given when the first spike beyond the bound is dropped
     */
    public static SpikeMonitor create(Population population, Settings settings, double dt, long seed,
                                      Consumer<String> warn) {
        return new SpikeMonitor(population, settings, dt, seed, Require.notNull("warn", warn));
    }

    /** Settings with defaults: all neurons, spikes stored up to {@link #DEFAULT_MAX_STORED}, no file. */
    public static Settings settings() {
        return new Settings();
    }

    @Override
    public void record(long step, SpikeView spikes) {
        for (int k = 0; k < spikes.partitions(); k++) {
            int[] list = spikes.neurons(k);
            int n = spikes.count(k);
            for (int s = 0; s < n; s++) {
                int neuron = list[s];
                if (selected != null && !selected[neuron]) {
                    continue;
                }
                counts[neuron]++;
                double time = spikes.hasTimes() ? spikes.time(s) : step * dt;
                if (!countsOnly) {
                    store(step, neuron, spikes.hasTimes(), time);
                }
                if (stream != null) {
                    stream(time, neuron, spikes.hasTimes());
                }
            }
        }
        recordedSteps++;
    }

    private void store(long step, int neuron, boolean exact, double time) {
        if (steps.size() < maxStored) {
            steps.add(step);
            neurons.add(neuron);
            if (exact) {
                exactTimes.add(time);
            }
        } else {
            if (dropped == 0) {
                warnFirstDrop(step);
            }
            dropped++;
        }
    }

    private void warnFirstDrop(long step) {
        warn.accept("the spike monitor of population '" + population.name() + "' stores "
                + "at most " + maxStored + " spikes (maxStoredSpikes): from t = "
                + String.format(Locale.ROOT, "%.3f", step * dt)
                + " ms on, spikes are counted (droppedSpikes()) but not stored; raise the bound with "
                + "SpikeMonitor.settings().maxStoredSpikes(...), or stream every spike to a file with streamTo(...)");
    }

    private void stream(double time, int neuron, boolean exact) {
        line.setLength(0);
        line.append(exact ? time : Math.round(time * 1e6) / 1e6).append(',').append(neuron).append('\n');
        stream.write(line);
    }

    @Override
    public void runEnded() {
        if (stream != null) {
            stream.runEnded();
        }
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }

    /** {@inheritDoc} Counts, stored and dropped spikes, and the recorded time. */
    @Override
    public void dropRecordings() {
        Arrays.fill(counts, 0);
        steps.clear();
        neurons.clear();
        exactTimes.clear();
        dropped = 0;
        recordedSteps = 0;
    }

    /** {@inheritDoc} The stream keeps the spikes of the steps before nextStep (stamped at the step's start). */
    @Override
    public void restored(long nextStep) {
        if (stream != null) {
            stream.resume((nextStep - 0.5) * dt);
        }
    }

    @Override
    public Optional<Path> streamFile() {
        return stream == null ? Optional.empty() : Optional.of(stream.file());
    }

    /**
     * What is recorded so far: counts, stored spikes, dropped spikes, and for a subset its neurons (ascending), which a
     * restore checks. A restored monitor goes on recording after them; its stream file, if any, goes on after the
     * spikes it held up to the checkpoint ({@link #restored}).
     */
    @Override
    public void checkpoint(StateVisitor state) {
        if (selected != null) {
            WatchedIndices.checkpoint(state, selectedNeurons(), "neurons", "the spike monitor of population '"
                    + population.name() + "'");
        }
        state.ints("counts", counts);
        long[] savedSteps = state.list("steps", steps.toArray(), steps.size());
        int[] savedNeurons = state.list("neurons", neurons.toArray(), neurons.size());
        double[] savedTimes = state.list("exact_times", exactTimes.toArray(), exactTimes.size());
        dropped = state.scalar("dropped", dropped);
        recordedSteps = state.scalar("recorded_steps", recordedSteps);
        if (state.restoring()) {
            steps.clear();
            steps.addAll(savedSteps);
            neurons.clear();
            neurons.addAll(savedNeurons);
            exactTimes.clear();
            exactTimes.addAll(savedTimes);
        }
    }

    /** The monitored population. */
    public Population population() {
        return population;
    }

    /** Spike count of every neuron of the population (0 for neurons outside the monitored subset). */
    public int[] counts() {
        return counts.clone();
    }

    /** Total recorded spikes. */
    public long totalCount() {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }

    /** Mean rate in Hz over the monitored neurons and the recorded time. */
    public double meanRateHz() {
        int monitored = selected == null ? counts.length : countSelected();
        double seconds = recordedSteps * dt / 1000.0;
        return seconds == 0 ? 0 : totalCount() / (monitored * seconds);
    }

    /**
     * All neurons or how many, and whether their spikes are stored or only counted; which neurons a subset holds is
     * saved with the recordings ({@link #checkpoint}).
     */
    @Override
    public String recordingLayout() {
        return (selected == null ? "all neurons" : countSelected() + " neurons") + (countsOnly ? ", counts only" : "");
    }

    /** The monitored neurons of a subset, ascending. */
    private int[] selectedNeurons() {
        int[] indices = new int[countSelected()];
        int k = 0;
        for (int i = 0; i < selected.length; i++) {
            if (selected[i]) {
                indices[k++] = i;
            }
        }
        return indices;
    }

    private int countSelected() {
        int n = 0;
        for (boolean b : selected) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Number of stored spikes. */
    public int storedCount() {
        return steps.size();
    }

    /**
     * Spike times in ms of the stored spikes, in recording order: exact under the event-driven engine, the step's
     * start under the clock-driven one.
     */
    public double[] times() {
        if (!exactTimes.isEmpty()) {
            return exactTimes.toArray();
        }
        double[] t = new double[steps.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = steps.get(k) * dt;
        }
        return t;
    }

    /** Spike steps of the stored spikes, in recording order (64-bit: long runs pass step 2^31). */
    public long[] steps() {
        return steps.toArray();
    }

    /** Neuron indices of the stored spikes, in recording order. */
    public int[] neurons() {
        return neurons.toArray();
    }

    /** The network's master seed, which its spikes come from. */
    public long seed() {
        return seed;
    }

    /** The time step, ms. */
    public double dt() {
        return dt;
    }

    /** Whether this monitor keeps counts only, storing no spike. */
    public boolean countsOnly() {
        return countsOnly;
    }

    /** Spikes counted but not stored because the bound was reached. */
    public long droppedSpikes() {
        return dropped;
    }

    @Override
    public long memoryBytes() {
        return 4L * counts.length + 8L * steps.size() + 4L * neurons.size() + 8L * exactTimes.size();
    }

    /** Options of a spike monitor. */
    public static final class Settings {
        private int[] neurons;
        private boolean countsOnly;
        private int maxStored = DEFAULT_MAX_STORED;
        private Path streamTo;

        /** Record only these neurons (at least one, each once). */
        public Settings neurons(int... indices) {
            Require.notNull("neurons", indices);
            Require.that(indices.length > 0, "neurons is empty: name at least one neuron to record, or leave the "
                    + "subset out to record every neuron");
            this.neurons = indices.clone();
            return this;
        }

        /** Keep per-neuron counts only, no spike times. */
        public Settings countsOnly() {
            this.countsOnly = true;
            return this;
        }

        /**
         * Bound on stored spikes (0 to 2^31 - 9, what one array holds); further spikes are counted, not stored.
         */
        public Settings maxStoredSpikes(int max) {
            this.maxStored = (int) Samples.requireBound("maxStoredSpikes", max, "spikes");
            return this;
        }

        /**
         * Also write every recorded spike to this CSV file. The network refuses the monitor when it is created if
         * the file could not be written (a directory in its place, a directory that cannot be created or written).
         */
        public Settings streamTo(Path file) {
            this.streamTo = Require.notNull("file", file);
            return this;
        }
    }
}
