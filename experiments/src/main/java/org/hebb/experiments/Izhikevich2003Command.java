package org.hebb.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.hebb.experiments.izhikevich.Izhikevich2003Experiment;
import org.hebb.experiments.izhikevich.Izhikevich2003Network;
import org.hebb.experiments.limits.RunLimits;
import org.hebb.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb izhikevich2003}: the paper's 1000-neuron network, its raster and its rhythms. */
@Command(name = "izhikevich2003", mixinStandardHelpOptions = true,
        description = "Simulates the 1000-neuron network of Izhikevich (2003) and writes a raster, the power "
                + "spectrum of the network rate (alpha and gamma peaks) and a summary.")
final class Izhikevich2003Command implements Callable<Integer>, CheckedOptions {
    @Option(names = "--duration", defaultValue = "31000", description = "Biological time in ms, at least "
            + Izhikevich2003Experiment.MIN_DURATION_MS + " (the first " + Izhikevich2003Experiment.TRANSIENT_MS
            + ", left out of the rates and the spectrum, and one spectrum segment) (default ${DEFAULT-VALUE}).")
    double durationMs;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "out/izhikevich2003", description = "Output directory "
            + "(default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void checkOptions() {
        RunLimits.duration("--duration", durationMs, Izhikevich2003Network.DT_MS);
        Require.that(durationMs >= Izhikevich2003Experiment.MIN_DURATION_MS, "--duration = " + durationMs
                + " ms is not allowed: must be at least " + Izhikevich2003Experiment.MIN_DURATION_MS + " ms (a "
                + Izhikevich2003Experiment.TRANSIENT_MS + " ms transient and one spectrum segment)");
    }

    @Override
    public void checkResources() {
        Izhikevich2003Experiment.requireRunnable(durationMs);
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        checkResources();
        Izhikevich2003Experiment.Result r = Izhikevich2003Experiment.run(seed, durationMs, 1, out);
        System.out.printf(Locale.ROOT,
                        "Izhikevich 2003, seed %d: excitatory %.2f Hz, inhibitory %.2f Hz; alpha peak %.1f Hz "
                        + "(%s), gamma peak %.1f Hz (%s); %.1f s. Results in %s%n", seed, r.excitatoryRateHz(),
                r.inhibitoryRateHz(), r.alpha().peakHz(), r.alpha().hasPeak() ? "a peak" : "no peak",
                r.gamma().peakHz(), r.gamma().hasPeak() ? "a peak" : "no peak", r.wallSeconds(),
                out.toAbsolutePath());
        return 0;
    }
}
