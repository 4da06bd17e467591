package org.hebb.simulator.connect;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntSupplier;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.random.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Delay distributions that can draw a delay beyond the longest a step holds ({@link Delays#MAX_STEPS}) are refused
 * before any draw, for every seed alike, naming the parameters and their values; those that cannot are accepted for
 * every seed.
 */
class DelayLimitTest {
    private static final double DT = 0.1;
    private static final int SEEDS = 20;
    private static final int DRAWS = 1000;

    /** The message refusing {@code delays} at {@link #DT} with seed {@code seed}, or null if its draws all pass. */
    private static String refusal(Delays.DelayDistribution delays, long seed) {
        try {
            IntSupplier steps = delays.stepSampler(Seeds.generator(seed, "delays"), DT);
            for (int k = 0; k < DRAWS; k++) {
                int d = steps.getAsInt();
                assertTrue(d >= 1 && d <= Delays.MAX_STEPS, d + " steps drawn from " + delays.describe());
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message lacks '" + part + "':\n" + message);
        }
    }

    /**
     * A normal of mean 3270 ms and sd 5 ms at dt = 0.1 ms puts about 9% of its draws beyond the longest delay,
     * 3276.7 ms: whether 1000 draws met one depended on the seed. It is refused for every seed, as is the wider
     * one of the microcircuit's delays at a mean 1.5 ms short of the limit.
     */
    @Test
    void aNormalReachingBeyondTheLongestDelayIsRefusedForEverySeed() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            String m = refusal(Delays.normalMs(3270, 5), seed);
            assertNotNull(m, "seed " + seed);
            assertContains(m, "mean delay = 3270.0 ms, delay sd = 5.0 ms of normal(3270.0, 5.0) ms",
                    "not allowed at dt = 0.1 ms", "mean + 8 sd = 3310.0 ms, which must round to at most 32767 steps");
            assertNotNull(refusal(Delays.normalMs(3275.2, 0.5 * 1.5), seed), "seed " + seed);
        }
    }

    /** mean + 8 sd = 3272 ms, 32720 steps: every draw fits, for every seed, also one step longer. */
    @Test
    void aNormalWithinTheLongestDelayIsAcceptedForEverySeed() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            assertNull(refusal(Delays.normalMs(3200, 9), seed), "seed " + seed);
            assertNull(refusal(Delays.asInNestAndBrian2(Delays.normalMs(3200, 9)), seed), "seed " + seed);
            assertNull(refusal(Delays.asInNestAndBrian2(Delays.normalMs(1.5, 0.75)), seed), "seed " + seed);
        }
    }

    /**
     * Delays applied as in NEST and Brian2 are one step longer: a distribution reaching the longest delay then
     * failed only for the seeds that drew it (uniform over 1 to 32767 steps: 1000 draws meet 32767 with
     * probability 3%). It is refused for every seed; one step shorter is accepted.
     */
    @Test
    void delaysThatOneStepLongerWouldNotFitAreRefusedForEverySeed() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            String m = refusal(Delays.asInNestAndBrian2(Delays.uniformSteps(1, Delays.MAX_STEPS)), seed);
            assertNotNull(m, "seed " + seed);
            assertContains(m, "delays uniform[1, 32767] steps are not allowed at dt = 0.1 ms as NEST and Brian2 "
                    + "apply them: they reach 32767 steps, and one step longer must stay at most 32767 steps");
            assertNotNull(refusal(Delays.asInNestAndBrian2(Delays.uniformMs(1, 3276.7)), seed), "seed " + seed);
            assertNull(refusal(Delays.asInNestAndBrian2(Delays.uniformSteps(1, Delays.MAX_STEPS - 1)), seed),
                    "seed " + seed);
        }
    }

    /**
     * A normal whose draws all lie below dt / 2, where it redraws, has no delay to give: it is refused naming the
     * delays' mean, sd, dt and dt / 2, on either engine (the event-driven one draws in ms).
     */
    @Test
    void aNormalEntirelyBelowHalfAStepIsRefusedNamingItsMeanAndSd() {
        Delays.DelayDistribution tooShort = Delays.normalMs(0.02, 0.001);
        String m = refusal(tooShort, 1);
        assertNotNull(m);
        assertContains(m, "mean delay = 0.02 ms, delay sd = 0.001 ms of normal(0.02, 0.001) ms", "at dt = 0.1 ms",
                "dt / 2 = 0.05 ms");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tooShort.msSampler(Seeds.generator(1, "delays"), DT));
        assertContains(e.getMessage(), "mean delay = 0.02 ms, delay sd = 0.001 ms");
    }

    /**
     * A fixed delay of 0.04 ms rounds to 0 steps at dt = 0.1 ms, and one of 3276.8 ms to 32768: both are refused
     * before any draw, so also for the seeds whose sparse connector draws no synapse (p = 0.005 over 100 pairs draws
     * none with probability 0.6).
     */
    @Test
    void aFixedDelayOutsideTheStepsIsRefusedForEverySeed() {
        for (double ms : new double[] {0.04, 3276.8}) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                try (Network net = Network.builder().dt(DT).seed(seed).threads(1).build()) {
                    NeuronPopulation a = net.addNeurons("a", 10, IfCurrExp.builder().build());
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a, a,
                            Connectors.fixedProbability(0.005, true), Synapses.onto("excitatory")
                                    .weights(Values.constant(0.1)).delays(Delays.ms(ms))), "seed " + seed);
                    assertContains(e.getMessage(), "delay = " + ms + " ms is not allowed at dt = 0.1 ms");
                }
            }
        }
    }

    /**
     * The same refusals where a connector drawn by rows makes no synapse: fixedTotalNumber(0) with a fixed delay of
     * 0.04 ms, or a uniform one from 0.04 ms, at dt = 0.1 ms is refused as fixedTotalNumber(1) is.
     */
    @Test
    void delaysOutsideTheStepsAreRefusedAlsoWhereARowConnectorMakesNoSynapse() {
        for (Delays.DelayDistribution delays : new Delays.DelayDistribution[] {Delays.ms(0.04),
                Delays.uniformMs(0.04, 0.2)}) {
            for (long count : new long[] {1, 0}) {
                try (Network net = Network.builder().dt(DT).seed(5).threads(1).build()) {
                    NeuronPopulation a = net.addNeurons("a", 10, IfCurrExp.builder().build());
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a, a,
                            Connectors.fixedTotalNumber(count), Synapses.onto("excitatory")
                                    .weights(Values.constant(0.1)).delays(delays)), delays.describe() + ", "
                            + count + " synapses");
                    assertContains(e.getMessage(), "delay = 0.04 ms", "is not allowed at dt = 0.1 ms");
                    assertTrue(net.projections().isEmpty());
                }
            }
        }
    }

    /** The refusal comes from connect, before any projection exists. */
    @Test
    void connectRefusesBeforeAnyProjectionExists() {
        try (Network net = Network.builder().dt(DT).seed(3).threads(1).build()) {
            NeuronPopulation a = net.addNeurons("a", 10, IfCurrExp.builder().build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.connect(a, a,
                    Connectors.allToAll(true), Synapses.onto("excitatory").weights(Values.constant(0.1))
                            .delays(Delays.normalMs(3270, 5))));
            assertContains(e.getMessage(), "mean delay = 3270.0 ms, delay sd = 5.0 ms");
            assertTrue(net.projections().isEmpty());
        }
    }
}
