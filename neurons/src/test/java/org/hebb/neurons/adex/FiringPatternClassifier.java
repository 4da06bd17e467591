package org.hebb.neurons.adex;

import java.util.Arrays;

import org.hebb.util.Require;

/**
 * Classifies the spike train of one neuron under a step current into the firing patterns of Naud et al. (2008,
 * Fig. 4).
 *
 * <p>Naud et al., like Gerstner et al. (2014, Neuronal Dynamics, Sect. 6.2.1), describe a response in the scheme of
 * Markram et al. (2004): an initiation pattern (tonic, initial burst, delay) followed by a steady-state pattern (tonic,
 * adapting, bursting, irregular), plus transient spiking when the firing stops while the current is still on. The
 * paper defines these classes in words and by example, not by numerical thresholds; the measures and thresholds below
 * are this class's, chosen to make the words operational. Each threshold lies between the reference responses of
 * {@link NaudParameterSets} that it separates; their values (for a 1000 ms step, see {@link
 * FiringPatternClassifierTest}) are quoted with it, so the margin can be read off.
 *
 * <p>The steady state is the second half of the stimulus: the inter-spike intervals (ISIs) that start at or after
 * T/2. The decision, in order:
 * <ol>
 * <li>No spike: {@link FiringPattern#QUIESCENT}.</li>
 * <li>No spike in the second half: {@link FiringPattern#TRANSIENT_SPIKING} (the firing stopped).</li>
 * <li>Fewer than {@value #MIN_STEADY_INTERVALS} steady ISIs: {@link FiringPattern#UNNAMED}, too few to judge.</li>
 * <li><b>Delay</b>: the first-spike latency exceeds {@value #DELAY_FACTOR} mean steady ISIs. A regularly firing
 * neuron takes little longer to reach threshold from rest than from the reset (tonic set: 1.5 steady ISIs); the
 * delayed sets take 3.2 (delayed regular bursting) and 3.4 (delayed accelerating).</li>
 * <li><b>Regular bursting</b>: the steady ISIs split into short ones (in a burst) and long ones (pauses) at the
 * geometric mean of the shortest and the longest, the longest is at least {@value #BURST_RATIO} times the shortest,
 * there are at least two pauses, no two pauses follow each other, every burst between two pauses has the same
 * number of spikes, and the pauses vary by at most {@value #REGULAR_PAUSE_CV} (coefficient of variation). With a
 * delay: {@link FiringPattern#DELAYED_REGULAR_BURSTING}, else {@link FiringPattern#REGULAR_BURSTING}. The reference
 * bursts have pauses 17 and 24 times their shortest ISI and a pause CV below 0.01.</li>
 * <li><b>Irregular</b>: the local variation CV2 (Holt et al. 1996: the mean of 2 |ISI(i+1) - ISI(i)| / (ISI(i+1) +
 * ISI(i)) over consecutive steady ISIs) exceeds {@value #IRREGULAR_CV2}. CV2 is 0 for a periodic train, about 1 for a
 * Poisson train, and ignores a slow trend, so an adaptation still under way is not taken for irregularity. The
 * irregular reference has a CV2 of about 0.9, the tonic, adapting and accelerating ones below 0.01.</li>
 * <li><b>Initial burst</b>: within the first {@value #INITIAL_WINDOW} ISIs, one ISI is at least
 * {@value #BURST_RATIO} times the one before it and all the ISIs before it are shorter than the steady mean divided by
 * {@value #BURST_RATIO}: a group of at least two closely spaced spikes that ends abruptly. The initial-burst reference
 * jumps by 7.5; gradual adaptation lengthens an ISI by at most 1.6 from one to the next.</li>
 * <li><b>Adaptation ratio</b> = mean steady ISI / first ISI: above {@value #ADAPTING_RATIO} adapting, below
 * 1 / {@value #ADAPTING_RATIO} accelerating, otherwise tonic (tonic reference 1.07, adaptation 6.7, delayed
 * accelerating 0.48).</li>
 * </ol>
 * The combinations the paper names are returned as such (tonic start and steady state: {@link
 * FiringPattern#TONIC_SPIKING}; adapting: {@link FiringPattern#ADAPTATION}; initial burst without delay: {@link
 * FiringPattern#INITIAL_BURST}; delay and acceleration: {@link FiringPattern#DELAYED_ACCELERATING}); any other
 * combination is {@link FiringPattern#UNNAMED}.
 *
 * <p>The stimulus must be several times longer than the slowest steady-state interval (or burst period) so that the
 * second half holds at least a few of them; 1000 ms suffices for every set of the paper.
 */
