package org.hebb.simulator.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.init.ValueDistribution;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.random.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Projections of a {@link RowConnector} drawn on several threads: the same network for any number of threads,
 * the same pairs as the connector emits on its own, and errors from any thread reported as on one.
 */
class RowDrawingTest {
    /** Enough synapses for three blocks of sources, 16 blocks of rows and 39 of weights and delays. */
    private static final int COUNT = 2_500_000;

    private static Projection build(int threads, long seed, Synapses synapses) {
        try (Network net = Network.builder().dt(0.1).seed(seed).threads(threads).build()) {
            NeuronPopulation a = net.addNeurons("a", 1000, IfCurrExp.builder().build());
            NeuronPopulation b = net.addNeurons("b", 700, IfCurrExp.builder().build());
            return net.connect(a, b, Connectors.fixedTotalNumber(COUNT), synapses);
        }
    }

    private static Synapses normalSynapses() {
        return Synapses.onto("excitatory").weights(Values.normalRedrawn(0.1, 0.02, 0, Double.POSITIVE_INFINITY))
                .delays(Delays.normalMs(1.5, 0.75));
    }

    private static short[] delays(Projection p) {
        short[] delays = new short[p.synapseCount()];
        for (int k = 0; k < delays.length; k++) {
            delays[k] = (short) p.delayOf(k);
        }
        return delays;
    }

    @Test
    void theNetworkIsTheSameForAnyNumberOfThreads() {
        Projection one = build(1, 7, normalSynapses());
        assertEquals(COUNT, one.synapseCount());
        for (int threads : new int[] {2, 3}) {
            Projection many = build(threads, 7, normalSynapses());
            Projection.SparseRows expected = one.rows();
            Projection.SparseRows actual = many.rows();
            assertArrayEquals(expected.rowPointer(), actual.rowPointer(), threads + " threads: rows");
            assertArrayEquals(expected.targets(), actual.targets(), threads + " threads: targets");
            assertArrayEquals(expected.weights(), actual.weights(), threads + " threads: weights");
            assertArrayEquals(expected.delays(), actual.delays(), threads + " threads: delays");
        }
        Projection otherSeed = build(2, 8, normalSynapses());
        assertNotEquals(java.util.Arrays.hashCode(one.rows().targets()),
                java.util.Arrays.hashCode(otherSeed.rows().targets()), "another seed draws another network");
    }

    /** Rows sorted; weights and delays independent of position: the first and second half have the same moments. */
    @Test
    void rowsAreSortedAndValuesAreDrawnPerSynapse() {
        Projection p = build(2, 3, normalSynapses());
        float[] weights = p.rows().weights();
        short[] delays = delays(p);
        double[] halfMeans = new double[4];
        for (int k = 0; k < COUNT; k++) {
            int half = k < COUNT / 2 ? 0 : 1;
            halfMeans[half] += weights[k] / (COUNT / 2.0);
            halfMeans[2 + half] += delays[k] / (COUNT / 2.0);
        }
        for (int i = 0; i < 1000; i++) {
            for (int k = p.rowStart(i) + 1; k < p.rowEnd(i); k++) {
                assertTrue(p.targetOf(k - 1) <= p.targetOf(k), "row " + i + " not sorted at " + k);
            }
        }
        // weights: mean of the normal(0.1, 0.02) truncated at 0 (the cut is 5 sd away), sd of a half mean 2.8e-5
        assertEquals(0.1, halfMeans[0], 2e-4);
        assertEquals(0.1, halfMeans[1], 2e-4);
        // delays: the mean of normal(1.5, 0.75) ms truncated below 0.05 ms, in steps of 0.1 ms (rounding adds no
        // bias to so smooth a density); sd of a half mean about 0.0065 steps
        NormalDistribution standard = NormalDistribution.of(0, 1);
        double alpha = (0.05 - 1.5) / 0.75;
        double expectedSteps = 10 * (1.5 + 0.75 * standard.density(alpha) / standard.survivalProbability(alpha));
        assertEquals(expectedSteps, halfMeans[2], 0.05);
        assertEquals(expectedSteps, halfMeans[3], 0.05);
    }

