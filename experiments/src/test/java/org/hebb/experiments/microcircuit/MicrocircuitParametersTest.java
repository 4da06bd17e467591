package org.hebb.experiments.microcircuit;

import static org.hebb.experiments.microcircuit.MicrocircuitParameters.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /**
     * Potjans and Diesmann (2014), Table 5, [target][source] in the order L2/3E, L2/3I, L4E, L4I, L5E, L5I, L6E,
     * L6I, transcribed here on its own so that a slip in either copy shows.
     */
    private static final double[][] PUBLISHED_PROBABILITIES = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0, 0.0076, 0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0, 0.0042, 0},
        {0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0, 0.1057, 0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443},
    };

    @Test
    void theConnectionProbabilitiesAndSizesAreThePublishedOnes() {
        for (int t = 0; t < 8; t++) {
            assertArrayEquals(PUBLISHED_PROBABILITIES[t], CONNECTION_PROBABILITIES[t], 0.0, "target " + t);
        }
        assertArrayEquals(new int[] {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948}, FULL_SIZES);
        assertEquals(77_169, Microcircuit.totalNeurons(1));
    }

    /**
     * K synapses drawn with replacement leave a pair unconnected with probability (1 - 1/(N N))^K = 1 - p, so
     * K = -ln(1 - p) N N (1 - 1/(2 N N) + ...): within 1e-6 of that series (not K = p N N, 5% fewer for p = 0.1),
     * about 2.99e8 in all.
     */
    @Test
    void synapseCountsFollowTheFixedTotalNumberRule() {
        double total = 0;
        for (int t = 0; t < 8; t++) {
            for (int s = 0; s < 8; s++) {
                double pairs = (double) FULL_SIZES[t] * FULL_SIZES[s];
                double series = -Math.log1p(-PUBLISHED_PROBABILITIES[t][s]) * pairs * (1 - 0.5 / pairs);
                assertEquals(series, fullSynapseCount(t, s), 1e-6 * series + 1e-6, t + " <- " + s);
                total += fullSynapseCount(t, s);
            }
        }
        assertEquals(2.99e8, total, 0.005e8);
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
