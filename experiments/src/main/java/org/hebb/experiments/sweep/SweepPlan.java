package org.hebb.experiments.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.hebb.util.Require;

/**
 * The points of a sweep: every seed for every combination of the swept options' values. The experiment's own options
 * pass through to every point; an option whose value is a comma-separated list is swept over its values.
 *
 * @param seeds   the seeds, ascending, each once
 * @param fixed   the options every point gets, in order ({@code --name value} or flags)
 * @param swept   each swept option (as written, {@code --weight}) with its values, in order
 */
public record SweepPlan(long[] seeds, List<String> fixed, Map<String, List<String>> swept) {
    /** One point: its seed, the value of each swept option, and the name of its output directory. */
    public record Point(long seed, Map<String, String> values, String name) {
    }

    /**
     * The plan for {@code seeds} (a list of seeds and ranges, such as {@code 1-5} or {@code 1,3,7-9}) and the
     * experiment's options {@code options}.
     *
     * @throws IllegalArgumentException naming what is wrong: a seed list that does not parse, an option that sets
     *                                  --seed or --out (the sweep sets them), an option given twice
     */
    public static SweepPlan of(String seeds, List<String> options) {
        List<String> fixed = new ArrayList<>();
        Map<String, List<String>> swept = new LinkedHashMap<>();
        for (int k = 0; k < options.size(); k++) {
            String option = options.get(k);
            Require.that(!option.equals("--seed") && !option.equals("--out") && !option.startsWith("--seed=")
                    && !option.startsWith("--out="), "option " + option + " is not allowed: the sweep sets --seed "
                    + "and --out for each point (use --seeds and the sweep's --out)");
            boolean hasValue = option.startsWith("--") && k + 1 < options.size()
                    && !options.get(k + 1).startsWith("--");
            if (hasValue && options.get(k + 1).contains(",")) {
                Require.that(!swept.containsKey(option), "option " + option + " is not allowed twice");
                List<String> values = List.of(options.get(k + 1).split(","));
                Require.that(values.stream().noneMatch(String::isBlank), option + " = '" + options.get(k + 1)
                        + "' is not allowed: a swept option lists values separated by commas, none empty");
                swept.put(option, values);
                k++;
            } else {
                fixed.add(option);
                if (hasValue) {
                    fixed.add(options.get(++k));
                }
            }
        }
        return new SweepPlan(parseSeeds(seeds), List.copyOf(fixed), swept);
    }

    /** Seeds from a list of seeds and ranges ({@code 1-5}, {@code 1,3,7-9}), ascending, each once. */
    static long[] parseSeeds(String text) {
        TreeSet<Long> seeds = new TreeSet<>();
        String refusal = "seeds = '" + text + "' is not allowed: give seeds and ranges separated by commas, such as "
                + "1-5 or 1,3,7-9";
        Require.that(text != null && !text.isBlank(), refusal);
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-", -1);
            try {
                long from = Long.parseLong(ends[0].trim());
                long to = ends.length == 2 ? Long.parseLong(ends[1].trim()) : from;
                Require.that(ends.length <= 2 && from <= to && to - from < 100_000, refusal);
                for (long s = from; s <= to; s++) {
                    seeds.add(s);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(refusal, e);
            }
        }
        return seeds.stream().mapToLong(Long::longValue).toArray();
    }

    /** Every point: for each combination of the swept values (the first option slowest), each seed. */
    public List<Point> points() {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> option : swept.entrySet()) {
            List<Map<String, String>> longer = new ArrayList<>();
            for (Map<String, String> c : combinations) {
                for (String value : option.getValue()) {
                    Map<String, String> next = new LinkedHashMap<>(c);
                    next.put(option.getKey(), value);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        List<Point> points = new ArrayList<>();
        for (Map<String, String> c : combinations) {
            for (long seed : seeds) {
                points.add(new Point(seed, c, name(c, seed)));
            }
        }
        return points;
    }

    /** The arguments of {@code point} for {@code experiment}, writing into {@code out}. */
    public List<String> arguments(String experiment, Point point, String out) {
        List<String> args = new ArrayList<>();
        args.add(experiment);
        args.addAll(fixed);
        point.values().forEach((option, value) -> {
            args.add(option);
            args.add(value);
        });
        args.addAll(List.of("--seed", String.valueOf(point.seed()), "--out", out));
        return args;
    }

    /** The name of a combination: each swept option and its value, then the seed ({@code weight0.4-seed1}). */
    static String name(Map<String, String> combination, long seed) {
        StringBuilder name = new StringBuilder();
        combination.forEach((option, value) -> name.append(option.replaceFirst("^-+", "")).append(value).append('-'));
        return name.append("seed").append(seed).toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The name of a combination without its seed ({@code weight0.4}, or {@code all} with nothing swept). */
    static String combinationName(Map<String, String> combination) {
        String name = name(combination, 0);
        return combination.isEmpty() ? "all" : name.substring(0, name.length() - "-seed0".length());
    }
}
