package org.hebb.experiments.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hebb.util.Require;

/**
 * The points of a sweep: every seed for every combination of the swept options' values. The experiment's own options
 * pass through to every point; an option whose value is a comma-separated list is swept over its values. An option
 * whose value is itself a comma-separated list (a list option, such as what-when's --latencies) is passed whole, and
 * swept over alternatives separated by {@value #ALTERNATIVES} ({@code 150:300,250:300;200:300,250:300}); a
 * {@value #ALTERNATIVES} in any other option's value is refused.
 *
 * @param seeds   the seeds, ascending, each once
 * @param fixed   the options every point gets, in order ({@code --name value} or flags)
 * @param swept   each swept option (as written, {@code --weight}) with its values, in order
 */
public record SweepPlan(long[] seeds, List<String> fixed, Map<String, List<String>> swept) {
    /** What separates the alternatives of a swept list option. */
    public static final String ALTERNATIVES = ";";

    /** The most seeds --seeds may give, all its ranges together. */
    private static final int MAX_SEEDS = 100_000;

    /** The longest name of a point's directory: the most bytes that file systems take in one name. */
    private static final int MAX_NAME_LENGTH = 255;

    /** A seed, or a range of them: the first '-' after the first seed's digits separates the ends. */
    private static final Pattern SEED_RANGE = Pattern.compile("\\s*([+-]?\\d+)\\s*(?:-\\s*([+-]?\\d+)\\s*)?");

    /** One point: its seed, the value of each swept option, and the name of its output directory. */
    public record Point(long seed, Map<String, String> values, String name) {
    }

    /**
     * The plan for {@code seeds} (a list of seeds and ranges, such as {@code 1-5} or {@code 1,3,7-9}) and the
     * experiment's options {@code options}, none of which is a list option.
     *
     * @throws IllegalArgumentException as {@link #of(String, List, Set)}
     */
    public static SweepPlan of(String seeds, List<String> options) {
        return of(seeds, options, Set.of());
    }

    /**
     * The plan for {@code seeds} (a list of seeds and ranges, such as {@code 1-5} or {@code 1,3,7-9}) and the
     * experiment's options {@code options}, of which those named in {@code listOptions} take a comma-separated list
     * as their value ({@code HebbCommand.listOptions}): such a value is passed whole, or swept over its
     * alternatives separated by {@value #ALTERNATIVES}; any other option's value is swept over its values separated
     * by commas.
     *
     * @throws IllegalArgumentException naming what is wrong: a seed list that does not parse, an option that sets
     *                                  --seed or --out (the sweep sets them), an option given twice, an empty
     *                                  value or alternative, a value or alternative listed twice, values that
     *                                  give two points one directory ({@code a/b,a_b}) or a point a directory
     *                                  name too long to make, a {@value #ALTERNATIVES}
     *                                  in the value of an option that is not a list option
     */
    public static SweepPlan of(String seeds, List<String> options, Set<String> listOptions) {
        options = separated(options);
        List<String> fixed = new ArrayList<>();
        Map<String, List<String>> swept = new LinkedHashMap<>();
        Set<String> given = new TreeSet<>();
        for (int k = 0; k < options.size(); k++) {
            String option = options.get(k);
            Require.that(!option.equals("--seed") && !option.equals("--out"), "option " + option + " is not "
                    + "allowed: the sweep sets --seed and --out for each point (use --seeds and the sweep's --out)");
            Require.that(!option.startsWith("--") || given.add(option), "option " + option + " is not allowed "
                    + "twice: give it once (to sweep it, list its values separated by "
                    + (listOptions.contains(option) ? "'" + ALTERNATIVES + "'" : "commas") + ")");
            boolean hasValue = option.startsWith("--") && k + 1 < options.size()
                    && !options.get(k + 1).startsWith("--");
            String value = hasValue ? options.get(k + 1) : "";
            boolean list = listOptions.contains(option);
            Require.that(list || !value.contains(ALTERNATIVES), option + " = '" + value + "' is not allowed: '"
                    + ALTERNATIVES + "' separates the alternatives of an option whose value is itself a "
                    + "comma-separated list (" + (listOptions.isEmpty() ? "this experiment has none"
                    : String.join(", ", new TreeSet<>(listOptions))) + "); sweep " + option + " over values "
                    + "separated by commas");
            String separator = list ? ALTERNATIVES : ",";
            if (hasValue && value.contains(separator)) {
                List<String> values = List.of(value.split(separator, -1));
                Require.that(values.stream().noneMatch(String::isBlank), option + " = '" + value + "' is not "
                        + "allowed: a swept option lists " + (list ? "alternatives separated by '" + ALTERNATIVES
                        + "'" : "values separated by commas") + ", none empty");
                Set<String> distinct = new TreeSet<>();
                for (String v : values) {
                    Require.that(distinct.add(v), option + " = '" + value + "' is not allowed: it lists '" + v
                            + "' twice (its points would share one directory and count in the summary twice); "
                            + "list each " + (list ? "alternative" : "value") + " once");
                }
                swept.put(option, values);
                k++;
            } else {
                fixed.add(option);
                if (hasValue) {
                    fixed.add(options.get(++k));
                }
            }
        }
        SweepPlan plan = new SweepPlan(parseSeeds(seeds), List.copyOf(fixed), swept);
        plan.requireOneDirectoryPerPoint(listOptions);
        return plan;
    }