    /**
     * A row of L targets drawn sorted is distributed as L uniform draws sorted: its smallest and largest targets have
     * the means of the first and last order statistics, n / (L + 1) and n L / (L + 1), less the half a whole number
     * rounds down (mean over 4000 rows, 5 standard errors).
     */
    @Test
    void sortedRowsHaveTheOrderStatisticsOfUniformDraws() {
        try (Network net = Network.builder().dt(0.1).seed(9).threads(2).build()) {
            NeuronPopulation a = net.addNeurons("a", 4000, IfCurrExp.builder().build());
            NeuronPopulation b = net.addNeurons("b", 1000, IfCurrExp.builder().build());
            Projection p = net.connect(a, b, Connectors.fixedTotalNumber(40_000),
                    Synapses.onto("excitatory").weights(Values.constant(1)));
            double minDeviation = 0;
            double maxDeviation = 0;
            double variance = 0;
            int rows = 0;
            for (int i = 0; i < 4000; i++) {
                int length = p.rowEnd(i) - p.rowStart(i);
                if (length == 0) {
                    continue;
                }
                double l = length;
                minDeviation += p.targetOf(p.rowStart(i)) - (1000 / (l + 1) - 0.5);
                maxDeviation += p.targetOf(p.rowEnd(i) - 1) - (1000 * l / (l + 1) - 0.5);
                variance += 1000.0 * 1000.0 * l / ((l + 1) * (l + 1) * (l + 2));
                rows++;
            }
            double tolerance = 5 * Math.sqrt(variance) / rows;
            assertEquals(0, minDeviation / rows, tolerance, "mean of each row's smallest target");
            assertEquals(0, maxDeviation / rows, tolerance, "mean of each row's largest target");
        }
    }

    @Test
    void theConnectorEmitsTheProjectionsPairs() {
        try (Network net = Network.builder().dt(0.1).seed(11).threads(2).build()) {
            NeuronPopulation a = net.addNeurons("a", 300, IfCurrExp.builder().build());
            NeuronPopulation b = net.addNeurons("b", 200, IfCurrExp.builder().build());
            RowConnector connector = Connectors.fixedTotalNumber(50_000);
            Projection p = net.connect(a, b, connector, Synapses.onto("excitatory").weights(Values.constant(1))
                    .named("ab"));
            List<int[]> pairs = new ArrayList<>();
            connector.connect(a, b, Seeds.generator(11, "connect:ab"), (i, j) -> pairs.add(new int[] {i, j}));
            assertEquals(p.synapseCount(), pairs.size());
            for (int k = 0; k < pairs.size(); k++) {
                assertEquals(p.targetOf(k), pairs.get(k)[1], "target of synapse " + k);
                assertTrue(p.rowStart(pairs.get(k)[0]) <= k && k < p.rowEnd(pairs.get(k)[0]), "row of " + k);
            }
        }
    }

