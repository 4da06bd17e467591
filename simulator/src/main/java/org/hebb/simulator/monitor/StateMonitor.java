package org.hebb.simulator.monitor;

import java.nio.file.Path;
import java.util.Optional;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.util.Require;

/**
 * Samples chosen variables of chosen neurons every {@code interval} steps, at the end of the step (after
 * threshold and reset), up to a bound on stored samples. Samples beyond the bound are not stored and counted
 * in {@link #droppedSamples()}. Optionally every sample also goes to a CSV file as the run goes
 * ({@link Settings#streamTo}), so that a long recording needs no memory.
 */
public final class StateMonitor implements Monitor, Checkpointed {
    /** Default bound on stored values: 50 million (200 MB as floats, 400 MB as doubles). */
    public static final long DEFAULT_MAX_VALUES = 50_000_000L;

    private final NeuronPopulation population;
    private final String[] variables;
    private final int[] indices;
    /** The arrays of a single-precision state (read directly), else null. */
    private final float[][] arrays;
    private final int[] neurons;
    private final int interval;
    private final Samples samples;
    private final CsvStream stream;
    private final double dt;
    private final StringBuilder line = new StringBuilder(64);

    /** Created by {@link org.hebb.simulator.Network#monitorState}; stores up to {@code maxValues} values. */
    public StateMonitor(NeuronPopulation population, String[] variables, int[] neurons, int intervalSteps,
                        double dt, long maxValues) {
        this(population, variables, neurons, intervalSteps, dt, 0, settings().maxStoredValues(maxValues));
    }

    /**
     * Created by {@link org.hebb.simulator.Network#monitorState}.
     *
     * @param seed the network's master seed, recorded in a streamed file
     */
    public StateMonitor(NeuronPopulation population, String[] variables, int[] neurons, int intervalSteps,
                        double dt, long seed, Settings settings) {
        Require.that(variables.length > 0, "variables is empty: name at least one variable of "
                + population.model().name());
        Require.that(neurons.length > 0, "neurons is empty: name at least one neuron of " + population.name());
        Require.atLeast("interval (steps)", intervalSteps, 1);
        this.population = population;
        this.variables = variables.clone();
        NeuronState state = population.state();
        this.indices = new int[variables.length];
        for (int v = 0; v < variables.length; v++) {
            indices[v] = state.indexOf(variables[v]);
        }
        boolean single = state.precision() == Precision.SINGLE;
        this.arrays = single ? new float[variables.length][] : null;
        for (int v = 0; single && v < variables.length; v++) {
            arrays[v] = state.array(indices[v]);
        }
        for (int n : neurons) {
            Require.inRange("monitored neuron of " + population.name(), n, 0, population.size() - 1);
        }
        String monitor = "the state monitor of population '" + population.name() + "'";
        DistinctIndices.require(neurons, "neuron", "neurons", monitor);
        DistinctIndices.require(variables, "variable", "variables", monitor);
        this.neurons = neurons.clone();
        this.interval = intervalSteps;
        this.samples = new Samples(variables.length * neurons.length, dt, settings.maxValues, !single);
        this.dt = dt;
        StringBuilder units = new StringBuilder();
        for (int v = 0; v < variables.length; v++) {
            units.append(v == 0 ? "" : ", ").append(variables[v]).append(' ').append(state.variable(indices[v]).unit());
        }
        String comment = "# state of population '" + population.name() + "' every " + intervalSteps + " steps, master "
                + "seed " + seed + ", dt " + dt + " ms";
        String columns = "\ntime_ms,neuron," + String.join(",", variables) + "\n";
        // a file written before the comment named the units holds the same columns: a restore goes on from it
        this.stream = settings.streamTo == null ? null : new CsvStream(settings.streamTo, comment + ", units " + units
                + columns, comment + columns, "state samples");
    }

    /** Settings with defaults: values stored up to {@link #DEFAULT_MAX_VALUES}, no file. */
    public static Settings settings() {
        return new Settings();
    }

    @Override
    public boolean readsStateAfter(long step) {
        return (step + 1) % interval == 0;
    }

    @Override
    public void record(long step, SpikeView spikes) {
        if (!readsStateAfter(step)) {
            return;
        }
        if (stream != null) {
            stream(step);
        }
        if (!samples.begin(step)) {
            return;
        }
        if (arrays != null) {
            for (float[] array : arrays) {
                for (int n : neurons) {
                    samples.add(array[n]);
                }
            }
            return;
        }
        NeuronState state = population.state();
        for (int index : indices) {
            for (int n : neurons) {
                samples.add(state.get(index, n));
            }
        }
    }

