package org.hebb.simulator.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** Projection: compressed sparse rows, memory accounting, weight validation, reproducibility. */
class ProjectionTest {

    private static Network network(long seed) {
        return Network.builder().dt(0.1).seed(seed).threads(1).build();
    }

    private static Projection randomProjection(Network net, Synapses synapses) {
        NeuronPopulation a = net.addNeurons("a", 200, IfCurrExp.builder().build());
        NeuronPopulation b = net.addNeurons("b", 150, IfCurrExp.builder().build());
        return net.connect(a, b, Connectors.fixedProbability(0.1, false), synapses);
    }

    @Test
    void rowsAreSortedByTargetAndCoverEverySynapse() {
        try (Network net = network(5)) {
            NeuronPopulation a = net.addNeurons("a", 300, IfCurrExp.builder().build());
            // fromList with pairs in random order, so the rows really have to be sorted.
            int n = 3000;
            int[] pre = new int[n];
            int[] post = new int[n];
            java.util.Random random = new java.util.Random(5);
            for (int k = 0; k < n; k++) {
                pre[k] = random.nextInt(300);
                post[k] = random.nextInt(300);
            }
            Projection p = net.connect(a, a, Connectors.fromList(pre, post),
                    Synapses.onto("inhibitory").weights(Values.uniform(-1, 0)));
            assertEquals(n, p.synapseCount());
            assertEquals(0, p.rowStart(0));
            assertEquals(n, p.rowEnd(299));
            int[] rowLength = new int[300];
            for (int k = 0; k < n; k++) {
                rowLength[pre[k]]++;
            }
            for (int i = 0; i < 300; i++) {
                assertEquals(rowLength[i], p.rowEnd(i) - p.rowStart(i), "row length of " + i);
                if (i > 0) {
                    assertEquals(p.rowEnd(i - 1), p.rowStart(i), "rows must be contiguous");
                }
                for (int k = p.rowStart(i) + 1; k < p.rowEnd(i); k++) {
                    assertTrue(p.targetOf(k - 1) <= p.targetOf(k), "row " + i + " not sorted at " + k);
                }
            }
        }
    }

