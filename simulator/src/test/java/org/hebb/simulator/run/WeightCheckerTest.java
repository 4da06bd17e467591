package org.hebb.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aBadWeightWithinAShortRunIsReportedWhenTheRunEnds(int threads) {
        try (Network net = Network.builder().threads(threads).build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(40, Float.NaN));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(10));
            String m = e.getMessage();
            assertTrue(m.contains("weight = NaN of synapse " + badSynapse(p) + " (element 2 of 'silent' onto "
                    + "neuron 3 of 'target') of projection '" + p.name() + "', changed by an afterDelivery update, "
                    + "is not finite (found by the check at t = 10.000 ms)"), m);
            assertEquals(10.0, e.timeMs(), 1e-9);
        }
    }

    @Test
    void finiteWeightsLetTheRunEnd() {
        try (Network net = Network.builder().build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(40, 1e30f));
            net.run(10);
            assertEquals(1e30f, p.weightOf(badSynapse(p)));
        }
    }

    /** During a long run the scan comes every {@link Network#WEIGHT_CHECK_INTERVAL_MS}, counted on the clock. */
    @Test
    void aLongRunIsStoppedAtTheNextIntervalsCheck() {
        double dt = 0.1;
        try (Network net = Network.builder().dt(dt).build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(Math.round(1500 / dt), Float.NEGATIVE_INFINITY));
            net.run(600);
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(3000));
            assertTrue(e.getMessage().contains("weight = -Infinity of synapse " + badSynapse(p)), e.getMessage());
            assertEquals(2 * Network.WEIGHT_CHECK_INTERVAL_MS, e.timeMs(), 1e-9);
        }
    }

    /**
     * At a dt so small that {@link Network#WEIGHT_CHECK_INTERVAL_MS} holds more steps than an int, a network is still
     * run (dt is only required to be positive), and its weights are still scanned when the run ends.
     */
    @Test
    void aDtTooSmallForTheIntervalInStepsStillRunsAndScansAtTheEnd() {
        double dt = 1e-7;
        try (Network net = Network.builder().dt(dt).build()) {
            Projection p = silentProjection(net);
            net.afterDelivery(p, spoil(4, Float.NaN));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(10 * dt));
            assertTrue(e.getMessage().contains("weight = NaN of synapse " + badSynapse(p)), e.getMessage());
            assertEquals(10 * dt, e.timeMs(), 1e-15);
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
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(1));
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
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(1));
            assertTrue(e.getMessage().contains("weight = Infinity of synapse " + badSynapse(p)
                    + " (element 2 of 'silent' onto neuron 3 of 'target') of projection '" + p.name()
                    + "', changed by spoiler, is not finite"), e.getMessage());
        }
    }
}
