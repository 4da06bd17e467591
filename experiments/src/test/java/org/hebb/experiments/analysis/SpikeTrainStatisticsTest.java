package org.hebb.experiments.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rates, irregularity and synchrony against hand-worked spike trains. */
class SpikeTrainStatisticsTest {
    /** Neuron 0 fires about regularly, neuron 1 with intervals 10 and 30 ms, neuron 2 once (left out of the CV). */
    private static final double[] TIMES = {5, 10, 12, 20, 22, 30, 40, 50, 52, 62, 99};
    private static final int[] NEURONS = {2, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0};

    @Test
    void rateCountsSpikesInTheWindowOnly() {
        // 8 spikes in [10, 60) of 3 neurons over 50 ms
        assertEquals(8 / (3 * 0.05), SpikeTrainStatistics.rateHz(TIMES, 3, 10, 60), 1e-9);
    }

    @Test
    void irregularityAveragesTheCvOfNeuronsWithEnoughSpikes() {
        // neuron 0 in [0, 70): 10, 20, 30, 40, 50, 62: intervals 10, 10, 10, 10, 12
        double mean = 52 / 5.0;
        double sd = Math.sqrt((4 * Math.pow(10 - mean, 2) + Math.pow(12 - mean, 2)) / 5);
        // neuron 1: 12, 22, 52: intervals 10 and 30, CV 10 / 20
        double expected = (sd / mean + 0.5) / 2;
        assertEquals(expected, SpikeTrainStatistics.meanCvOfIntervals(TIMES, NEURONS, 3, 0, 70), 1e-12);
        assertTrue(Double.isNaN(SpikeTrainStatistics.meanCvOfIntervals(TIMES, NEURONS, 3, 0, 15)),
                "no neuron with 3 spikes");
    }

    @Test
    void synchronyIsTheCountsVarianceOverTheirMean() {
        // bins of 20 ms over [0, 80): counts 3, 3, 3, 1 (the 99 ms spike falls outside)
        double mean = 10 / 4.0;
        double variance = (3 * Math.pow(3 - mean, 2) + Math.pow(1 - mean, 2)) / 4;
        assertEquals(variance / mean, SpikeTrainStatistics.synchrony(TIMES, 0, 80, 20), 1e-12);
        // a partial last bin is left out: [0, 90) holds the same 4 bins
        assertEquals(variance / mean, SpikeTrainStatistics.synchrony(TIMES, 0, 90, 20), 1e-12);
        assertTrue(Double.isNaN(SpikeTrainStatistics.synchrony(TIMES, 100, 200, 20)), "no spikes");
    }

    @Test
    void emptyWindowsAndTooFewBinsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeTrainStatistics.rateHz(TIMES, 3, 10, 10));
        assertTrue(e.getMessage().contains("window [10.0, 10.0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikeTrainStatistics.synchrony(TIMES, 0, 50, 30));
        assertTrue(e.getMessage().contains("at least 2 bins"), e.getMessage());
    }
}
