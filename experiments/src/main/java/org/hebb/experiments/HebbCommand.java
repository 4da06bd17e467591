package org.hebb.experiments;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hebb.experiments.quickstart.Quickstart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code hebb} command line: runs Hebb's example programs. */
@Command(name = "hebb", mixinStandardHelpOptions = true, version = "Hebb 0.1.0",
        description = "Runs Hebb's simulation programs.",
        subcommands = {HebbCommand.QuickstartCommand.class})
public final class HebbCommand implements Runnable {
    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new HebbCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code hebb quickstart}: COBA for one second, with results a person can look at. */
    @Command(name = "quickstart", mixinStandardHelpOptions = true,
            description = "Simulates the COBA benchmark network (Brette et al. 2007) and writes spike counts, "
                    + "rates, a raster plot and a summary.")
    static final class QuickstartCommand implements Callable<Integer> {
        @Option(names = "--neurons", defaultValue = "4000", description = "Network size (default ${DEFAULT-VALUE}).")
        int neurons;

        @Option(names = "--duration", defaultValue = "1000", description = "Biological time in ms "
                + "(default ${DEFAULT-VALUE}).")
        double durationMs;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", defaultValue = "0", description = "Threads; 0 chooses automatically "
                + "(default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--out", defaultValue = "out/quickstart", description = "Output directory "
                + "(default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Quickstart.Summary s = Quickstart.run(neurons, durationMs, seed, threads, out);
            System.out.printf("COBA, %d neurons, %.0f ms, seed %d: excitatory %.2f Hz, inhibitory %.2f Hz "
                            + "(simulated in %.2f s on %d thread(s))%n", s.neurons(), s.durationMs(), s.seed(),
                    s.meanRateHz().get("exc"), s.meanRateHz().get("inh"), s.simulationSeconds(), s.threads());
            System.out.println("Results in " + out.toAbsolutePath() + ": summary.md, summary.json, raster.png, "
                    + "population_rate.png, population_rate.csv, spike_counts.csv");
            return 0;
        }
    }
}
