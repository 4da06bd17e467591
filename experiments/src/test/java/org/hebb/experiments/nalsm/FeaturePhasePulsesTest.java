package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.random.CounterRandom;
import org.hebb.simulator.random.Philox;

import org.junit.jupiter.api.Test;

/**
 * A sample's input pulses fire with exactly their probability: each is a trial of a uniform integer of 63 bits
 * against round(p 2^63), not of a 24-bit uniform against p (which fires with probability p rounded up to a multiple of
 * 2^-24, so at least 2^-24 for any p above 0).
 */
class FeaturePhasePulsesTest {
    private static final int INPUTS = 64;
    private static final int MS = 40;

    /** The trial of element k at step t: its word of stream 0x55AA, then the top 31 bits of its word of 0x55AB. */
    private static boolean fires(long key, int k, int t, float p) {
        int[] first = new int[4];
        int[] second = new int[4];
        Philox.generate(k >>> 2, t, 0, 0x55AA, (int) key, (int) (key >>> 32), first);
        Philox.generate(k >>> 2, t, 0, 0x55AB, (int) key, (int) (key >>> 32), second);
        long draw = ((first[k & 3] & 0xFFFF_FFFFL) << 31) | (second[k & 3] >>> 1);
        // p 2^63 is an integer for a float p of at least 2^-40, and exact in a double
        return draw < (long) (p * 0x1.0p63);
    }

    private static float[][] pulses(long key, float[] probabilities, int ms) {
        float[][] pulses = new float[ms][probabilities.length];
        FeaturePhase.drawPulses(new CounterRandom(key), probabilities, new long[probabilities.length],
                new int[probabilities.length], pulses);
        return pulses;
    }

    /**
     * Probabilities set just above the 24-bit bucket of each input's first word, where a 24-bit draw always fires
     * and the exact trial fires only when the word's low bits are small enough; every pulse of every ms equals the
     * exact trial.
     */
    @Test
    void everyPulseIsTheExactTrialOfItsProbability() {
        long key = 0x5eed_f00dL;
        float[] probabilities = new float[INPUTS];
        int[] words = new int[4];
        for (int k = 0; k < INPUTS; k++) {
            Philox.generate(k >>> 2, 0, 0, 0x55AA, (int) key, (int) (key >>> 32), words);
            probabilities[k] = Math.nextUp((words[k & 3] >>> 8) * 0x1.0p-24f);
        }
        int ambiguous = 0;
        for (int k = 0; k < INPUTS; k++) {
            Philox.generate(k >>> 2, 0, 0, 0x55AA, (int) key, (int) (key >>> 32), words);
            boolean below24 = Philox.toUnitFloat(words[k & 3]) < probabilities[k];
            ambiguous += below24 && !fires(key, k, 0, probabilities[k]) ? 1 : 0;
        }
        assertTrue(ambiguous >= 10, "inputs whose 24-bit draw is below p but whose exact trial fails: " + ambiguous);
        float[][] pulses = pulses(key, probabilities, MS);
        for (int t = 0; t < MS; t++) {
            for (int k = 0; k < INPUTS; k++) {
                assertEquals(fires(key, k, t, probabilities[k]) ? 1f : 0f, pulses[t][k], "input " + k + ", ms " + t);
            }
        }
    }

    /**
     * Probabilities below 2^-24: with key 8168263, input 2's first word at ms 0 is 29, so its 24-bit uniform is 0 and
     * a 24-bit draw fires for every p above 0; its exact trial fires for p = 30 2^-32 and not for 29 2^-32 or 2^-30.
     */
    @Test
    void probabilitiesBelowTwoToTheMinus24FireOnlyBelowTheirThreshold() {
        long key = 8_168_263;
        int[] words = new int[4];
        Philox.generate(0, 0, 0, 0x55AA, (int) key, (int) (key >>> 32), words);
        assertEquals(29, words[2], "input 2's word at ms 0");
        float[] probabilities = new float[4];
        for (float p : new float[] {30 * 0x1.0p-32f, 29 * 0x1.0p-32f, 0x1.0p-30f, 0}) {
            probabilities[2] = p;
            float[][] pulses = pulses(key, probabilities, 1);
            assertEquals(p == 30 * 0x1.0p-32f ? 1f : 0f, pulses[0][2], "p = " + p);
            assertEquals(0f, pulses[0][0] + pulses[0][1] + pulses[0][3], "inputs of probability 0");
        }
        probabilities[2] = 1;
        assertEquals(1f, pulses(key, probabilities, 1)[0][2], "p = 1");
    }
}