    @Test
    void explicitWeightsAndDelaysFollowRowOrder() {
        float[] weights = new float[1000];
        int[] delays = new int[1000];
        for (int k = 0; k < 1000; k++) {
            weights[k] = k;
            delays[k] = 1 + k % 7;
        }
        try (Network net = Network.builder().dt(0.1).seed(2).threads(2).build()) {
            NeuronPopulation a = net.addNeurons("a", 30, IfCurrExp.builder().build());
            Projection p = net.connect(a, a, Connectors.fixedTotalNumber(1000),
                    Synapses.onto("excitatory").weights(weights).delays(delays));
            for (int k = 0; k < 1000; k++) {
                assertEquals(k, p.weightOf(k));
                assertEquals(1 + k % 7, p.delayOf(k));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a, a,
                    Connectors.fixedTotalNumber(999), Synapses.onto("excitatory").weights(weights).named("short")));
            assertTrue(e.getMessage().contains("weights of projection 'short' has 1000 values: must have one per "
                    + "synapse (999)"), e.getMessage());
        }
    }

    /**
     * The blocks of weights and delays cover every synapse once, up to the largest count a projection may have: near
     * 2^31 synapses, the last block's end does not overflow (it left the last block's weights and delays undrawn, or
     * every block's, as 0).
     */
    @Test
    void blocksOfWeightsAndDelaysCoverEverySynapseUpToTheLargestCount() {
        int block = RowDrawing.SYNAPSES_PER_BLOCK;
        for (int count : new int[] {0, 1, block - 1, block, block + 1, Integer.MAX_VALUE - 8 - block,
                (Integer.MAX_VALUE / block) * block, (Integer.MAX_VALUE / block) * block + 1, Integer.MAX_VALUE - 8}) {
            int blocks = RowDrawing.blocks(count);
            assertEquals((count + (long) block - 1) / block, blocks, "blocks of " + count);
            for (int b = Math.max(0, blocks - 2); b < blocks; b++) {
                int end = RowDrawing.blockEnd(count, b);
                assertTrue(end > (long) b * block && end <= (long) b * block + block, "end " + end + " of block " + b
                        + " of " + count);
            }
            assertEquals(count, blocks == 0 ? 0 : RowDrawing.blockEnd(count, blocks - 1), "end of " + count);
        }
    }

    /**
     * The blocks of rows cover every row once up to the largest source: near 2^31 rows, the count of blocks and the
     * last block's end do not overflow (a negative count drew no row at all, a negative end left the last block's
     * rows undrawn).
     */
    @Test
    void blocksOfRowsCoverEveryRowUpToTheLargestSource() {
        int block = RowConnector.ROWS_PER_BLOCK;
        for (int rows : new int[] {1, block - 1, block, block + 1, Integer.MAX_VALUE - 9, Integer.MAX_VALUE - 8 - block,
                (Integer.MAX_VALUE / block) * block, (Integer.MAX_VALUE / block) * block + 1}) {
            int blocks = RowDrawing.rowBlocks(rows);
            assertEquals((rows + (long) block - 1) / block, blocks, "blocks of " + rows + " rows");
            for (int b = Math.max(0, blocks - 2); b < blocks; b++) {
                int end = RowDrawing.rowBlockEnd(rows, b);
                assertTrue(end > (long) b * block && end <= (long) b * block + block, "end " + end + " of block " + b
                        + " of " + rows);
            }
            assertEquals(rows, RowDrawing.rowBlockEnd(rows, blocks - 1), "end of " + rows + " rows");
        }
    }

    /** A source too large for its row offsets to fit an int array is refused before anything is drawn. */
    @Test
    void aSourceWithoutRoomForItsRowOffsetsIsRefused() {
        org.hebb.simulator.population.Population huge = new org.hebb.simulator.population.Population("huge",
                Integer.MAX_VALUE) {
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Connectors
                .fixedTotalNumber(1).connect(huge, huge, Seeds.generator(1, "huge"), (i, j) -> { }));
        assertTrue(e.getMessage().contains("from huge[2147483647] is not allowed: a source drawn row by row must "
                + "have at most 2147483638 elements"), e.getMessage());
    }

    /** Explicit weights onto a conductance are checked as drawn ones are: a negative one is refused, by synapse. */
    @Test
    void explicitNegativeWeightOntoConductanceIsRefused() {
        float[] weights = {0.1f, 0.1f, -0.5f, 0.1f, 0.1f};
        try (Network net = Network.builder().dt(0.1).seed(2).threads(2).build()) {
            NeuronPopulation a = net.addNeurons("a", 10, IfCondExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a, a,
                    Connectors.fixedTotalNumber(5), Synapses.onto("excitatory").weights(weights)));
            assertTrue(e.getMessage().startsWith("weight -0.5 uS of synapse ") && e.getMessage().contains(
                    "in projection 'a->a.excitatory' is not allowed") && e.getMessage().contains("needs weights >= 0"),
                    e.getMessage());
            assertTrue(net.projections().isEmpty());
        }
    }

    @Test
    void continuousDelaysAreDrawnInBlocksToo() {
        try (Network net = Network.builder().dt(0.1).seed(4).engine(EngineKind.EVENT_DRIVEN).build()) {
            NeuronPopulation a = net.addNeurons("a", 100, IfCurrExp.builder().build());
            Projection p = net.connect(a, a, Connectors.fixedTotalNumber(200_000), Synapses.onto("excitatory")
                    .weights(Values.constant(0.1)).delays(Delays.uniformMs(1, 2)));
            assertTrue(p.hasContinuousDelays());
            double sum = 0;
            for (int k = 0; k < p.synapseCount(); k++) {
                double d = p.delayMsOf(k, 0.1);
                assertTrue(d >= 1 && d <= 2, "delay " + d);
                sum += d;
            }
            assertEquals(1.5, sum / p.synapseCount(), 0.005);
        }
    }

    /**
     * Explicit delays on the event-driven engine are each delay in steps times dt, in row order, and are read, not
     * copied once per block of synapses: building the projection allocates a bounded number of bytes per synapse
     * (one copy of the 2^22 delays per block of 2^16 synapses allocated 64 times the delays' 16 MiB).
     */
    @Test
    void explicitContinuousDelaysAreStepsTimesDtAndNotCopiedPerBlock() {
        int count = 1 << 22;
        int[] steps = new int[count];
        for (int k = 0; k < count; k++) {
            steps[k] = 1 + k % 13;
        }
        Synapses synapses = Synapses.onto("excitatory").weights(Values.constant(0.1)).delays(steps);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (Network net = Network.builder().dt(0.1).seed(4).threads(1).engine(EngineKind.EVENT_DRIVEN).build()) {
            NeuronPopulation a = net.addNeurons("a", 100, IfCurrExp.builder().build());
            long before = threads.getCurrentThreadAllocatedBytes();
            Projection p = net.connect(a, a, Connectors.fixedTotalNumber(count), synapses);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(p.hasContinuousDelays());
            for (int k = 0; k < count; k++) {
                assertEquals(steps[k] * 0.1, p.delayMsOf(k, 0.1), "synapse " + k);
            }
            assertTrue(allocated < 64L * count, allocated + " bytes allocated for " + count + " synapses");
        }
    }

    /** A bad weight drawn on a worker thread is refused with the message one thread gives. */
    @Test
    void errorsOnAnyThreadNameTheProjection() {
        ValueDistribution breaksLate = new ValueDistribution() {
            @Override
            public double sample(UniformRandomProvider random) {
                return random.nextDouble() < 1e-6 ? Double.NaN : 1;
            }

            @Override
            public String describe() {
                return "sometimes NaN";
            }

            @Override
            public double lowerBound() {
                return 1;
            }
        };
        for (int threads : new int[] {1, 2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> build(threads, 1, Synapses.onto("excitatory").weights(breaksLate).named("bad")));
            assertEquals("weight NaN drawn from sometimes NaN for projection 'bad' is not allowed: weights must be "
                    + "finite in single precision", e.getMessage(), threads + " threads");
        }
        try (Network net = Network.builder().dt(0.1).seed(1).threads(2).build()) {
            NeuronPopulation a = net.addNeurons("a", 40, IfCondExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a, a,
                    Connectors.fixedTotalNumber(100_000), Synapses.onto("excitatory").weights(Values.uniform(-1, 1))
                            .named("negative")));
            assertTrue(e.getMessage().matches("weight -[0-9.E-]+ uS of synapse [0-9]+ -> [0-9]+ in projection "
                    + "'negative' is not allowed: .* receptor 'excitatory' is a conductance and needs weights >= 0"),
                    e.getMessage());
        }
    }
}
