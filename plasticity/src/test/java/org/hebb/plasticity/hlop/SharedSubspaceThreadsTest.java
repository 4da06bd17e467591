package org.hebb.plasticity.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * Two three-factor rules projecting their traces through one shared subspace give the same weights with one thread
 * as with two. The second output neuron's zero modulator for the first rule makes the thread that owns it skip that
 * rule and ask for the second rule's projection while the other thread computes the first's: both then project
 * through the one subspace at once.
 */
class SharedSubspaceThreadsTest {
    private static final int INPUTS = 3000;

    @Test
    void rulesSharingASubspaceLearnTheSameWithAnyThreadCount() {
        float[][] oneThread = run(1);
        for (int repeat = 0; repeat < 2; repeat++) {
            float[][] twoThreads = run(2);
            assertArrayEquals(oneThread[0], twoThreads[0], "first rule's weights, two threads, repeat " + repeat);
            assertArrayEquals(oneThread[1], twoThreads[1], "second rule's weights, two threads, repeat " + repeat);
        }
    }

    private static float[][] run(int threads) {
        HebbianSubspace subspace = HebbianSubspace.create(INPUTS, 7);
        subspace.beginTask(40);
        float[] activity = new float[INPUTS];
        for (int k = 1; k <= 3; k++) {
            for (int j = 0; j < INPUTS; j++) {
                activity[j] = (float) Math.sin(0.01 * j * k);
            }
            subspace.learn(activity);
        }
        subspace.endTask();
        try (Network net = Network.builder().dt(0.1).seed(3).threads(threads).build()) {
            PoissonSource in = net.addPoissonSource("in", INPUTS, 50);
            NeuronPopulation out = net.addNeurons("out", 2, IfCurrExp.builder().build());
            ThreeFactor rule = ThreeFactor.builder().eligibility(ThreeFactor.Eligibility.PRESYNAPTIC)
                    .modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON).tauEligibility(20).eta(0.001)
                    .wMin(-10).wMax(10).projection(subspace).build();
            ThreeFactorSynapses first = net.addPlasticity(net.connect(in, out, Connectors.allToAll(true),
                    Synapses.onto("excitatory").named("first").weights(Values.constant(0.0))
                            .delays(Delays.steps(5))), rule);
            ThreeFactorSynapses second = net.addPlasticity(net.connect(in, out, Connectors.allToAll(true),
                    Synapses.onto("excitatory").named("second").weights(Values.constant(0.0))
                            .delays(Delays.steps(9))), rule);
            first.setModulator(0, 1.0);
            first.setModulator(1, 0.0);
            second.setModulator(0, 1.0);
            second.setModulator(1, 1.0);
            net.run(100);
            return new float[][] {first.weights().clone(), second.weights().clone()};
        }
    }
}
