package org.hebb.neurons.izhikevich;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.hebb.neurons.KernelDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The five cortical cell classes of Izhikevich (2003) under a step current I = 10 for 500 ms (dt 0.1 ms) each show
 * their defining firing pattern, with both numerics.
 */
class IzhikevichPatternsTest {
    private static final double DT = 0.1;

    private static double[] interSpikeIntervals(UnaryOperator<Izhikevich.Builder> cellClass,
                                                Izhikevich.Numerics numerics) {
        Izhikevich model = cellClass.apply(Izhikevich.builder().numerics(numerics)).build();
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.inject(10);
        for (int step = 0; step < 5000; step++) {
            driver.step();
        }
        int[] spikes = driver.spikeSteps();
        double[] isi = new double[spikes.length - 1];
        for (int k = 0; k < isi.length; k++) {
            isi[k] = (spikes[k + 1] - spikes[k]) * DT;
        }
        return isi;
    }

    private static long count(double[] values, double below) {
        return Arrays.stream(values).filter(x -> x < below).count();
    }

    @ParameterizedTest
    @EnumSource(Izhikevich.Numerics.class)
    void regularSpikingFiresTonically(Izhikevich.Numerics numerics) {
        double[] isi = interSpikeIntervals(Izhikevich.Builder::regularSpiking, numerics);
        assertTrue(isi.length + 1 >= 8 && isi.length + 1 <= 16, "spikes: " + (isi.length + 1));
        assertTrue(count(isi, 10) == 0, "no bursts: " + Arrays.toString(isi));
        double[] steady = Arrays.copyOfRange(isi, 1, isi.length);
        double mean = Arrays.stream(steady).average().orElseThrow();
        assertTrue(Arrays.stream(steady).allMatch(x -> Math.abs(x - mean) < 0.05 * mean),
                "regular after the first interval: " + Arrays.toString(isi));
    }

    @ParameterizedTest
    @EnumSource(Izhikevich.Numerics.class)
    void intrinsicallyBurstingStartsWithABurst(Izhikevich.Numerics numerics) {
        double[] isi = interSpikeIntervals(Izhikevich.Builder::intrinsicallyBursting, numerics);
        assertTrue(isi[0] < 6 && isi[1] < 6, "initial burst: " + Arrays.toString(isi));
        assertTrue(Arrays.stream(isi, 2, isi.length).allMatch(x -> x > 25),
                "then tonic single spikes: " + Arrays.toString(isi));
    }

    @ParameterizedTest
    @EnumSource(Izhikevich.Numerics.class)
    void chatteringRepeatsBursts(Izhikevich.Numerics numerics) {
        double[] isi = interSpikeIntervals(Izhikevich.Builder::chattering, numerics);
        long pauses = Arrays.stream(isi).filter(x -> x > 30).count();
        long withinBursts = count(isi, 7);
        assertTrue(pauses >= 5, "at least 5 bursts: " + Arrays.toString(isi));
        assertTrue(withinBursts >= 4 * pauses, "several spikes per burst: " + Arrays.toString(isi));
    }

    @ParameterizedTest
    @EnumSource(Izhikevich.Numerics.class)
    void fastSpikingFiresFastWithoutAdaptation(Izhikevich.Numerics numerics) {
        double[] isi = interSpikeIntervals(Izhikevich.Builder::fastSpiking, numerics);
        assertTrue(isi.length + 1 >= 50, "at least 100 Hz: " + (isi.length + 1) + " spikes in 500 ms");
        assertTrue(Arrays.stream(isi).allMatch(x -> x < 10), "never pauses: " + Arrays.toString(isi));
        assertTrue(isi[isi.length - 1] < 2 * isi[0], "little adaptation: " + Arrays.toString(isi));
    }

    @ParameterizedTest
    @EnumSource(Izhikevich.Numerics.class)
    void lowThresholdSpikingAdapts(Izhikevich.Numerics numerics) {
        double[] isi = interSpikeIntervals(Izhikevich.Builder::lowThresholdSpiking, numerics);
        for (int k = 1; k < 6; k++) {
            assertTrue(isi[k] > isi[k - 1], "intervals lengthen at onset: " + Arrays.toString(isi));
        }
        assertTrue(isi[isi.length - 1] > 3 * isi[0], "strong adaptation: " + Arrays.toString(isi));
        assertTrue(isi.length + 1 >= 30 && isi.length + 1 <= 50, "spikes: " + (isi.length + 1));
    }
}
