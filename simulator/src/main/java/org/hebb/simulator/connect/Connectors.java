package org.hebb.simulator.connect;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.population.Positions;
import org.hebb.util.Require;

/**
 * The connectors: one-to-one, all-to-all, fixed probability, fixed in-degree, fixed out-degree, fixed total number,
 * distance-dependent and explicit lists. {@code allowSelf} matters only when a population projects onto itself: it
 * allows i -> i.
 */
public final class Connectors {
    /** Synapses whose sources {@link #fixedTotalNumber} draws from one random stream. */
    private static final int SOURCES_PER_BLOCK = 1 << 20;

    private Connectors() {
    }

    /** Connects i to i; source and target must have the same size. */
    public static Connector oneToOne() {
        return new Connector() {
            @Override
            public void connect(Population source, Population target, UniformRandomProvider random, PairSink sink) {
                Require.that(source.size() == target.size(), "oneToOne needs equal sizes: source " + source
                        + " and target " + target + " differ");
                for (int i = 0; i < source.size(); i++) {
                    sink.add(i, i);
                }
            }

            @Override
            public String describe() {
                return "oneToOne";
            }
        };
    }

    /** Connects every source element to every target neuron. */
    public static Connector allToAll(boolean allowSelf) {
        return new Connector() {
            @Override
            public void connect(Population source, Population target, UniformRandomProvider random, PairSink sink) {
                boolean same = source == target;
                long count = (long) source.size() * target.size() - (allowSelf || !same ? 0 : source.size());
                requireFits(count, describe() + " from " + source + " onto " + target);
                for (int i = 0; i < source.size(); i++) {
                    for (int j = 0; j < target.size(); j++) {
                        if (allowSelf || !same || i != j) {
                            sink.add(i, j);
                        }
                    }
                }
            }

            @Override
            public String describe() {
                return "allToAll(allowSelf=" + allowSelf + ")";
            }
        };
    }

    /** Connects each pair independently with probability {@code p} (drawn by geometric skipping). */
    public static Connector fixedProbability(double p, boolean allowSelf) {
        Require.inRange("p", p, 0.0, 1.0, null);
        return new Connector() {
            @Override
            public void connect(Population source, Population target, UniformRandomProvider random, PairSink sink) {
                if (p == 0) {
                    return;
                }
                boolean same = source == target;
                double logMiss = Math.log1p(-p);
                int n = target.size();
                for (int i = 0; i < source.size(); i++) {
                    // in long: the next index, up to this one plus n + 1, overflows an int above 2^30 neurons
                    long j = -1;
                    while (true) {
                        j += p == 1 ? 1 : 1 + (long) Math.min(n, Math.floor(Math.log(1.0 - random.nextDouble())
                                / logMiss));
                        if (j >= n) {
                            break;
                        }
                        if (allowSelf || !same || i != j) {
                            sink.add(i, (int) j);
                        }
                    }
                }
            }

            @Override
            public String describe() {
                return "fixedProbability(p=" + p + ", allowSelf=" + allowSelf + ")";
            }
        };
    }

    /**
     * Gives every target neuron exactly {@code k} distinct presynaptic partners, drawn uniformly: no pair is
     * connected twice. The same as {@link #fixedInDegree(int, boolean, boolean) fixedInDegree(k, allowSelf, false)}.
     * NEST's {@code fixed_indegree} allows multapses by default; Hebb's default does not, so networks built with it
     * stay as they were.
     *
     * @param k         synapses onto each target neuron, from 0 to the number of possible partners (the source's
     *                  size, one less within one population without self-connections)
     * @param allowSelf whether i -> i may be drawn when a population projects onto itself
     */
    public static Connector fixedInDegree(int k, boolean allowSelf) {
        return fixedInDegree(k, allowSelf, false);
    }

