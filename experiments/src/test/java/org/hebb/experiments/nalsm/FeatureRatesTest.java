package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The liquid's rates in phase 2, counted from spike counts of known samples. */
class FeatureRatesTest {
    @Test
    void meanOverSamplesAndNeuronsAndTheMostActiveSample() {
        int[][] first = {{5, 5}, {0, 0}};
        int[][] second = {{1, 0}};
        FeatureRates rates = FeatureRates.of(250, first, second);
        // 11 spikes over 3 samples of 2 neurons and 0.25 s; the busiest sample: 10 spikes of 2 neurons in 0.25 s.
        assertEquals(11 / (3 * 2 * 0.25), rates.meanHz(), 1e-12);
        assertEquals(20.0, rates.maxSampleHz(), 1e-12);
    }

    @Test
    void noSamplesGiveZero() {
        assertEquals(new FeatureRates(0, 0), FeatureRates.of(250, new int[0][], new int[0][]));
    }
}
