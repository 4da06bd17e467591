package org.hebb.experiments;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.hlop.HlopExperiment;
import org.hebb.experiments.hlop.HlopSettings;
import org.hebb.experiments.hlop.HlopVariant;
import org.hebb.experiments.izhikevich.Izhikevich2003Experiment;
import org.hebb.experiments.izhikevich.Izhikevich2003Network;
import org.hebb.experiments.jobs.ExecutorOptions;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.jobs.JobRunner;
import org.hebb.experiments.limits.RunLimits;
import org.hebb.experiments.microcircuit.Microcircuit;
import org.hebb.experiments.microcircuit.MicrocircuitExperiment;
import org.hebb.experiments.microcircuit.MicrocircuitParameters;
import org.hebb.experiments.nalsm.InputEncoding;
import org.hebb.experiments.nalsm.LiquidDynamics;
import org.hebb.experiments.nalsm.NalsmExperiment;
import org.hebb.experiments.nalsm.NalsmLiquid;
import org.hebb.experiments.nalsm.UnsupervisedPhase;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.quickstart.Quickstart;
import org.hebb.experiments.readout.PixelReadout;
import org.hebb.experiments.readout.SampleSplit;
import org.hebb.experiments.readout.SoftmaxReadout;
import org.hebb.experiments.stdp.SongExperiment;
import org.hebb.experiments.stdp.SongMillerAbbott;
import org.hebb.experiments.sweep.Sweep;
import org.hebb.experiments.sweep.SweepPlan;
import org.hebb.experiments.whatwhen.ForceReadout;
import org.hebb.experiments.whatwhen.WhatWhenExperiment;
import org.hebb.experiments.whatwhen.WhatWhenSettings;
import org.hebb.neurons.BuiltInModels;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.opencl.OpenClDevices;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.io.HebbVersion;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.util.Require;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hebb} command line: runs Hebb's example programs. An error prints one line, {@code hebb <command>:
 * <message>}, on stderr (with the stack trace after {@code --verbose}); the exit code is 0 when the run finished,
 * {@value #EXIT_REFUSED} when the command line was refused before any work (an unknown option, a value of the wrong
 * type, a parameter out of its range, an unusable --out, a run too large for the heap) and {@value #EXIT_FAILED}
 * when the run failed (an I/O error, a simulation stopped by a checker, an output directory in use by another run,
 * anything else). An IllegalArgumentException is a refusal only until the program marks the start of its work
 * ({@link RunPhase#workStarts}); after that it is a failure of the run.
 */
@Command(name = "hebb", mixinStandardHelpOptions = true, versionProvider = HebbCommand.BuildVersion.class,
        description = "Runs Hebb's simulation programs.",
        subcommands = {HebbCommand.QuickstartCommand.class, HebbCommand.LiquidDynamicsCommand.class,
                HebbCommand.DevicesCommand.class, HebbCommand.PixelReadoutCommand.class,
                HebbCommand.NalsmCommand.class, HebbCommand.Izhikevich2003Command.class,
                HebbCommand.WhatWhenCommand.class, HebbCommand.SongCommand.class, HebbCommand.KernelCommand.class,
                HebbCommand.SweepCommand.class, HebbCommand.HlopCommand.class, HebbCommand.MicrocircuitCommand.class})
public final class HebbCommand implements Runnable {
    /** Exit code of a run that failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of a command line refused before any work. */
    public static final int EXIT_REFUSED = 2;

    /** {@code hebb --version}: the build that runs, as its results record it ({@link HebbVersion#describe()}). */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Hebb " + HebbVersion.describe()};
        }
    }
    private static final String VERBOSE = "--verbose";
    /** The most threads a network's JAVA backend takes (Network.Builder.threads). */
    private static final int MAX_THREADS = 256;
    private static final String FOOTER = "%nExit codes: 0 finished, " + EXIT_FAILED + " the run failed, " + EXIT_REFUSED
            + " the command line was refused before any work. A run holds its --out directory locked (its "
            + OutputDirectory.LOCK_FILE + " file) until it ends, and writes its result file last.";

    @Option(names = VERBOSE, scope = CommandLine.ScopeType.INHERIT, description = "On an error, print the stack "
            + "trace after the one-line message.")
    boolean verbose;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new HebbCommand()).setOut(out).setErr(err);
        commandLine.getCommandSpec().usageMessage().footer(FOOTER);
        commandLine.getSubcommands().values().forEach(c -> c.getCommandSpec().usageMessage().footer(FOOTER));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            report(command, e, Arrays.asList(arguments).contains(VERBOSE));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_REFUSED;
        });
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            report(command, e, verbose(parsed));
            return e instanceof IllegalArgumentException && !RunPhase.hasWorkStarted() ? EXIT_REFUSED : EXIT_FAILED;
        });
        commandLine.setExecutionStrategy(parsed -> {
            requireListOptionsOnce(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        boolean[] enclosing = RunPhase.begin();
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.printf("hebb: out of memory (the JVM's maximum heap is %.1f GB): raise -Xmx or make the run "
                    + "smaller%n", Runtime.getRuntime().maxMemory() / (double) (1L << 30));
            if (Arrays.asList(args).contains(VERBOSE)) {
                e.printStackTrace(err);
            }
            err.flush();
            return EXIT_FAILED;
        } finally {
            RunPhase.end(enclosing);
        }
    }

    /**
     * Parses {@code args} as {@link #execute} would and checks the command's option values as its run would before
     * any work ({@link CheckedOptions}), running nothing and writing nothing: fails with an IllegalArgumentException
     * that starts with {@code what} and the command line, followed by what is wrong: an unknown option, a value
     * that does not convert to its type, or a value the command refuses (naming the option and the value).
     */
    public static void checkArguments(List<String> args, String what) {
        check(args, what, false);
    }

    /**
     * As {@link #checkArguments}, and also checks what the run needs beyond its options as its run would before any
     * work ({@link CheckedOptions#checkResources}): its data's files are there and their headers give enough images
     * of a usable size, and it fits this JVM's heap. Reads only files' headers, runs and writes nothing; fails with
     * an IllegalArgumentException that starts with {@code what} and the command line, followed by what is wrong.
     */
    public static void checkRunnable(List<String> args, String what) {
        check(args, what, true);
    }

    private static void check(List<String> args, String what, boolean resources) {
        try {
            CommandLine.ParseResult parsed = new CommandLine(new HebbCommand()).parseArgs(args.toArray(String[]::new));
            requireListOptionsOnce(parsed);
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                if (p.commandSpec().userObject() instanceof CheckedOptions command) {
                    command.checkOptions();
                    if (resources) {
                        command.checkResources();
                    }
                }
            }
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " (" + String.join(" ", args) + "): " + e.getMessage(), e);
        }
    }

    /**
     * A command whose option values can be checked without running it: {@link #checkOptions} makes the checks its
     * run makes before any work that need only the options, and {@link #checkResources} the cheap checks of its
     * data and of the heap, so that a sweep refuses a bad point before running any. The run makes both again.
     */
    interface CheckedOptions {
        /**
         * Checks the parsed option values, running and writing nothing.
         *
         * @throws IllegalArgumentException naming the option, its value and what is allowed
         */
        void checkOptions();

        /**
         * Checks, after {@link #checkOptions}, what the run needs beyond its options, as cheaply as the run checks
         * it before any work: the data's files are there and their headers give as many images, of a size the
         * network takes, as the options ask for, and the run fits this JVM's heap. Reads only files' headers,
         * running and writing nothing; a command without data or a heap estimate has nothing to check.
         *
         * @throws IllegalArgumentException naming the option and its value (or the run's size and the heap it
         *                                  needs) and what is allowed
         */
        default void checkResources() {
        }
    }

    /**
     * The options of the command {@code experiment} whose value is itself a list, separated by commas (declared
     * with picocli's {@code split}, such as what-when's --latencies), by each of their names; none for a command
     * that has no such option or is unknown. A sweep passes such a value whole ({@link SweepPlan}).
     */
    public static Set<String> listOptions(String experiment) {
        CommandLine command = new CommandLine(new HebbCommand()).getSubcommands().get(experiment);
        Set<String> names = new TreeSet<>();
        if (command != null) {
            command.getCommandSpec().options().stream().filter(o -> !o.splitRegex().isEmpty())
                    .forEach(o -> names.addAll(Arrays.asList(o.names())));
        }
        return names;
    }

    /**
     * Refuses an option whose value is itself a comma-separated list ({@link #listOptions}) given more than once:
     * picocli would append the second list to the first, where a command line takes the last value or refuses a
     * repeat, as picocli does for Hebb's other options.
     */
    private static void requireListOptionsOnce(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            List<CommandLine.Model.OptionSpec> matched = p.matchedOptions();
            for (CommandLine.Model.OptionSpec o : new java.util.LinkedHashSet<>(matched)) {
                if (!o.splitRegex().isEmpty() && java.util.Collections.frequency(matched, o) > 1) {
                    throw new CommandLine.ParameterException(p.commandSpec().commandLine(), "option '"
                            + o.longestName() + "' should be specified only once (given " + String.join(" and ",
                            o.originalStringValues().stream().map(v -> "'" + v + "'").toList()) + "): its one "
                            + "value lists all of its items, separated by '" + o.splitRegex() + "'");
                }
            }
        }
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static void report(CommandLine command, Exception e, boolean verbose) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + ErrorMessages.describe(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code hebb nalsm}: the neuron-astrocyte liquid state machine end to end. */
    @Command(name = "nalsm", mixinStandardHelpOptions = true,
            description = "NALSM (Ivanov and Michmizos 2021) on Fashion-MNIST or MNIST: phase 1 (unsupervised "
                    + "astrocyte-modulated STDP), features over 250 ms on several workers (checkpointed: a run "
                    + "started again resumes), the linear softmax readout; result.json, summary.md, a plot.")
    static final class NalsmCommand implements Callable<Integer>, CheckedOptions {
        @Option(names = "--data", description = "Directory of the IDX files (default: Debian's "
                + "dataset-fashion-mnist, /usr/share/datasets/fashion-mnist).")
        Path data = IdxImages.FASHION_MNIST;

        @Option(names = "--model", defaultValue = "nalsm", description = "nalsm, lsm-stdp (A fixed) or lsm (no "
                + "plasticity) (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--side", defaultValue = "10", description = "Liquid grid side: 10 for 1000 neurons, 20 "
                + "for 8000 (default ${DEFAULT-VALUE}).")
        int side;

        @Option(names = "--phase1", defaultValue = "50000", description = "Phase-1 samples (default "
                + "${DEFAULT-VALUE}).")
        int phase1;

        @Option(names = "--train", defaultValue = "50000", description = "Training images; validation uses a fifth "
                + "as many, at most 10,000 (default ${DEFAULT-VALUE}).")
        int train;

        @Option(names = "--test", defaultValue = "10000", description = "Test images (default ${DEFAULT-VALUE}).")
        int test;

        @Option(names = "--epochs", defaultValue = "200", description = "Readout epochs (default "
                + "${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--workers", description = "Feature workers and readout threads, 1 to "
                + SoftmaxReadout.MAX_THREADS + " (default: the number of cores, at most " + SoftmaxReadout.MAX_THREADS
                + ").")
        int workers = SoftmaxReadout.defaultThreads(Runtime.getRuntime().availableProcessors());

        @Option(names = "--readout-rate", defaultValue = "0.1", description = "Readout Adadelta learning rate "
                + "(NALSM 0.1; small runs need more, e.g. 100) (default ${DEFAULT-VALUE}).")
        double readoutRate;

        @Option(names = "--weight", description = "Initial weight magnitude |w| (default: 3 for nalsm and lsm-stdp, "
                + "0.8 for lsm, whose weights stay fixed; the paper swept lsm over 0.4 to 1.4).")
        Double weight;

        @Option(names = "--out", defaultValue = "out/nalsm", description = "Output directory "
                + "(default ${DEFAULT-VALUE}).")
        Path out;

        /** Where the feature blocks run (local: on --workers threads here). */
        @CommandLine.Mixin
        ExecutorOptions executor;

        @Override
        public void checkOptions() {
            model();
            OptionChecks.side(side);
            Require.atLeast("--phase1", phase1, 0);
            SampleSplit.requireCounts(train, test, "--train", "--test");
            Require.inRange("--epochs", epochs, 1, SoftmaxReadout.Settings.MAX_EPOCHS);
            Require.that(workers >= 1 && workers <= SoftmaxReadout.MAX_THREADS, "--workers = " + workers + " is not "
                    + "allowed: must be in [1, " + SoftmaxReadout.MAX_THREADS + "] (the readout trains on one thread "
                    + "per worker, and on at most " + SoftmaxReadout.MAX_THREADS + ")");
            Require.positive("--readout-rate", readoutRate, null);
            if (weight != null) {
                Require.inRange("--weight", weight, 0.0, NalsmLiquid.MAX_WEIGHT, "mV");
            }
            executor.check();
        }

        @Override
        public void checkResources() {
            IdxImages.Shape trainImages = IdxImages.requireShape("--data", data, IdxImages.Split.TRAIN);
            IdxImages.Shape testImages = IdxImages.requireShape("--data", data, IdxImages.Split.TEST);
            OptionChecks.sideFits(side, trainImages);
            SampleSplit.of(train, test, trainImages, testImages, "--train", "--test");
            NalsmExperiment.requireFits(options(), trainImages, testImages);
        }

        /** The experiment's options that the command's give. */
        private NalsmExperiment.Options options() {
            NalsmLiquid.Model kind = model();
            return new NalsmExperiment.Options(side, kind, phase1, train, test, epochs, seed, workers, readoutRate,
                    weight != null ? weight : kind == NalsmLiquid.Model.LSM ? NalsmExperiment.Options.STATIC_WEIGHT
                    : NalsmExperiment.Options.PLASTIC_WEIGHT);
        }

        /** The liquid named by --model; refuses an unknown name. */
        private NalsmLiquid.Model model() {
            return Arrays.stream(NalsmLiquid.Model.values()).filter(m -> m.label().equals(model))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("--model = '" + model + "' is not "
                            + "allowed: must be one of " + Arrays.stream(NalsmLiquid.Model.values())
                            .map(NalsmLiquid.Model::label).toList()));
        }

        @Override
        public Integer call() throws Exception {
            checkOptions();
            checkResources();
            IdxImages trainImages = IdxImages.read(data, IdxImages.Split.TRAIN);
            IdxImages testImages = IdxImages.read(data, IdxImages.Split.TEST);
            NalsmExperiment.Options options = options();
            NalsmExperiment.requireFits(options, trainImages, testImages);
            Map<String, Object> r;
            try (OutputDirectory directory = OutputDirectory.open(out, NalsmExperiment.RESULT);
                 JobExecutor features = executor.open(workers)) {
                r = NalsmExperiment.run(options, trainImages, testImages, data.toString(), directory, features);
            }
            System.out.printf("%s, %d neurons, seed %d: test accuracy %.4f (validation %.4f, epoch %d), branching "
                    + "factor %.3f; %.0f s. Results in %s%n", r.get("model"), (int) r.get("liquid_size"), seed,
                    (double) r.get("test_accuracy"), (double) r.get("validation_accuracy"), (int) r.get("best_epoch"),
                    (double) r.get("branching_factor"), (double) r.get("wall_seconds"), out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code hebb sweep}: an experiment over seeds and parameter values. */
    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "Runs an experiment over seeds and parameter values, for example 'hebb sweep nalsm --seeds "
                    + "1-5 --weight 0.4,0.8,1.4': the experiment's options pass through, and one whose value lists "
                    + "values separated by commas is swept. An option whose value is itself a comma-separated list "
                    + "(what-when's --latencies and --probabilities) is passed whole; to sweep it, separate its "
                    + "alternatives by ';', as in --latencies '150:300,250:300;200:300,250:300' (quoted for the "
                    + "shell). A ';' in any other option's value is refused. One result per point in OUT/<point>/, "
                    + "then sweep.csv, summary.md (mean and sd over the seeds) and sweep.png. A sweep started again "
                    + "goes on where it stopped.")
    static final class SweepCommand implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", description = "The experiment: a hebb command with --seed and --out "
                + "(nalsm, song, what-when, izhikevich2003, pixel-readout, quickstart, liquid-dynamics, hlop, "
                + "microcircuit).")
        String experiment;

        @Option(names = "--seeds", defaultValue = "1", description = "Seeds and ranges, such as 1-5 or 1,3,7-9 "
                + "(default ${DEFAULT-VALUE}).")
        String seeds;

        @Option(names = "--metric", description = "The numeric result field to summarise and plot, not the seed "
                + "or an option of the sweep (default: test_accuracy for nalsm and pixel-readout, acc for hlop; "
                + "required for the other experiments).")
        String metric;

        @Option(names = "--out", defaultValue = "out/sweep", description = "Output directory "
                + "(default ${DEFAULT-VALUE}); on a cluster, each point's output is written where its worker runs "
                + "it and its result file also here.")
        Path out;

        /** Where the points run (local: --points-at-once at a time here). */
        @CommandLine.Mixin
        ExecutorOptions executor;

        @Option(names = "--points-at-once", defaultValue = "1", description = "Points run at once by the local "
                + "executor, each with the workers its options give; they share the heap, so the largest points "
                + "still to run, this many, must fit in it together (default ${DEFAULT-VALUE}).")
        int pointsAtOnce;

        @CommandLine.Unmatched
        List<String> options = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Set<String> runnable = new TreeSet<>(spec.parent().subcommands().keySet());
            runnable.removeAll(List.of("sweep", "devices", "kernel"));
            Require.that(runnable.contains(experiment), "experiment = '" + experiment + "' is not "
                    + "allowed: must be one of " + String.join(", ", runnable));
            Require.inRange("--points-at-once", pointsAtOnce, 1, JobRunner.MAX_WORKERS);
            executor.check();
            SweepPlan plan = SweepPlan.of(seeds, options, listOptions(experiment));
            PrintWriter out = spec.commandLine().getOut();
            Sweep.Outcome outcome;
            try (JobExecutor points = executor.open(pointsAtOnce)) {
                outcome = Sweep.run(experiment, plan, this.out, metric, points);
            }
            out.printf("%s: %d points, %s summarised in %s%n", experiment, outcome.points().size(),
                    outcome.metric(), this.out.resolve("summary.md").toAbsolutePath());
            return 0;
        }
    }

    /** {@code hebb pixel-readout}: NALSM's linear readout on raw pixels, the yardstick for what a liquid adds. */
    @Command(name = "pixel-readout", mixinStandardHelpOptions = true,
            description = "Trains NALSM's linear softmax readout (Adadelta) on the raw pixels of Fashion-MNIST (or "
                    + "MNIST) with NALSM's split and model selection on validation accuracy.")
    static final class PixelReadoutCommand implements Callable<Integer>, CheckedOptions {
        @Option(names = "--data", description = "Directory of the IDX files (default: Debian's "
                + "dataset-fashion-mnist, /usr/share/datasets/fashion-mnist).")
        Path data = IdxImages.FASHION_MNIST;

        @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--train", defaultValue = "50000", description = "Training images, at most 50,000; "
                + "validation uses a fifth as many, at most 10,000 (default ${DEFAULT-VALUE}).")
        int train;

        @Option(names = "--test", defaultValue = "10000", description = "Test images (default ${DEFAULT-VALUE}).")
        int test;

        @Option(names = "--out", defaultValue = "out/pixel-readout", description = "Output directory "
                + "(default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public void checkOptions() {
            Require.inRange("--epochs", epochs, 1, SoftmaxReadout.Settings.MAX_EPOCHS);
            SampleSplit.requireCounts(train, test, "--train", "--test");
        }

        @Override
        public void checkResources() {
            SampleSplit.of(train, test, IdxImages.requireShape("--data", data, IdxImages.Split.TRAIN),
                    IdxImages.requireShape("--data", data, IdxImages.Split.TEST), "--train", "--test");
        }

        @Override
        public Integer call() throws Exception {
            checkOptions();
            checkResources();
            IdxImages trainImages = IdxImages.read(data, IdxImages.Split.TRAIN);
            IdxImages testImages = IdxImages.read(data, IdxImages.Split.TEST);
            SampleSplit.of(train, test, trainImages, testImages, "--train", "--test");
            Map<String, Object> r = PixelReadout.run(new PixelReadout.Options(epochs, seed, train, test), trainImages,
                    testImages, data.toString(), out);
            System.out.printf("pixels -> linear softmax, seed %d: test accuracy %.4f at the best validation epoch "
                    + "%d (validation %.4f); %.1f s. Results in %s%n", seed, (double) r.get("test_accuracy"),
                    (int) r.get("best_epoch") + 1, (double) r.get("validation_accuracy"),
                    (double) r.get("wall_seconds"), out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code hebb devices}: the OpenCL devices and which one runs by default. */
    @Command(name = "devices", mixinStandardHelpOptions = true,
            description = "Lists the OpenCL devices (for Network.builder().backend(OPENCL).device(...)) and the one "
                    + "chosen by default.")
    static final class DevicesCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(OpenClDevices.listing(OpenClDevices.list()));
            System.out.println("Default: " + OpenClDevices.select(null).describe());
            return 0;
        }
    }

    /** {@code hebb kernel}: the kernel Hebb generates from a built-in model's definition. */
    @Command(name = "kernel", mixinStandardHelpOptions = true,
            description = "Prints the Java (or OpenCL C) kernel Hebb generates from a built-in model's definition, "
                    + "as it runs.")
    static final class KernelCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", required = true, description = "A built-in model by its name, such as "
                + "IF_cond_exp or HH_cond_exp (an unknown name lists them all).")
        String model;

        @Option(names = "--dt", defaultValue = "0.1", description = "Time step in ms (default ${DEFAULT-VALUE}).")
        double dt;

        @Option(names = "--opencl", description = "Print the OpenCL C kernel instead of the Java one.")
        boolean openCl;

        @Option(names = "--precision", defaultValue = "SINGLE", description = "SINGLE or DOUBLE (default "
                + "${DEFAULT-VALUE}).")
        Precision precision;

        @Override
        public Integer call() {
            Require.that(BuiltInModels.names().contains(model), "--model = '" + model + "' is not a built-in model: "
                    + "must be one of " + BuiltInModels.names());
            Require.positive("--dt", dt, "ms");
            DefinedNeuronModel defined = BuiltInModels.named(model);
            spec.commandLine().getOut().print(openCl ? defined.openClSource(dt, precision)
                    : defined.javaSource(dt, precision));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code hebb izhikevich2003}: the paper's 1000-neuron network, its raster and its rhythms. */
    @Command(name = "izhikevich2003", mixinStandardHelpOptions = true,
            description = "Simulates the 1000-neuron network of Izhikevich (2003) and writes a raster, the power "
                    + "spectrum of the network rate (alpha and gamma peaks) and a summary.")
    static final class Izhikevich2003Command implements Callable<Integer>, CheckedOptions {
        @Option(names = "--duration", defaultValue = "31000", description = "Biological time in ms, the first "
                + "1000 left out of the spectrum (default ${DEFAULT-VALUE}).")
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
            System.out.printf("Izhikevich 2003, seed %d: excitatory %.2f Hz, inhibitory %.2f Hz; alpha peak %.1f Hz "
                            + "(%s), gamma peak %.1f Hz (%s); %.1f s. Results in %s%n", seed, r.excitatoryRateHz(),
                    r.inhibitoryRateHz(), r.alpha().peakHz(), r.alpha().hasPeak() ? "a peak" : "no peak",
                    r.gamma().peakHz(), r.gamma().hasPeak() ? "a peak" : "no peak", r.wallSeconds(),
                    out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code hebb song}: additive STDP makes one neuron's input weights bimodal (Song, Miller and Abbott 2000). */
    @Command(name = "song", mixinStandardHelpOptions = true,
            description = "Song, Miller & Abbott (2000): Poisson inputs with additive STDP onto one conductance LIF "
                    + "neuron; the weight histogram, the fraction of weights near a bound and the output rate over "
                    + "time; result.json, summary.md, plots.")
    static final class SongCommand implements Callable<Integer>, CheckedOptions {
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
            Require.that(correlated == 0 || perStep / correlation <= 1, "--rate = " + rateHz + " Hz is not allowed "
                    + "with --correlation " + correlation + ": rate * dt / correlation must not exceed 1");
            Require.positive("--snapshot", snapshotS, "s");
            Require.that(snapshotS <= durationS, "--snapshot = " + snapshotS + " s is not allowed: must be at most "
                    + "--duration, " + durationS + " s");
            double weightValues = SongMillerAbbott.snapshotValues(inputs, durationS * 1000, snapshotS * 1000);
            Require.that(weightValues <= StateMonitor.DEFAULT_MAX_VALUES, "--snapshot = " + snapshotS + " s is not "
                    + "allowed with --inputs " + inputs + " over --duration " + durationS + " s: the weights would "
                    + "need " + (long) weightValues + " values, the weight monitor holds at most "
                    + StateMonitor.DEFAULT_MAX_VALUES + " (raise --snapshot, or lower --inputs or --duration)");
            double stepS = SongMillerAbbott.DT_MS / 1000;
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
            System.out.printf("Song, Miller & Abbott, seed %d, %.0f s: output %.1f -> %.1f Hz (first and last "
                            + "tenth), %.1f%% of weights within 10%% of a bound; %.1f s. Results in %s%n", seed,
                    durationS, r.outputRateFirstHz(), r.outputRateLastHz(), 100 * r.fractionNearBounds(),
                    r.simulationSeconds(), out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code hebb what-when}: "what" and "when" predictions learned by a three-factor readout, against FORCE. */
    @Command(name = "what-when", mixinStandardHelpOptions = true,
            description = "An Izhikevich reservoir learns when an outcome follows each cue and with what probability "
                    + "(three-factor readouts online, \"what\" readouts consolidated offline between blocks), "
                    + "beside FORCE with and without resets; result.json, summary.md and plots.")
    static final class WhatWhenCommand implements Callable<Integer>, CheckedOptions {
        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--excitatory", defaultValue = "800", description = "Excitatory reservoir neurons; a "
                + "quarter as many inhibitory ones (default ${DEFAULT-VALUE}).")
        int excitatory;

        @Option(names = "--trials", defaultValue = "120", description = "Trials per block (default "
                + "${DEFAULT-VALUE}).")
        int trials;

        @Option(names = "--latencies", defaultValue = "150:300,250:300,250:300", split = ",", description = "Per "
                + "block, the latencies (ms) of cues A and B as A:B, blocks separated by commas (default "
                + "${DEFAULT-VALUE}).")
        List<String> latencies;

        @Option(names = "--probabilities", defaultValue = "1:0.5,1:0.5,0.25:0.75", split = ",", description = "Per "
                + "block, the outcome probabilities of cues A and B, as --latencies (default ${DEFAULT-VALUE}).")
        List<String> probabilities;

        @Option(names = "--what-subspace-rows", defaultValue = "2", description = "Subspace neurons dividing the "
                + "activity between the \"what\" readouts (inside their subspace) and the \"when\" readouts (its "
                + "complement); 0: both learn from all of it (default ${DEFAULT-VALUE}).")
        int whatSubspaceRows;

        @Option(names = "--out", defaultValue = "out/what-when", description = "Output directory "
                + "(default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public void checkOptions() {
            settings();
        }

        /** The settings the options give; refuses a value out of its range, naming its option. */
        private WhatWhenSettings settings() {
            String[] lat = latencies.toArray(String[]::new);
            String[] prob = probabilities.toArray(String[]::new);
            if (lat.length != prob.length) {
                throw new IllegalArgumentException("--latencies has " + lat.length + " blocks and --probabilities "
                        + prob.length + ": they must have the same number");
            }
            Require.atLeast("--trials", trials, 2);
            Require.atLeast("--excitatory", excitatory, 1);
            int mostExcitatory = ForceReadout.MAX_INPUTS * 4 / 5;
            while (mostExcitatory + 1 + Math.max(1, (mostExcitatory + 1) / 4) <= ForceReadout.MAX_INPUTS) {
                mostExcitatory++;
            }
            while (mostExcitatory + Math.max(1, mostExcitatory / 4) > ForceReadout.MAX_INPUTS) {
                mostExcitatory--;
            }
            Require.that(excitatory <= mostExcitatory, "--excitatory = " + excitatory + " is not allowed: must be at "
                    + "most " + mostExcitatory + ", as FORCE keeps an n x n matrix of the reservoir's n neurons, "
                    + "--excitatory and a quarter as many inhibitory ones, in one array of at most "
                    + ForceReadout.MAX_INPUTS + " x " + ForceReadout.MAX_INPUTS);
            WhatWhenSettings full = WhatWhenSettings.full(seed);
            int earliest = full.gateFromMs() + 1;
            int latest = full.trialMs() - 1;
            java.util.List<WhatWhenSettings.Block> blocks = new java.util.ArrayList<>();
            for (int b = 0; b < lat.length; b++) {
                int[] latency;
                double[] probability;
                try {
                    latency = java.util.Arrays.stream(pair("--latencies", lat[b])).mapToInt(Integer::parseInt)
                            .toArray();
                    probability = java.util.Arrays.stream(pair("--probabilities", prob[b]))
                            .mapToDouble(Double::parseDouble).toArray();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--latencies block '" + lat[b] + "' or --probabilities block '"
                            + prob[b] + "' is not allowed: must be two numbers A:B (latencies in whole ms)", e);
                }
                for (int k = 0; k < WhatWhenSettings.CUES; k++) {
                    String cue = "cue " + (char) ('A' + k);
                    Require.that(latency[k] >= earliest && latency[k] <= latest, "--latencies block " + (b + 1)
                            + " '" + lat[b] + "' is not allowed: " + cue + "'s latency " + latency[k] + " ms must "
                            + "be in [" + earliest + ", " + latest + "] ms (after the attention gate opens at "
                            + full.gateFromMs() + " ms, within the " + full.trialMs() + " ms trial)");
                    Require.that(probability[k] >= 0 && probability[k] <= 1, "--probabilities block " + (b + 1)
                            + " '" + prob[b] + "' is not allowed: " + cue + "'s probability " + probability[k]
                            + " must be in [0, 1]");
                }
                blocks.add(new WhatWhenSettings.Block(trials, latency, probability));
            }
            int inhibitory = Math.max(1, excitatory / 4);
            Require.inRange("--what-subspace-rows", whatSubspaceRows, 0, excitatory + inhibitory - 1);
            return full.withBlocks(blocks).withReservoir(excitatory, inhibitory)
                    .withWhatSubspaceRows(whatSubspaceRows);
        }

        @Override
        public void checkResources() {
            WhatWhenExperiment.requireFits(settings());
        }

        @Override
        public Integer call() throws Exception {
            checkOptions();
            checkResources();
            Map<String, Object> r = WhatWhenExperiment.run(settings(), out);
            System.out.printf("what-when, seed %d: timing error %.3f, probability r %.3f, adaptation (trials) "
                            + "three-factor %s, FORCE without reset %s, FORCE with reset %s, what/when angle %.1f deg;"
                            + " %.0f s. Results in %s%n", seed, (double) r.get("timing_error_fraction"),
                    (double) r.get("probability_pearson_r"), measured(r, "adaptation_trials_three_factor"),
                    measured(r, "adaptation_trials_force_no_reset"), measured(r, "adaptation_trials_force_reset"),
                    (double) r.get("subspace_angle_deg"), (double) r.get("wall_seconds"), out.toAbsolutePath());
            return 0;
        }

        /**
         * An adaptation count of the result {@code r}: "not measured" where the result has none, "never settled"
         * where the readout never reached its new steady state.
         */
        private static String measured(Map<String, Object> r, String field) {
            Object value = r.get(field);
            return value != null ? value.toString() : r.containsKey(field) ? "never settled" : "not measured";
        }

        private static String[] pair(String option, String text) {
            String[] parts = text.strip().split("\\s*:\\s*");
            if (parts.length != WhatWhenSettings.CUES) {
                throw new IllegalArgumentException(option + " block '" + text + "' is not allowed: must be two "
                        + "values A:B");
            }
            return parts;
        }
    }

    /** {@code hebb hlop}: continual learning of permuted Fashion-MNIST, with and without HLOP. */
    @Command(name = "hlop", mixinStandardHelpOptions = true,
            description = "A spiking network learns permuted Fashion-MNIST tasks one after another with a "
                    + "three-factor rule (baseline), with its updates projected off the subspaces that Hebbian "
                    + "subspace neurons learn (hlop), or all tasks at once (multitask); result.json with the "
                    + "accuracy matrix, ACC and BWT, and plots. Resumes from the checkpoint in --out.")
    static final class HlopCommand implements Callable<Integer>, CheckedOptions {
        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--variant", defaultValue = "hlop", description = "baseline, hlop or multitask (default "
                + "${DEFAULT-VALUE}).")
        String variant;

        @Option(names = "--tasks", defaultValue = "10", description = "Tasks, 1 to 10 (default ${DEFAULT-VALUE}).")
        int tasks;

        @Option(names = "--train-per-task", defaultValue = "10000", description = "Training images per task, a "
                + "random subset of Fashion-MNIST's 60,000 (default ${DEFAULT-VALUE}).")
        int trainPerTask;

        @Option(names = "--test-per-task", defaultValue = "2000", description = "Test images per task, the "
                + "first of Fashion-MNIST's 10,000 (default ${DEFAULT-VALUE}).")
        int testPerTask;

        @Option(names = "--hidden", defaultValue = "800", description = "Hidden LIF neurons (default "
                + "${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--out", defaultValue = "out/hlop", description = "Output directory (default "
                + "${DEFAULT-VALUE}).")
        Path out;

        @Override
        public void checkOptions() {
            settings();
        }

        /** The settings the options give; refuses a value out of its range, naming its option. */
        private HlopSettings settings() {
            HlopVariant kind = Arrays.stream(HlopVariant.values()).filter(v -> v.label().equals(variant))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("--variant = '" + variant + "' is "
                            + "not allowed: use baseline, hlop or multitask"));
            HlopSettings s = HlopSettings.standard(seed, kind);
            if (tasks != s.tasks() || trainPerTask != s.trainPerTask() || testPerTask != s.testPerTask()
                    || hidden != s.hidden()) {
                s = s.reduced(tasks, trainPerTask, testPerTask, hidden);
            }
            return s;
        }

        @Override
        public void checkResources() {
            HlopExperiment.requireRunnable(settings());
        }

        @Override
        public Integer call() throws Exception {
            checkOptions();
            checkResources();
            HlopExperiment.run(settings(), out);
            return 0;
        }
    }

    /** {@code hebb microcircuit}: the cortical microcircuit of Potjans and Diesmann (2014). */
    @Command(name = "microcircuit", mixinStandardHelpOptions = true,
            description = "The cortical microcircuit of Potjans & Diesmann (2014) with the PyNEST example's "
                    + "parameters: 100 ms of warm-up, then 1 s recorded; rates, irregularity and synchrony per "
                    + "population beside NEST's reference rates, construction time, time per biological second, "
                    + "peak memory; result.json, summary.md, raster.png, rates.png.")
    static final class MicrocircuitCommand implements Callable<Integer>, CheckedOptions {
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
                + MAX_THREADS + "; 0 chooses automatically (default ${DEFAULT-VALUE}).")
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
            Require.that(threads >= 0 && threads <= MAX_THREADS, "--threads = " + threads + " is not allowed: must "
                    + "be in [0, " + MAX_THREADS + "] (0: automatic)");
            Require.that(backend == BackendKind.JAVA || threads <= 1, "--threads = " + threads + " is not allowed "
                    + "with --backend " + backend + ", which runs on its device: use 0 or 1");
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
                rates.append(String.format(" %s %.2f", MicrocircuitParameters.POPULATIONS.get(p), r.ratesHz()[p]));
            }
            System.out.printf("Microcircuit, scale %s, %d neurons, %d synapses (%.2f bytes each): rates (Hz)%s; "
                            + "construction %.1f s, %.2f s per biological second, peak memory %.2f GiB. Results in "
                            + "%s%n",
                    scale, r.neurons(), r.synapses(), (double) r.synapseBytes() / r.synapses(), rates,
                    r.constructionSeconds(), r.secondsPerBioSecond(),
                    r.peakMemoryBytes() / (double) (1L << 30), out.toAbsolutePath());
            if (!r.metricsComplete()) {
                System.out.printf("Incomplete: the spikes of %s were not all stored (%d past the spike monitors' "
                        + "bound), so they have no CV or synchrony; their rates count every spike.%n",
                        String.join(", ", r.incompletePopulations()), Arrays.stream(r.droppedSpikes()).sum());
            }
            return 0;
        }
    }

    /** {@code hebb quickstart}: COBA for one second, with results a person can look at. */
    @Command(name = "quickstart", mixinStandardHelpOptions = true,
            description = "Simulates the COBA benchmark network (Brette et al. 2007) and writes spike counts, "
                    + "rates, a raster plot and a summary.")
    static final class QuickstartCommand implements Callable<Integer>, CheckedOptions {
        @Option(names = "--neurons", defaultValue = "4000", description = "Network size (default ${DEFAULT-VALUE}).")
        int neurons;

        @Option(names = "--duration", defaultValue = "1000", description = "Biological time in ms "
                + "(default ${DEFAULT-VALUE}).")
        double durationMs;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", defaultValue = "0", description = "Threads of the JAVA backend; 0 chooses "
                + "automatically; refused with OPENCL, which runs on its device (default ${DEFAULT-VALUE}).")
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
            Require.inRange("--threads", threads, 0, MAX_THREADS);
            Require.that(backend == BackendKind.JAVA || threads == 0, "--threads = " + threads + " is not allowed "
                    + "with --backend " + backend + ": it runs every step on its device, without worker threads; "
                    + "leave --threads out");
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
            System.out.printf("COBA, %d neurons, %.0f ms, seed %d: excitatory %.2f Hz, inhibitory %.2f Hz "
                            + "(simulated in %.2f s on the %s backend, %d thread(s))%n", s.neurons(), s.durationMs(),
                    s.seed(), s.meanRateHz().get("exc"), s.meanRateHz().get("inh"), s.simulationSeconds(),
                    s.backend(), s.threads());
            System.out.println("Results in " + out.toAbsolutePath() + ": summary.md, summary.json, raster.png, "
                    + "population_rate.png, population_rate.csv, spike_counts.csv");
            return 0;
        }
    }

    /** {@code hebb liquid-dynamics}: NALSM's unsupervised phase with and without the astrocyte. */
    @Command(name = "liquid-dynamics", mixinStandardHelpOptions = true,
            description = "Runs NALSM's unsupervised phase on Fashion-MNIST (or MNIST) with astrocyte-modulated "
                    + "STDP and with plain STDP, and writes the liquid's rate, the astrocyte and the branching "
                    + "factor over the samples.")
    static final class LiquidDynamicsCommand implements Callable<Integer>, CheckedOptions {
        @Option(names = "--side", defaultValue = "10", description = "Grid side: 10 for 1000 neurons, 20 for 8000 "
                + "(default ${DEFAULT-VALUE}).")
        int side;

        @Option(names = "--samples", defaultValue = "50000", description = "Samples of 20 ms "
                + "(default ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--block", defaultValue = "2500", description = "Samples per reported block "
                + "(default ${DEFAULT-VALUE}).")
        int block;

        @Option(names = "--probe-samples", defaultValue = "20", description = "250 ms samples for the branching "
                + "factor: the last images of the training data, at most as many as it has (default "
                + "${DEFAULT-VALUE}).")
        int probeSamples;

        @Option(names = "--data", description = "Directory of IDX files (default: Fashion-MNIST at "
                + "/usr/share/datasets/fashion-mnist).")
        Path data = IdxImages.FASHION_MNIST;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", defaultValue = "out/liquid-dynamics", description = "Output directory "
                + "(default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public void checkOptions() {
            OptionChecks.side(side);
            Require.atLeast("--samples", samples, 1);
            Require.that(block >= 1 && block <= samples, "--block = " + block + " is not allowed: must be in [1, "
                    + samples + "] (at most --samples)");
            Require.atLeast("--probe-samples", probeSamples, 1);
        }

        @Override
        public void checkResources() {
            IdxImages.Shape images = IdxImages.requireShape("--data", data, IdxImages.Split.TRAIN);
            OptionChecks.sideFits(side, images);
            LiquidDynamics.requireRunnable(settings(), images);
        }

        private LiquidDynamics.Settings settings() {
            return new LiquidDynamics.Settings(side, samples, block, probeSamples, seed);
        }

        @Override
        public Integer call() throws Exception {
            checkOptions();
            checkResources();
            IdxImages images = IdxImages.read(data, IdxImages.Split.TRAIN);
            LiquidDynamics.Settings settings = settings();
            // checks the probe samples against the data and the liquid against the heap before opening out
            LiquidDynamics.Summary s = LiquidDynamics.run(settings, new InputEncoding(images), out);
            for (LiquidDynamics.ModelRun run : s.models()) {
                UnsupervisedPhase.Block last = run.blocks().get(run.blocks().size() - 1);
                System.out.printf("%-8s liquid %.1f -> %.1f Hz, A %.4f, NALSM branching factor %.3f -> %.3f "
                                + "(%.1f s)%n", run.model(), run.blocks().get(0).liquidRateHz(), last.liquidRateHz(),
                        last.depressionAtEnd(), run.probeBefore().branchingFactor(),
                        run.probeAfter().branchingFactor(), run.phaseSeconds());
            }
            System.out.println("Results in " + out.toAbsolutePath()
                    + ": summary.md, summary.json, liquid_rate.png, astrocyte.png, branching_factor.png");
            return 0;
        }
    }
}
