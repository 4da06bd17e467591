package org.hebb.plasticity.stdp;

import java.util.List;
import java.util.Map;

import org.hebb.plasticity.definition.DefinedSynapses;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.plasticity.PlasticityContext;
import org.hebb.simulator.plasticity.RuleState;

/**
 * {@link Stdp} on one projection, run from its definition ({@link StdpDefinition}) on every engine and backend; its
 * state under the names STDP has always had: weight, pre_trace and post_trace.
 */
final class DefinedStdpSynapses implements StdpSynapses, Checkpointed {
    private static final Map<String, String> DEFINITION_NAMES = Map.of("weight", "w", "pre_trace", "x_pre",
            "post_trace", "x_post");

    private final DefinedSynapses defined;
    private final List<Variable> variables;

    DefinedStdpSynapses(Stdp rule, PlasticityContext context) {
        rule.bounds().requireContains(context.projection().name(), context.projection().rows().weights());
        this.defined = StdpDefinition.of(rule).attach(context);
        this.variables = defined.variables().stream().map(v -> new Variable(DEFINITION_NAMES.entrySet().stream()
                .filter(e -> e.getValue().equals(v.name())).findFirst().orElseThrow().getKey(), v.unit(),
                v.scope())).toList();
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    @Override
    public float[] values(String variable) {
        return defined.values(DEFINITION_NAMES.get(RuleState.find(variables, variable).name()));
    }

    @Override
    public float[] weights() {
        return defined.weights();
    }

    @Override
    public void checkpoint(StateVisitor state) {
        defined.checkpoint(state);
    }
}
