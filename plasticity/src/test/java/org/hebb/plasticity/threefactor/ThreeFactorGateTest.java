package org.hebb.plasticity.threefactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * The error-modulated rule with presynaptic eligibility, as a readout uses it: a closed gate stops every update
 * whatever the error; with the gate open a positive error (target above output) raises the weight of an active
 * input, so the output rises toward the target, and a negative one lowers it, by eta g M times the summed trace.
 */
class ThreeFactorGateTest {
    private static final double ETA = 0.01;
    private static final int GATE_FROM = 20;
    private static final int GATE_TO = 40;

    @Test
    void aClosedGateStopsTheRuleAndTheErrorsSignMovesTheOutputTowardItsTarget() {
        double[] half = run(0.5);
        double[] full = run(1);
        assertTrue(half[0] > 0 && half[1] < 0, "positive error raises, negative error lowers: " + half[0] + ", "
                + half[1]);
        assertEquals(-half[0], half[1], 1e-6 * half[0], "opposite errors, opposite changes");
        assertEquals(2 * half[0], full[0], 1e-5 * full[0], "the change is proportional to the gate");
        double summedTrace = half[2];
        double largestTrace = half[3];
        assertTrue(half[0] >= ETA * 0.5 * (summedTrace - largestTrace)
                && half[0] <= ETA * 0.5 * (summedTrace + largestTrace), "eta g M times the trace summed over the "
                + "open gate's steps: " + half[0] + " against " + ETA * 0.5 * summedTrace);
    }

    @Test
    void withTheGateClosedAnErrorChangesNothing() {
        double[] closed = run(0);
        assertEquals(0, closed[0]);
        assertEquals(0, closed[1]);
        assertTrue(closed[2] > 1, "the input was active and its trace non-zero: " + closed[2]);
    }

    /**
     * One input spiking every step onto two non-spiking readout units, errors +1 and -1, the gate {@code gate}
     * during steps 20 to 39 and closed otherwise: the two weights after 60 steps, the trace summed over the open
     * steps and its largest value.
     */
    private static double[] run(double gate) {
        try (Network net = Network.builder().dt(1.0).seed(1).threads(1).build()) {
            BernoulliSource input = net.addBernoulliSource("input", 1);
            input.setProbability(0, 1);
            NeuronPopulation readout = net.addNeurons("readout", 2, IfCurrExp.builder().vThresh(1e9).build());
            ThreeFactorSynapses rule = net.addPlasticity(net.connect(input, readout, Connectors.allToAll(true),
                    Synapses.onto("excitatory").weights(Values.constant(0))), ThreeFactor.builder()
                    .eligibility(ThreeFactor.Eligibility.PRESYNAPTIC).tauEligibility(10)
                    .modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON).eta(ETA).wMin(-10).wMax(10).build());
            double[] trace = new double[2];
            net.afterEachStep((step, timeMs) -> {
                rule.setModulator(0, 1);
                rule.setModulator(1, -1);
                boolean open = step + 1 >= GATE_FROM && step + 1 < GATE_TO;
                rule.setGate(open ? gate : 0);
                if (open) {
                    float x = rule.values("eligibility")[0];
                    trace[0] += x;
                    trace[1] = Math.max(trace[1], x);
                }
            });
            net.run(60);
            float[] w = rule.weights();
            int toFirst = rule.projection().targetOf(0) == 0 ? 0 : 1;
            return new double[] {w[toFirst], w[1 - toFirst], trace[0], trace[1]};
        }
    }
}
