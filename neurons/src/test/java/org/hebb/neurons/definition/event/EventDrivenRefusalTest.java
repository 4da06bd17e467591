package org.hebb.neurons.definition.event;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.EventDrivenModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrAlpha;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.junit.jupiter.api.Test;

/** Which models the event-driven engine runs, and the reason it gives for each one it refuses. */
class EventDrivenRefusalTest {
    private static void assertRefused(EventDrivenModel model, String... named) {
        String why = model.whyNoClosedForm(0.1).orElseThrow(() -> new AssertionError(model.name() + " was accepted"));
        for (String part : named) {
            assertTrue(why.contains(part), "'" + part + "' missing from: " + why);
        }
    }

    private static NeuronDefinition.Builder lif(String name) {
        return NeuronDefinition.builder(name).parameter("tau_m", "ms", 10).parameter("cm", "nF", 0.25)
                .parameter("v_rest", "mV", -65).initial("v", "v_rest").threshold("v > -50*mV").reset("v = v_rest")
                .method(IntegrationMethod.EULER);
    }

    @Test
    void linearModelsAreAccepted() {
        for (EventDrivenModel model : new EventDrivenModel[] {IfCurrExp.builder().build(),
                IfCurrDelta.builder().build(), IfCurrAlpha.DEFINITION.model()}) {
            assertTrue(model.whyNoClosedForm(0.1).isEmpty(), model.name() + ": " + model.whyNoClosedForm(0.1));
        }
    }

    @Test
    void nonlinearEquationsAreRefusedNamingTheTerm() {
        assertRefused(Izhikevich.builder().build(), "Izhikevich has no closed form between events", "dv/dt",
                "not linear in the state", "v");
        assertRefused(IfCondExp.builder().build(), "IF_cond_exp", "dv/dt", "g_e");
    }

    @Test
    void oscillatingOrNonDecayingDynamicsAreRefused() {
        NeuronDefinition resonator = lif("resonator")
                .equations("""
                        dv/dt = (v_rest - v) / tau_m - w / cm : mV
                        dw/dt = (v - v_rest) * 0.05*uS / (5*ms) - w / (5*ms) : nA
                        """).build();
        assertRefused(resonator.model(), "resonator", "eigenvalue", "i per ms", "without oscillating");
        NeuronDefinition perfect = lif("perfect integrator").equations("dv/dt = I_inj / cm : mV").build();
        assertRefused(perfect.model(), "perfect integrator", "dv/dt does not decay");
    }

    @Test
    void perNeuronCoefficientsAndStepInputsAreRefused() {
        NeuronDefinition perNeuronTau = NeuronDefinition.builder("per-neuron tau").neuronParameter("tau", "ms", 10)
                .parameter("v_rest", "mV", -65).initial("v", "v_rest").threshold("v > -50*mV").reset("v = v_rest")
                .equations("dv/dt = (v_rest - v) / tau : mV").method(IntegrationMethod.EULER).build();
        assertRefused(perNeuronTau.model(), "per-neuron tau", "depends on tau", "not fixed for the population");
        NeuronDefinition stepInput = lif("step input").stepInput("I_syn", "nA")
                .equations("dv/dt = (v_rest - v) / tau_m + I_syn / cm : mV")
                .receptor(org.hebb.neurons.definition.Receptor.of("excitatory", "nA", "I_syn += weight"))
                .build();
        assertRefused(stepInput.model(), "step input", "I_syn", "only per time step");
    }
}
