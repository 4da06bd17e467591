package org.hebb.experiments.microcircuit;

import static org.hebb.experiments.microcircuit.MicrocircuitParameters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The microcircuit's derived parameters against the PyNEST example's published values. */
class MicrocircuitParametersTest {
    /** The example's PSC for a 0.15 mV PSP: 87.81 pA. */
    @Test
    void aPspOf015MvNeeds8781Pa() {
        assertEquals(0.08781, pscForPsp(MEAN_PSP_MV), 5e-6);
        assertEquals(2 * 0.08781, meanWeightNa(0, 2), 1e-5, "L4E -> L23E doubled");
        assertEquals(-4 * 0.08781, meanWeightNa(3, 1), 2e-5, "inhibitory");
        assertEquals(0.08781, meanWeightNa(4, 6), 5e-6);
    }

    /** Drawn with replacement, K synapses leave a pair unconnected with probability (1 - 1/(N N))^K = 1 - p. */
    @Test
    void synapseCountsGiveTheConnectionProbabilities() {
        double total = 0;
        for (int t = 0; t < 8; t++) {
            for (int s = 0; s < 8; s++) {
                double pairs = (double) FULL_SIZES[t] * FULL_SIZES[s];
                double k = fullSynapseCount(t, s);
                assertEquals(CONNECTION_PROBABILITIES[t][s], 1 - Math.pow(1 - 1 / pairs, k), 1e-9, t + " <- " + s);
                total += k;
            }
        }
        // about 2.99e8 at full scale (Potjans and Diesmann 2014)
        assertEquals(2.99e8, total, 0.005e8);
        assertEquals(77_169, Microcircuit.totalNeurons(1));
    }

    /** The DC background: 8 Hz x K_ext x 87.81 pA x 0.5 ms, 0.562 nA onto L23E (87.81 is rounded: 1e-4 apart). */
    @Test
    void theDcBackgroundIsThePoissonInputsMean() {
        assertEquals(8e-3 * 1600 * 0.08781 * 0.5, backgroundCurrentNa(0), 1e-4 * backgroundCurrentNa(0));
        assertEquals(8e-3 * 2900 * 0.08781 * 0.5, backgroundCurrentNa(6), 1e-4 * backgroundCurrentNa(6));
    }

    /** At scale S, populations of round(S N) neurons and in-degrees of the full model. */
    @Test
    void scalingKeepsTheInDegrees() {
        assertEquals(207, Microcircuit.size(0, 0.01));
        assertEquals(11, Microcircuit.size(5, 0.01));
        double fullInDegree = fullSynapseCount(0, 2) / FULL_SIZES[0];
        assertEquals(fullInDegree, Microcircuit.synapses(0, 2, 0.01) / 207.0, 0.01);
        assertEquals(0, Microcircuit.synapses(0, 5, 0.5), "L5I does not project to L23E");
    }
}
