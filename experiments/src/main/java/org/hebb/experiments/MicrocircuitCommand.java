package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hebb.experiments.limits.RunLimits;
import org.hebb.experiments.microcircuit.Microcircuit;
import org.hebb.experiments.microcircuit.MicrocircuitExperiment;
import org.hebb.experiments.microcircuit.MicrocircuitParameters;
import org.hebb.simulator.BackendKind;
import org.hebb.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb microcircuit}: the cortical microcircuit of Potjans and Diesmann (2014). */
@Command(name = "microcircuit", mixinStandardHelpOptions = true,
        description = "The cortical microcircuit of Potjans & Diesmann (2014) with the PyNEST example's "
                + "parameters: 100 ms of warm-up (the example's is 500 ms), then 1 s recorded; rates, "
                + "irregularity and synchrony per population beside NEST's reference rates, construction time, "
                + "time per biological second, peak memory; result.json, summary.md, raster.png, rates.png.")
final class MicrocircuitCommand implements Callable<Integer>, CheckedOptions {
    @Option(names = "--scale", defaultValue = "0.1", description = "Share of the full model's 77,169 neurons, "
            + "in (0, 1]; in-degrees stay those of the full model (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--background", defaultValue = "poisson", description = "poisson (K_ext sources at 8 Hz "
            + "per neuron) or dc (its mean as a current) (default ${DEFAULT-VALUE}).")
    String background;

    @Option(names = "--backend", defaultValue = "JAVA", description = "JAVA or OPENCL "
            + "(default ${DEFAULT-VALUE}).")
    BackendKind backend;

    @Option(names = "--threads", defaultValue = "0", description = "Threads of the JAVA backend, 0 to "
            + OptionChecks.MAX_THREADS + "; 0 chooses automatically; with OPENCL, whose device runs each step, 0 "
            + "or 1 (the threads that build the network) (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", defaultValue = "1000", description = "Recorded biological time after the "
            + "warm-up, ms (default ${DEFAULT-VALUE}).")
    double durationMs;

    @Option(names = "--warmup", defaultValue = "100", description = "Biological time before recording, ms "
            + "(default ${DEFAULT-VALUE}).")
    double warmupMs;

    @Option(names = "--out", defaultValue = "out/microcircuit", description = "Output directory (default "
            + "${DEFAULT-VALUE}).")
    Path out;

    /** The background named by --background; refuses an unknown name. */
    private Microcircuit.Background background() {
        return Arrays.stream(Microcircuit.Background.values())
                .filter(b -> b.name().equalsIgnoreCase(background)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--background = '" + background + "' is not "
                        + "allowed: use poisson or dc"));
    }

    @Override
    public void checkOptions() {
        background();
        Require.that(scale > 0 && scale <= 1, "--scale = " + scale + " is not allowed: must be in (0, 1]");
        OptionChecks.threads(threads, backend);
        Require.nonNegative("--warmup", warmupMs, "ms");
        RunLimits.duration("--duration", durationMs, MicrocircuitParameters.DT_MS);
        RunLimits.duration("--warmup + --duration", warmupMs + durationMs, MicrocircuitParameters.DT_MS);
        Require.that(durationMs >= 2 * MicrocircuitExperiment.SYNCHRONY_BIN_MS, "--duration = " + durationMs
                + " ms is not allowed: must be at least " + 2 * MicrocircuitExperiment.SYNCHRONY_BIN_MS
                + " ms (two bins of the synchrony measure)");
    }

    @Override
    public void checkResources() {
        MicrocircuitExperiment.requireFits(settings());
    }

    /** The experiment's settings that the options give. */
    private MicrocircuitExperiment.Settings settings() {
        return new MicrocircuitExperiment.Settings(scale, background(), backend, threads, seed, warmupMs,
                durationMs);
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        MicrocircuitExperiment.Result r = MicrocircuitExperiment.run(settings(), out);
        StringBuilder rates = new StringBuilder();
        for (int p = 0; p < r.ratesHz().length; p++) {
            rates.append(String.format(Locale.ROOT, " %s %.2f", MicrocircuitParameters.POPULATIONS.get(p),
                    r.ratesHz()[p]));
        }
        System.out.printf(Locale.ROOT,
                        "Microcircuit, scale %s, %d neurons, %d synapses (%.2f bytes each): rates (Hz)%s; "
                        + "construction %.1f s, %.2f s per biological second, peak memory %.2f GiB. Results in "
                        + "%s%n",
                scale, r.neurons(), r.synapses(), (double) r.synapseBytes() / r.synapses(), rates,
                r.constructionSeconds(), r.secondsPerBioSecond(),
                r.peakMemoryBytes() / (double) (1L << 30), out.toAbsolutePath());
        if (!r.metricsComplete()) {
            System.out.printf(Locale.ROOT,
                    "Incomplete: the spikes of %s were not all stored (%d past the spike monitors' "
                    + "bound), so they have no CV or synchrony; their rates count every spike.%n",
                    String.join(", ", r.incompletePopulations()), Arrays.stream(r.droppedSpikes()).sum());
        }
        return 0;
    }
}
