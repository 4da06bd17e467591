package org.hebb.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Weights that plasticity changes are scanned for NaN and infinity: a bad weight on a synapse whose source never
 * fires reaches no neuron's state, so only this scan can report it.
 */
class WeightCheckerTest {
    private static final int SOURCE_OF_BAD_SYNAPSE = 2;
    private static final int TARGET_OF_BAD_SYNAPSE = 3;

    /** Writes {@code value} into the weight of element 2's synapse onto neuron 3 in step {@code step}. */
    private static SynapseUpdate spoil(long step, float value) {
        return (synapses, spikeStep, pre, post) -> {
            if (spikeStep == step) {
                for (int j = synapses.rowStart(SOURCE_OF_BAD_SYNAPSE); j < synapses.rowEnd(SOURCE_OF_BAD_SYNAPSE);
                        j++) {
                    if (synapses.targets()[j] == TARGET_OF_BAD_SYNAPSE) {
                        synapses.weights()[j] = value;
                    }
                }
            }
        };
    }

    /** Silent neurons (no input) onto a second population, all to all, so that no weight is ever delivered. */
    private static Projection silentProjection(Network net) {
        NeuronPopulation source = net.addNeurons("silent", 5, IfCurrExp.builder().build());
        NeuronPopulation target = net.addNeurons("target", 6, IfCurrExp.builder().build());
        return net.connect(source, target, Connectors.allToAll(true), Synapses.onto("excitatory")
                .weights(Values.constant(0.5)));
    }

    private static int badSynapse(Projection p) {
        for (int j = p.rowStart(SOURCE_OF_BAD_SYNAPSE); j < p.rowEnd(SOURCE_OF_BAD_SYNAPSE); j++) {
            if (p.targetOf(j) == TARGET_OF_BAD_SYNAPSE) {
                return j;
            }
        }
        throw new AssertionError("no synapse from 2 onto 3");
    }

