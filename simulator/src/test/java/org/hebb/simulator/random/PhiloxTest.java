package org.hebb.simulator.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Philox4x32-10 against the known-answer vectors of Random123 (kat_vectors, philox4x32_10). */
class PhiloxTest {

    private static int[] philox(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        Philox.generate(c0, c1, c2, c3, k0, k1, out);
        return out;
    }

    @Test
    void zeroCounterAndKey() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
                philox(0, 0, 0, 0, 0, 0));
    }

    @Test
    void allOnesCounterAndKey() {
        int ones = 0xffffffff;
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
                philox(ones, ones, ones, ones, ones, ones));
    }

    @Test
    void piDigitsCounterAndKey() {
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                philox(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    @Test
    void unitFloatUsesTheTop24Bits() {
        assertEquals(0f, Philox.toUnitFloat(0));
        assertEquals(0f, Philox.toUnitFloat(0xff), "the low 8 bits must not matter");
        assertEquals(0.5f, Philox.toUnitFloat(0x80000000));
        float largest = Philox.toUnitFloat(0xffffffff);
        assertTrue(largest < 1f, "must stay below 1: " + largest);
        assertEquals(1f - 0x1.0p-24f, largest);
    }
}
