package org.hebb.experiments.analysis;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.hebb.util.Require;

/**
 * Welch's estimate of a signal's power spectral density: Hann-windowed segments of a power-of-two length,
 * overlapping by half, mean removed per segment, periodograms averaged.
 *
 * @param frequenciesHz the frequency of each bin, Hz (0 up to the Nyquist frequency)
 * @param power         the power in each bin (signal units squared per Hz)
 */
public record PowerSpectrum(double[] frequenciesHz, double[] power) {
    /**
     * Welch's estimate.
     *
     * @param signal        samples at a fixed interval
     * @param sampleMs      the sampling interval, ms
     * @param segmentLength samples per segment, a power of two no longer than the signal
     */
    public static PowerSpectrum welch(double[] signal, double sampleMs, int segmentLength) {
        Require.positive("sampling interval", sampleMs, "ms");
        Require.that(Integer.bitCount(segmentLength) == 1 && segmentLength >= 8,
                "segment length = " + segmentLength + " is not allowed: must be a power of two >= 8");
        Require.that(segmentLength <= signal.length, "segment length = " + segmentLength
                + " is not allowed: must not exceed the signal's " + signal.length + " samples");
        double[] window = new double[segmentLength];
        double windowPower = 0;
        for (int k = 0; k < segmentLength; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / segmentLength);
            windowPower += window[k] * window[k];
        }
        double sampleRateHz = 1000.0 / sampleMs;
        int bins = segmentLength / 2 + 1;
        double[] power = new double[bins];
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        double[] segment = new double[segmentLength];
        int segments = 0;
        for (int start = 0; start + segmentLength <= signal.length; start += segmentLength / 2) {
            double mean = 0;
            for (int k = 0; k < segmentLength; k++) {
                mean += signal[start + k];
            }
            mean /= segmentLength;
            for (int k = 0; k < segmentLength; k++) {
                segment[k] = (signal[start + k] - mean) * window[k];
            }
            Complex[] spectrum = fft.transform(segment, TransformType.FORWARD);
            for (int b = 0; b < bins; b++) {
                double p = spectrum[b].abs();
                // one-sided: every bin but DC and Nyquist also carries its negative-frequency twin
                power[b] += (b == 0 || b == bins - 1 ? 1 : 2) * p * p / (sampleRateHz * windowPower);
            }
            segments++;
        }
        double[] frequencies = new double[bins];
        for (int b = 0; b < bins; b++) {
            power[b] /= segments;
            frequencies[b] = b * sampleRateHz / segmentLength;
        }
        return new PowerSpectrum(frequencies, power);
    }

    /** The frequency (Hz) of the largest power in [fromHz, toHz]. */
    public double peakFrequency(double fromHz, double toHz) {
        int best = -1;
        for (int b = 0; b < frequenciesHz.length; b++) {
            if (frequenciesHz[b] >= fromHz && frequenciesHz[b] <= toHz && (best < 0 || power[b] > power[best])) {
                best = b;
            }
        }
        Require.that(best >= 0, "no frequency bin in [" + fromHz + ", " + toHz + "] Hz");
        return frequenciesHz[best];
    }

    /** The mean power over the bins in [fromHz, toHz]. */
    public double meanPower(double fromHz, double toHz) {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < frequenciesHz.length; b++) {
            if (frequenciesHz[b] >= fromHz && frequenciesHz[b] <= toHz) {
                sum += power[b];
                count++;
            }
        }
        Require.that(count > 0, "no frequency bin in [" + fromHz + ", " + toHz + "] Hz");
        return sum / count;
    }
}