    /**
     * Fails unless every point has a directory of its own that a file system can make: values that differ only in
     * characters that a directory name replaces by '_' ({@code a/b} and {@code a_b}) would run two points into one
     * directory, and a name of more than {@value #MAX_NAME_LENGTH} characters would fail when its point's turn came.
     *
     * @throws IllegalArgumentException naming the option, its value and the two values that give one directory, or
     *                                  the point whose name is too long
     */
    private void requireOneDirectoryPerPoint(Set<String> listOptions) {
        Map<String, Point> byName = new LinkedHashMap<>();
        for (Point point : points()) {
            if (point.name().length() > MAX_NAME_LENGTH) {
                String option = point.values().entrySet().stream().max(Map.Entry.comparingByValue(
                        Comparator.comparingInt(String::length))).orElseThrow().getKey();
                throw new IllegalArgumentException(option + " = '" + String.join(listOptions.contains(option)
                        ? ALTERNATIVES : ",", swept.get(option)) + "' is not allowed: point " + point.name()
                        + " would write into a directory whose name has more than " + MAX_NAME_LENGTH
                        + " characters, which file systems refuse: sweep shorter values");
            }
            Point other = byName.putIfAbsent(point.name(), point);
            if (other != null) {
                String option = swept.keySet().stream()
                        .filter(o -> !other.values().get(o).equals(point.values().get(o))).findFirst().orElseThrow();
                String value = String.join(listOptions.contains(option) ? ALTERNATIVES : ",", swept.get(option));
                throw new IllegalArgumentException(option + " = '" + value + "' is not allowed: its values '"
                        + other.values().get(option) + "' and '" + point.values().get(option) + "' give one point "
                        + "directory, " + point.name() + ", so that one point would overwrite the other: give "
                        + "values that differ in letters, digits, '.', '-' or '_'");
            }
        }
    }

    /**
     * The options with each {@code --name=value} written as {@code --name} and {@code value}, as picocli reads
     * both, so that the two forms sweep alike.
     */
    private static List<String> separated(List<String> options) {
        List<String> out = new ArrayList<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 2) {
                out.add(option.substring(0, equals));
                out.add(option.substring(equals + 1));
            } else {
                out.add(option);
            }
        }
        return out;
    }

    /**
     * Seeds from a list of seeds and ranges ({@code 1-5}, {@code 1,3,7-9}, {@code -5--3}), ascending, each once.
     * A seed is any long, as {@code --seed} takes: a '-' at the start of a seed is its sign, any other separates the
     * ends of a range, so {@code -5--3} is the range from -5 to -3.
     */
    static long[] parseSeeds(String text) {
        TreeSet<Long> seeds = new TreeSet<>();
        String refusal = "--seeds = '" + text + "' is not allowed: give seeds and ranges separated by commas, such as "
                + "1-5, 1,3,7-9 or -5--3: seeds are any whole numbers, negative ones with their sign, and a range "
                + "from-to has from <= to, and there are at most " + MAX_SEEDS + " seeds in all";
        Require.that(text != null && !text.isBlank(), refusal);
        for (String part : text.split(",", -1)) {
            Matcher range = SEED_RANGE.matcher(part);
            Require.that(range.matches(), refusal);
            try {
                long from = Long.parseLong(range.group(1));
                long to = range.group(2) != null ? Long.parseLong(range.group(2)) : from;
                // a range wider than the cap stops at the cap's check below, before it fills the set
                Require.that(from <= to, refusal);
                // stops at to itself: stepping past Long.MAX_VALUE would wrap around
                for (long s = from; ; s++) {
                    seeds.add(s);
                    Require.that(seeds.size() <= MAX_SEEDS, refusal);
                    if (s == to) {
                        break;
                    }
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
