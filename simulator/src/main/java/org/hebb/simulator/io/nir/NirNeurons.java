package org.hebb.simulator.io.nir;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.nir.NirModels;
import org.hebb.simulator.Network;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * NIR's neuron nodes and Hebb's NIR models ({@link NirModels}), both ways. A spike is a Dirac pulse of unit area and
 * NIR's times are in seconds, so a weight w of NIR makes v jump by {@code R w / tau} (LIF), u by
 * {@code R w_in w / tau_syn} (CubaLIF, u = R I) and v by {@code R w} (IF); a bias b of an Affine node adds
 * {@code R b} to v_leak (LIF), makes u_bias {@code R w_in b} (CubaLIF) and the drift {@code R b} per second (IF).
 * Exported nodes have R = 1 and w_in = 1.
 */
final class NirNeurons {
    private NirNeurons() {
    }

    /** Hebb's jump per unit of NIR weight, for each neuron of {@code node}. */
    static double[] weightScale(NirNode node) {
        int n = node.size();
        double[] r = node.orDefault("r", n, 1);
        double[] scale = new double[n];
        switch (node.type()) {
            case "LIF" -> {
                double[] tau = node.require("tau");
                for (int i = 0; i < n; i++) {
                    scale[i] = r[i] / tau[i];
                }
            }
            case "CubaLIF" -> {
                double[] wIn = node.orDefault("w_in", n, 1);
                double[] tauSyn = node.require("tau_syn");
                for (int i = 0; i < n; i++) {
                    scale[i] = r[i] * wIn[i] / tauSyn[i];
                }
            }
            default -> System.arraycopy(r, 0, scale, 0, n);
        }
        return scale;
    }

    /** Adds the population of {@code node} to {@code network}, with {@code bias} (null for none) folded in. */
    static NeuronPopulation build(Network network, NirNode node, double[] bias) {
        int n = node.size();
        double[] b = bias == null ? new double[n] : bias;
        double[] r = node.orDefault("r", n, 1);
        double[] threshold = node.require("v_threshold");
        double[] reset = node.orDefault("v_reset", n, 0);
        NeuronDefinition definition;
        Map<String, double[]> parameters = new LinkedHashMap<>();
        switch (node.type()) {
            case "LIF" -> {
                double[] tau = node.require("tau");
                double[] leak = node.require("v_leak");
                definition = uniform(tau) ? NirModels.LIF : NirModels.withTauPerNeuron(NirModels.LIF);
                parameters.put("tau", each(n, i -> NirUnits.milliseconds(tau[i])));
                parameters.put("v_leak", each(n, i -> leak[i] + r[i] * b[i]));
            }
            case "CubaLIF" -> {
                double[] tauSyn = node.require("tau_syn");
                double[] tauMem = node.require("tau_mem");
                double[] wIn = node.orDefault("w_in", n, 1);
                definition = uniform(tauSyn) && uniform(tauMem) ? NirModels.CUBA_LIF
                        : NirModels.withTauPerNeuron(NirModels.CUBA_LIF);
                parameters.put("tau_syn", each(n, i -> NirUnits.milliseconds(tauSyn[i])));
                parameters.put("tau_mem", each(n, i -> NirUnits.milliseconds(tauMem[i])));
                parameters.put("v_leak", node.require("v_leak"));
                parameters.put("u_bias", each(n, i -> r[i] * wIn[i] * b[i]));
            }
            default -> {
                definition = NirModels.IF;
                parameters.put("drift", each(n, i -> NirUnits.perMillisecond(r[i] * b[i])));
            }
        }
        parameters.put("v_threshold", threshold);
        parameters.put("v_reset", reset);
        DefinedNeuronModel model = DefinedNeuronModel.of(definition);
        for (Map.Entry<String, double[]> p : parameters.entrySet()) {
            if (n > 0 && !perNeuron(definition, p.getKey())) {
                model = model.with(p.getKey(), p.getValue()[0]);
            }
        }
        NeuronPopulation population = network.addNeurons(node.name(), n, model);
        NeuronState state = population.state();
        for (Map.Entry<String, double[]> p : parameters.entrySet()) {
            if (perNeuron(definition, p.getKey())) {
                int column = state.indexOf(p.getKey());
                for (int i = 0; i < n; i++) {
                    state.set(column, i, p.getValue()[i]);
                }
            }
        }
        return population;
    }

    private static double[] each(int n, IntToDoubleFunction value) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = value.applyAsDouble(i);
        }
        return values;
    }

    private static boolean perNeuron(NeuronDefinition definition, String parameter) {
        return definition.parameters().stream().anyMatch(p -> p.perNeuron() && p.name().equals(parameter));
    }

    private static boolean uniform(double[] values) {
        return Arrays.stream(values).allMatch(v -> v == values[0]);
    }

    /** The NIR node of {@code population} (R = 1, w_in = 1), without bias; null if its model is no NIR model. */
    static NirNode node(NeuronPopulation population) {
        if (!(population.model() instanceof DefinedNeuronModel model) || NirModels.nodeType(model) == null) {
            return null;
        }
        String type = NirModels.nodeType(model);
        int n = population.size();
        NirNode node = NirNode.of(population.name(), type);
        switch (type) {
            case "LIF" -> node.with("tau", seconds(parameter(population, "tau")), n)
                    .with("r", ones(n), n).with("v_leak", parameter(population, "v_leak"), n);
            case "CubaLIF" -> node.with("tau_syn", seconds(parameter(population, "tau_syn")), n)
                    .with("tau_mem", seconds(parameter(population, "tau_mem")), n).with("r", ones(n), n)
                    .with("v_leak", parameter(population, "v_leak"), n).with("w_in", ones(n), n);
            default -> node.with("r", ones(n), n);
        }
        return node.with("v_threshold", parameter(population, "v_threshold"), n)
                .with("v_reset", parameter(population, "v_reset"), n);
    }

    /** The bias an Affine node into {@code population} must carry (null if none is needed). */
    static double[] bias(NeuronPopulation population, String type) {
        double[] bias = switch (type) {
            case "CubaLIF" -> parameter(population, "u_bias");
            case "IF" -> Arrays.stream(parameter(population, "drift")).map(NirUnits::perSecond).toArray();
            default -> new double[population.size()];
        };
        return Arrays.stream(bias).allMatch(v -> v == 0) ? null : bias;
    }

    /** {@code name}'s value for each neuron: its per-neuron column, or the population's value. */
    private static double[] parameter(NeuronPopulation population, String name) {
        DefinedNeuronModel model = (DefinedNeuronModel) population.model();
        double[] values = new double[population.size()];
        if (perNeuron(model.definition(), name)) {
            NeuronState state = population.state();
            int column = state.indexOf(name);
            boolean single = state.precision() == Precision.SINGLE;
            for (int i = 0; i < values.length; i++) {
                // a float column as its shortest decimal (0.3, not 0.30000001192092896), which reads back the same
                values[i] = single ? Double.parseDouble(Float.toString((float) state.get(column, i)))
                        : state.get(column, i);
            }
        } else {
            Arrays.fill(values, model.parameter(name));
        }
        return values;
    }

    private static double[] seconds(double[] milliseconds) {
        return Arrays.stream(milliseconds).map(NirUnits::seconds).toArray();
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return ones;
    }
}
