package org.hebb.neurons;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.hebb.neurons.adex.AdEx;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.hh.HhCondExp;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondAlpha;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrAlpha;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;

/** Hebb's built-in models by name (PyNN's where PyNN has the model), each with its default parameters. */
public final class BuiltInModels {
    private static final Map<String, Supplier<DefinedNeuronModel>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("IF_curr_delta", () -> IfCurrDelta.builder().build());
        MODELS.put("IF_curr_exp", () -> IfCurrExp.builder().build());
        MODELS.put("IF_cond_exp", () -> IfCondExp.builder().build());
        MODELS.put("IF_curr_alpha", IfCurrAlpha.DEFINITION::model);
        MODELS.put("IF_cond_alpha", IfCondAlpha.DEFINITION::model);
        MODELS.put("Izhikevich", () -> Izhikevich.builder().build());
        MODELS.put("EIF_cond_exp_isfa_ista", AdEx.DEFINITION::model);
        MODELS.put("HH_cond_exp", () -> HhCondExp.definition(IntegrationMethod.EXPONENTIAL_EULER).model());
        MODELS.put("NALSM_LIF", () -> NalsmLif.builder().build());
    }

    private BuiltInModels() {
    }

    /** The names, in a fixed order. */
    public static Set<String> names() {
        return MODELS.keySet();
    }

    /** The model {@code name} with its defaults; fails with the list of names if there is none such. */
    public static DefinedNeuronModel named(String name) {
        Supplier<DefinedNeuronModel> model = MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException("model = '" + name + "' is not a built-in model: must be one of "
                    + MODELS.keySet());
        }
        return model.get();
    }
}