    /**
     * Gives every target neuron exactly {@code k} presynaptic partners, drawn uniformly from the source: without
     * multapses {@code k} distinct ones, with multapses {@code k} independent draws with replacement, so that a pair
     * may be connected more than once (about {@code k (k - 1) / (2 n)} repeated pairs of draws per target, n the
     * possible partners), as NEST's {@code fixed_indegree} with {@code allow_multapses=True}, its default. Hebb's
     * default, {@link #fixedInDegree(int, boolean)}, is without multapses. Drawn on one thread from the projection's
     * stream (derived from the master seed and the projection's name), so the network is the same for any number of
     * threads.
     *
     * @param k         synapses onto each target neuron: from 0; without multapses at most the number of possible
     *                  partners (the source's size, one less within one population without self-connections); with
     *                  multapses any number, as long as {@code k} times the target's size fits in a projection
     * @param allowSelf whether i -> i may be drawn when a population projects onto itself
     * @param multapses whether a pair may be drawn more than once
     */
    public static Connector fixedInDegree(int k, boolean allowSelf, boolean multapses) {
        Require.atLeast("k", k, 0);
        return new Connector() {
            @Override
            public void connect(Population source, Population target, UniformRandomProvider random, PairSink sink) {
                boolean same = source == target;
                int candidates = requirePartners(k, source, same && !allowSelf, multapses, "presynaptic", "from");
                requireFits((long) k * target.size(), "k = " + k + " onto " + target);
                if (k == 0) {
                    return;
                }
                int[] chosen = new int[k];
                int[] drawnFor = multapses ? null : new int[candidates];
                for (int j = 0; j < target.size(); j++) {
                    if (multapses) {
                        drawWithReplacement(random, candidates, chosen);
                    } else {
                        drawDistinct(random, candidates, chosen, drawnFor, j + 1);
                    }
                    for (int c : chosen) {
                        // c < candidates <= source size - 1 when shifted past j: c + 1 stays an index
                        int pre = same && !allowSelf && c >= j ? c + 1 : c;
                        sink.add(pre, j);
                    }
                }
            }

            @Override
            public String describe() {
                return "fixedInDegree(k=" + k + ", allowSelf=" + allowSelf + (multapses ? ", multapses=true" : "")
                        + ")";
            }
        };
    }

    /**
     * Gives every source element exactly {@code k} distinct postsynaptic partners, drawn uniformly: no pair is
     * connected twice. The same as {@link #fixedOutDegree(int, boolean, boolean) fixedOutDegree(k, allowSelf,
     * false)}; NEST's {@code fixed_outdegree} allows multapses by default.
     *
     * @param k         synapses from each source element, from 0 to the number of possible partners (the target's
     *                  size, one less within one population without self-connections)
     * @param allowSelf whether i -> i may be drawn when a population projects onto itself
     */
    public static RowConnector fixedOutDegree(int k, boolean allowSelf) {
        return fixedOutDegree(k, allowSelf, false);
    }

    /**
     * Gives every source element exactly {@code k} postsynaptic partners, drawn uniformly from the target: without
     * multapses {@code k} distinct ones, with multapses {@code k} independent draws with replacement, as NEST's
     * {@code fixed_outdegree} with {@code allow_multapses=True}, its default. The in-degrees vary (binomially without
     * multapses). Drawn as a {@link RowConnector}, each block of rows from a stream of its own, so the projection
     * builds on several threads and is the same for any number of them.
     *
     * @param k         synapses from each source element: from 0; without multapses at most the number of possible
     *                  partners (the target's size, one less within one population without self-connections); with
     *                  multapses any number, as long as {@code k} times the source's size fits in a projection
     * @param allowSelf whether i -> i may be drawn when a population projects onto itself
     * @param multapses whether a pair may be drawn more than once
     */
    public static RowConnector fixedOutDegree(int k, boolean allowSelf, boolean multapses) {
        Require.atLeast("k", k, 0);
        return new RowConnector() {
            /** Each thread's draws of one row. */
            private final ThreadLocal<RowScratch> scratch = ThreadLocal.withInitial(RowScratch::new);

            private int candidates(Population source, Population target) {
                return requirePartners(k, target, source == target && !allowSelf, multapses, "postsynaptic", "in");
            }

            @Override
            public int lengthBlocks(Population source, Population target) {
                candidates(source, target);
                requireFits((long) k * source.size(), "k = " + k + " from " + source);
                return 1;
            }

            @Override
            public void drawRowLengths(Population source, Population target, int block,
                                       UniformRandomProvider random, int[] lengths) {
                for (int i = 0; i < lengths.length; i++) {
                    lengths[i] += k;
                }
            }

            @Override
            public void drawRow(Population source, Population target, int pre, UniformRandomProvider random,
                                int[] targets, int from, int to) {
                int candidates = candidates(source, target);
                RowScratch row = scratch.get();
                int[] chosen = row.chosen(k);
                if (multapses) {
                    drawWithReplacement(random, candidates, chosen);
                } else {
                    drawDistinct(random, candidates, chosen, row.marks(candidates), row.nextMark());
                }
                boolean skipSelf = source == target && !allowSelf;
                for (int c = 0; c < k; c++) {
                    // c < candidates <= target size - 1 when shifted past pre: the shift keeps the row sorted
                    targets[from + c] = skipSelf && chosen[c] >= pre ? chosen[c] + 1 : chosen[c];
                }
            }

            @Override
            public String describe() {
                return "fixedOutDegree(k=" + k + ", allowSelf=" + allowSelf + (multapses ? ", multapses=true" : "")
                        + ")";
            }
        };
    }

