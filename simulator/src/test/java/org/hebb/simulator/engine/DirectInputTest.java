package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.Precision;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * Which receptors receive directly ({@link DirectInput}), and what it changes: weights added to the variable one by
 * one in delivery order, where the delay ring sums a step's weights before they are added.
 */
class DirectInputTest {
    /** Conductances that do not decay (their propagator rounds to 1), and a neuron that does not fire. */
    private static final IfCondExp HELD = IfCondExp.builder().tauSynE(1e12).tauSynI(1e12).vThresh(1000)
            .integration(IfCondExp.Integration.EULER).build();
    /** Half a unit in the last place of 1.0f: 1 + TIE rounds (to even) back to 1. */
    private static final double TIE = 0x1p-24;

    /**
     * g_e = 1 receives three weights of 2^-24 in one step. Added one by one (delay 1: direct) each sum rounds back to
     * 1; summed first (delay 2: the ring) 3 * 2^-24 is exact and 1 + 3 * 2^-24 rounds up to 1 + 2^-22.
     */
    @Test
    void directWeightsAreAddedOneByOneAndRingWeightsSummedFirst() {
        assertEquals(1.0f, conductanceAfterThreeTies(1), "direct: ((1 + w) + w) + w");
        assertEquals(1.0f + 0x1p-22f, conductanceAfterThreeTies(2), "ring: 1 + (w + w + w)");
    }

    private static float conductanceAfterThreeTies(int delaySteps) {
        try (Network net = Network.builder().dt(0.1).threads(1).build()) {
            SpikeTimesSource source = net.addSpikeTimes("source", new double[][] {{1.0}, {1.0}, {1.0}});
            NeuronPopulation target = net.addNeurons("target", 1, HELD);
            target.initialize("g_e", Values.constant(1.0));
            net.connect(source, target, Connectors.fromList(new int[] {0, 1, 2}, new int[] {0, 0, 0}),
                    Synapses.onto("excitatory").weights(Values.constant(TIE)).delays(Delays.steps(delaySteps)));
            assertEquals(delaySteps == 1, DirectInput.receptors(target, net.projections())[0], "test setup");
            StateMonitor g = net.monitorState(target, new String[] {"g_e"}, new int[] {0}, 0.1);
            net.run(2);
            return g.trace("g_e", 0)[g.sampleCount() - 1];
        }
    }

    @Test
    void aReceptorReceivesDirectlyOnlyWhenEverythingOntoItArrivesInOneStep() {
        assertArrayEquals(new boolean[] {true, true}, receptors(HELD, Precision.SINGLE, 1, false),
                "x += weight, one delay of one step (and nothing onto inhibitory)");
        assertArrayEquals(new boolean[] {false, true}, receptors(HELD, Precision.SINGLE, 1, true),
                "a Poisson input onto excitatory");
        assertArrayEquals(new boolean[] {false, true}, receptors(HELD, Precision.SINGLE, 3, false),
                "a projection of three steps onto excitatory");
        assertArrayEquals(new boolean[] {false, false}, receptors(HELD, Precision.DOUBLE, 1, false),
                "double precision");
        assertArrayEquals(new boolean[] {false, false}, receptors(IfCurrDelta.builder().build(), Precision.SINGLE,
                1, false), "receptors acting after integration");
    }

    private static boolean[] receptors(NeuronModel model, Precision precision, int delaySteps, boolean poisson) {
        try (Network net = Network.builder().precision(precision).build()) {
            SpikeTimesSource source = net.addSpikeTimes("source", new double[][] {{1.0}});
            NeuronPopulation target = net.addNeurons("target", 2, model);
            if (poisson) {
                target.addPoissonInput(PoissonInput.of("excitatory", 10, 5, 0.01));
            }
            net.connect(source, target, Connectors.allToAll(false),
                    Synapses.onto("excitatory").weights(Values.constant(0.01)).delays(Delays.steps(delaySteps)));
            return DirectInput.receptors(target, net.projections());
        }
    }
}
