package org.hebb.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hebb.experiments.whatwhen.ForceReadout;
import org.hebb.experiments.whatwhen.WhatWhenExperiment;
import org.hebb.experiments.whatwhen.WhatWhenSettings;
import org.hebb.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb what-when}: "what" and "when" predictions learned by a three-factor readout, against FORCE. */
@Command(name = "what-when", mixinStandardHelpOptions = true,
        description = "An Izhikevich reservoir learns when an outcome follows each cue and with what probability "
                + "(three-factor readouts online, \"what\" readouts consolidated offline between blocks), "
                + "beside FORCE with and without resets; result.json, summary.md and plots.")
final class WhatWhenCommand implements Callable<Integer>, CheckedOptions {
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
        System.out.printf(Locale.ROOT, "what-when, seed %d: timing error %.3f, probability r %.3f, adaptation (trials) "
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
