package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.hebb.neurons.definition.DefinitionException;
import org.junit.jupiter.api.Test;

/**
 * Every error of a synapse definition is raised when it is built, naming the text, the position, the units or
 * the names that are allowed; parameter values are checked when a rule is made from it.
 */
class SynapseDefinitionErrorsTest {
    private static SynapseDefinition.Builder stdp() {
        return SynapseDefinition.builder("test STDP")
                .parameter("tau_pre", "ms", 20).parameter("tau_post", "ms", 20)
                .parameter("A_pre", "weight", 0.01).parameter("A_post", "weight", 0.0105)
                .parameter("w_max", "weight", 1)
                .presynapticTrace("dx_pre/dt = -x_pre / tau_pre : 1", "x_pre += 1")
                .postsynapticTrace("dx_post/dt = -x_post / tau_post : 1", "x_post += 1")
                .onPre("w = clip(w - A_post * x_post, 0, w_max)")
                .onPost("w = clip(w + A_pre * x_pre, 0, w_max)");
    }

    private static String error(Supplier<SynapseDefinition> definition) {
        return assertThrows(DefinitionException.class, definition::get).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message lacks '" + part + "':\n" + message);
        }
    }

    @Test
    void theExampleDefinitionBuilds() {
        SynapseDefinition d = stdp().build();
        assertEquals(2, d.traces().size());
        assertEquals(SynapseDefinition.WEIGHT, d.synapseVariables().get(0).name());
    }

    @Test
    void aWeightChangedByATraceWithoutItsAmplitudeIsADimensionError() {
        String m = error(() -> stdp().onPost("w = clip(w + x_pre, 0, w_max)").build());
        assertContains(m, "on_post 'w = clip(w + x_pre, 0, w_max)' at position 14",
                "'w' in weight and 'x_pre' in 1 cannot be added");
    }

    @Test
    void aParameterDeclaredTwiceIsRefused() {
        String m = error(() -> stdp().parameter("tau_pre", "ms", 5).build());
        assertContains(m, "parameter 'tau_pre' is declared twice");
    }

    @Test
    void anUnknownNameListsTheDefinedOnes() {
        String m = error(() -> stdp().onPre("w = w - A_post * y_post").build());
        assertContains(m, "unknown name 'y_post'", "A_post", "x_post", "w_max", "dt");
    }

    @Test
    void aTraceCannotBeAssignedInAnEventStatement() {
        String m = error(() -> stdp().onPost("x_pre = 0").build());
        assertContains(m, "'x_pre' cannot be assigned here: must be a synapse variable",
                "the synapse variables are [w]", "a trace changes only by its spike statement");
    }

    @Test
    void aTraceThatDoesNotDecayExponentiallyIsRefused() {
        String m = error(() -> stdp().postsynapticTrace("dy/dt = (1 - y) / tau_post : 1", "y += 1").build());
        assertContains(m, "a trace decays exponentially: write 'dy/dt = -y / tau : 1'");
    }

    @Test
    void aTraceTimeConstantMustBeATime() {
        String m = error(() -> stdp().postsynapticTrace("dy/dt = -y / w_max : 1", "y += 1").build());
        assertContains(m, "the time constant of y is in ms but 'w_max' is in weight");
    }

    @Test
    void aTraceTimeConstantMustBeConstant() {
        String m = error(() -> stdp().postsynapticTrace("dy/dt = -y / (w * ms / w_max) : 1", "y += 1").build());
        assertContains(m, "'w' cannot be used here: only parameters, dt and units (a constant)");
    }

    @Test
    void aSpikeStatementMustAddOrSetAConstant() {
        String m = error(() -> stdp().postsynapticTrace("dy/dt = -y / tau_post : 1", "y *= 2").build());
        assertContains(m, "expected 'y += c' (all-to-all pairing) or 'y = c' (nearest-neighbour pairing)");
    }

    @Test
    void anUnknownUnitListsTheUnitsIncludingWeight() {
        String m = error(() -> stdp().parameter("eta", "weigth", 1).build());
        assertContains(m, "unknown unit 'weigth'", "weight", "mV");
    }

    @Test
    void aNameDefinedTwiceSaysAsWhat() {
        String m = error(() -> stdp().parameter("x_post", "1", 0).build());
        assertContains(m, "name 'x_post' is defined twice: as a parameter and as a postsynaptic trace");
    }

    @Test
    void aDefinitionWithoutEventStatementsIsRefused() {
        String m = error(() -> stdp().onPre("").onPost("").build());
        assertContains(m, "needs on_pre, on_post, on_step or on_transmit statements");
    }

    @Test
    void anInitialValueMustBeAConstantOfTheVariablesUnit() {
        String m = error(() -> stdp().synapseVariable("u", "1", "0.5 * ms").build());
        assertContains(m, "initial value of u '0.5 * ms'", "u is in 1 but '0.5 * ms' is in ms");
    }

    private static SynapseDefinition.Builder depression() {
        return SynapseDefinition.builder("test depression").parameter("tau_d", "ms", 200)
                .synapseEquations("dx/dt = (1 - x) / tau_d : 1 (event-driven)").initial("x", "1");
    }

    @Test
    void aSynapseEquationMustBeLinearInItsVariable() {
        String m = error(() -> depression().synapseEquations("dx/dt = (1 - x * x) / tau_d : 1")
                .onTransmit("transmitted = w * x").build());
        assertContains(m, "synapse equation 'dx/dt = (1 - x * x) / tau_d : 1'", "is not linear in x");
    }

    @Test
    void aSynapseEquationMustHaveConstantCoefficients() {
        String m = error(() -> depression().synapseEquations("dx/dt = (1 - x) * w / (tau_d * w_unit) : 1")
                .parameter("w_unit", "weight", 1).onTransmit("transmitted = w * x").build());
        assertContains(m, "'w' cannot be used here: only parameters, dt and units (a synapse equation's "
                + "coefficients are constant");
    }

    @Test
    void onTransmitMustSetWhatIsTransmitted() {
        String m = error(() -> depression().onTransmit("x -= 0.5 * x").build());
        assertContains(m, "on_transmit 'x -= 0.5 * x' at position 1: must set 'transmitted'");
    }

    @Test
    void anOnStepConditionReadsOnlyModulatorsAndConstants() {
        String m = error(() -> modulated().onStep("w > 0", "w = w + eta * M * dt").build());
        assertContains(m, "on_step condition 'w > 0'", "'w'", "modulators, parameters, dt and units");
    }

    @Test
    void anOnStepConditionIsACondition() {
        String m = error(() -> modulated().onStep("M * 2", "w = w + eta * M * dt").build());
        assertContains(m, "on_step condition 'M * 2'", "expected a condition");
    }

    @Test
    void anOnStepConditionNeedsStatements() {
        String m = error(() -> modulated().onPre("w = w + eta * M * dt").onStep("M != 0", "").build());
        assertContains(m, "on_step condition 'M != 0'", "no on_step statements for it to guard");
    }

    @Test
    void onTransmitCannotReadModulators() {
        String m = error(() -> modulated().onTransmit("transmitted = w * M").build());
        assertContains(m, "'M' cannot be read here: on_transmit runs when the spike is sent",
                "traces and modulators are read in on_pre, on_post and on_step");
    }

    @Test
    void aModulatorCannotBeAssigned() {
        String m = error(() -> modulated().onStep("M = 0").build());
        assertContains(m, "'M' cannot be assigned here: must be a synapse variable");
    }

    @Test
    void aModulatorNeedsAScope() {
        String m = error(() -> modulated().modulator("g", "1", null, 1).build());
        assertContains(m, "modulator g with scope = null", "the scope must be given");
    }

    private static SynapseDefinition.Builder modulated() {
        return SynapseDefinition.builder("modulated").parameter("eta", "weight/ms", 0.01)
                .modulator("M", "1", SynapseDefinition.ModulatorScope.PER_POSTSYNAPTIC_NEURON, 0);
    }

    @Test
    void onPreCannotUseAVariableThatOnlyOnTransmitKeepsUpToDate() {
        String m = error(() -> depression().onTransmit("transmitted = w * x").onPre("w = w * x").build());
        assertContains(m, "'x' cannot be used here: its synapse equation advances it when a presynaptic spike is "
                + "sent");
    }

    @Test
    void onTransmitCannotReadTraces() {
        String m = error(() -> stdp().onTransmit("transmitted = w * x_post").build());
        assertContains(m, "'x_post' cannot be read here: on_transmit runs when the spike is sent");
    }

    @Test
    void anInitialValueIsOnlyForVariablesOfSynapseEquations() {
        String m = error(() -> depression().initial("w", "1").onTransmit("transmitted = w * x").build());
        assertContains(m, "initial value of 'w' is not allowed: only variables of the synapse equations take one; "
                + "they are [x]");
    }

    @Test
    void aRequirementIsAConditionOnParametersAndUnits() {
        assertContains(error(() -> stdp().requires("x_pre > 0").build()), "requirement 'x_pre > 0'",
                "'x_pre' cannot be used here: only parameters and units");
        assertContains(error(() -> stdp().requires("tau_pre").build()), "requirement 'tau_pre'",
                "expected a condition");
        assertContains(error(() -> stdp().requires("tau_pre < w_max").build()), "requirement 'tau_pre < w_max'",
                "dimension mismatch");
        assertContains(error(() -> stdp().requires(" ").build()), "requirement = ' ' is not allowed");
        assertEquals("tau_pre > 0*ms", stdp().requires("tau_pre > 0*ms").build().requirements().get(0).text());
    }

    @Test
    void aRuleRefusesAnUnknownParameterAndANonFiniteValue() {
        DefinedRule rule = stdp().build().rule();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> rule.with("wmax", 2));
        assertContains(unknown.getMessage(), "parameter = 'wmax' is not allowed", "[tau_pre, tau_post, A_pre, "
                + "A_post, w_max]");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> rule.with("w_max", Double.NaN));
        assertContains(nan.getMessage(), "parameter w_max = NaN is not allowed: must be finite");
    }
}
