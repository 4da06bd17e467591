package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rule's name is free text, and the generated code quotes it in a comment: a name with line breaks, Java's
 * unicode escape of a line feed or a backslash still gives code that compiles, on either engine.
 */
class RuleNameInGeneratedCodeTest {
    private static final String NAME = "two\nlines\rand \\u000a an escape \\";

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aRuleWithLineBreaksInItsNameRuns(EngineKind engine) {
        SynapseDefinition stdp = SynapseDefinition.builder(NAME)
                .parameter("tau", "ms", 20).parameter("A", "weight", 0.01).parameter("w_max", "weight", 1)
                .presynapticTrace("dx_pre/dt = -x_pre / tau : 1", "x_pre += 1")
                .postsynapticTrace("dx_post/dt = -x_post / tau : 1", "x_post += 1")
                .onPre("w = clip(w - A * x_post, 0 * w_max, w_max)")
                .onPost("w = clip(w + A * x_pre, 0 * w_max, w_max)")
                .build();
        assertDoesNotThrow(() -> {
            try (Network net = Network.builder().engine(engine).threads(1).seed(5).build()) {
                var input = net.addPoissonSource("in", 100, 5);
                NeuronPopulation cell = net.addNeurons("cell", 5, IfCurrExp.builder().build());
                Projection p = net.connect(input, cell, Connectors.fixedProbability(0.5, false),
                        Synapses.onto("excitatory").weights(Values.constant(0.3)));
                net.addPlasticity(p, stdp.rule());
                net.run(5);
            }
        });
    }
}
