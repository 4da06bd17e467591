package org.hebb.experiments.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PowerSpectrumTest {
    private static final double DT_MS = 1;

    /** A sine of amplitude A carries power A^2 / 2 (Parseval), all of it around its frequency. */
    @Test
    void aSinePutsItsVarianceAtItsFrequency() {
        double amplitude = 3;
        double hz = 40;
        double[] x = new double[16_384];
        for (int k = 0; k < x.length; k++) {
            x[k] = 5 + amplitude * Math.sin(2 * Math.PI * hz * k * DT_MS / 1000);
        }
        PowerSpectrum s = PowerSpectrum.welch(x, DT_MS, 1024);
        double df = s.frequenciesHz()[1];
        assertEquals(1000.0 / 1024, df, 1e-12);
        assertEquals(hz, s.peakFrequency(1, 499), df / 2);
        assertEquals(amplitude * amplitude / 2, total(s), 0.01 * amplitude * amplitude / 2, "Parseval");
        assertTrue(s.meanPower(100, 499) < 1e-6 * s.meanPower(35, 45), "nothing away from the sine");
    }

    /** White noise of variance sigma^2 sampled at fs has a flat density sigma^2 / (fs / 2). */
    @Test
    void whiteNoiseIsFlat() {
        Random random = new Random(7);
        double[] x = new double[65_536];
        for (int k = 0; k < x.length; k++) {
            x[k] = 2 * random.nextGaussian();
        }
        PowerSpectrum s = PowerSpectrum.welch(x, DT_MS, 256);
        double expected = 4 / 500.0;
        assertEquals(expected, s.meanPower(10, 240), 0.05 * expected);
        assertEquals(expected, s.meanPower(260, 490), 0.05 * expected);
    }

    @Test
    void refusesSegmentsThatAreNotPowersOfTwoOrTooLong() {
        double[] x = new double[1000];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerSpectrum.welch(x, 1, 1000))
                .getMessage().contains("segment length = 1000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerSpectrum.welch(x, 1, 1024))
                .getMessage().contains("must not exceed"));
    }

    private static double total(PowerSpectrum s) {
        double df = s.frequenciesHz()[1];
        double sum = 0;
        for (double p : s.power()) {
            sum += p * df;
        }
        return sum;
    }
}
