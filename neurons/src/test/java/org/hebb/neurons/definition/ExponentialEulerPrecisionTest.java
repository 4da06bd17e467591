package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.Precision;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.api.Test;

/**
 * Exponential Euler on a membrane that barely leaks (tau_m much longer than dt): dv/dt = a v + b with a h = -dt / tau_m
 * close to 0, against the closed form v + (v - v_inf) (e^(a h) - 1). Written as (v + b / a) e^(a h) - b / a, the step
 * subtracts two values of the size of v_inf = -b / a, which grows with tau_m, and keeps only the rounding of e^(a h)
 * near 1; the step must stay within float's or double's rounding of v at every tau_m.
 */
class ExponentialEulerPrecisionTest {
    private static final double DT = 0.1;
    private static final double V_REST = -65;
    private static final double CM = 0.25;
    private static final double I_OFFSET = 0.5;
    private static final double[] TAU_M = {20, 1e3, 1e5, 1e8, 1e12};
    private static final MathContext DIGITS = new MathContext(50);

    /**
     * IF_cond_exp (exponential Euler by default) without synaptic input: a = -1/tau_m - (g_e + g_i)/cm reads state,
     * so e^(a h) - 1 is computed in the kernel.
     */
    private static NeuronModel ifCondExp(double tauM) {
        return IfCondExp.builder().cm(CM).tauM(tauM).vRest(V_REST).vThresh(1e30).iOffset(I_OFFSET).build();
    }

    /** The same membrane as a definition whose a = -1/tau_m is fixed for the population (e^(a h) a constant). */
    private static NeuronModel leak(double tauM) {
        return NeuronDefinition.builder("leak")
                .parameter("tau_m", "ms", tauM).parameter("v_rest", "mV", V_REST).parameter("cm", "nF", CM)
                .parameter("i_offset", "nA", I_OFFSET)
                .equations("dv/dt = (v_rest - v) / tau_m + i_offset / cm : mV")
                .initial("v", "v_rest").method(IntegrationMethod.EXPONENTIAL_EULER).build().model();
    }

    /** One step in double precision from rest is within 1 ulp of the exact step, at every tau_m. */
    @Test
    void oneDoubleStepIsWithinAnUlpOfTheExactStepAtEveryTimeConstant() {
        StringBuilder wrong = new StringBuilder();
        for (double tauM : TAU_M) {
            for (NeuronModel model : new NeuronModel[] {ifCondExp(tauM), leak(tauM)}) {
                SingleNeuron neuron = new SingleNeuron(model, DT, Precision.DOUBLE);
                neuron.step();
                double exact = exactValue(tauM, 1).doubleValue();
                double ulps = Math.abs(neuron.exactValue("v") - exact) / Math.ulp(exact);
                if (!(ulps <= 1)) {
                    wrong.append("\n").append(model.name()).append(" at tau_m = ").append(tauM).append(" ms: ")
                            .append(neuron.exactValue("v")).append(" mV after one step, exact ").append(exact)
                            .append(" mV, ").append(ulps).append(" ulp off");
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.toString());
    }

    /**
     * 1000 float steps (100 ms) from rest follow the closed form within the rounding of v each step (half an ulp of
     * the largest |v|, 1000 times), however slowly the membrane leaks: at tau_m = 1e12 ms it integrates i_offset
     * like a capacitor, 2 mV per ms.
     */
    @Test
    void floatStepsFollowTheClosedFormWhereTheMembraneBarelyLeaks() {
        StringBuilder wrong = new StringBuilder();
        for (double tauM : TAU_M) {
            for (NeuronModel model : new NeuronModel[] {ifCondExp(tauM), leak(tauM)}) {
                SingleNeuron neuron = new SingleNeuron(model, DT);
                int steps = 1000;
                double largest = 0;
                double largestV = 0;
                for (int k = 1; k <= steps; k++) {
                    neuron.step();
                    double exact = exactValue(tauM, k).doubleValue();
                    largest = Math.max(largest, Math.abs(neuron.value("v") - exact));
                    largestV = Math.max(largestV, Math.abs(exact));
                }
                double bound = steps * Math.ulp((float) largestV) / 2;
                if (!(largest < bound)) {
                    wrong.append("\n").append(model.name()).append(" at tau_m = ").append(tauM).append(" ms: ")
                            .append(largest).append(" mV from the closed form, allowed ").append(bound).append(" mV");
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.toString());
    }

    /** v after {@code steps} steps from rest: v_rest - (v_rest - v_inf) (e^(-t / tau_m) - 1), t = steps dt. */
    private static BigDecimal exactValue(double tauM, int steps) {
        BigDecimal tau = new BigDecimal(tauM);
        BigDecimal vRest = new BigDecimal(V_REST);
        BigDecimal vInf = vRest.add(new BigDecimal(I_OFFSET).multiply(tau).divide(new BigDecimal(CM), DIGITS));
        BigDecimal z = new BigDecimal(DT).multiply(BigDecimal.valueOf(steps)).negate().divide(tau, DIGITS);
        return vRest.add(vRest.subtract(vInf).multiply(expm1(z), DIGITS), DIGITS);
    }

    /** e^z - 1 for |z| &lt;= 5 by its series, to 50 digits. */
    private static BigDecimal expm1(BigDecimal z) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(z, DIGITS).divide(BigDecimal.valueOf(n), DIGITS);
            sum = sum.add(term, DIGITS);
        }
        return sum;
    }
}
