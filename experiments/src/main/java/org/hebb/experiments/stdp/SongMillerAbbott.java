package org.hebb.experiments.stdp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.limits.RunLimits;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.plasticity.stdp.StdpSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.RuleStateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * Song, Miller and Abbott (2000): additive STDP on the excitatory synapses of one conductance-based LIF neuron
 * driven by Poisson inputs balances its firing, makes the weights bimodal, and favours correlated inputs.
 * Neuron ({@link Cell#SONG_2000}): tau_m 20 ms, E_L -70 mV, threshold -54 mV, reset -60 mV, no refractory period,
 * E_exc 0 mV, tau_exc 5 ms; leak 10 nS (cm = 10 nS * tau_m), g_max 0.015 leak units = 0.15 nS, initial weights
 * U(0, g_max); STDP tau_plus = tau_minus = 20 ms, a_plus 0.005, a_minus 1.05 a_plus, hard bounds [0, g_max].
 * Brian2's variant of the example ({@link Cell#BRIAN2_EXAMPLE}, 15 Hz, a_plus 0.01) converges faster.
 */
public final class SongMillerAbbott {
    /** Leak conductance, uS. */
    public static final double LEAK_US = 0.01;
    /** Inhibitory synaptic conductance, uS (0.05 leak units). */
    public static final double G_INH_US = 0.05 * LEAK_US;
    /** a_minus / a_plus, the paper's 1.05. */
    public static final double A_MINUS_OVER_A_PLUS = 1.05;
    /** Time step, ms. */
    public static final double DT_MS = 0.1;
    /** The memory estimate assumes the output fires at up to this rate, Hz. */
    private static final double ESTIMATED_MAX_RATE_HZ = 100;

    /**
     * The neuron and the bound of its plastic conductances.
     *
     * @param tauMs       membrane time constant, ms
     * @param restMv      leak reversal potential, mV
     * @param gMaxLeak    maximal synaptic conductance in leak units
     */
    public record Cell(double tauMs, double restMv, double gMaxLeak) {
        /** Song, Miller and Abbott (2000): tau_m 20 ms, E_L -70 mV, g_max 0.015. */
        public static final Cell SONG_2000 = new Cell(20, -70, 0.015);
        /** Brian2's example examples/synapses/STDP.py: tau_m 10 ms, E_L -74 mV, g_max 0.01. */
        public static final Cell BRIAN2_EXAMPLE = new Cell(10, -74, 0.01);

        /** g_max in uS. */
        public double gMaxUs() {
            return gMaxLeak * LEAK_US;
        }
    }

    private SongMillerAbbott() {
    }

    /**
     * One run.
     *
     * @param cell             the neuron and g_max
     * @param inputs           number of excitatory Poisson inputs
     * @param rateHz           rate of every input, Hz
     * @param correlatedInputs how many of the inputs (the first ones) share spikes with pairwise correlation
     *                         {@code correlation}; 0 for none
     * @param correlation      their pairwise correlation, in (0, 1] (ignored when there are none)
     * @param inhibitoryInputs number of static inhibitory Poisson inputs at {@code rateHz} (g 0.05 leak units,
     *                         E_inh -70 mV, tau_inh 5 ms), as in the paper; 0 for none
     * @param aPlus            potentiation amplitude as a fraction of g_max (the paper's 0.005); a_minus = 1.05 a_plus
     * @param durationMs       biological time, ms (from one to {@link RunLimits#MAX_STEPS} steps of
     *                         {@link #DT_MS}; rounded to whole steps)
     * @param seed             master seed
     */
    public record Config(Cell cell, int inputs, double rateHz, int correlatedInputs, double correlation,
                         int inhibitoryInputs, double aPlus, double durationMs, long seed) {
        public Config {
            Require.notNull("cell", cell);
            Require.atLeast("inhibitory inputs", inhibitoryInputs, 0);
            Require.positive("a_plus", aPlus, "(fraction of g_max)");
            Require.atLeast("inputs", inputs, 1);
            Require.positive("rate", rateHz, "Hz");
            Require.that(rateHz * DT_MS / 1000 <= 1, "rate = " + rateHz + " Hz is not allowed: must be at most "
                    + 1000 / DT_MS + " Hz (rate * dt must not exceed 1)");
            Require.inRange("correlated inputs", correlatedInputs, 0, inputs);
            if (correlatedInputs > 0) {
                Require.that(correlation > 0 && correlation <= 1, "correlation = " + correlation + " is not "
                        + "allowed: must be in (0, 1]");
            }
            RunLimits.duration("duration", durationMs, DT_MS);
            Require.that(durationMs >= DT_MS, "duration = " + durationMs + " ms is not allowed: must be at least "
                    + "one time step, " + DT_MS + " ms");
        }
    }

    /**
     * The weights and the output at one moment of a run.
     *
     * @param timeMs             biological time, ms
     * @param fractionNearBounds fraction of weights within 10% of g_max of either bound
     * @param meanCorrelated     mean weight of the correlated inputs over g_max (NaN without them)
     * @param meanUncorrelated   mean weight of the other inputs over g_max (NaN without them)
     * @param outputRateHz       output rate since the previous snapshot (or the start), Hz
     * @param histogram          weights per tenth of g_max, [0, 0.1) first, [0.9, 1] last
     */
    public record Snapshot(double timeMs, double fractionNearBounds, double meanCorrelated, double meanUncorrelated,
                           double outputRateHz, int[] histogram) {
    }

    /**
     * What a run produced.
     *
     * @param weightsOverGMax     final weights as fractions of g_max, correlated inputs first
     * @param outputRateFirstHz   output rate over the first tenth of the run, Hz
     * @param outputRateLastHz    output rate over the last tenth of the run, Hz
     * @param fractionNearBounds  fraction of final weights within 10% of g_max of either bound
     * @param meanCorrelated      mean final weight of the correlated inputs over g_max (NaN without them)
     * @param meanUncorrelated    mean final weight of the other inputs over g_max (NaN without them)
     * @param start               the initial weights (its output rate is NaN)
     * @param snapshots           the weights and output rate every snapshot interval and at the end (the last
     *                            one, closer to the one before it where the interval does not divide the run)
     * @param simulationSeconds   wall time of the run, s
     * @param droppedSpikes       output spikes counted but not stored (the spike monitor's bound): the output rates
     *                            leave them out
     * @param resumedFromMs       the biological time of the checkpoint the run went on from, ms (0 if it started
     *                            afresh)
     * @param warnings            the network's warnings, oldest first ({@link Network#warnings()}: runaway
     *                            activity); empty when the run gave none. A checkpoint holds them: a run resumed
     *                            from one has the uninterrupted run's
     */
    public record Result(Config config, float[] weightsOverGMax, double outputRateFirstHz, double outputRateLastHz,
                         double fractionNearBounds, double meanCorrelated, double meanUncorrelated, Snapshot start,
                         List<Snapshot> snapshots, double simulationSeconds, long droppedSpikes, double resumedFromMs,
                         List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /** The paper's STDP rule with potentiation amplitude {@code aPlus} (fraction of g_max). */
    public static Stdp rule(double aPlus, double gMaxUs) {
        return Stdp.builder().tauPlus(20).tauMinus(20).aPlus(aPlus).aMinus(aPlus * A_MINUS_OVER_A_PLUS).wMax(gMaxUs)
                .build();
    }

    /** Builds and runs the network on one thread; one snapshot, at the end. */
    public static Result run(Config config) {
        return run(config, config.durationMs());
    }

    /**
     * Builds and runs the network on one thread, taking a snapshot of the weights and the output rate every
     * {@code snapshotMs} (rounded to whole steps) and at the end, after {@link #requireRunnable}.
     */
    public static Result run(Config config, double snapshotMs) {
        return run(config, snapshotMs, null);
    }

    /**
     * Where a run keeps its checkpoint and how often it saves one.
     *
     * @param file    the checkpoint; a run that finds it there goes on from it
     * @param everyMs simulated time between checkpoints, ms
     */
    public record Checkpointing(Path file, double everyMs) {
    }

    /**
     * As {@link #run(Config, double)}, saving a checkpoint to {@code checkpointing.file()} every
     * {@code checkpointing.everyMs()} (none if null); a run that finds the file goes on from it, with the result of
     * an uninterrupted run (the monitors' recordings are part of the checkpoint).
     */
    public static Result run(Config config, double snapshotMs, Checkpointing checkpointing) {
        requireRunnable(config, snapshotMs);
        try (Network net = Network.builder().dt(DT_MS).seed(config.seed()).threads(1).build()) {
            IfCondExp model = IfCondExp.builder()
                    .cm(LEAK_US * config.cell().tauMs()).tauM(config.cell().tauMs()).tauRefrac(0)
                    .vRest(config.cell().restMv()).vReset(-60).vThresh(-54)
                    .tauSynE(5).eRevE(0).tauSynI(5).eRevI(-70)
                    .build();
            NeuronPopulation neuron = net.addNeurons("neuron", 1, model);
            neuron.initialize("v", Values.constant(config.cell().restMv()));
            int correlated = config.correlatedInputs();
            List<StdpSynapses> groups = new ArrayList<>();
            if (correlated > 0) {
                groups.add(attach(net, net.addCorrelatedPoissonSource("correlated", correlated,
                        config.rateHz(), config.correlation()), neuron, config));
            }
            if (correlated < config.inputs()) {
                groups.add(attach(net, net.addPoissonSource("uncorrelated", config.inputs() - correlated,
                        config.rateHz()), neuron, config));
            }
            if (config.inhibitoryInputs() > 0) {
                net.connect(net.addPoissonSource("inhibitory", config.inhibitoryInputs(), config.rateHz()), neuron,
                        Connectors.allToAll(true), Synapses.onto("inhibitory").weights(Values.constant(G_INH_US)));
            }
            List<RuleStateMonitor> weightMonitors = new ArrayList<>();
            for (StdpSynapses group : groups) {
                weightMonitors.add(net.monitorRule(group, "weight",
                        IntStream.range(0, group.weights().length).toArray(), snapshotMs));
            }
            SpikeMonitor output = net.monitorSpikes(neuron);
            Snapshot initial = snapshot(config, weightsOverGMax(config, groups), 0, Double.NaN);
            long start = System.nanoTime();
            if (checkpointing != null && Files.exists(checkpointing.file())) {
                net.restoreCheckpoint(checkpointing.file());
            }
            double resumedFromMs = net.stepsRun() * DT_MS;
            long left = Math.round(config.durationMs() / DT_MS) - net.stepsRun();
            if (left > 0 && checkpointing != null) {
                net.run(left * DT_MS, checkpointing.everyMs(), checkpointing.file());
            } else if (left > 0) {
                net.run(left * DT_MS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return summarize(config, groups, weightMonitors, output, initial, seconds, resumedFromMs,
                    net.warnings());
        }
    }

    /**
     * Fails unless the snapshot interval lies in the run, the snapshots fit the weight monitor's bound
     * ({@link StateMonitor#DEFAULT_MAX_VALUES} values) and the run fits the heap.
     */
    public static void requireRunnable(Config config, double snapshotMs) {
        Require.positive("snapshot interval", snapshotMs, "ms");
        Require.that(snapshotMs <= config.durationMs(), "snapshot interval = " + snapshotMs + " ms is not allowed: "
                + "must be at most the duration, " + config.durationMs() + " ms");
        double weightValues = snapshotValues(config.inputs(), config.durationMs(), snapshotMs);
        Require.that(weightValues <= StateMonitor.DEFAULT_MAX_VALUES, "snapshot interval = " + snapshotMs + " ms is "
                + "not allowed with " + config.inputs() + " inputs over " + config.durationMs() + " ms: the weights "
                + "would need " + (long) weightValues + " values, the weight monitor holds at most "
                + StateMonitor.DEFAULT_MAX_VALUES);
        double sources = (double) config.inputs() + config.inhibitoryInputs();
        MemoryEstimate.of("Song, Miller & Abbott with " + config.inputs() + " inputs and "
                        + config.inhibitoryInputs() + " inhibitory ones over " + config.durationMs() + " ms")
                .neurons(sources + 1)
                .synapses(sources, config.inputs())
                .values(weightValues, 12)
                .values(Math.min(SpikeMonitor.DEFAULT_MAX_STORED,
                        config.durationMs() / 1000 * ESTIMATED_MAX_RATE_HZ), 24)
                .requireFits("lower --inputs, --inhibitory or --duration, or raise --snapshot");
    }

    /**
     * The weights the snapshots of {@code inputs} inputs every {@code snapshotMs} ms (in whole steps, at least one)
     * over {@code durationMs} ms store: at most {@link StateMonitor#DEFAULT_MAX_VALUES} fit the weight monitor.
     */
    public static double snapshotValues(int inputs, double durationMs, double snapshotMs) {
        return (double) inputs * Math.floor(durationMs / (Math.max(1, Math.round(snapshotMs / DT_MS)) * DT_MS));
    }

    private static StdpSynapses attach(Network net, Population inputs, NeuronPopulation neuron, Config config) {
        double gMax = config.cell().gMaxUs();
        Projection projection = net.connect(inputs, neuron, Connectors.allToAll(true),
                Synapses.onto("excitatory").weights(Values.uniform(0, gMax)));
        return net.addPlasticity(projection, rule(config.aPlus(), gMax));
    }

    private static float[] weightsOverGMax(Config config, List<StdpSynapses> groups) {
        float[] weights = new float[config.inputs()];
        int offset = 0;
        for (StdpSynapses group : groups) {
            float[] w = group.weights();
            for (int j = 0; j < w.length; j++) {
                weights[offset + j] = (float) (w[j] / config.cell().gMaxUs());
            }
            offset += w.length;
        }
        return weights;
    }

    private static Result summarize(Config config, List<StdpSynapses> groups, List<RuleStateMonitor> weightMonitors,
                                    SpikeMonitor output, Snapshot initial, double seconds, double resumedFromMs,
                                    List<String> warnings) {
        double[] spikeTimesMs = output.times();
        double gMax = config.cell().gMaxUs();
        float[] weights = weightsOverGMax(config, groups);
        List<Snapshot> snapshots = new ArrayList<>();
        double[] times = weightMonitors.get(0).times();
        float[][] series = new float[config.inputs()][];
        int offset = 0;
        for (int g = 0; g < groups.size(); g++) {
            int size = groups.get(g).weights().length;
            for (int k = 0; k < size; k++) {
                series[offset + k] = weightMonitors.get(g).trace(k);
            }
            offset += size;
        }
        float[] sample = new float[config.inputs()];
        double previousMs = 0;
        for (int s = 0; s < times.length; s++) {
            for (int j = 0; j < sample.length; j++) {
                sample[j] = (float) (series[j][s] / gMax);
            }
            snapshots.add(snapshot(config, sample, times[s],
                    spikesIn(spikeTimesMs, previousMs, times[s]) / ((times[s] - previousMs) / 1000)));
            previousMs = times[s];
        }
        double endMs = Math.round(config.durationMs() / DT_MS) * DT_MS;
        Snapshot end = snapshot(config, weights, endMs, Double.NaN);
        if (times.length == 0 || times[times.length - 1] < endMs - DT_MS / 2) {
            // the interval does not divide the run: the last snapshot is the end, as for every other run
            snapshots.add(snapshot(config, weights, endMs,
                    spikesIn(spikeTimesMs, previousMs, endMs) / ((endMs - previousMs) / 1000)));
        }
        double tenth = config.durationMs() / 10;
        return new Result(config, weights, spikesIn(spikeTimesMs, 0, tenth) / (tenth / 1000),
                spikesIn(spikeTimesMs, config.durationMs() - tenth, config.durationMs()) / (tenth / 1000),
                end.fractionNearBounds(), end.meanCorrelated(), end.meanUncorrelated(), initial,
                List.copyOf(snapshots), seconds, output.droppedSpikes(), resumedFromMs, warnings);
    }

    private static Snapshot snapshot(Config config, float[] weightsOverGMax, double timeMs, double outputRateHz) {
        int[] histogram = new int[10];
        int nearBounds = 0;
        double sumCorrelated = 0;
        double sumUncorrelated = 0;
        for (int j = 0; j < weightsOverGMax.length; j++) {
            float w = weightsOverGMax[j];
            histogram[Math.min(histogram.length - 1, (int) (w * histogram.length))]++;
            if (w <= 0.1f || w >= 0.9f) {
                nearBounds++;
            }
            if (j < config.correlatedInputs()) {
                sumCorrelated += w;
            } else {
                sumUncorrelated += w;
            }
        }
        int uncorrelated = config.inputs() - config.correlatedInputs();
        return new Snapshot(timeMs, (double) nearBounds / weightsOverGMax.length,
                config.correlatedInputs() > 0 ? sumCorrelated / config.correlatedInputs() : Double.NaN,
                uncorrelated > 0 ? sumUncorrelated / uncorrelated : Double.NaN, outputRateHz, histogram);
    }

    private static int spikesIn(double[] timesMs, double fromMs, double toMs) {
        int count = 0;
        for (double t : timesMs) {
            count += t >= fromMs && t < toMs ? 1 : 0;
        }
        return count;
    }
}
