package org.hebb.plasticity.threefactor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.plasticity.definition.DefinedSynapses;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.util.Require;

/**
 * {@link ThreeFactor} on one projection, run from its definition ({@link ThreeFactorDefinition}) on every backend;
 * its state under the names the rule has always had: weight, modulator, gate and eligibility (under presynaptic
 * eligibility, the presynaptic trace).
 */
public final class ThreeFactorSynapses implements RuleState, Checkpointed {
    private final ThreeFactor rule;
    private final DefinedSynapses defined;
    private final Map<String, String> definitionNames = new LinkedHashMap<>();
    private final List<Variable> variables = new ArrayList<>();

    ThreeFactorSynapses(ThreeFactor rule, PlasticityContext context) {
        this.rule = rule;
        rule.bounds.requireContains(context.projection().name(), context.projection().rows().weights());
        this.defined = ThreeFactorDefinition.of(rule).attach(context);
        definitionNames.put("weight", "w");
        definitionNames.put("modulator", "M");
        definitionNames.put("gate", "g");
        definitionNames.put("eligibility", rule.eligibility == ThreeFactor.Eligibility.PAIRED ? "e" : "x_pre");
        definitionNames.forEach((name, inDefinition) -> {
            Variable v = RuleState.find(defined.variables(), inDefinition);
            variables.add(new Variable(name, v.unit(), v.scope()));
        });
    }

    /**
     * Sets the modulator (under per-neuron modulation, every postsynaptic neuron's); refused when the rule was built
     * with a modulator signal, which sets it in every step.
     */
    public void setModulator(double value) {
        defined.setModulator("M", value);
    }

    /** Sets the modulator of postsynaptic neuron {@code neuron} (per-neuron modulation only). */
    public void setModulator(int neuron, double value) {
        Require.that(rule.modulation == ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON, "setModulator(neuron, "
                + "value) is not allowed with modulation = GLOBAL: use setModulator(value)");
        defined.setModulator("M", neuron, value);
    }

    /** Sets the attention gate; refused when the rule was built with a gate signal, which sets it in every step. */
    public void setGate(double value) {
        defined.setModulator("g", value);
    }

    /** The live weight array (synapse order of the projection). */
    public float[] weights() {
        return defined.weights();
    }

    /** The rule's state as its definition names it (w, M, g, e or x_pre, the traces). */
    public DefinedSynapses defined() {
        return defined;
    }

    /** The projection the rule works on. */
    public Projection projection() {
        return defined.projection();
    }

    @Override
    public List<Variable> variables() {
        return List.copyOf(variables);
    }

    /**
     * Current values: the weights, the modulator (one value under global modulation) and the presynaptic traces
     * are live arrays; the paired eligibility is a fresh copy brought to the latest step run (it is stored lazily).
     */
    @Override
    public float[] values(String variable) {
        return defined.values(definitionNames.get(RuleState.find(variables, variable).name()));
    }

    @Override
    public void checkpoint(StateVisitor state) {
        defined.checkpoint(state);
    }
}