    /**
     * One thread's arrays for drawing rows of distinct partners: the chosen partners, and a mark per candidate
     * telling which draw chose it (a new mark per row, so the marks need no clearing).
     */
    private static final class RowScratch {
        private int[] chosen = new int[0];
        private int[] marks = new int[0];
        private int mark;

        int[] chosen(int k) {
            if (chosen.length != k) {
                chosen = new int[k];
            }
            return chosen;
        }

        int[] marks(int candidates) {
            if (marks.length < candidates) {
                marks = new int[candidates];
                mark = 0;
            }
            return marks;
        }

        int nextMark() {
            if (mark == Integer.MAX_VALUE) {
                java.util.Arrays.fill(marks, 0);
                mark = 0;
            }
            return ++mark;
        }
    }

    /**
     * Makes exactly {@code count} synapses, each from a source element and onto a target neuron drawn uniformly and
     * independently, as NEST's {@code fixed_total_number} rule with multapses and autapses allowed: a pair may be
     * connected more than once and, within one population, i -> i may occur (the cortical microcircuit of Potjans
     * and Diesmann is built this way). Drawn as a {@link RowConnector}: the sources of all synapses first, counted
     * per source, then each source's targets, so its projections build on several threads.
     */
    public static RowConnector fixedTotalNumber(long count) {
        Require.that(count >= 0 && count <= Integer.MAX_VALUE - 8, "count = " + count + " is not allowed: must be in "
                + "[0, " + (Integer.MAX_VALUE - 8) + "] (a projection's synapses are indexed by int)");
        return new RowConnector() {
            @Override
            public int lengthBlocks(Population source, Population target) {
                return (int) ((count + SOURCES_PER_BLOCK - 1) / SOURCES_PER_BLOCK);
            }

            @Override
            public void drawRowLengths(Population source, Population target, int block,
                                       UniformRandomProvider random, int[] lengths) {
                long end = Math.min(count, (block + 1L) * SOURCES_PER_BLOCK);
                int n = source.size();
                for (long k = (long) block * SOURCES_PER_BLOCK; k < end; k++) {
                    lengths[random.nextInt(n)]++;
                }
            }

            /** Each thread's partial sums of exponential spacings. */
            private final ThreadLocal<double[]> spacings = ThreadLocal.withInitial(() -> new double[0]);

            /**
             * Uniform targets drawn already sorted: the order statistics of L uniforms on [0, 1) are the partial sums
             * of L + 1 standard exponentials divided by their total, so the row needs no sort.
             */
            @Override
            public void drawRow(Population source, Population target, int pre, UniformRandomProvider random,
                                int[] targets, int from, int to) {
                int length = to - from;
                double[] sums = spacings.get();
                if (sums.length < length) {
                    sums = new double[Math.max(length, 2 * sums.length)];
                    spacings.set(sums);
                }
                ContinuousSampler exponential = ZigguratSampler.Exponential.of(random);
                double sum = 0;
                for (int k = 0; k < length; k++) {
                    sum += exponential.sample();
                    sums[k] = sum;
                }
                int n = target.size();
                double scale = n / (sum + exponential.sample());
                for (int k = 0; k < length; k++) {
                    targets[from + k] = Math.min(n - 1, (int) (sums[k] * scale));
                }
            }

            @Override
            public String describe() {
                return "fixedTotalNumber(count=" + count + ", multapses and autapses allowed)";
            }
        };
    }

    /**
     * The possible partners of a neuron in {@code partners} (its size, one less without self-connections), refusing
     * {@code k} draws that they cannot give: distinct ones beyond their number, or any draw where there is none.
     *
     * @param side        "presynaptic" or "postsynaptic"
     * @param preposition how the message names the partners' population: "from" or "in"
     */
    private static int requirePartners(int k, Population partners, boolean withoutSelf, boolean multapses,
                                       String side, String preposition) {
        int candidates = partners.size() - (withoutSelf ? 1 : 0);
        if (multapses) {
            Require.that(k == 0 || candidates > 0, "k = " + k + " is not allowed: " + partners + " has no possible "
                    + side + " partner (k must be 0)");
        } else {
            Require.that(k <= candidates, "k = " + k + " is not allowed: must be <= " + candidates
                    + " (the number of possible " + side + " partners " + preposition + " " + partners + ")");
        }
        return candidates;
    }

