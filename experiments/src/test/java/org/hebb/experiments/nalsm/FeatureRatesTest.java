package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The liquid's rates in phase 2, counted from spike counts of known samples. */
class FeatureRatesTest {
    @Test
    void meanOverSamplesAndNeuronsAndTheMostActiveSample() {
        int[][] first = {{5, 5}, {0, 0}};
        int[][] second = {{1, 0}};
        FeatureRates rates = FeatureRates.of(250, 1000, first, second);
        // 11 spikes over 3 samples of 2 neurons and 0.25 s; the busiest sample: 10 spikes of 2 neurons in 0.25 s.
        assertEquals(11 / (3 * 2 * 0.25), rates.meanHz(), 1e-12);
        assertEquals(20.0, rates.maxSampleHz(), 1e-12);
        assertEquals(0, rates.saturatedSamples());
    }

    /** A sample counts as saturated from the given rate on: 20 Hz and 2 Hz against 20 Hz, then 2 Hz. */
    @Test
    void samplesAtOrAboveTheSaturatedRateAreCounted() {
        int[][] first = {{5, 5}, {0, 0}};
        int[][] second = {{1, 0}};
        assertEquals(1, FeatureRates.of(250, 20, first, second).saturatedSamples());
        assertEquals(0, FeatureRates.of(250, 20.001, first, second).saturatedSamples());
        assertEquals(2, FeatureRates.of(250, 2, first, second).saturatedSamples());
    }

    @Test
    void noSamplesGiveZero() {
        assertEquals(new FeatureRates(0, 0, 0), FeatureRates.of(250, 400, new int[0][], new int[0][]));
    }
}
