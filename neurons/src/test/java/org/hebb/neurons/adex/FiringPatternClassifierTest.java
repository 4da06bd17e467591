package org.hebb.neurons.adex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The parameter sets of Naud et al. (2008) produce their published firing patterns under the reference integrator,
 * and the classifier tells the patterns apart on synthetic spike trains of known class, so that it can fail.
 */
class FiringPatternClassifierTest {
    /** The step current's duration, ms. */
    static final double STIMULUS_MS = 1000;
    /** The reference integration step, ms. */
    static final double REFERENCE_DT_MS = 0.001;

    private static final AdexSpikeSource REFERENCE = new ReferenceAdex(REFERENCE_DT_MS);

    /**
     * Asserts that {@code source} fires {@code set}'s pattern under its step current. Hebb's AdEx model is to be held
     * to the same check.
     */
    static void assertFiresPattern(AdexSpikeSource source, NaudParameterSets set) {
        double[] spikes = source.spikeTimes(set, STIMULUS_MS);
        FiringPatternClassifier.Classification c = FiringPatternClassifier.classify(spikes, STIMULUS_MS);
        assertEquals(set.pattern(), c.pattern(),
                set + ": " + c + ", ISIs " + Arrays.toString(FiringPatternClassifier.intervals(spikes)));
    }

    @ParameterizedTest
    @EnumSource(NaudParameterSets.class)
    void referenceFiresThePublishedPattern(NaudParameterSets set) {
        assertFiresPattern(REFERENCE, set);
    }

    /**
     * Halving the reference step moves none of the first ten spikes by more than 0.002 ms. The irregular set is
     * chaotic (Naud et al. 2008 report low-dimensional chaos): from its fifth spike on, any difference grows two- to
     * threefold per spike, so only its first four spikes are compared.
     */
    @ParameterizedTest
    @EnumSource(NaudParameterSets.class)
    void referenceSpikeTimesConvergeWithTheStep(NaudParameterSets set) {
        double[] fine = REFERENCE.spikeTimes(set, 300);
        double[] coarse = new ReferenceAdex(2 * REFERENCE_DT_MS).spikeTimes(set, 300);
        int compared = Math.min(set == NaudParameterSets.IRREGULAR_SPIKING ? 4 : 10, fine.length);
        assertTrue(coarse.length >= compared, set + ": " + coarse.length + " spikes, " + fine.length + " finer");
        for (int k = 0; k < compared; k++) {
            assertEquals(fine[k], coarse[k], 0.002, set + " spike " + k);
        }
    }

    /** Spikes at {@code latency}, then at intervals {@code isi(k)} for k = 0, 1, ... while inside the stimulus. */
    private static double[] train(double latency, DoubleUnaryOperator isi) {
        DoubleArrayList times = new DoubleArrayList();
        double t = latency;
        for (int k = 0; t <= STIMULUS_MS; k++) {
            times.add(t);
            t += isi.applyAsDouble(k);
        }
        return times.toArray();
    }

    private static FiringPattern classify(double[] spikes) {
        return FiringPatternClassifier.classify(spikes, STIMULUS_MS).pattern();
    }

    /** Bursts of {@code size} spikes {@code within} ms apart, separated by pauses drawn by {@code pause}. */
    private static DoubleUnaryOperator bursts(int size, double within, DoubleUnaryOperator pause) {
        return k -> (k + 1) % size == 0 ? pause.applyAsDouble(k) : within;
    }

    @Test
    void regularTrainIsTonic() {
        assertEquals(FiringPattern.TONIC_SPIKING, classify(train(12, k -> 10)));
    }

    @Test
    void jitteredRegularTrainIsTonicNotBurstingNorIrregular() {
        Random random = new Random(1);
        assertEquals(FiringPattern.TONIC_SPIKING, classify(train(12, k -> 10 + random.nextDouble() - 0.5)));
    }

    @Test
    void lengtheningIntervalsAdapt() {
        assertEquals(FiringPattern.ADAPTATION, classify(train(12, k -> 60 - 50 * Math.exp(-k / 4.0))));
    }

    @Test
    void threeShortIntervalsThenLongOnesAreAnInitialBurst() {
        assertEquals(FiringPattern.INITIAL_BURST, classify(train(5, k -> k < 3 ? 4 : 50)));
    }

    @Test
    void gradualAdaptationIsNotAnInitialBurst() {
        assertEquals(FiringPattern.ADAPTATION, classify(train(5, k -> 4 * Math.pow(1.6, Math.min(k, 5)))));
    }

    @Test
    void repeatedBurstsAreRegularBursting() {
        assertEquals(FiringPattern.REGULAR_BURSTING, classify(train(10, bursts(3, 4, k -> 80))));
    }

    @Test
    void burstsWithIrregularPausesAreIrregular() {
        Random random = new Random(2);
        assertEquals(FiringPattern.IRREGULAR_SPIKING,
                classify(train(10, bursts(3, 4, k -> 30 + 90 * random.nextDouble()))));
    }

    @Test
    void burstsOfChangingSizeAreNotRegularBursting() {
        assertEquals(FiringPattern.IRREGULAR_SPIKING,
                classify(train(10, k -> k % 5 == 1 || k % 5 == 4 ? 60 : 4)));
    }

    @Test
    void lateFirstSpikeThenShorteningIntervalsIsDelayedAccelerating() {
        assertEquals(FiringPattern.DELAYED_ACCELERATING, classify(train(150, k -> 15 + 25 * Math.exp(-k / 5.0))));
    }

    @Test
    void lateFirstBurstIsDelayedRegularBursting() {
        assertEquals(FiringPattern.DELAYED_REGULAR_BURSTING, classify(train(150, bursts(3, 4, k -> 80))));
    }

    @Test
    void lateFirstSpikeThenTonicIsNoNamedPattern() {
        assertEquals(FiringPattern.UNNAMED, classify(train(150, k -> 20)));
    }

    @Test
    void acceleratingWithoutDelayIsNoNamedPattern() {
        assertEquals(FiringPattern.UNNAMED, classify(train(10, k -> 15 + 25 * Math.exp(-k / 5.0))));
    }

    @Test
    void randomIntervalsAreIrregular() {
        Random random = new Random(3);
        assertEquals(FiringPattern.IRREGULAR_SPIKING, classify(train(8, k -> 5 + 40 * random.nextDouble())));
    }

    @Test
    void spikesThatStopAreTransient() {
        assertEquals(FiringPattern.TRANSIENT_SPIKING, classify(new double[] {10, 20, 35}));
    }

    @Test
    void noSpikeIsQuiescent() {
        assertEquals(FiringPattern.QUIESCENT, classify(new double[0]));
    }

    @Test
    void tooFewSteadySpikesAreNoNamedPattern() {
        assertEquals(FiringPattern.UNNAMED, classify(new double[] {10, 400, 800}));
    }

    @Test
    void badInputIsRejectedWithItsName() {
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> FiringPatternClassifier.classify(new double[] {10, 30, 20}, STIMULUS_MS));
        assertTrue(unsorted.getMessage().startsWith("spikeTimesMs[2] = 20"), unsorted.getMessage());
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> FiringPatternClassifier.classify(new double[] {10, 1200}, STIMULUS_MS));
        assertTrue(late.getMessage().startsWith("spikeTimesMs[1] = 1200"), late.getMessage());
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
                () -> FiringPatternClassifier.classify(new double[0], 0));
        assertTrue(duration.getMessage().startsWith("stimulusMs = 0"), duration.getMessage());
    }
}
