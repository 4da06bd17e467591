package org.hebb.experiments.analysis;

import org.hebb.util.Require;

/**
 * Statistics of a population's spikes in a window [from, to) ms, given as parallel arrays of times (ms, ascending)
 * and neuron indices, the measures Potjans and Diesmann (2014) report: the mean rate, the irregularity (the
 * coefficient of variation of each neuron's inter-spike intervals, averaged over the neurons with at least
 * {@link #MIN_SPIKES_FOR_CV} spikes) and the synchrony (the variance of the population's spike count in bins of
 * {@code binMs} over its mean; about 1 for independent Poisson neurons, larger when they fire together). Both of the
 * last two depend on the window and the population's size (few intervals per neuron bias the CV low; the synchrony of
 * a whole population grows with its size), so they compare runs of the same window and sizes.
 */
public final class SpikeTrainStatistics {
    /** Neurons with fewer spikes in the window are left out of the irregularity. */
    public static final int MIN_SPIKES_FOR_CV = 3;

    private SpikeTrainStatistics() {
    }

    /** The mean rate of {@code neurons} neurons in [fromMs, toMs), Hz. */
    public static double rateHz(double[] timesMs, int neurons, double fromMs, double toMs) {
        requireWindow(fromMs, toMs);
        long count = 0;
        for (double t : timesMs) {
            count += t >= fromMs && t < toMs ? 1 : 0;
        }
        return count / (neurons * (toMs - fromMs) / 1000);
    }

    /**
     * The mean over neurons with at least {@link #MIN_SPIKES_FOR_CV} spikes in [fromMs, toMs) of the coefficient of
     * variation (sd / mean) of their inter-spike intervals; NaN when no neuron has that many.
     */
    public static double meanCvOfIntervals(double[] timesMs, int[] neuronOf, int neurons, double fromMs,
                                           double toMs) {
        requireWindow(fromMs, toMs);
        Require.that(timesMs.length == neuronOf.length, "times and neurons differ in length: " + timesMs.length
                + " and " + neuronOf.length);
        int[] count = new int[neurons];
        double[] last = new double[neurons];
        double[] sum = new double[neurons];
        double[] sumOfSquares = new double[neurons];
        for (int s = 0; s < timesMs.length; s++) {
            double t = timesMs[s];
            if (t < fromMs || t >= toMs) {
                continue;
            }
            int i = neuronOf[s];
            if (count[i] > 0) {
                double interval = t - last[i];
                sum[i] += interval;
                sumOfSquares[i] += interval * interval;
            }
            last[i] = t;
            count[i]++;
        }
        double total = 0;
        int counted = 0;
        for (int i = 0; i < neurons; i++) {
            if (count[i] >= MIN_SPIKES_FOR_CV) {
                int intervals = count[i] - 1;
                double mean = sum[i] / intervals;
                double variance = Math.max(0, sumOfSquares[i] / intervals - mean * mean);
                total += Math.sqrt(variance) / mean;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }

    /**
     * The variance of the population's spike count in consecutive bins of {@code binMs} covering [fromMs, toMs)
     * (a last partial bin left out) over the mean count; NaN without spikes.
     */
    public static double synchrony(double[] timesMs, double fromMs, double toMs, double binMs) {
        requireWindow(fromMs, toMs);
        Require.positive("bin", binMs, "ms");
        int bins = (int) Math.floor((toMs - fromMs) / binMs);
        Require.that(bins >= 2, "bin = " + binMs + " ms is not allowed: the window of " + (toMs - fromMs)
                + " ms must hold at least 2 bins");
        long[] counts = new long[bins];
        for (double t : timesMs) {
            int b = (int) Math.floor((t - fromMs) / binMs);
            if (t >= fromMs && b < bins) {
                counts[b]++;
            }
        }
        double mean = 0;
        for (long c : counts) {
            mean += c;
        }
        mean /= bins;
        if (mean == 0) {
            return Double.NaN;
        }
        double variance = 0;
        for (long c : counts) {
            variance += (c - mean) * (c - mean);
        }
        return variance / bins / mean;
    }

    private static void requireWindow(double fromMs, double toMs) {
        Require.that(toMs > fromMs, "window [" + fromMs + ", " + toMs + ") ms is not allowed: must not be empty");
    }
}