    /** One line per monitored neuron: the sample's time (the end of the step), the neuron, its values. */
    private void stream(long step) {
        NeuronState state = population.state();
        for (int n : neurons) {
            line.setLength(0);
            line.append(Math.round((step + 1) * dt * 1e6) / 1e6).append(',').append(n);
            for (int index : indices) {
                line.append(',');
                if (arrays != null) {
                    line.append(state.array(index)[n]);
                } else {
                    line.append(state.get(index, n));
                }
            }
            stream.write(line.append('\n'));
        }
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

    /** {@inheritDoc} Stored and dropped samples. */
    @Override
    public void dropRecordings() {
        samples.clear();
    }

    /** {@inheritDoc} The stream keeps the samples of the steps before nextStep (stamped at the step's end). */
    @Override
    public void restored(long nextStep) {
        if (stream != null) {
            stream.resume((nextStep + 0.5) * dt);
        }
    }

    @Override
    public Optional<Path> streamFile() {
        return stream == null ? Optional.empty() : Optional.of(stream.file());
    }

    /** Number of stored samples. */
    public int sampleCount() {
        return samples.count();
    }

    /** Time in ms of each sample: the end of the sampled step. */
    public double[] times() {
        return samples.times();
    }

    /** The trace of {@code variable} for the {@code k}-th monitored neuron, one value per sample, as floats. */
    public float[] trace(String variable, int k) {
        int v = indexOf(variable);
        Require.inRange("k (monitored neuron position)", k, 0, neurons.length - 1);
        return samples.series(v * neurons.length + k);
    }

    /**
     * The trace of {@code variable} for the {@code k}-th monitored neuron as doubles: every bit of a
     * double-precision network's state, a single-precision one's floats widened.
     */
    public double[] traceDoubles(String variable, int k) {
        int v = indexOf(variable);
        Require.inRange("k (monitored neuron position)", k, 0, neurons.length - 1);
        return samples.seriesDoubles(v * neurons.length + k);
    }

    private int indexOf(String variable) {
        for (int v = 0; v < variables.length; v++) {
            if (variables[v].equals(variable)) {
                return v;
            }
        }
        throw new IllegalArgumentException("variable = '" + variable + "' is not monitored: must be one of "
                + String.join(", ", variables));
    }

    /** Samples not stored because the bound was reached. */
    public long droppedSamples() {
        return samples.dropped();
    }

    /** The monitored population. */
    public NeuronPopulation population() {
        return population;
    }

    @Override
    public long memoryBytes() {
        return samples.memoryBytes();
    }

    /**
     * The variables, how many neurons and the interval: a saved sample holds one value per variable and neuron. Which
     * neurons is saved with the samples ({@link #checkpoint}).
     */
    @Override
    public String recordingLayout() {
        return String.join(", ", variables) + " of " + neurons.length + " neurons every " + interval + " steps";
    }

    /** Options of a state monitor. */
    public static final class Settings {
        private long maxValues = DEFAULT_MAX_VALUES;
        private Path streamTo;

        /**
         * Bound on stored values (0 to 2^31 - 9, what one array holds; 0 to store none, as when every sample goes to
         * a file).
         */
        public Settings maxStoredValues(long max) {
            this.maxValues = Samples.requireBound("maxStoredValues", max, "samples");
            return this;
        }

        /**
         * Also write every sample to this CSV file ({@code time_ms,neuron,<variables>}, one line per neuron, after a
         * comment line naming population, interval, master seed, dt and each variable's unit), with
         * memory bounded however long the recording (with {@code maxStoredValues(0)}). The network refuses the
         * monitor when it is created if the file could not be written.
         */
        public Settings streamTo(Path file) {
            this.streamTo = Require.notNull("file", file);
            return this;
        }
    }

    /**
     * The samples so far and the monitored neurons in order, which a restore checks; a restored monitor goes on
     * sampling after them, and its stream file keeps the lines from before the restored step and goes on after them
     * ({@link #restored}).
     */
    @Override
    public void checkpoint(StateVisitor state) {
        WatchedIndices.checkpoint(state, neurons, "neurons", "the state monitor of population '" + population.name()
                + "'");
        state.part("samples", samples);
    }
}