final class FiringPatternClassifier {
    /** The fewest steady-state ISIs from which a steady state is judged. */
    static final int MIN_STEADY_INTERVALS = 3;
    /** Latency / mean steady ISI above which the response starts with a delay. */
    static final double DELAY_FACTOR = 2.0;
    /** Ratio of a pause to a burst ISI (steady state) and of the ISI that ends an initial burst to the one before. */
    static final double BURST_RATIO = 3.0;
    /** The largest coefficient of variation of the pauses between regular bursts. */
    static final double REGULAR_PAUSE_CV = 0.1;
    /** Local variation CV2 of the steady ISIs above which the steady state is irregular. */
    static final double IRREGULAR_CV2 = 0.3;
    /** How many ISIs from the onset an initial burst may span. */
    static final int INITIAL_WINDOW = 5;
    /** Mean steady ISI / first ISI above which the train adapts (below its inverse, it accelerates). */
    static final double ADAPTING_RATIO = 1.5;

    private FiringPatternClassifier() {
    }

    /**
     * The pattern of a spike train and the measures it was decided on.
     *
     * @param pattern the firing pattern
     * @param latencyMs the first-spike latency, ms (NaN without spikes)
     * @param meanSteadyIsiMs the mean steady-state ISI, ms (NaN with fewer than two steady spikes)
     * @param delayed whether the latency exceeds {@link #DELAY_FACTOR} mean steady ISIs
     * @param cv2 the local variation of the steady ISIs (NaN with fewer than two steady ISIs)
     * @param adaptationRatio mean steady ISI / first ISI (NaN without both)
     */
    record Classification(FiringPattern pattern, double latencyMs, double meanSteadyIsiMs, boolean delayed,
                          double cv2, double adaptationRatio) {
    }

    /**
     * Classifies a spike train.
     *
     * @param spikeTimesMs the spike times, ms after current onset, ascending, each in [0, stimulusMs]
     * @param stimulusMs how long the step current lasted, ms
     * @return the pattern and the measures behind it
     */
    static Classification classify(double[] spikeTimesMs, double stimulusMs) {
        Require.positive("stimulusMs", stimulusMs, "ms");
        checkSpikeTimes(spikeTimesMs, stimulusMs);
        int n = spikeTimesMs.length;
        if (n == 0) {
            return new Classification(FiringPattern.QUIESCENT, Double.NaN, Double.NaN, false, Double.NaN, Double.NaN);
        }
        double latency = spikeTimesMs[0];
        double[] isi = intervals(spikeTimesMs);
        int firstSteadySpike = firstSpikeAtOrAfter(spikeTimesMs, stimulusMs / 2);
        if (firstSteadySpike == n) {
            return new Classification(FiringPattern.TRANSIENT_SPIKING, latency, Double.NaN, false, Double.NaN,
                    Double.NaN);
        }
        double[] steady = Arrays.copyOfRange(isi, Math.min(firstSteadySpike, isi.length), isi.length);
        double meanSteady = steady.length == 0 ? Double.NaN : mean(steady);
        double cv2 = localVariation(steady);
        double adaptationRatio = isi.length == 0 ? Double.NaN : meanSteady / isi[0];
        if (steady.length < MIN_STEADY_INTERVALS) {
            return new Classification(FiringPattern.UNNAMED, latency, meanSteady, false, cv2, adaptationRatio);
        }
        boolean delayed = latency > DELAY_FACTOR * meanSteady;
        FiringPattern pattern;
        if (regularBursting(steady)) {
            pattern = delayed ? FiringPattern.DELAYED_REGULAR_BURSTING : FiringPattern.REGULAR_BURSTING;
        } else if (cv2 > IRREGULAR_CV2) {
            pattern = FiringPattern.IRREGULAR_SPIKING;
        } else if (initialBurst(isi, meanSteady)) {
            pattern = delayed ? FiringPattern.UNNAMED : FiringPattern.INITIAL_BURST;
        } else if (adaptationRatio > ADAPTING_RATIO) {
            pattern = delayed ? FiringPattern.UNNAMED : FiringPattern.ADAPTATION;
        } else if (adaptationRatio < 1 / ADAPTING_RATIO) {
            pattern = delayed ? FiringPattern.DELAYED_ACCELERATING : FiringPattern.UNNAMED;
        } else {
            pattern = delayed ? FiringPattern.UNNAMED : FiringPattern.TONIC_SPIKING;
        }
        return new Classification(pattern, latency, meanSteady, delayed, cv2, adaptationRatio);
    }

