package org.hebb.neurons.izhikevich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.hebb.neurons.KernelDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five cortical cell classes of Izhikevich (2003) under a step current I = 10 for 500 ms (dt 0.1 ms) each show
 * their defining firing pattern, with both numerics; and each numerics follows its own scheme, step by step, against
 * an independent recursion in double.
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

    /**
     * The first 300 steps (30 ms, three spikes of a regular-spiking cell at I = 10) against the scheme written out
     * in double: Euler advances v and u from the values at the start of the step; the paper's program advances v in
     * two half-steps of dt/2 and then u with the new v. The schemes differ by several mV within a few steps of the
     * upswing, and float rounding stays far below that, so each scheme must match its own recursion and not the
     * other's.
     */
    @ParameterizedTest
    @EnumSource(Izhikevich.Numerics.class)
    void eachNumericsFollowsItsScheme(Izhikevich.Numerics numerics) {
        double a = 0.02;
        double b = 0.2;
        double c = -65;
        double d = 8;
        double current = 10;
        Izhikevich model = Izhikevich.builder().regularSpiking().numerics(numerics).build();
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.inject(current);
        float[] v = driver.state().array("v");
        float[] u = driver.state().array("u");
        double[] own = {-65, b * -65};
        double[] other = {-65, b * -65};
        boolean paper = numerics == Izhikevich.Numerics.PAPER;
        double worstAgainstOther = 0;
        int spikes = 0;
        for (int step = 0; step < 300; step++) {
            boolean fired = referenceStep(own, paper, a, b, c, d, current);
            referenceStep(other, !paper, a, b, c, d, current);
            driver.step();
            spikes += fired ? 1 : 0;
            assertEquals(spikes, driver.spikeSteps().length, numerics + ": spikes after step " + step);
            assertEquals(own[0], v[0], 1e-3 * Math.max(1, Math.abs(own[0])), numerics + ": v after step " + step);
            assertEquals(own[1], u[0], 1e-3 * Math.max(1, Math.abs(own[1])), numerics + ": u after step " + step);
            worstAgainstOther = Math.max(worstAgainstOther, Math.abs(other[0] - v[0]));
        }
        assertTrue(spikes >= 2, "test setup: spikes in 30 ms: " + spikes);
        assertTrue(worstAgainstOther > 1, numerics + " is indistinguishable from the other scheme: " + worstAgainstOther
                + " mV at most");
    }

    /**
     * A synaptic weight w (mV) on either receptor acts as a current w / dt for one step, so that with Euler
     * numerics it moves v by exactly w against an undisturbed twin, at any dt.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.01, 1})
    void aWeightMovesTheVoltageByItselfWhateverTheStep(double dt) {
        Izhikevich model = Izhikevich.builder().regularSpiking().build();
        for (int receptor = 0; receptor < 2; receptor++) {
            double weight = receptor == 0 ? 2 : -3;
            KernelDriver hit = new KernelDriver(model, 1, dt);
            KernelDriver twin = new KernelDriver(model, 1, dt);
            hit.deliver(receptor, weight);
            hit.step();
            twin.step();
            float moved = hit.state().array("v")[0] - twin.state().array("v")[0];
            assertEquals(weight, moved, 1e-4, "receptor " + receptor + ", dt " + dt + " ms");
        }
    }

    /** One step of {@code vu} = {v, u} by the Euler or the paper's scheme; true when it fires (and resets). */
    private static boolean referenceStep(double[] vu, boolean paper, double a, double b, double c, double d,
                                         double current) {
        double v = vu[0];
        double u = vu[1];
        double next;
        if (paper) {
            double half = v + DT / 2 * (0.04 * v * v + 5 * v + 140 - u + current);
            next = half + DT / 2 * (0.04 * half * half + 5 * half + 140 - u + current);
            u += DT * a * (b * next - u);
        } else {
            next = v + DT * (0.04 * v * v + 5 * v + 140 - u + current);
            u += DT * a * (b * v - u);
        }
        boolean fired = next >= 30;
        vu[0] = fired ? c : next;
        vu[1] = fired ? u + d : u;
        return fired;
    }
}
