package org.hebb.neurons.conductance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.hebb.neurons.Precision;
import org.hebb.neurons.adex.AdEx;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.hh.HhCondExp;
import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conductance receptors of HH_cond_exp and EIF_cond_exp_isfa_ista, whose other tests drive them by current
 * only: one event of weight w on a receptor makes its conductance w exp(-t / tau_syn) with that receptor's own time
 * constant (tau_syn_E = 3 ms and tau_syn_I = 7 ms here) and leaves the other at 0; and over the first 0.2 ms, before
 * the membrane answers, it moves v away from an undisturbed twin by w tau_syn (1 - exp(-t / tau_syn))
 * (e_rev - v) / cm, towards the receptor's own reversal potential (within 3%: the neglected membrane response and
 * the order within a step take about 1%, a wrong reversal potential or capacitance far more).
 */
class ConductanceReceptorsTest {
    private static final double DT = 0.01;
    private static final double TAU_SYN_E = 3;
    private static final double TAU_SYN_I = 7;
    private static final double WEIGHT = 0.001;

    static Stream<Arguments> modelsAndReceptors() {
        Stream<Named<DefinedNeuronModel>> models = Stream.of(
                Named.of("HH_cond_exp rk4", HhCondExp.definition(IntegrationMethod.RK4).model()),
                Named.of("HH_cond_exp exponential Euler",
                        HhCondExp.definition(IntegrationMethod.EXPONENTIAL_EULER).model()),
                Named.of("EIF_cond_exp_isfa_ista rk4", AdEx.definition(IntegrationMethod.RK4).model()),
                Named.of("EIF_cond_exp_isfa_ista Euler", AdEx.definition(IntegrationMethod.EULER).model()));
        return models.flatMap(m -> Stream.of(Arguments.of(m, 0), Arguments.of(m, 1)));
    }

    @ParameterizedTest(name = "{0}, receptor {1}")
    @MethodSource("modelsAndReceptors")
    void anEventOpensItsOwnConductanceTowardsItsOwnReversalPotential(DefinedNeuronModel base, int receptor) {
        DefinedNeuronModel model = base.with("tau_syn_E", TAU_SYN_E).with("tau_syn_I", TAU_SYN_I);
        boolean excitatory = receptor == 0;
        String own = excitatory ? "g_e" : "g_i";
        String other = excitatory ? "g_i" : "g_e";
        double tau = excitatory ? TAU_SYN_E : TAU_SYN_I;
        double eRev = model.parameter(excitatory ? "e_rev_E" : "e_rev_I");
        double cm = model.parameter("cm");
        SingleNeuron hit = new SingleNeuron(model, DT, Precision.DOUBLE);
        SingleNeuron twin = new SingleNeuron(model, DT, Precision.DOUBLE);
        double v0 = twin.exactValue("v");
        hit.receive(receptor, WEIGHT);
        for (int k = 1; k <= 20; k++) {
            hit.step();
            twin.step();
            double t = k * DT;
            assertEquals(WEIGHT * Math.exp(-t / tau), hit.exactValue(own), 1e-6 * WEIGHT, own + " at " + t + " ms");
            assertEquals(0, hit.exactValue(other), 0.0, other + " at " + t + " ms");
        }
        double t = 20 * DT;
        double expected = WEIGHT * tau * -Math.expm1(-t / tau) * (eRev - v0) / cm;
        double moved = hit.exactValue("v") - twin.exactValue("v");
        assertTrue(Math.abs(expected) > 1e-3, "test setup: a change of " + expected + " mV");
        assertEquals(expected, moved, 0.03 * Math.abs(expected), "v moved by the event after " + t + " ms");
    }
}
