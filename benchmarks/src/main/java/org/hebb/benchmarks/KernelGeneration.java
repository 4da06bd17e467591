package org.hebb.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.adex.AdEx;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.hh.HhCondExp;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;

/**
 * The time a defined model takes to become a Java kernel, in a fresh JVM: the first {@code createKernel} of each
 * model (step program, source, Janino compilation), then a second one with the same definition and dt (the
 * compiled class is cached by source). Prints one JSON object of milliseconds per model. Usage:
 * {@code KernelGeneration}.
 */
public final class KernelGeneration {
    private KernelGeneration() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Map<String, NeuronModel> models = new LinkedHashMap<>();
        models.put("IF_curr_exp", IfCurrExp.builder().build());
        models.put("IF_cond_exp_exponential_euler", IfCondExp.builder().build());
        models.put("Izhikevich_paper", Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER).build());
        models.put("AdEx_rk4", AdEx.DEFINITION.model());
        models.put("HH_cond_exp_rk4", HhCondExp.definition(IntegrationMethod.RK4).model());
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, NeuronModel> e : models.entrySet()) {
            NeuronModel model = e.getValue();
            long start = System.nanoTime();
            model.createKernel(model.createState(1000), 0.1);
            long first = System.nanoTime();
            model.createKernel(model.createState(1000), 0.1);
            long second = System.nanoTime();
            result.put(e.getKey() + "_first_ms", (first - start) / 1e6);
            result.put(e.getKey() + "_cached_ms", (second - first) / 1e6);
        }
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }
}
