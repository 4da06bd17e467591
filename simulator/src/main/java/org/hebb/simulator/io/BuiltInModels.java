package org.hebb.simulator.io;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.adex.AdEx;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondAlpha;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrAlpha;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;

/**
 * Hebb's built-in neuron models by the names its SONATA files give them ({@code model_template hebb:<name>}): one
 * name per definition, so that the numerics survive the round trip (IF_cond_exp with exponential Euler and with
 * Euler are two definitions).
 */
final class BuiltInModels {
    private static final Map<String, NeuronDefinition> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("IF_curr_exp", IfCurrExp.DEFINITION);
        BY_NAME.put("IF_curr_delta", IfCurrDelta.DEFINITION);
        BY_NAME.put("IF_curr_alpha", IfCurrAlpha.DEFINITION);
        BY_NAME.put("IF_cond_alpha", IfCondAlpha.DEFINITION);
        BY_NAME.put("IF_cond_exp", IfCondExp.builder().build().definition());
        BY_NAME.put("IF_cond_exp_euler", IfCondExp.builder().integration(IfCondExp.Integration.EULER).build()
                .definition());
        BY_NAME.put("NALSM_LIF", NalsmLif.DEFINITION);
        BY_NAME.put("Izhikevich", Izhikevich.builder().build().definition());
        BY_NAME.put("Izhikevich_paper", Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER).build()
                .definition());
        BY_NAME.put("EIF_cond_exp_isfa_ista", AdEx.DEFINITION);
    }

    private BuiltInModels() {
    }

    /** The built-in name of {@code model}'s definition, or null for a model of the user's own. */
    static String nameOf(NeuronModel model) {
        if (model instanceof DefinedNeuronModel defined) {
            for (Map.Entry<String, NeuronDefinition> e : BY_NAME.entrySet()) {
                if (e.getValue() == defined.definition()) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /**
     * The built-in model {@code name} with {@code parameters} (in the parameters' units).
     *
     * @throws IllegalArgumentException naming the model and the built-in ones, or the parameter
     */
    static DefinedNeuronModel model(String name, Map<String, Double> parameters) {
        NeuronDefinition definition = BY_NAME.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("model_template = 'hebb:" + name + "' is not allowed: Hebb's "
                    + "built-in models are " + BY_NAME.keySet());
        }
        DefinedNeuronModel model = DefinedNeuronModel.of(definition);
        for (Map.Entry<String, Double> p : parameters.entrySet()) {
            model = model.with(p.getKey(), p.getValue());
        }
        return model;
    }
}
