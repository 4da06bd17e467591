package org.hebb.simulator.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.Grid3D;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.population.Positions;
import org.hebb.simulator.random.Seeds;
import org.junit.jupiter.api.Test;

/** The connectors: which pairs each emits, their statistics, and their refusals. */
class ConnectorsTest {

    private static NeuronPopulation population(String name, int size) {
        return new NeuronPopulation(name, size, IfCurrExp.builder().build(), 1);
    }

    private static UniformRandomProvider random(String purpose) {
        return Seeds.generator(2024, purpose);
    }

    /** The pairs a connector emits, as {pre, post}. */
    private static List<int[]> pairs(Connector connector, Population source, Population target) {
        List<int[]> pairs = new ArrayList<>();
        connector.connect(source, target, random(connector.describe()), (i, j) -> pairs.add(new int[] {i, j}));
        return pairs;
    }

    private static Set<Long> distinct(List<int[]> pairs) {
        Set<Long> set = new HashSet<>();
        for (int[] p : pairs) {
            set.add(((long) p[0] << 32) | p[1]);
        }
        return set;
    }

    @Test
    void oneToOneConnectsIToI() {
        NeuronPopulation a = population("a", 17);
        NeuronPopulation b = population("b", 17);
        List<int[]> pairs = pairs(Connectors.oneToOne(), a, b);
        assertEquals(17, pairs.size());
        for (int k = 0; k < pairs.size(); k++) {
            assertEquals(k, pairs.get(k)[0]);
            assertEquals(k, pairs.get(k)[1]);
        }
    }

