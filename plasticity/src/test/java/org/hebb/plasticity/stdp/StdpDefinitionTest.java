package org.hebb.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.WeightDependence;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The code generated from {@link StdpDefinition} changes weights exactly as {@link Stdp}'s hand-written kernel
 * does: same weights bit for bit and same spikes, with per-synapse and with uniform delays, for every weight
 * dependence and pairing, on one and two threads.
 */
class StdpDefinitionTest {
    static Stream<Arguments> rules() {
        List<Arguments> all = new ArrayList<>();
        for (WeightDependence dependence : WeightDependence.values()) {
            for (Trace.Pairing pairing : Trace.Pairing.values()) {
                for (int threads : new int[] {1, 2}) {
                    all.add(Arguments.of(dependence, pairing, threads));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, {2} threads")
    @MethodSource("rules")
    void generatedRuleEqualsHandWrittenKernel(WeightDependence dependence, Trace.Pairing pairing, int threads) {
        Stdp stdp = Stdp.builder().tauPlus(16.8).tauMinus(33.7).wMin(0.1).wMax(2).aPlus(0.02).aMinus(0.021).weightDependence(dependence)
                .pairing(pairing).build();
        Run handWritten = run(threads, projection -> stdp);
        Run generated = run(threads, projection -> StdpDefinition.of(stdp));
        assertArrayEquals(handWritten.spikes, generated.spikes);
        assertArrayEquals(handWritten.heterogeneousDelays, generated.heterogeneousDelays);
        assertArrayEquals(handWritten.uniformDelay, generated.uniformDelay);
        assertTrue(changed(handWritten.heterogeneousDelays, handWritten.initialHeterogeneous)
                && changed(handWritten.uniformDelay, handWritten.initialUniform), "the weights must change");
    }

    private record Run(int[] spikes, float[] heterogeneousDelays, float[] uniformDelay,
                       float[] initialHeterogeneous, float[] initialUniform) {
    }

    private static Run run(int threads, Function<Projection, PlasticityRule<?>> rule) {
        try (Network net = Network.builder().dt(0.1).seed(11).threads(threads).build()) {
            NeuronPopulation out = net.addNeurons("out", 120, IfCurrExp.builder().tauRefrac(2).build());
            SpikeMonitor spikes = net.monitorSpikes(out);
            Projection heterogeneous = net.connect(net.addPoissonSource("in", 300, 20), out,
                    Connectors.fixedProbability(0.2, false), Synapses.onto("excitatory")
                            .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 20)));
            Projection uniform = net.connect(out, out, Connectors.fixedProbability(0.1, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.2, 0.6)).delays(Delays.steps(3)));
            float[] initialHeterogeneous = heterogeneous.rows().weights().clone();
            float[] initialUniform = uniform.rows().weights().clone();
            RuleState a = net.addPlasticity(heterogeneous, rule.apply(heterogeneous));
            RuleState b = net.addPlasticity(uniform, rule.apply(uniform));
            net.run(500);
            int[] perNeuron = spikes.counts().clone();
            return new Run(perNeuron, a.values(a.variables().get(0).name()).clone(),
                    b.values(b.variables().get(0).name()).clone(), initialHeterogeneous, initialUniform);
        }
    }

    private static boolean changed(float[] after, float[] before) {
        for (int k = 0; k < after.length; k++) {
            if (after[k] != before[k]) {
                return true;
            }
        }
        return false;
    }
}
