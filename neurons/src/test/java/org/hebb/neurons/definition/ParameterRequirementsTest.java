package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.adex.AdEx;
import org.hebb.neurons.hh.HhCondExp;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCurrExp;
import org.junit.jupiter.api.Test;

/**
 * Parameter values that a definition's requirements rule out are refused when the model is made, whichever way they
 * are set (a builder or {@code with}), naming the values and the requirement.
 */
class ParameterRequirementsTest {
    private static String refusal(Runnable make) {
        return assertThrows(IllegalArgumentException.class, make::run).getMessage();
    }

    @Test
    void withRefusesWhatTheBuilderRefuses() {
        DefinedNeuronModel lif = IfCurrExp.builder().build();
        assertEquals("tau_m = -10.0 ms is not allowed for IF_curr_exp: must satisfy tau_m > 0",
                refusal(() -> lif.with("tau_m", -10)));
        assertEquals("v_reset = -40.0 mV, v_thresh = -50.0 mV are not allowed for IF_curr_exp: must satisfy "
                + "v_reset < v_thresh", refusal(() -> lif.with("v_reset", -40)));
        assertEquals("tau_refrac = -5.0 ms is not allowed for IF_curr_exp: must satisfy tau_refrac >= 0",
                refusal(() -> lif.with("tau_refrac", -5)));
        assertEquals("tau_syn_E = 0.0 ms is not allowed for IF_curr_exp: must satisfy tau_syn_E > 0",
                refusal(() -> lif.with("tau_syn_E", 0)));
        assertDoesNotThrow(() -> lif.with("tau_refrac", 0).with("v_reset", -55));
    }

    /**
     * Izhikevich's builder refuses c at or above v_peak (a neuron reset above its peak fires forever), and so does
     * {@code with}; a negative a, as in Izhikevich (2004)'s inhibition-induced spiking, is allowed.
     */
    @Test
    void withRefusesWhatTheIzhikevichBuilderRefuses() {
        assertTrue(refusal(() -> Izhikevich.builder().abcd(Double.NaN, 0.2, -65, 8)).startsWith("a = NaN"));
        assertTrue(refusal(() -> Izhikevich.builder().abcd(0.02, 0.2, 30, 8).build()).contains("c = 30.0 mV"));
        DefinedNeuronModel izhikevich = Izhikevich.builder().build();
        assertEquals("c = 30.0 mV, v_peak = 30.0 mV are not allowed for Izhikevich: must satisfy c < v_peak",
                refusal(() -> izhikevich.with("c", 30)));
        assertTrue(refusal(() -> izhikevich.with("v_peak", -70)).endsWith("must satisfy c < v_peak"));
        assertDoesNotThrow(() -> Izhikevich.builder().abcd(-0.02, -1, -60, 8).build());
        assertDoesNotThrow(() -> izhikevich.with("a", -0.026).with("c", 29));
        assertDoesNotThrow(() -> izhikevich.with("a", 0.1).with("c", 29));
    }

    @Test
    void modelsWithoutBuildersAreChecked() {
        assertTrue(refusal(() -> AdEx.DEFINITION.model().with("cm", -0.281)).startsWith("cm = -0.281 nF"));
        assertTrue(refusal(() -> AdEx.DEFINITION.model().with("tau_w", -144)).endsWith("must satisfy tau_w > 0"));
        assertTrue(refusal(() -> AdEx.DEFINITION.model().with("v_reset", 10)).endsWith("v_reset < v_spike"));
        DefinedNeuronModel hh = HhCondExp.definition(IntegrationMethod.RK4).model();
        assertTrue(refusal(() -> hh.with("gbar_Na", -1)).endsWith("gbar_Na >= 0"));
    }

    @Test
    void aRequirementMayNameParametersAndUnitsOnly() {
        NeuronDefinition.Builder leak = NeuronDefinition.builder("leak").parameter("tau", "ms", 10)
                .equations("dv/dt = -v / tau : mV");
        assertDoesNotThrow(() -> leak.requires("tau >= 1*ms and not (tau > 1000*ms)").build());
        String message = assertThrows(DefinitionException.class,
                () -> NeuronDefinition.builder("leak").parameter("tau", "ms", 10).equations("dv/dt = -v / tau : mV")
                        .requires("v < 0*mV").build()).getMessage();
        assertTrue(message.contains("names 'v', which is not a parameter"), message);
        NeuronDefinition bounded = NeuronDefinition.builder("leak").parameter("tau", "ms", 10)
                .equations("dv/dt = -v / tau : mV").requires("tau >= 1*ms and not (tau > 1000*ms)").build();
        assertEquals("tau = 0.5 ms is not allowed for leak: must satisfy tau >= 1*ms and not (tau > 1000*ms)",
                refusal(() -> bounded.model().with("tau", 0.5)));
        assertTrue(refusal(() -> bounded.model().with("tau", 2000)).startsWith("tau = 2000.0 ms"));
    }

    @Test
    void aTimeConstantOfZeroWithoutARequirementIsRefusedWhenTheKernelIsMade() {
        DefinedNeuronModel leak = NeuronDefinition.builder("leak").parameter("tau", "ms", 10)
                .equations("dv/dt = -v / tau : mV").build().model().with("tau", 0);
        NeuronState state = new NeuronState(leak.variables(), 4);
        String message = refusal(() -> leak.createKernel(state, 0.1));
        assertTrue(message.startsWith("leak cannot be integrated exactly with these parameters"), message);
    }

    @Test
    void aConstantDividedByAParameterOfZeroIsRefusedBeforeTheKernelRuns() {
        // no requirement guards tau: the Euler kernel's constant 1 / tau is infinite, and v became NaN in the first
        // step without a word
        NeuronDefinition leak = NeuronDefinition.builder("leak").parameter("tau", "ms", 10)
                .equations("dv/dt = (1*mV - v) / tau : mV").method(IntegrationMethod.EULER).build();
        DefinedNeuronModel model = leak.model().with("tau", 0);
        for (org.hebb.neurons.Precision precision : org.hebb.neurons.Precision.values()) {
            String message = refusal(() -> model.createKernel(model.createState(1, precision), 0.1));
            assertTrue(message.startsWith("leak with parameters {tau=0.0} at dt = 0.1 ms is not allowed: '1 / tau' "
                    + "is Infinity"), message);
        }
        assertDoesNotThrow(() -> leak.model().with("tau", 5).createKernel(leak.model().createState(1), 0.1));
    }

    @Test
    void aNumberBeyondTheRangeOfTheKernelsPrecisionIsRefusedNotPrintedAsCodeThatDoesNotCompile() {
        // 1e39 is no float: it was printed as 'Infinityf', and the Java kernel did not compile
        NeuronDefinition large = NeuronDefinition.builder("large").parameter("tau", "ms", 10)
                .equations("dv/dt = -v / tau + v * 1e39 / ms : mV").method(IntegrationMethod.EULER).build();
        DefinedNeuronModel model = large.model();
        String message = refusal(() -> model.createKernel(model.createState(1), 0.1));
        assertTrue(message.contains("'1.0E39' is 1.0E39, beyond the range of single precision"), message);
        assertDoesNotThrow(() -> model.createKernel(model.createState(1, org.hebb.neurons.Precision.DOUBLE), 0.1));
    }
}
