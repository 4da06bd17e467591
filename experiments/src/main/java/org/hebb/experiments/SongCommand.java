package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.hebb.experiments.limits.RunLimits;
import org.hebb.experiments.stdp.SongExperiment;
import org.hebb.experiments.stdp.SongMillerAbbott;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb song}: additive STDP makes one neuron's input weights bimodal (Song, Miller and Abbott 2000). */
@Command(name = "song", mixinStandardHelpOptions = true,
        description = "Song, Miller & Abbott (2000): Poisson inputs with additive STDP onto one conductance LIF "
                + "neuron; the weight histogram, the fraction of weights near a bound and the output rate over "
                + "time; result.json, summary.md, plots.")
final class SongCommand implements Callable<Integer>, CheckedOptions {
    @Option(names = "--cell", defaultValue = "song2000", description = "song2000 (the paper: tau_m 20 ms, E_L "
            + "-70 mV, g_max 0.015) or brian2 (Brian2's example: tau_m 10 ms, E_L -74 mV, g_max 0.01) "
            + "(default ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--inputs", defaultValue = "1000", description = "Excitatory Poisson inputs "
            + "(default ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--rate", defaultValue = "10", description = "Input rate, Hz (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--correlated", defaultValue = "0", description = "How many inputs (the first ones) share "
            + "spikes (default ${DEFAULT-VALUE}).")
    int correlated;

    @Option(names = "--correlation", defaultValue = "0.2", description = "Their pairwise correlation, in (0, 1] "
            + "(default ${DEFAULT-VALUE}).")
    double correlation;

    @Option(names = "--inhibitory", defaultValue = "0", description = "Static inhibitory Poisson inputs at the "
            + "same rate, g 0.05 leak units (the paper had 200) (default ${DEFAULT-VALUE}).")
    int inhibitory;

    @Option(names = "--a-plus", defaultValue = "0.005", description = "Potentiation per pair as a fraction of "
            + "g_max, in (0, 1]; a_minus = 1.05 a_plus (default ${DEFAULT-VALUE}).")
    double aPlus;

    @Option(names = "--duration", defaultValue = "300", description = "Biological time, s "
            + "(default ${DEFAULT-VALUE}).")
    double durationS;

    @Option(names = "--snapshot", defaultValue = "10", description = "Seconds between snapshots of the weights "
            + "(default ${DEFAULT-VALUE}).")
    double snapshotS;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "Seconds of biological time "
            + "between checkpoints in the output directory (0 for none): a run killed on the way goes on from "
            + "its last one when started again with the same settings (default ${DEFAULT-VALUE}).")
    double checkpointS;

    @Option(names = "--out", defaultValue = "out/song", description = "Output directory "
            + "(default ${DEFAULT-VALUE}).")
    Path out;

    /** The cell named by --cell; refuses an unknown name. */
    private SongMillerAbbott.Cell cell() {
        Map<String, SongMillerAbbott.Cell> cells = Map.of("song2000", SongMillerAbbott.Cell.SONG_2000,
                "brian2", SongMillerAbbott.Cell.BRIAN2_EXAMPLE);
        SongMillerAbbott.Cell chosen = cells.get(cell);
        if (chosen == null) {
            throw new IllegalArgumentException("--cell = '" + cell + "' is not allowed: must be one of "
                    + new TreeSet<>(cells.keySet()));
        }
        return chosen;
    }

    @Override
    public void checkOptions() {
        cell();
        RunLimits.duration("--duration", durationS, "s", 1000, SongMillerAbbott.DT_MS);
        double stepS = SongMillerAbbott.DT_MS / 1000;
        Require.that(durationS >= stepS, "--duration = " + durationS + " s is not allowed: must be at least one "
                + "time step, " + stepS + " s");
        Require.atLeast("--inputs", inputs, 1);
        Require.inRange("--correlated", correlated, 0, inputs);
        Require.atLeast("--inhibitory", inhibitory, 0);
        Require.that(aPlus > 0 && aPlus <= 1, "--a-plus = " + aPlus + " (fraction of g_max) is not allowed: must "
                + "be in (0, 1]");
        Require.that(correlation > 0 && correlation <= 1, "--correlation = " + correlation + " is not allowed: "
                + "must be in (0, 1]");
        Require.positive("--rate", rateHz, "Hz");
        double perStep = rateHz * SongMillerAbbott.DT_MS / 1000;
        Require.that(perStep <= 1, "--rate = " + rateHz + " Hz is not allowed: must be at most "
                + 1000 / SongMillerAbbott.DT_MS + " Hz (rate * dt must not exceed 1)");
        Require.positive("--snapshot", snapshotS, "s");
        Require.that(snapshotS <= durationS, "--snapshot = " + snapshotS + " s is not allowed: must be at most "
                + "--duration, " + durationS + " s");
        double weightValues = SongMillerAbbott.snapshotValues(inputs, durationS * 1000, snapshotS * 1000);
        Require.that(weightValues <= StateMonitor.DEFAULT_MAX_VALUES, "--snapshot = " + snapshotS + " s is not "
                + "allowed with --inputs " + inputs + " over --duration " + durationS + " s: the weights would "
                + "need " + (long) weightValues + " values, the weight monitor holds at most "
                + StateMonitor.DEFAULT_MAX_VALUES + " (raise --snapshot, or lower --inputs or --duration)");
        if (!(checkpointS >= 0 && Double.isFinite(checkpointS))) {
            throw new IllegalArgumentException("--checkpoint-every = " + checkpointS + " s is not allowed: must "
                    + "be a finite number >= 0 (0 for no checkpoints)");
        }
        Require.that(checkpointS == 0 || checkpointS >= stepS, "--checkpoint-every = " + checkpointS + " s is "
                + "not allowed: must be 0 (no checkpoints) or at least one time step, " + stepS + " s");
    }

    /** The model's configuration that the options give. */
    private SongMillerAbbott.Config config() {
        return new SongMillerAbbott.Config(cell(), inputs, rateHz, correlated, correlation, inhibitory, aPlus,
                durationS * 1000, seed);
    }

    @Override
    public void checkResources() {
        SongMillerAbbott.requireRunnable(config(), snapshotS * 1000);
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        SongMillerAbbott.Result r = SongExperiment.run(config(), snapshotS * 1000, checkpointS * 1000, out);
        System.out.printf(Locale.ROOT, "Song, Miller & Abbott, seed %d, %.0f s: output %.1f -> %.1f Hz (first and last "
                        + "tenth), %.1f%% of weights within 10%% of a bound; %.1f s. Results in %s%n", seed,
                durationS, r.outputRateFirstHz(), r.outputRateLastHz(), 100 * r.fractionNearBounds(),
                r.simulationSeconds(), out.toAbsolutePath());
        return 0;
    }
}