    @Test
    void oneToOneRefusesDifferentSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.oneToOne(), population("a", 5), population("b", 6)));
        assertTrue(e.getMessage().contains("a[5]") && e.getMessage().contains("b[6]"), e.getMessage());
    }

    @Test
    void allToAllCountsWithAndWithoutSelfConnections() {
        NeuronPopulation a = population("a", 12);
        NeuronPopulation b = population("b", 7);
        assertEquals(12 * 7, distinct(pairs(Connectors.allToAll(false), a, b)).size(),
                "between different populations allowSelf must not matter");
        assertEquals(12 * 12, distinct(pairs(Connectors.allToAll(true), a, a)).size());
        List<int[]> noSelf = pairs(Connectors.allToAll(false), a, a);
        assertEquals(12 * 11, noSelf.size());
        assertEquals(12 * 11, distinct(noSelf).size());
        for (int[] p : noSelf) {
            assertTrue(p[0] != p[1], "self connection " + p[0]);
        }
    }

    @Test
    void fixedProbabilityCountIsBinomial() {
        NeuronPopulation a = population("a", 400);
        NeuronPopulation b = population("b", 300);
        for (double p : new double[] {0.02, 0.1, 0.5, 0.9}) {
            List<int[]> pairs = pairs(Connectors.fixedProbability(p, true), a, b);
            double n = 400.0 * 300;
            assertEquals(p * n, pairs.size(), 5 * Math.sqrt(n * p * (1 - p)), "p = " + p);
            assertEquals(pairs.size(), distinct(pairs).size(), "each pair at most once, p = " + p);
        }
        assertEquals(0, pairs(Connectors.fixedProbability(0, true), a, b).size());
        assertEquals(400 * 300, distinct(pairs(Connectors.fixedProbability(1, true), a, b)).size());
    }

    @Test
    void fixedProbabilityIsUniformOverTargets() {
        NeuronPopulation a = population("a", 2000);
        NeuronPopulation b = population("b", 10);
        double p = 0.3;
        int[] perTarget = new int[10];
        for (int[] pair : pairs(Connectors.fixedProbability(p, true), a, b)) {
            perTarget[pair[1]]++;
        }
        for (int j = 0; j < 10; j++) {
            assertEquals(2000 * p, perTarget[j], 5 * Math.sqrt(2000 * p * (1 - p)), "target " + j);
        }
    }

    @Test
    void fixedProbabilityWithoutSelfConnections() {
        NeuronPopulation a = population("a", 500);
        double p = 0.2;
        List<int[]> pairs = pairs(Connectors.fixedProbability(p, false), a, a);
        double n = 500.0 * 499;
        assertEquals(p * n, pairs.size(), 5 * Math.sqrt(n * p * (1 - p)));
        for (int[] pair : pairs) {
            assertTrue(pair[0] != pair[1], "self connection " + pair[0]);
        }
        long self = pairs(Connectors.fixedProbability(1.0, true), a, a).stream().filter(q -> q[0] == q[1]).count();
        assertEquals(500, self, "with allowSelf every i -> i must be there at p = 1");
    }

    @Test
    void fixedInDegreeGivesExactlyKDistinctPartners() {
        NeuronPopulation a = population("a", 50);
        NeuronPopulation b = population("b", 80);
        checkInDegree(pairs(Connectors.fixedInDegree(7, false), a, b), 80, 7, false);
        checkInDegree(pairs(Connectors.fixedInDegree(50, false), a, b), 80, 50, false);
        checkInDegree(pairs(Connectors.fixedInDegree(49, false), a, a), 50, 49, true);
        checkInDegree(pairs(Connectors.fixedInDegree(10, false), a, a), 50, 10, true);
        List<int[]> withSelf = pairs(Connectors.fixedInDegree(50, true), a, a);
        checkInDegree(withSelf, 50, 50, false);
    }

    private static void checkInDegree(List<int[]> pairs, int targets, int k, boolean noSelf) {
        List<Set<Integer>> partners = new ArrayList<>();
        int[] degree = new int[targets];
        for (int j = 0; j < targets; j++) {
            partners.add(new HashSet<>());
        }
        for (int[] p : pairs) {
            degree[p[1]]++;
            partners.get(p[1]).add(p[0]);
            if (noSelf) {
                assertTrue(p[0] != p[1], "self connection " + p[0]);
            }
        }
        for (int j = 0; j < targets; j++) {
            assertEquals(k, degree[j], "in-degree of " + j);
            assertEquals(k, partners.get(j).size(), "distinct partners of " + j);
        }
    }

    @Test
    void fixedInDegreeDrawsPartnersUniformly() {
        NeuronPopulation a = population("a", 20);
        NeuronPopulation b = population("b", 2000);
        int[] outDegree = new int[20];
        for (int[] p : pairs(Connectors.fixedInDegree(5, false), a, b)) {
            outDegree[p[0]]++;
        }
        // Each source is chosen by each target with probability 5/20.
        for (int i = 0; i < 20; i++) {
            assertEquals(2000 * 0.25, outDegree[i], 5 * Math.sqrt(2000 * 0.25 * 0.75), "source " + i);
        }
    }

    /**
     * With multapses each target draws its k sources with replacement, as NEST's fixed_indegree by default: the
     * in-degree is exactly k, every source is drawn with probability 1/n a draw, and the distinct partners of a
     * target are those of k balls in n bins, n (1 - (1 - 1/n)^k) on average.
     */
    @Test
    void fixedInDegreeWithMultapsesDrawsWithReplacement() {
        NeuronPopulation a = population("a", 20);
        NeuronPopulation b = population("b", 2000);
        int k = 10;
        List<int[]> pairs = pairs(Connectors.fixedInDegree(k, false, true), a, b);
        checkMultapseInDegree(pairs, 2000, k, 20, false);
        // k may exceed the possible partners when a pair may be connected more than once
        List<int[]> more = pairs(Connectors.fixedInDegree(30, false, true), a, population("c", 50));
        int[] degree = new int[50];
        for (int[] p : more) {
            degree[p[1]]++;
        }
        for (int j = 0; j < 50; j++) {
            assertEquals(30, degree[j], "in-degree of " + j);
        }
    }

    /** Within one population and without self-connections, the n - 1 other neurons are the candidates. */
    @Test
    void fixedInDegreeWithMultapsesAndNoSelfConnections() {
        NeuronPopulation a = population("a", 21);
        checkMultapseInDegree(pairs(Connectors.fixedInDegree(10, false, true), a, a), 21, 10, 20, true);
        List<int[]> withSelf = pairs(Connectors.fixedInDegree(40, true, true), a, a);
        long self = withSelf.stream().filter(p -> p[0] == p[1]).count();
        // each of the 21 * 40 draws is i -> i with probability 1/21
        assertEquals(40, self, 5 * Math.sqrt(40 * 20.0 / 21), "self connections with allowSelf");
    }

    /**
     * Checks in-degree exactly k, uniform sources, and the number of distinct (source, target) pairs against the
     * occupancy of k balls in n bins: mean n (1 - q1^k) a target, variance n (n - 1) q2^k + n q1^k - n^2 q1^(2k),
     * with q1 = 1 - 1/n and q2 = 1 - 2/n, independent between targets.
     */
    private static void checkMultapseInDegree(List<int[]> pairs, int targets, int k, int n, boolean noSelf) {
        assertEquals((long) targets * k, pairs.size());
        int[] degree = new int[targets];
        int[] outDegree = new int[n + 1];
        for (int[] p : pairs) {
            degree[p[1]]++;
            outDegree[p[0]]++;
            if (noSelf) {
                assertTrue(p[0] != p[1], "self connection " + p[0]);
            }
        }
        for (int j = 0; j < targets; j++) {
            assertEquals(k, degree[j], "in-degree of " + j);
        }
        if (!noSelf) {
            double draws = (double) targets * k;
            for (int i = 0; i < n; i++) {
                assertEquals(draws / n, outDegree[i], 5 * Math.sqrt(draws / n * (1 - 1.0 / n)), "source " + i);
            }
        }
        double q1 = 1 - 1.0 / n;
        double q2 = 1 - 2.0 / n;
        double mean = targets * n * (1 - Math.pow(q1, k));
        double variance = targets * (n * (n - 1.0) * Math.pow(q2, k) + n * Math.pow(q1, k)
                - (double) n * n * Math.pow(q1, 2 * k));
        int distinct = distinct(pairs).size();
        assertEquals(mean, distinct, 5 * Math.sqrt(variance), "distinct pairs");
        assertTrue(distinct < pairs.size(), "no multapse among " + pairs.size() + " synapses");
    }

    /** Without multapses (the default) the connector is the one it was: the same pairs, the same description. */
    @Test
    void fixedInDegreeWithoutMultapsesIsTheDefault() {
        NeuronPopulation a = population("a", 50);
        NeuronPopulation b = population("b", 80);
        Connector plain = Connectors.fixedInDegree(7, false);
        Connector explicit = Connectors.fixedInDegree(7, false, false);
        assertEquals(plain.describe(), explicit.describe());
        assertEquals("fixedInDegree(k=7, allowSelf=false)", plain.describe());
        assertEquals("fixedInDegree(k=7, allowSelf=false, multapses=true)",
                Connectors.fixedInDegree(7, false, true).describe());
        List<int[]> expected = pairs(plain, a, b);
        List<int[]> actual = pairs(explicit, a, b);
        assertEquals(expected.size(), actual.size());
        for (int s = 0; s < expected.size(); s++) {
            assertArrayEquals(expected.get(s), actual.get(s), "pair " + s);
        }
    }

    /** Drawn from the projection's stream alone: the same network for one and for two threads. */
    @Test
    void fixedInDegreeWithMultapsesIsTheSameForAnyNumberOfThreads() {
        Projection.SparseRows one = multapseProjection(1);
        Projection.SparseRows two = multapseProjection(2);
        assertEquals(300 * 25, one.targets().length);
        assertArrayEquals(one.rowPointer(), two.rowPointer(), "rows");
        assertArrayEquals(one.targets(), two.targets(), "targets");
        assertArrayEquals(one.weights(), two.weights(), "weights");
    }

    private static Projection.SparseRows multapseProjection(int threads) {
        try (Network net = Network.builder().dt(0.1).seed(17).threads(threads).build()) {
            NeuronPopulation a = net.addNeurons("a", 300, IfCurrExp.builder().build());
            return net.connect(a, a, Connectors.fixedInDegree(25, false, true),
                    Synapses.onto("excitatory").weights(Values.uniform(0.1, 0.2))).rows();
        }
    }

    @Test
    void fixedInDegreeWithMultapsesRefusesAPopulationWithoutPartners() {
        NeuronPopulation one = population("one", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.fixedInDegree(3, false, true), one, one));
        assertTrue(e.getMessage().contains("k = 3") && e.getMessage().contains("one[1]"), e.getMessage());
        assertEquals(0, pairs(Connectors.fixedInDegree(0, false, true), one, one).size());
        assertEquals(6, pairs(Connectors.fixedInDegree(3, true, true), one, population("two", 2)).size());
        e = assertThrows(IllegalArgumentException.class, () -> Connectors.fixedInDegree(-2, true, true));
        assertTrue(e.getMessage().contains("k = -2"), e.getMessage());
    }

    /** Every source gets exactly k distinct targets, never itself unless allowed. */
    @Test
    void fixedOutDegreeGivesExactlyKDistinctPartners() {
        NeuronPopulation a = population("a", 50);
        NeuronPopulation b = population("b", 80);
        checkInDegree(transposed(pairs(Connectors.fixedOutDegree(7, false), a, b)), 50, 7, false);
        checkInDegree(transposed(pairs(Connectors.fixedOutDegree(80, false), a, b)), 50, 80, false);
        checkInDegree(transposed(pairs(Connectors.fixedOutDegree(49, false), a, a)), 50, 49, true);
        checkInDegree(transposed(pairs(Connectors.fixedOutDegree(10, false), a, a)), 50, 10, true);
        checkInDegree(transposed(pairs(Connectors.fixedOutDegree(50, true), a, a)), 50, 50, false);
        assertEquals(0, pairs(Connectors.fixedOutDegree(0, false), a, b).size());
    }

    /** Each target is chosen by each of 2000 sources with probability 5/20: in-degrees binomial(2000, 1/4). */
    @Test
    void fixedOutDegreeDrawsPartnersUniformly() {
        NeuronPopulation a = population("a", 2000);
        NeuronPopulation b = population("b", 20);
        int[] inDegree = new int[20];
        for (int[] p : pairs(Connectors.fixedOutDegree(5, false), a, b)) {
            inDegree[p[1]]++;
        }
        for (int j = 0; j < 20; j++) {
            assertEquals(2000 * 0.25, inDegree[j], 5 * Math.sqrt(2000 * 0.25 * 0.75), "target " + j);
        }
    }

    /**
     * With multapses each source draws its k targets with replacement, as NEST's fixed_outdegree by default: the
     * transposed check of fixedInDegree's (k balls in n bins per source).
     */
    @Test
    void fixedOutDegreeWithMultapsesDrawsWithReplacement() {
        NeuronPopulation a = population("a", 2000);
        checkMultapseInDegree(transposed(pairs(Connectors.fixedOutDegree(10, false, true), a, population("b", 20))),
                2000, 10, 20, false);
        NeuronPopulation c = population("c", 21);
        checkMultapseInDegree(transposed(pairs(Connectors.fixedOutDegree(10, false, true), c, c)), 21, 10, 20, true);
        List<int[]> more = pairs(Connectors.fixedOutDegree(30, true, true), c, c);
        assertEquals(21 * 30, more.size(), "k may exceed the partners with multapses");
        long self = more.stream().filter(p -> p[0] == p[1]).count();
        assertEquals(30, self, 5 * Math.sqrt(30 * 20.0 / 21), "self connections with allowSelf");
    }

    /** Drawn in blocks of rows with streams of their own: the same network for one and for two threads. */
    @Test
    void fixedOutDegreeIsTheSameForAnyNumberOfThreads() {
        for (boolean multapses : new boolean[] {false, true}) {
            Projection.SparseRows one = outDegreeProjection(1, multapses);
            Projection.SparseRows two = outDegreeProjection(2, multapses);
            assertEquals(300 * 25, one.targets().length);
            assertArrayEquals(one.rowPointer(), two.rowPointer(), "rows");
            assertArrayEquals(one.targets(), two.targets(), "targets");
            assertArrayEquals(one.weights(), two.weights(), "weights");
        }
    }

    private static Projection.SparseRows outDegreeProjection(int threads, boolean multapses) {
        try (Network net = Network.builder().dt(0.1).seed(17).threads(threads).build()) {
            NeuronPopulation a = net.addNeurons("a", 300, IfCurrExp.builder().build());
            return net.connect(a, a, Connectors.fixedOutDegree(25, false, multapses),
                    Synapses.onto("excitatory").weights(Values.uniform(0.1, 0.2))).rows();
        }
    }

    @Test
    void fixedOutDegreeRefusesKLargerThanThePartnersAndNames() {
        NeuronPopulation a = population("a", 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.fixedOutDegree(10, false), a, a));
        assertTrue(e.getMessage().contains("k = 10 is not allowed: must be <= 9 (the number of possible "
                + "postsynaptic partners in a[10])"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Connectors.fixedOutDegree(-1, true));
        assertTrue(e.getMessage().contains("k = -1"), e.getMessage());
        NeuronPopulation one = population("one", 1);
        e = assertThrows(IllegalArgumentException.class, () -> pairs(Connectors.fixedOutDegree(3, false, true), one,
                one));
        assertTrue(e.getMessage().contains("k = 3") && e.getMessage().contains("one[1]"), e.getMessage());
        assertEquals("fixedOutDegree(k=7, allowSelf=false)", Connectors.fixedOutDegree(7, false).describe());
        assertEquals("fixedOutDegree(k=7, allowSelf=true, multapses=true)",
                Connectors.fixedOutDegree(7, true, true).describe());
    }

    /** The pairs as {post, pre}, so that the in-degree checks judge out-degrees. */
    private static List<int[]> transposed(List<int[]> pairs) {
        List<int[]> swapped = new ArrayList<>(pairs.size());
        for (int[] p : pairs) {
            swapped.add(new int[] {p[1], p[0]});
        }
        return swapped;
    }

    /**
     * Exactly the count; each synapse's source and target uniform and independent: per-source and per-target counts
     * binomial, autapses about count / N within one population, multapses as many as the birthday problem predicts.
     */
    @Test
    void fixedTotalNumberDrawsSourcesAndTargetsUniformly() {
        NeuronPopulation a = population("a", 50);
        int count = 20_000;
        List<int[]> pairs = pairs(Connectors.fixedTotalNumber(count), a, a);
        assertEquals(count, pairs.size());
        int[] out = new int[50];
        int[] in = new int[50];
        int autapses = 0;
        for (int[] p : pairs) {
            out[p[0]]++;
            in[p[1]]++;
            autapses += p[0] == p[1] ? 1 : 0;
        }
        double share = 1.0 / 50;
        for (int i = 0; i < 50; i++) {
            assertEquals(count * share, out[i], 5 * Math.sqrt(count * share * (1 - share)), "synapses from " + i);
            assertEquals(count * share, in[i], 5 * Math.sqrt(count * share * (1 - share)), "synapses onto " + i);
        }
        assertEquals(count * share, autapses, 5 * Math.sqrt(count * share), "autapses");
        // 20,000 draws over 2,500 pairs: each pair is drawn Poisson(8) times, so about 2500 (1 - e^-8) distinct ones
        double expectedDistinct = 2500 * (1 - Math.exp(-8.0));
        assertEquals(expectedDistinct, distinct(pairs).size(), 5 * Math.sqrt(2500 * Math.exp(-8.0)), "distinct pairs");
        assertEquals(0, pairs(Connectors.fixedTotalNumber(0), a, population("b", 3)).size());
    }

    @Test
    void fixedTotalNumberRefusesCountsOutsideAnInt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.fixedTotalNumber(-5));
        assertTrue(e.getMessage().contains("count = -5") && e.getMessage().contains("must be in [0, "),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Connectors.fixedTotalNumber(1L << 31));
        assertTrue(e.getMessage().contains("count = 2147483648"), e.getMessage());
    }

    @Test
    void fixedInDegreeRefusesKLargerThanThePartners() {
        NeuronPopulation a = population("a", 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.fixedInDegree(10, false), a, a));
        assertTrue(e.getMessage().contains("k = 10") && e.getMessage().contains("<= 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.fixedInDegree(11, true), a, population("b", 3)));
        assertTrue(e.getMessage().contains("k = 11") && e.getMessage().contains("<= 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Connectors.fixedInDegree(-1, true));
        assertTrue(e.getMessage().contains("k = -1"), e.getMessage());
    }

    @Test
    void distanceDependentMatchesGaussianProfile() {
        NeuronPopulation grid = population("grid", 1000);
        grid.place(new Grid3D(10, 10, 10).points());
        double c = 0.6;
        double lambda = 2.0;
        List<int[]> pairs = pairs(Connectors.distanceDependent(c, lambda, false), grid, grid);
        // On a unit grid the squared distance is an integer in [0, 243].
        long[] possible = new long[244];
        long[] connected = new long[244];
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < 1000; j++) {
                if (i != j) {
                    possible[(int) grid.positions().squaredDistance(i, grid.positions(), j)]++;
                }
            }
        }
        for (int[] p : pairs) {
            assertTrue(p[0] != p[1], "self connection " + p[0]);
            connected[(int) grid.positions().squaredDistance(p[0], grid.positions(), p[1])]++;
        }
        int checkedBins = 0;
        for (int d2 = 1; d2 < 244; d2++) {
            if (possible[d2] == 0) {
                continue;
            }
            double prob = c * Math.exp(-d2 / (lambda * lambda));
            double expected = prob * possible[d2];
            double sigma = Math.sqrt(possible[d2] * prob * (1 - prob));
            assertEquals(expected, connected[d2], 5 * sigma + 1e-9, "squared distance " + d2 + " ("
                    + possible[d2] + " pairs)");
            if (expected > 50) {
                checkedBins++;
            }
        }
        assertTrue(checkedBins >= 8, "too few informative bins: " + checkedBins);
    }

    @Test
    void distanceDependentWithSelfConnectsAtDistanceZeroWithProbabilityC() {
        NeuronPopulation grid = population("grid", 1000);
        grid.place(new Grid3D(10, 10, 10).points());
        long self = pairs(Connectors.distanceDependent(0.5, 1.0, true), grid, grid).stream()
                .filter(p -> p[0] == p[1]).count();
        assertEquals(500, self, 5 * Math.sqrt(1000 * 0.25));
    }

    /**
     * A position that is not finite is refused when given, naming the coordinate, rather than making every distance
     * from it NaN, so that distanceDependent connects nothing to or from it without a word.
     */
    @Test
    void positionsMustBeFinite() {
        float[] finite = {0, 1, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Positions(finite, new float[] {0, Float.NaN, 2}, finite));
        assertEquals("y[1] = NaN is not allowed: must be a finite number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Positions(finite, finite, new float[] {0, 1, Float.NEGATIVE_INFINITY}));
        assertEquals("z[2] = -Infinity is not allowed: must be a finite number", e.getMessage());
    }

    @Test
    void distanceDependentRefusesUnplacedPopulations() {
        NeuronPopulation placed = population("placed", 8);
        placed.place(new Grid3D(2, 2, 2).points());
        NeuronPopulation loose = population("loose", 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.distanceDependent(0.5, 1, false), loose, placed));
        assertTrue(e.getMessage().contains("source loose[8]") && e.getMessage().contains("not been placed"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.distanceDependent(0.5, 1, false), placed, loose));
        assertTrue(e.getMessage().contains("target loose[8]") && e.getMessage().contains("not been placed"),
                e.getMessage());
    }

    @Test
    void fromListPreservesPairsInOrder() {
        int[] pre = {2, 0, 2, 1, 0, 2};
        int[] post = {1, 3, 0, 2, 3, 1};
        List<int[]> pairs = pairs(Connectors.fromList(pre, post), population("a", 3), population("b", 4));
        assertEquals(pre.length, pairs.size());
        for (int k = 0; k < pre.length; k++) {
            assertEquals(pre[k], pairs.get(k)[0], "pre of pair " + k);
            assertEquals(post[k], pairs.get(k)[1], "post of pair " + k);
        }
    }

    @Test
    void fromListCopiesItsArrays() {
        int[] pre = {0, 1};
        int[] post = {1, 0};
        Connector connector = Connectors.fromList(pre, post);
        pre[0] = 1;
        post[0] = 0;
        List<int[]> pairs = pairs(connector, population("a", 2), population("b", 2));
        assertEquals(0, pairs.get(0)[0]);
        assertEquals(1, pairs.get(0)[1]);
    }

    /** Explicit weights and delays are given in the connector's pair order and must follow their pairs. */
    @Test
    void fromListWeightsAndDelaysFollowThePairsIntoRows() {
        int[] pre = {2, 0, 2, 1, 0, 2, 2};
        int[] post = {3, 3, 0, 2, 1, 1, 0};
        float[] weights = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
        int[] delays = {1, 2, 3, 4, 5, 6, 7};
        try (Network net = Network.builder().dt(0.1).seed(3).threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 3, IfCurrExp.builder().build());
            NeuronPopulation b = net.addNeurons("b", 4, IfCurrExp.builder().build());
            Projection p = net.connect(a, b, Connectors.fromList(pre, post),
                    Synapses.onto("excitatory").weights(weights).delays(delays));
            assertEquals(7, p.synapseCount());
            assertTrue(!p.hasUniformDelay());
            // Expected rows, sorted by target; equal targets keep the list order (pre 2 -> 0 twice: 0.3 then 0.7).
            int[][] expected = {
                    {0, 1, 50}, {0, 3, 20}, // row 0: {pre, post, weight*100}
                    {1, 2, 40},
                    {2, 0, 30}, {2, 0, 70}, {2, 1, 60}, {2, 3, 10}};
            int s = 0;
            for (int i = 0; i < 3; i++) {
                for (int k = p.rowStart(i); k < p.rowEnd(i); k++, s++) {
                    assertEquals(expected[s][0], i, "row of synapse " + k);
                    assertEquals(expected[s][1], p.targetOf(k), "target of synapse " + k);
                    assertEquals(expected[s][2] / 100f, p.weightOf(k), 1e-7, "weight of synapse " + k);
                    assertEquals(expected[s][2] / 10, p.delayOf(k), "delay of synapse " + k);
                }
            }
            assertEquals(7, s);
            assertEquals(7, p.maxDelay());
        }
    }

    @Test
    void fromListRefusesIndicesOutOfRange() {
        NeuronPopulation a = population("a", 3);
        NeuronPopulation b = population("b", 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.fromList(new int[] {0, 3}, new int[] {0, 0}), a, b));
        assertTrue(e.getMessage().contains("pre[1] = 3") && e.getMessage().contains("[0, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> pairs(Connectors.fromList(new int[] {0, 1}, new int[] {-1, 0}), a, b));
        assertTrue(e.getMessage().contains("post[0] = -1") && e.getMessage().contains("[0, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.fromList(new int[] {0, 1}, new int[] {0}));
        assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("post 1"), e.getMessage());
    }

    @Test
    void fromListOutOfRangeIsRefusedByNetworkConnect() {
        try (Network net = Network.builder().dt(0.1).seed(3).threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 3, IfCurrExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.connect(a, a, Connectors.fromList(new int[] {5}, new int[] {0}),
                            Synapses.onto("excitatory").weights(Values.constant(0.1))));
            assertTrue(e.getMessage().contains("pre[0] = 5"), e.getMessage());
            assertEquals(0, net.projections().size());
        }
    }

    /**
     * allToAll and fixedInDegree that would make more synapses than a projection holds (2^31 - 9) are refused before
     * they emit a pair, rather than filling the heap until it runs out or an index overflows.
     */
    @Test
    void connectorsOfMoreSynapsesThanAProjectionHoldsAreRefusedBeforeDrawing() {
        NeuronPopulation a = population("a", 46_341); // 46,341^2 = 2,147,488,281
        Connector.PairSink noPair = (i, j) -> {
            throw new AssertionError("pair (" + i + ", " + j + ") emitted");
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.allToAll(true).connect(a, a, random("all"), noPair));
        assertEquals("allToAll(allowSelf=true) from a[46341] onto a[46341] makes 2147488281 synapses: must make at "
                + "most 2147483639 (a projection's synapses are indexed by int)", e.getMessage());
        NeuronPopulation b = population("b", 42_950); // 50,000 * 42,950 = 2,147,500,000
        e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.fixedInDegree(50_000, true).connect(population("c", 50_000), b, random("in"),
                        noPair));
        assertTrue(e.getMessage().startsWith("k = 50000 onto b[42950] makes 2147500000 synapses: must make at most "
                + "2147483639"), e.getMessage());
        try (Network net = Network.builder().dt(0.1).seed(3).threads(1).build()) {
            NeuronPopulation n = net.addNeurons("n", 46_341, IfCurrExp.builder().build());
            e = assertThrows(IllegalArgumentException.class, () -> net.connect(n, n, Connectors.allToAll(true),
                    Synapses.onto("excitatory").weights(Values.constant(0.1))));
            assertTrue(e.getMessage().contains("makes 2147488281 synapses"), e.getMessage());
            assertEquals(0, net.projections().size());
        }
    }
    /** A population of {@code size} elements that holds nothing per element (connectors read only its size). */
    private static Population bare(String name, int size) {
        return new Population(name, size) {
        };
    }

    /**
     * Onto a population of more than 2^30 neurons, fixed probability's skips stay within the population: the index
     * of the next target (this one plus a skip of up to the size) does not overflow an int and wrap to a negative one.
     */
    @Test
    void fixedProbabilityOntoMoreThanTwoToThe30NeuronsStaysWithinTheTarget() {
        Population source = bare("s", 200);
        Population target = bare("t", Integer.MAX_VALUE - 8);
        int[] pairs = new int[1];
        Connectors.fixedProbability(1e-9, true).connect(source, target, random("beyond 2^30"), (i, j) -> {
            // wrapped, the index went on from near 0 after every crossing: pairs without end
            assertTrue(j >= 0 && j < target.size() && pairs[0] < 1000, "target " + j + " of source " + i + ", pair "
                    + pairs[0]);
            pairs[0]++;
        });
        // about 2.1 pairs a source: 430 +- 21
        assertTrue(pairs[0] > 300 && pairs[0] < 560, pairs[0] + " pairs");
    }

    /**
     * Distinct values are drawn by rejection only when at most half the candidates are wanted; {@code 2 * k} is
     * computed in long, where more than 2^30 wanted would have overflowed to a negative number and chosen rejection.
     */
    @Test
    void distinctDrawsChooseRejectionOnlyForAtMostHalfTheCandidates() {
        assertTrue(Connectors.byRejection(10, 20));
        assertFalse(Connectors.byRejection(11, 20));
        assertTrue(Connectors.byRejection((1 << 30) - 5, Integer.MAX_VALUE - 8));
        assertFalse(Connectors.byRejection((1 << 30) - 4, Integer.MAX_VALUE - 8));
        assertFalse(Connectors.byRejection((1 << 30) + 1, Integer.MAX_VALUE - 8));
        assertFalse(Connectors.byRejection(Integer.MAX_VALUE - 9, Integer.MAX_VALUE - 8));
    }
}
