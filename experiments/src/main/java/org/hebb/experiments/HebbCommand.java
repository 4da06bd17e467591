package org.hebb.experiments;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.sweep.SweepPlan;
import org.hebb.simulator.storage.HebbVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

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
        subcommands = {QuickstartCommand.class, LiquidDynamicsCommand.class, DevicesCommand.class,
                PixelReadoutCommand.class, NalsmCommand.class, Izhikevich2003Command.class, WhatWhenCommand.class,
                SongCommand.class, KernelCommand.class, SweepCommand.class, HlopCommand.class,
                MicrocircuitCommand.class})
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
    private static final String FOOTER = "%nExit codes: 0 finished, " + EXIT_FAILED + " the run failed, " + EXIT_REFUSED
            + " the command line was refused before any work. A run holds its --out directory locked (its "
            + OutputDirectory.LOCK_FILE + " file) until it ends, and writes its result file last.";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        // each program's --version, listed in its help, prints the build as hebb --version does
        commandLine.getSubcommands().values().forEach(c -> c.getCommandSpec().versionProvider(new BuildVersion())
                .usageMessage().footer(FOOTER));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            report(command, unknownProgram(e).orElse(e), Arrays.asList(arguments).contains(VERBOSE));
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
            err.printf(Locale.ROOT,
                    "hebb: out of memory (the JVM's maximum heap is %.1f GB): raise -Xmx or make the run "
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

    /**
     * An unmatched first argument of {@code hebb} itself, not an option, is a program's name that is not one: the
     * refusal names it and the programs there are, where picocli speaks of an unmatched argument at an index.
     */
    private static Optional<CommandLine.ParameterException> unknownProgram(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && e.getCommandLine().getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return Optional.of(new CommandLine.ParameterException(e.getCommandLine(), "unknown program '"
                    + unmatched.getUnmatched().get(0) + "': the programs are " + programs(e.getCommandLine())));
        }
        return Optional.empty();
    }

    private static String programs(CommandLine hebb) {
        return String.join(", ", hebb.getSubcommands().keySet());
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

    /** {@code hebb} without a program runs nothing: a refusal, naming the programs. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "no program given: name one of "
                + programs(spec.commandLine()));
    }

}
