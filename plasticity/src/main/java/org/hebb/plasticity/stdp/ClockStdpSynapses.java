package org.hebb.plasticity.stdp;

import java.util.List;

import org.hebb.plasticity.definition.DefinedSynapses;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;

/**
 * {@link Stdp} on one projection under the clock-driven engine, run from its definition ({@link StdpDefinition}) on
 * every backend; its state under the names STDP has always had (weight, pre_trace, post_trace).
 */
final class ClockStdpSynapses implements StdpSynapses {
    private static final List<Variable> VARIABLES = List.of(
            new Variable("weight", "projection weight unit", Scope.SYNAPSE),
            new Variable("pre_trace", "1", Scope.PRESYNAPTIC_NEURON),
            new Variable("post_trace", "1", Scope.POSTSYNAPTIC_NEURON));

    private final DefinedSynapses defined;

    ClockStdpSynapses(Stdp rule, PlasticityContext context) {
        rule.bounds().requireContains(context.projection().name(), context.projection().rows().weights());
        this.defined = StdpDefinition.of(rule).attach(context);
    }

    @Override
    public List<Variable> variables() {
        return VARIABLES;
    }

    @Override
    public float[] values(String variable) {
        return defined.values(switch (RuleState.find(VARIABLES, variable).name()) {
            case "weight" -> "w";
            case "pre_trace" -> "x_pre";
            default -> "x_post";
        });
    }

    @Override
    public float[] weights() {
        return defined.weights();
    }
}