    /**
     * Refuses a connector that would make {@code count} synapses, more than a projection holds, before it draws any;
     * {@code what} names the connector and its populations ("k = 1000 onto b[3000000]").
     */
    private static void requireFits(long count, String what) {
        Require.that(count <= Projection.MAX_SYNAPSES, what + " makes " + count + " synapses: must make at most "
                + Projection.MAX_SYNAPSES + " (a projection's synapses are indexed by int)");
    }

    /**
     * Fills {@code chosen} with distinct values from [0, n) in increasing order: by rejection when few are
     * wanted (O(k), {@code drawnFor} marks values drawn for {@code mark}), by a partial shuffle otherwise.
     */
    private static void drawDistinct(UniformRandomProvider random, int n, int[] chosen, int[] drawnFor, int mark) {
        int k = chosen.length;
        if (byRejection(k, n)) {
            for (int c = 0; c < k; ) {
                int x = random.nextInt(n);
                if (drawnFor[x] != mark) {
                    drawnFor[x] = mark;
                    chosen[c++] = x;
                }
            }
        } else {
            System.arraycopy(new PermutationSampler(random, n, k).sample(), 0, chosen, 0, k);
        }
        java.util.Arrays.sort(chosen);
    }

    /** Fills {@code chosen} with independent uniform values from [0, n), repeats allowed, in increasing order. */
    private static void drawWithReplacement(UniformRandomProvider random, int n, int[] chosen) {
        for (int c = 0; c < chosen.length; c++) {
            chosen[c] = random.nextInt(n);
        }
        java.util.Arrays.sort(chosen);
    }

    /** Whether {@link #drawDistinct} draws {@code k} of {@code n} by rejection: when at most half are wanted. */
    static boolean byRejection(int k, int n) {
        return 2L * k <= n;
    }

    /**
     * Connects each pair with probability {@code C * exp(-(D / lambda)^2)}, D the Euclidean distance between
     * their positions; both populations must have been placed.
     */
    public static Connector distanceDependent(double c, double lambda, boolean allowSelf) {
        Require.inRange("C", c, 0.0, 1.0, null);
        Require.positive("lambda", lambda, "distance units");
        return new Connector() {
            @Override
            public void connect(Population source, Population target, UniformRandomProvider random, PairSink sink) {
                Positions from = source.positions();
                Positions to = target.positions();
                Require.that(from != null, "distanceDependent needs positions: source " + source
                        + " has not been placed");
                Require.that(to != null, "distanceDependent needs positions: target " + target
                        + " has not been placed");
                boolean same = source == target;
                double inverseLambdaSquared = 1.0 / (lambda * lambda);
                for (int i = 0; i < source.size(); i++) {
                    for (int j = 0; j < target.size(); j++) {
                        if (!allowSelf && same && i == j) {
                            continue;
                        }
                        double probability = c * Math.exp(-from.squaredDistance(i, to, j) * inverseLambdaSquared);
                        if (random.nextDouble() < probability) {
                            sink.add(i, j);
                        }
                    }
                }
            }

            @Override
            public String describe() {
                return "distanceDependent(C=" + c + ", lambda=" + lambda + ", allowSelf=" + allowSelf + ")";
            }
        };
    }

    /** Connects exactly the pairs (pre[k], post[k]); repeated pairs make several synapses. */
    public static Connector fromList(int[] pre, int[] post) {
        Require.notNull("pre", pre);
        Require.notNull("post", post);
        Require.that(pre.length == post.length, "pre has length " + pre.length + " and post " + post.length
                + ": must be equal");
        final int[] sources = pre.clone();
        final int[] targets = post.clone();
        return new Connector() {
            @Override
            public void connect(Population source, Population target, UniformRandomProvider random, PairSink sink) {
                Require.allInRange("pre", sources, 0, source.size() - 1);
                Require.allInRange("post", targets, 0, target.size() - 1);
                for (int k = 0; k < sources.length; k++) {
                    sink.add(sources[k], targets[k]);
                }
            }

            @Override
            public String describe() {
                return "fromList(" + sources.length + " pairs)";
            }
        };
    }
}