    private static void checkSpikeTimes(double[] spikeTimesMs, double stimulusMs) {
        for (int k = 0; k < spikeTimesMs.length; k++) {
            Require.inRange("spikeTimesMs[" + k + "]", spikeTimesMs[k], k == 0 ? 0 : spikeTimesMs[k - 1],
                    stimulusMs, "ms");
        }
    }

    /** The intervals between consecutive spikes, ms. */
    static double[] intervals(double[] spikeTimesMs) {
        double[] isi = new double[Math.max(0, spikeTimesMs.length - 1)];
        for (int k = 0; k < isi.length; k++) {
            isi[k] = spikeTimesMs[k + 1] - spikeTimesMs[k];
        }
        return isi;
    }

    private static int firstSpikeAtOrAfter(double[] spikeTimesMs, double timeMs) {
        int k = 0;
        while (k < spikeTimesMs.length && spikeTimesMs[k] < timeMs) {
            k++;
        }
        return k;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double localVariation(double[] isi) {
        if (isi.length < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = 1; k < isi.length; k++) {
            sum += 2 * Math.abs(isi[k] - isi[k - 1]) / (isi[k] + isi[k - 1]);
        }
        return sum / (isi.length - 1);
    }

    private static boolean regularBursting(double[] isi) {
        double shortest = Arrays.stream(isi).min().orElseThrow();
        double longest = Arrays.stream(isi).max().orElseThrow();
        if (longest < BURST_RATIO * shortest) {
            return false;
        }
        double split = Math.sqrt(shortest * longest);
        double[] pauses = Arrays.stream(isi).filter(x -> x >= split).toArray();
        if (pauses.length < 2) {
            return false;
        }
        int burstSize = -1;
        int inBurst = 0;
        boolean afterPause = false;
        for (double x : isi) {
            if (x < split) {
                inBurst++;
                continue;
            }
            if (afterPause) {
                if (inBurst == 0 || (burstSize >= 0 && inBurst != burstSize)) {
                    return false;
                }
                burstSize = inBurst;
            }
            afterPause = true;
            inBurst = 0;
        }
        double meanPause = mean(pauses);
        double variance = Arrays.stream(pauses).map(x -> (x - meanPause) * (x - meanPause)).sum() / pauses.length;
        return Math.sqrt(variance) <= REGULAR_PAUSE_CV * meanPause;
    }

    private static boolean initialBurst(double[] isi, double meanSteady) {
        for (int k = 1; k < Math.min(INITIAL_WINDOW, isi.length); k++) {
            if (isi[k - 1] * BURST_RATIO >= meanSteady) {
                return false;
            }
            if (isi[k] >= BURST_RATIO * isi[k - 1]) {
                return true;
            }
        }
        return false;
    }
}
