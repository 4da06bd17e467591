package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.experiments.limits.RunLimits;
import org.hebb.experiments.quickstart.Quickstart;
import org.hebb.simulator.BackendKind;
import org.hebb.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb quickstart}: COBA for one second, with results a person can look at. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Simulates the COBA benchmark network (Brette et al. 2007) and writes spike counts, "
                + "rates, a raster plot and a summary.")
final class QuickstartCommand implements Callable<Integer>, CheckedOptions {
    @Option(names = "--neurons", defaultValue = "4000", description = "Network size, " + CobaNetwork.MIN_NEURONS
            + " to " + CobaNetwork.MAX_NEURONS + " neurons, 80%% excitatory (default ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--duration", defaultValue = "1000", description = "Biological time in ms, at least "
            + Quickstart.RATE_BIN_MS + " (one bin of the population rate) (default ${DEFAULT-VALUE}).")
    double durationMs;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "Threads of the JAVA backend, 0 to "
            + OptionChecks.MAX_THREADS + "; 0 chooses automatically; with OPENCL, whose device runs each step, 0 "
            + "or 1 (the threads that build the network) (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", defaultValue = "out/quickstart", description = "Output directory "
            + "(default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--backend", defaultValue = "JAVA", description = "JAVA or OPENCL (the default OpenCL "
            + "device; see `hebb devices`) (default ${DEFAULT-VALUE}).")
    BackendKind backend;

    @Override
    public void checkOptions() {
        Require.inRange("--neurons", neurons, CobaNetwork.MIN_NEURONS, CobaNetwork.MAX_NEURONS);
        RunLimits.duration("--duration", durationMs, CobaNetwork.DT_MS);
        Require.that(durationMs >= Quickstart.RATE_BIN_MS, "--duration = " + durationMs + " ms is not allowed: "
                + "must be at least " + Quickstart.RATE_BIN_MS + " ms, one bin of the population rate");
        OptionChecks.threads(threads, backend);
    }

    @Override
    public void checkResources() {
        Quickstart.requireFits(new Quickstart.Options(neurons, durationMs, seed, threads, backend));
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        Quickstart.Summary s = Quickstart.run(new Quickstart.Options(neurons, durationMs, seed, threads, backend),
                out);
        System.out.printf(Locale.ROOT, "COBA, %d neurons, %.0f ms, seed %d: excitatory %.2f Hz, inhibitory %.2f Hz "
                        + "(simulated in %.2f s on the %s backend, %d thread(s))%n", s.neurons(), s.durationMs(),
                s.seed(), s.meanRateHz().get("exc"), s.meanRateHz().get("inh"), s.simulationSeconds(),
                s.backend(), s.threads());
        System.out.println("Results in " + out.toAbsolutePath() + ": summary.md, summary.json, raster.png, "
                + "population_rate.png, population_rate.csv, spike_counts.csv");
        return 0;
    }
}
