package org.hebb.experiments;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.hebb.experiments.jobs.ExecutorOptions;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.jobs.JobRunner;
import org.hebb.experiments.sweep.Sweep;
import org.hebb.experiments.sweep.SweepPlan;
import org.hebb.util.Require;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", description = "The experiment: a hebb command with --seed and --out "
            + "(nalsm, song, what-when, izhikevich2003, pixel-readout, quickstart, liquid-dynamics, hlop, "
            + "microcircuit).")
    String experiment;

    @Option(names = "--seeds", defaultValue = "1", description = "Seeds and ranges, such as 1-5, 1,3,7-9 or "
            + "-5--3 (a '-' starting a seed is its sign; default ${DEFAULT-VALUE}).")
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
            + "still to run, this many, must fit in it together (default ${DEFAULT-VALUE}); only with the local "
            + "executor.")
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
        Require.that(pointsAtOnce == 1 || executor.name().equals("local"), "--points-at-once = " + pointsAtOnce
                + " is not allowed with --executor " + executor.name() + ", which runs as many points at once as its "
                + "cluster has cores: leave --points-at-once out (it sets the local executor's points at once)");
        executor.check();
        SweepPlan plan = SweepPlan.of(seeds, options, HebbCommand.listOptions(experiment));
        PrintWriter out = spec.commandLine().getOut();
        Sweep.Outcome outcome;
        try (JobExecutor points = executor.open(pointsAtOnce)) {
            outcome = Sweep.run(experiment, plan, this.out, metric, points);
        }
        out.printf(Locale.ROOT, "%s: %d points, %s summarised in %s%n", experiment, outcome.points().size(),
                outcome.metric(), this.out.resolve("summary.md").toAbsolutePath());
        return 0;
    }
}