    /**
     * Runs of one step or of 10 ms, one after another, as a closed-loop program makes them: each run's end scans a
     * share of the weights in proportion to its steps, so the bad weight is found within a cycle of the clock.
     */
    @ParameterizedTest
    @CsvSource({"1, 0.1", "2, 0.1", "1, 10", "2, 10"})
    void aBadWeightIsReportedWithinACycleOfShortRuns(int threads, double runMs) {
        try (Network net = Network.builder().threads(threads).build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(40, Float.NaN));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> {
                for (int k = 0; k * runMs <= 2 * Network.WEIGHT_CHECK_CYCLE_MS; k++) {
                    net.run(runMs);
                }
            });
            String m = e.getMessage();
            assertTrue(m.contains("weight = NaN of synapse " + badSynapse(p) + " (element 2 of 'silent' onto "
                    + "neuron 3 of 'target') of projection '" + p.name() + "', changed by an afterDelivery update, "
                    + "is not finite (found by the check at t = "), m);
            // each share holds at least one of the 30 synapses, so the runs' ends find it before the cycle's scan
            assertTrue(e.timeMs() > 4 && e.timeMs() <= 4 + 30 * runMs, "found at " + e.timeMs() + " ms");
        }
    }

    /**
     * The share a run's end scans is in proportion to its steps: with 10,000 synapses and a cycle of 100 steps,
     * 100 synapses a step, so one-step runs reach synapse 5000 at the end of the 51st.
     */
    @Test
    void eachRunsEndScansAShareInProportionToItsSteps() {
        try (Network net = Network.builder().threads(1).build()) {
            NeuronPopulation source = net.addNeurons("silent", 100, IfCurrExp.builder().build());
            NeuronPopulation target = net.addNeurons("target", 100, IfCurrExp.builder().build());
            Projection p = net.connect(source, target, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(0.5)));
            net.afterDelivery(p, (synapses, step, pre, post) -> {
                if (step == 0) {
                    synapses.weights()[synapses.rowStart(50)] = Float.NaN;
                }
            });
            net.run(0.2);
            assertTrue(Float.isNaN(p.weightOf(5000)), "the run left synapse 5000 NaN and did not scan it");
            WeightChecker checker = new WeightChecker(p, List.of("a test"), Engine.NonFiniteWeight::firstOnHost, 100,
                    1, 0.1);
            for (long step = 1; step <= 50; step++) {
                checker.runEnding(step);
                assertNull(checker.takeViolation(), "synapses up to " + (step * 100) + " are finite");
            }
            checker.runEnding(51);
            assertTrue(checker.takeViolation().startsWith("weight = NaN of synapse 5000 "));
        }
    }

    /** A run of a cycle or more ends with every weight scanned, on the Java backend by the cycle's own scan. */
    @Test
    void aRunOfACycleEndsWithEveryWeightScanned() {
        try (Network net = Network.builder().build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(40, Float.NaN));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class,
                    () -> net.run(Network.WEIGHT_CHECK_CYCLE_MS));
            assertEquals(Network.WEIGHT_CHECK_CYCLE_MS, e.timeMs(), 1e-9);
        }
    }

    @Test
    void finiteWeightsLetTheRunEnd() {
        try (Network net = Network.builder().build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(40, 1e30f));
            net.run(Network.WEIGHT_CHECK_CYCLE_MS + 10);
            assertEquals(1e30f, p.weightOf(badSynapse(p)));
        }
    }

    /** During a long run the scan comes every {@link Network#WEIGHT_CHECK_CYCLE_MS}, counted on the clock. */
    @Test
    void aLongRunIsStoppedAtTheNextCyclesCheck() {
        double dt = 0.1;
        try (Network net = Network.builder().dt(dt).build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(Math.round(1500 / dt), Float.NEGATIVE_INFINITY));
            net.run(600);
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(3000));
            assertTrue(e.getMessage().contains("weight = -Infinity of synapse " + badSynapse(p)), e.getMessage());
            assertEquals(2 * Network.WEIGHT_CHECK_CYCLE_MS, e.timeMs(), 1e-9);
        }
    }

    /** A checkpoint is not saved with a bad weight that a short run left unscanned. */
    @Test
    void aCheckpointOfABadWeightIsNotSaved(@TempDir Path directory) {
        try (Network net = Network.builder().build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(40, Float.POSITIVE_INFINITY));
            net.run(10);
            Path file = directory.resolve("state.h5");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.saveCheckpoint(file));
            assertTrue(e.getMessage().startsWith("the checkpoint is not saved: weight = Infinity of synapse "
                    + badSynapse(p)), e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    /**
     * At a dt so small that {@link Network#WEIGHT_CHECK_CYCLE_MS} holds more steps than an int, a network is still
     * run (dt is only required to be positive), and its weights are still scanned before a checkpoint is saved.
     */
    @Test
    void aDtTooSmallForTheCycleInStepsStillRuns(@TempDir Path directory) {
        double dt = 1e-7;
        try (Network net = Network.builder().dt(dt).build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(4, Float.NaN));
            net.run(10 * dt);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> net.saveCheckpoint(directory.resolve("state.h5")));
            assertTrue(e.getMessage().contains("weight = NaN of synapse " + badSynapse(p)), e.getMessage());
        }
    }

    /** A rule that spoils one weight, named in the report. */
    private record SpoilingRule(long step) implements PlasticityRule<SpoilingRule.State> {
        record State() implements RuleState {
            @Override
            public List<Variable> variables() {
                return List.of();
            }

            @Override
            public float[] values(String variable) {
                throw new IllegalArgumentException(variable);
            }
        }

        @Override
        public String name() {
            return "spoiler";
        }

        @Override
        public Set<EngineKind> engines() {
            return Set.of(EngineKind.CLOCK_DRIVEN);
        }

        @Override
        public Set<BackendKind> backends() {
            return Set.of(BackendKind.JAVA);
        }

        @Override
        public State attach(PlasticityContext context) {
            context.onSynapses(spoil(step, Float.POSITIVE_INFINITY));
            return new State();
        }
    }

    /**
     * User code that changes the weights of a projection with a rule is named too: the rule here never changes a
     * weight, so a report naming the rule alone would blame it for what the user's update did.
     */
    @Test
    void theReportNamesAnAfterDeliveryUpdateBesideTheRule() {
        try (Network net = Network.builder().build()) {
            Projection p = silentProjection(net);
            net.addPlasticity(p, new SpoilingRule(Long.MIN_VALUE));
            net.afterDelivery(p, spoil(3, Float.NaN));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class,
                    () -> net.run(Network.WEIGHT_CHECK_CYCLE_MS));
            assertTrue(e.getMessage().contains("weight = NaN of synapse " + badSynapse(p) + " (element 2 of 'silent' "
                    + "onto neuron 3 of 'target') of projection '" + p.name() + "', changed by spoiler and an "
                    + "afterDelivery update, is not finite"), e.getMessage());
        }
    }

    @Test
    void theReportNamesTheRule() {
        try (Network net = Network.builder().build()) {
            Projection p = silentProjection(net);
            net.addPlasticity(p, new SpoilingRule(3));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class,
                    () -> net.run(Network.WEIGHT_CHECK_CYCLE_MS));
            assertTrue(e.getMessage().contains("weight = Infinity of synapse " + badSynapse(p)
                    + " (element 2 of 'silent' onto neuron 3 of 'target') of projection '" + p.name()
                    + "', changed by spoiler, is not finite"), e.getMessage());
        }
    }
}
