package org.hebb.simulator.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** Attaching rules: engine and backend checks, shared traces, trace values, declared state. */
class PlasticityAttachmentTest {
    /** A rule that only asks for a presynaptic trace and exposes it. */
    private record TraceRule(Set<EngineKind> engines, Set<BackendKind> backends, double tauMs)
            implements PlasticityRule<TraceRule.State> {
        record State(Trace trace) implements RuleState {
            @Override
            public List<Variable> variables() {
                return List.of(new Variable("pre_trace", "1", Scope.PRESYNAPTIC_NEURON));
            }

            @Override
            public float[] values(String variable) {
                RuleState.find(variables(), variable);
                return trace.latest();
            }
        }

        @Override
        public String name() {
            return "trace-only";
        }

        @Override
        public State attach(PlasticityContext context) {
            return new State(context.trace(context.projection().source(), tauMs, 1f, Trace.Pairing.ALL_TO_ALL, 2));
        }
    }

    private static Projection build(Network net) {
        PoissonSource in = net.addPoissonSource("in", 20, 50);
        NeuronPopulation out = net.addNeurons("out", 5, IfCurrExp.builder().build());
        return net.connect(in, out, Connectors.allToAll(true), Synapses.onto("excitatory").weights(
                Values.constant(0.1)));
    }

    @Test
    void refusesARuleThatDoesNotSupportTheEngineOrBackend() {
        try (Network net = Network.builder().build()) {
            Projection p = build(net);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addPlasticity(p,
                    new TraceRule(Set.of(EngineKind.EVENT_DRIVEN), Set.of(BackendKind.JAVA), 10)));
            assertTrue(e.getMessage().contains("trace-only") && e.getMessage().contains("CLOCK_DRIVEN")
                    && e.getMessage().contains("EVENT_DRIVEN"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> net.addPlasticity(p,
                    new TraceRule(Set.of(EngineKind.CLOCK_DRIVEN), Set.of(BackendKind.OPENCL), 10)));
            assertTrue(e.getMessage().contains("JAVA backend"), e.getMessage());
            assertTrue(p.hasUniformWeight(), "a refused rule leaves the projection as it was");
        }
    }

    /** A time constant so short that exp(-dt / tau) is 0 in single precision is refused naming tau and dt. */
    @Test
    void aTraceTimeConstantWhoseDecayPerStepIsZeroIsRefusedNamingTau() {
        Set<EngineKind> clock = Set.of(EngineKind.CLOCK_DRIVEN);
        Set<BackendKind> java = Set.of(BackendKind.JAVA);
        try (Network net = Network.builder().dt(0.1).build()) {
            Projection p = build(net);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.addPlasticity(p,
                    new TraceRule(clock, java, 1e-4)));
            for (String part : new String[] {"trace tau = 1.0E-4 ms is not allowed", "dt = 0.1 ms",
                                             "must be > " + (float) (0.1 / (150 * Math.log(2))) + " ms"}) {
                assertTrue(e.getMessage().contains(part), e.getMessage());
            }
        }
    }

    @Test
    void rulesWithTheSameTimeConstantShareOneTraceWhoseValuesFollowTheSpikes() {
        Set<EngineKind> clock = Set.of(EngineKind.CLOCK_DRIVEN);
        Set<BackendKind> java = Set.of(BackendKind.JAVA);
        try (Network net = Network.builder().dt(0.1).seed(2).threads(2).build()) {
            Projection p = build(net);
            TraceRule.State a = net.addPlasticity(p, new TraceRule(clock, java, 10));
            TraceRule.State b = net.addPlasticity(p, new TraceRule(clock, java, 10));
            TraceRule.State c = net.addPlasticity(p, new TraceRule(clock, java, 30));
            assertSame(a.trace(), b.trace());
            assertFalse(a.trace() == c.trace());
            org.hebb.simulator.monitor.SpikeMonitor spikes = net.monitorSpikes(p.source());
            net.run(100);
            long latest = a.trace().latestStep();
            assertEquals(net.stepsRun() - 2, latest, "traces include the spikes up to the step before the last");
            double decay = Math.exp(-0.1 / 10);
            double[] expected = new double[20];
            for (int s = 0; s < spikes.storedCount(); s++) {
                if (spikes.steps()[s] <= latest) {
                    expected[spikes.neurons()[s]] += Math.pow(decay, latest - spikes.steps()[s]);
                }
            }
            float[] values = a.values("pre_trace");
            for (int i = 0; i < 20; i++) {
                assertEquals(expected[i], values[i], 1e-4, "trace of source " + i);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.values("weight"));
            assertTrue(e.getMessage().contains("'weight'") && e.getMessage().contains("pre_trace"), e.getMessage());
        }
    }
}
