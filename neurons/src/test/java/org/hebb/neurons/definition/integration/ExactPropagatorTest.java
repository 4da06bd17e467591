package org.hebb.neurons.definition.integration;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.lif.IfCurrExp;
import org.junit.jupiter.api.Test;

/**
 * The propagators of exactly integrated LIF models, computed once in double precision, against the analytic
 * solution of cm dv/dt = cm (v_rest - v) / tau_m + i_syn + i_offset, di_syn/dt = -i_syn / tau_syn over a step h:
 * v keeps exp(-h / tau_m) of itself and decays by -expm1(-h / tau_m) per step, and the constant part of its increment
 * is (v_rest + i_offset tau_m / cm) (-expm1(-h / tau_m)).
 */
class ExactPropagatorTest {
    private static final double DT = 0.1;
    private static final double CM = 0.25;
    private static final double V_REST = -70;
    private static final double I_OFFSET = 0.3;

    /** The constant described as {@code description} in a double-precision step program. */
    private static double constant(StepProgram program, String description) {
        int index = program.constantDescriptions().indexOf(description);
        if (index < 0) {
            fail("no constant '" + description + "' in " + program.constantDescriptions());
        }
        return program.constants()[index];
    }

    /** As {@link #constant}, 0 where the program has no such constant (a propagator of 0 is left out). */
    private static double constantOrZero(StepProgram program, String description) {
        int index = program.constantDescriptions().indexOf(description);
        return index < 0 ? 0 : program.constants()[index];
    }

    /** |actual - expected| in units of the last place of expected. */
    private static double ulps(double expected, double actual) {
        return actual == expected ? 0 : Math.abs(actual - expected) / Math.ulp(expected);
    }

    private static StepProgram currentBased(double tauM, double tauSyn) {
        return DefinedNeuronModel.of(IfCurrExp.DEFINITION).with("cm", CM).with("tau_m", tauM)
                .with("v_rest", V_REST).with("i_offset", I_OFFSET).with("tau_syn_E", tauSyn)
                .with("tau_syn_I", 2 * tauSyn).program(DT, Precision.DOUBLE);
    }

    /**
     * A membrane that barely leaks (h / tau_m down to 1e-13): 1 - exp(-h / tau_m) keeps its precision, as
     * -expm1(-h / tau_m) does, rather than being 1 minus a number that rounds near 1; so the equilibrium, the
     * constant part over the decay, stays at v_rest + i_offset tau_m / cm.
     */
    @Test
    void decayPerStepIsExpm1WhereTheMembraneBarelyLeaks() {
        for (double tauM : new double[] {10, 1e5, 1e9, 1e12}) {
            StepProgram program = currentBased(tauM, 5);
            double decay = -Math.expm1(-DT / tauM);
            double constant = (V_REST + I_OFFSET * tauM / CM) * decay;
            double actualDecay = constant(program, "propagator: decay of v per step");
            double actualConstant = constant(program, "increment of v: constant part");
            assertTrue(ulps(decay, actualDecay) <= 2, "tau_m = " + tauM + " ms: decay " + actualDecay
                    + ", expected " + decay + " (" + ulps(decay, actualDecay) + " ulps)");
            assertTrue(ulps(constant, actualConstant) <= 4, "tau_m = " + tauM + " ms: constant part "
                    + actualConstant + ", expected " + constant + " (" + ulps(constant, actualConstant) + " ulps)");
        }
    }

    /**
     * A synaptic time constant equal or nearly equal to the membrane's, where the closed form
     * (exp(-h / tau_m) - exp(-h / tau_syn)) / (1 / tau_syn - 1 / tau_m) cancels, and time constants far below or
     * far above the step: the current's propagator into v, exp(-h / tau_m) (-expm1(-h d)) / (d cm) with
     * d = 1 / tau_syn - 1 / tau_m (h exp(-h / tau_m) / cm where they are equal), and its own decay exp(-h / tau_syn),
     * each to a few ulps.
     */
    @Test
    void synapticPropagatorsMatchTheAnalyticSolution() {
        double[][] cases = {{10, 10}, {10, 10 * (1 + 1e-6)}, {10, 10 * (1 - 1e-6)}, {10, 10 * (1 + 1e-9)},
            {10, 10 * (1 - 1e-9)}, {10, 10 * (1 + 1e-12)}, {10, 10 * (1 - 1e-12)}, {0.01, 0.01 * (1 + 1e-9)},
            {1e-3, 1e-3}, {10, 5}, {10, 1e-6}, {1e-6, 5}, {1e-6, 1e-6}, {1e12, 5}, {10, 1e12}, {1e5, 3}};
        for (double[] c : cases) {
            double tauM = c[0];
            double tauSyn = c[1];
            StepProgram program = currentBased(tauM, tauSyn);
            double slow = Math.min(1 / tauM, 1 / tauSyn);
            double d = Math.max(1 / tauM, 1 / tauSyn) - slow;
            double fromCurrent = d == 0 ? DT * Math.exp(-DT / tauM) / CM
                    : Math.exp(-DT * slow) * (-Math.expm1(-DT * d) / d) / CM;
            double actual = constantOrZero(program, "propagator: v from i_syn_e");
            assertTrue(ulps(fromCurrent, actual) <= 4, "tau_m = " + tauM + " ms, tau_syn = " + tauSyn
                    + " ms: from i_syn " + actual + ", expected " + fromCurrent + " (" + ulps(fromCurrent, actual)
                    + " ulps)");
            double keep = Math.exp(-DT / tauSyn);
            double actualKeep = constantOrZero(program, "propagator: i_syn_e from itself");
            assertTrue(ulps(keep, actualKeep) <= 1, "tau_m = " + tauM + " ms, tau_syn = " + tauSyn
                    + " ms: i_syn keeps " + actualKeep + ", expected " + keep + " (" + ulps(keep, actualKeep)
                    + " ulps)");
        }
    }
}
