package org.hebb.neurons.nir;

import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;

/**
 * The neuron models of NIR, the neuromorphic intermediate representation (Pedersen et al. 2024), as Hebb
 * definitions, in Hebb's units: voltages in mV, times in ms. A spike is a Dirac pulse of unit area, so a weight w
 * arriving through NIR's input current makes a jump, and the jump in mV is the weight a projection onto the receptor
 * {@code input} carries ({@code NirGraph} converts NIR's weights). Every model spikes when {@code v > v_threshold}
 * (strictly, as NIR), is reset to {@code v_reset} and has no refractory period; v starts at 0.
 * <ul>
 * <li>{@link #LIF}: {@code tau dv/dt = v_leak - v}; an input jump adds to v after the step's integration (NIR's
 *     {@code R I} with a constant bias current is folded into {@code v_leak}).</li>
 * <li>{@link #CUBA_LIF}: {@code tau_mem dv/dt = v_leak - v + u}, {@code tau_syn du/dt = u_bias - u}, where u is NIR's
 *     synaptic current times R, in mV; an input jump adds to u before the step's integration.</li>
 * <li>{@link #IF}: {@code dv/dt = drift}; an input jump adds to v after the step's integration.</li>
 * </ul>
 * Time constants are one value per population (integrated exactly); {@link #withTauPerNeuron} gives the variant
 * with a value per neuron, integrated by exponential Euler (exact for LIF between inputs, not for CubaLIF).
 */
public final class NirModels {
    /** The receptor of every NIR model. */
    public static final String RECEPTOR = "input";
    /** NIR's leaky integrate-and-fire neuron. */
    public static final NeuronDefinition LIF = lif(false);
    /** NIR's current-based leaky integrate-and-fire neuron. */
    public static final NeuronDefinition CUBA_LIF = cubaLif(false);
    /** NIR's integrate-and-fire neuron. */
    public static final NeuronDefinition IF = NeuronDefinition.builder("NIR_IF")
            .neuronParameter("drift", "mV/ms", 0).neuronParameter("v_threshold", "mV", 1)
            .neuronParameter("v_reset", "mV", 0)
            .equations("dv/dt = drift : mV")
            .threshold("v > v_threshold").reset("v = v_reset")
            .receptor(Receptor.of(RECEPTOR, "mV", "v += weight").actingAfterIntegration())
            .method(IntegrationMethod.EULER)
            .build();
    private static final NeuronDefinition LIF_PER_NEURON = lif(true);
    private static final NeuronDefinition CUBA_LIF_PER_NEURON = cubaLif(true);

    private NirModels() {
    }

    /** A time constant (10 ms by default), which must be above 0 as in NIR. */
    private static NeuronDefinition.Builder tau(NeuronDefinition.Builder b, String name, boolean perNeuron) {
        return (perNeuron ? b.neuronParameter(name, "ms", 10) : b.parameter(name, "ms", 10)).requires(name + " > 0");
    }

    private static String suffix(boolean perNeuron) {
        return perNeuron ? "_tau_per_neuron" : "";
    }

    private static NeuronDefinition lif(boolean perNeuron) {
        return tau(NeuronDefinition.builder("NIR_LIF" + suffix(perNeuron)), "tau", perNeuron)
                .neuronParameter("v_leak", "mV", 0).neuronParameter("v_threshold", "mV", 1)
                .neuronParameter("v_reset", "mV", 0)
                .equations("dv/dt = (v_leak - v) / tau : mV")
                .threshold("v > v_threshold").reset("v = v_reset")
                .receptor(Receptor.of(RECEPTOR, "mV", "v += weight").actingAfterIntegration())
                .method(perNeuron ? IntegrationMethod.EXPONENTIAL_EULER : IntegrationMethod.EXACT)
                .build();
    }

    private static NeuronDefinition cubaLif(boolean perNeuron) {
        NeuronDefinition.Builder b = NeuronDefinition.builder("NIR_CubaLIF" + suffix(perNeuron));
        return tau(tau(b, "tau_syn", perNeuron), "tau_mem", perNeuron)
                .neuronParameter("v_leak", "mV", 0).neuronParameter("v_threshold", "mV", 1)
                .neuronParameter("v_reset", "mV", 0).neuronParameter("u_bias", "mV", 0)
                .equations("""
                        dv/dt = (v_leak - v + u) / tau_mem : mV
                        du/dt = (u_bias - u) / tau_syn : mV""")
                .threshold("v > v_threshold").reset("v = v_reset")
                .receptor(Receptor.of(RECEPTOR, "mV", "u += weight"))
                .method(perNeuron ? IntegrationMethod.EXPONENTIAL_EULER : IntegrationMethod.EXACT)
                .build();
    }

    /** {@code definition} ({@link #LIF} or {@link #CUBA_LIF}) with its time constants per neuron. */
    public static NeuronDefinition withTauPerNeuron(NeuronDefinition definition) {
        if (definition == LIF) {
            return LIF_PER_NEURON;
        }
        if (definition == CUBA_LIF) {
            return CUBA_LIF_PER_NEURON;
        }
        throw new IllegalArgumentException("definition " + definition.name() + " is not allowed: only NIR_LIF and "
                + "NIR_CubaLIF have time constants");
    }

    /** NIR's node type of {@code model} (LIF, CubaLIF or IF), or null for a model that is none of them. */
    public static String nodeType(DefinedNeuronModel model) {
        NeuronDefinition d = model.definition();
        if (d == LIF || d == LIF_PER_NEURON) {
            return "LIF";
        }
        if (d == CUBA_LIF || d == CUBA_LIF_PER_NEURON) {
            return "CubaLIF";
        }
        return d == IF ? "IF" : null;
    }
}