    /** Rows 0, 2, 3 and 5 are empty: every synapse maps back to its own row, and no index outside is taken. */
    @Test
    void sourceOfFindsEachSynapsesRowPastEmptyRows() {
        try (Network net = network(5)) {
            NeuronPopulation a = net.addNeurons("a", 7, IfCurrExp.builder().build());
            int[] pre = {1, 1, 4, 6, 6, 6};
            int[] post = {0, 2, 3, 1, 4, 5};
            Projection p = net.connect(a, a, Connectors.fromList(pre, post),
                    Synapses.onto("excitatory").weights(Values.constant(1)));
            int[] sources = new int[pre.length];
            for (int j = 0; j < sources.length; j++) {
                sources[j] = p.sourceOf(j);
            }
            assertArrayEquals(pre, sources);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.sourceOf(6));
            assertTrue(e.getMessage().contains("synapse index = 6 is not allowed"), e.getMessage());
        }
    }

    @Test
    void randomConnectorRowsAreSorted() {
        try (Network net = network(8)) {
            Projection p = randomProjection(net, Synapses.onto("excitatory").weights(Values.constant(0.5)));
            for (int i = 0; i < 200; i++) {
                for (int k = p.rowStart(i) + 1; k < p.rowEnd(i); k++) {
                    assertTrue(p.targetOf(k - 1) < p.targetOf(k), "row " + i + " not strictly sorted at " + k);
                }
            }
        }
    }

    @Test
    void memoryWithOwnWeightsAndUniformDelaysIsEightBytesPerSynapsePlusRowPointers() {
        try (Network net = network(1)) {
            Projection p = randomProjection(net,
                    Synapses.onto("excitatory").weights(Values.uniform(0.1, 0.5)).delays(Delays.ms(1.5)));
            int s = p.synapseCount();
            assertTrue(s > 1000, "synapses: " + s);
            assertTrue(p.hasUniformDelay());
            assertEquals(15, p.delayOf(0));
            assertEquals(15, p.maxDelay());
            assertFalse(p.hasUniformWeight());
            assertEquals(4L * (200 + 1) + 8L * s, p.memoryBytes());
            assertEquals((4.0 * 201 + 8.0 * s) / s, p.bytesPerSynapse(), 1e-12);
            assertEquals(p.memoryBytes(), net.synapseMemoryBytes());
        }
    }

    @Test
    void memoryWithUniformWeightsAndOwnDelaysIsSixBytesPerSynapse() {
        try (Network net = network(1)) {
            Projection p = randomProjection(net,
                    Synapses.onto("excitatory").weights(Values.constant(0.5)).delays(Delays.uniformSteps(1, 20)));
            int s = p.synapseCount();
            assertFalse(p.hasUniformDelay());
            assertTrue(p.hasUniformWeight(), "one weight for all synapses is stored once");
            assertEquals(0.5f, p.weightOf(s - 1));
            assertEquals(4L * (200 + 1) + 6L * s, p.memoryBytes());
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int k = 0; k < s; k++) {
                min = Math.min(min, p.delayOf(k));
                max = Math.max(max, p.delayOf(k));
            }
            assertEquals(1, min);
            assertEquals(20, max);
            assertEquals(20, p.maxDelay());
        }
    }

    @Test
    void emptyProjectionCostsOnlyRowPointers() {
        try (Network net = network(1)) {
            NeuronPopulation a = net.addNeurons("a", 10, IfCurrExp.builder().build());
            Projection p = net.connect(a, a, Connectors.fixedProbability(0, true),
                    Synapses.onto("excitatory").weights(Values.constant(1)));
            assertEquals(0, p.synapseCount());
            assertEquals(4L * 11, p.memoryBytes());
            assertEquals(0, p.bytesPerSynapse());
        }
    }

    @Test
    void negativeWeightOntoConductanceIsRefused() {
        try (Network net = network(1)) {
            NeuronPopulation a = net.addNeurons("a", 10, IfCondExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.connect(a, a, Connectors.oneToOne(),
                            Synapses.onto("inhibitory").weights(Values.constant(-0.25))));
            String m = e.getMessage();
            assertTrue(m.contains("weight -0.25 uS"), m);
            assertTrue(m.contains("receptor 'inhibitory'"), m);
            assertTrue(m.contains("IF_cond_exp") && m.contains("conductance") && m.contains(">= 0"), m);
            assertEquals(0, net.projections().size());
        }
    }

    @Test
    void negativeWeightOntoCurrentReceptorIsAccepted() {
        try (Network net = network(1)) {
            NeuronPopulation a = net.addNeurons("a", 10, IfCurrExp.builder().build());
            Projection p = net.connect(a, a, Connectors.oneToOne(),
                    Synapses.onto("inhibitory").weights(Values.constant(-0.25)));
            assertEquals(-0.25f, p.weightOf(3));
            assertEquals(1, p.receptorIndex());
        }
    }

    @Test
    void unknownReceptorIsRefusedNamingTheAllowedOnes() {
        try (Network net = network(1)) {
            NeuronPopulation a = net.addNeurons("a", 10, IfCondExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.connect(a, a, Connectors.oneToOne(),
                            Synapses.onto("ampa").weights(Values.constant(0.1))));
            String m = e.getMessage();
            assertTrue(m.contains("'ampa'") && m.contains("excitatory") && m.contains("inhibitory"), m);
        }
    }

    @Test
    void missingWeightsAreRefused() {
        try (Network net = network(1)) {
            NeuronPopulation a = net.addNeurons("a", 10, IfCurrExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.connect(a, a, Connectors.oneToOne(), Synapses.onto("excitatory")));
            assertTrue(e.getMessage().contains("weights") && e.getMessage().contains("a->a.excitatory"),
                    e.getMessage());
        }
    }

    @Test
    void explicitWeightsOfTheWrongLengthAreRefused() {
        try (Network net = network(1)) {
            NeuronPopulation a = net.addNeurons("a", 4, IfCurrExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.connect(a, a, Connectors.oneToOne(),
                            Synapses.onto("excitatory").weights(new float[] {1, 2, 3})));
            assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("(4)"), e.getMessage());
        }
    }

    /** A delay distribution of the user's own that always draws {@code steps}. */
    private static Delays.DelayDistribution alwaysSteps(int steps) {
        return new Delays.DelayDistribution() {
            @Override
            public int sampleSteps(UniformRandomProvider random, double dt) {
                return steps;
            }

            @Override
            public String describe() {
                return "always " + steps + " steps";
            }
        };
    }

    /**
     * Delays drawn outside 1 to 32767 steps (by a distribution of the user's own) are refused, on pairs and on rows,
     * rather than stored as shorts that wrap around.
     */
    @Test
    void drawnDelaysOutsideTheStepRangeAreRefused() {
        for (int steps : new int[] {0, -3, Delays.MAX_STEPS + 1, 40_000}) {
            for (Connector connector : new Connector[] {Connectors.allToAll(true), Connectors.fixedTotalNumber(20)}) {
                try (Network net = network(1)) {
                    NeuronPopulation a = net.addNeurons("a", 10, IfCurrExp.builder().build());
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a,
                            a, connector, Synapses.onto("excitatory").weights(Values.constant(0.1))
                                    .delays(alwaysSteps(steps))), connector.describe() + ", " + steps + " steps");
                    String m = e.getMessage();
                    assertTrue(m.startsWith("delay = " + steps + " steps of synapse 0 drawn from always " + steps
                            + " steps for projection 'a->a.excitatory' is not allowed: must be in [1, 32767]"), m);
                    assertTrue(net.projections().isEmpty());
                }
            }
        }
    }

    /** No delays to lengthen is refused when asked for, not with a NullPointerException once synapses are drawn. */
    @Test
    void delaysAsInNestAndBrian2NeedDelays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Delays.asInNestAndBrian2(null));
        assertEquals("delays is null: a value is required", e.getMessage());
    }

    private record Arrays3(int[] targets, float[] weights, int[] delays, int[] rowEnds) {
    }

    private static Arrays3 build(long seed, String name) {
        try (Network net = network(seed)) {
            Synapses synapses = Synapses.onto("excitatory").weights(Values.normalClipped(0.5, 0.2, 0, 2))
                    .delays(Delays.uniformSteps(1, 30));
            Projection p = randomProjection(net, name == null ? synapses : synapses.named(name));
            int s = p.synapseCount();
            int[] targets = new int[s];
            float[] weights = new float[s];
            int[] delays = new int[s];
            for (int k = 0; k < s; k++) {
                targets[k] = p.targetOf(k);
                weights[k] = p.weightOf(k);
                delays[k] = p.delayOf(k);
            }
            int[] rowEnds = new int[200];
            for (int i = 0; i < 200; i++) {
                rowEnds[i] = p.rowEnd(i);
            }
            return new Arrays3(targets, weights, delays, rowEnds);
        }
    }

    @Test
    void sameSeedGivesIdenticalProjections() {
        Arrays3 first = build(11, null);
        Arrays3 second = build(11, null);
        assertArrayEquals(first.rowEnds(), second.rowEnds());
        assertArrayEquals(first.targets(), second.targets());
        assertArrayEquals(first.weights(), second.weights());
        assertArrayEquals(first.delays(), second.delays());
    }

    @Test
    void differentSeedOrNameGivesDifferentProjections() {
        Arrays3 first = build(11, null);
        Arrays3 otherSeed = build(12, null);
        assertFalse(Arrays.equals(first.rowEnds(), otherSeed.rowEnds())
                && Arrays.equals(first.targets(), otherSeed.targets()), "connectivity must change with the seed");
        assertFalse(Arrays.equals(first.weights(), otherSeed.weights()), "weights must change with the seed");
        assertFalse(Arrays.equals(first.delays(), otherSeed.delays()), "delays must change with the seed");
        Arrays3 otherName = build(11, "renamed");
        assertFalse(Arrays.equals(first.targets(), otherName.targets()), "streams derive from the name");
    }

    @Test
    void describeNamesConnectorWeightsAndDelays() {
        try (Network net = network(1)) {
            Projection p = randomProjection(net,
                    Synapses.onto("excitatory").weights(Values.constant(0.5)).delays(Delays.steps(3)));
            String d = p.describe();
            assertEquals("a->b.excitatory", p.name());
            assertTrue(d.startsWith("a->b.excitatory: a -> b.excitatory, " + p.synapseCount() + " synapses"), d);
            assertTrue(d.contains("fixedProbability(p=0.1") && d.contains("constant(0.5) nA")
                    && d.contains("3 steps"), d);
        }
    }

    /**
     * A source too large for its row offsets (one more than its size) to fit an int array is refused naming the
     * projection and the source before the connector runs, as a source drawn row by row is.
     */
    @Test
    void aSourceWithoutRoomForItsRowOffsetsIsRefusedBeforeTheConnectorRuns() {
        org.hebb.simulator.population.Population huge = new org.hebb.simulator.population.Population("huge",
                Integer.MAX_VALUE) {
        };
        NeuronPopulation target = new NeuronPopulation("t", 2, IfCurrExp.builder().build(), 1);
        int[] calls = new int[1];
        Connector one = new Connector() {
            @Override
            public void connect(org.hebb.simulator.population.Population source,
                                org.hebb.simulator.population.Population onto, UniformRandomProvider random,
                                PairSink sink) {
                calls[0]++;
                sink.add(0, 0);
            }

            @Override
            public String describe() {
                return "one pair";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Projection.build("big",
                huge, target, one, Synapses.onto("excitatory").weights(Values.constant(1)), 0.1, 1, false, 1));
        assertTrue(e.getMessage().startsWith("source huge[2147483647] of projection 'big' is not allowed: must have "
                + "at most 2147483638 elements"), e.getMessage());
        assertEquals(0, calls[0], "the connector ran");
    }

    /** Row offsets for more keys than an int array can hold one more than are refused, naming the count. */
    @Test
    void rowOffsetsRefuseACountWithoutRoomForItsTotal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowOffsets.of(new int[0], Integer.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("count = 2147483647 is not allowed: must be in [0, 2147483638]"),
                e.getMessage());
        String negative = assertThrows(IllegalArgumentException.class, () -> RowOffsets.of(new int[0], -1))
                .getMessage();
        assertTrue(negative.startsWith("count = -1 is not allowed"), negative);
        assertArrayEquals(new int[] {0, 1, 1, 3}, RowOffsets.of(new int[] {2, 0, 2}, 3));
    }
}
