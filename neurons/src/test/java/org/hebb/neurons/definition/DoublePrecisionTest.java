package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.adex.AdEx;
import org.hebb.neurons.hh.HhCondExp;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.api.Test;

/**
 * Kernels generated in double precision: they compute in double (no float left in their source), and their error
 * against closed forms is that of double, where the same model in single precision errs by float's.
 */
class DoublePrecisionTest {
    private static final Pattern FLOAT = Pattern.compile("\\bfloat\\b(?!\\[\\] _in|\\[\\]\\[\\] _in|\\[\\] _inj)|[0-9]f\\b");

    /** Every declaration and literal of the state's arithmetic is double; only the float inputs stay float. */
    @Test
    void generatedSourceComputesInDouble() {
        for (DefinedNeuronModel model : new DefinedNeuronModel[] {IfCurrExp.builder().build(),
                IfCondExp.builder().build(), Izhikevich.builder().build(), AdEx.definition(IntegrationMethod.RK4).model(),
                HhCondExp.definition(IntegrationMethod.EXPONENTIAL_EULER).model()}) {
            String java = model.javaSource(0.1, Precision.DOUBLE);
            for (String line : java.split("\n")) {
                if (!line.contains("_input") && !line.contains("_injected")) {
                    assertFalse(FLOAT.matcher(line).find(), model.name() + ": float in '" + line.strip() + "'");
                }
            }
            String openCl = model.openClSource(0.1, Precision.DOUBLE);
            assertTrue(openCl.contains("cl_khr_fp64") && openCl.contains("__constant double* _k"), model.name());
        }
    }

    /**
     * IF_curr_exp under a constant current from rest: v(t) = v_inf + (v_rest - v_inf) e^(-t / tau_m), integrated
     * exactly; after 200 steps the double kernel is within 1e-11 mV of it, the float kernel only within 1e-4.
     */
    @Test
    void exactIntegrationErrsByDoubleRounding() {
        IfCurrExp model = IfCurrExp.builder().cm(0.25).tauM(10).vRest(-65).vThresh(100).build();
        double current = 0.3;
        // injected currents are floats in either precision
        double vInf = -65 + (double) (float) current * 10 / 0.25;
        double[] worst = new double[2];
        for (Precision precision : Precision.values()) {
            SingleNeuron neuron = new SingleNeuron(model, 0.1, precision);
            neuron.inject(current);
            for (int k = 1; k <= 200; k++) {
                neuron.step();
                double expected = vInf + (-65 - vInf) * Math.exp(-k * 0.1 / 10);
                worst[precision.ordinal()] = Math.max(worst[precision.ordinal()],
                        Math.abs(neuron.exactValue("v") - expected));
            }
        }
        assertTrue(worst[Precision.DOUBLE.ordinal()] < 1e-11, "double: " + worst[1] + " mV");
        assertTrue(worst[Precision.SINGLE.ordinal()] > 1e-7 && worst[0] < 1e-4, "single: " + worst[0] + " mV");
    }

    /** Forward Euler on dv/dt = -v / tau reproduces (1 - dt / tau)^k v0 to double's rounding. */
    @Test
    void eulerStepsAreDoubleArithmetic() {
        NeuronDefinition decay = NeuronDefinition.builder("decay").parameter("tau", "ms", 3)
                .equations("dv/dt = -v / tau : mV").initial("v", "1*mV").method(IntegrationMethod.EULER).build();
        SingleNeuron neuron = new SingleNeuron(decay.model(), 0.1, Precision.DOUBLE);
        double v = 1;
        double factor = 1 / 3.0;
        for (int k = 0; k < 100; k++) {
            neuron.step();
            v = v + 0.1 * (-v * factor);
            assertEquals(v, neuron.exactValue("v"), 1e-15, "step " + k);
        }
    }

    /** A state's arrays are read in their own precision; the other accessor says which to use. */
    @Test
    void statesRefuseTheOtherPrecisionsArrays() {
        NeuronState doubles = IfCurrExp.builder().build().createState(3, Precision.DOUBLE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> doubles.array("v"));
        assertTrue(e.getMessage().contains("doubles(...)"), e.getMessage());
        doubles.set(doubles.indexOf("v"), 1, -64.123456789012);
        assertEquals(-64.123456789012, doubles.doubles("v")[1]);
        NeuronState floats = IfCurrExp.builder().build().createState(3);
        assertThrows(IllegalStateException.class, () -> floats.doubles("v"));
        floats.set(floats.indexOf("v"), 1, -64.123456789012);
        assertEquals((float) -64.123456789012, floats.array("v")[1]);
    }
}
