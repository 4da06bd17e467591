package org.hebb.experiments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** A fingerprint of doubles tells apart every bit and every length, and is the same for the same values. */
class FingerprintTest {
    @Test
    void doublesAreDigestedBitForBitWithTheirLength() {
        String zero = new Fingerprint().add(new double[] {0.0, 1.5}).hex();
        assertEquals(zero, new Fingerprint().add(new double[] {0.0, 1.5}).hex());
        assertEquals(16, zero.length());
        assertNotEquals(zero, new Fingerprint().add(new double[] {-0.0, 1.5}).hex());
        assertNotEquals(zero, new Fingerprint().add(new double[] {0.0, Math.nextUp(1.5)}).hex());
        assertNotEquals(new Fingerprint().add(new double[] {0.0}).add(new double[] {1.5}).hex(), zero);
    }
}
