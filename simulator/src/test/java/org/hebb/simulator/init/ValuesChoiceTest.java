package org.hebb.simulator.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** {@link Values#choice}: only the listed values, equally often. */
class ValuesChoiceTest {
    @Test
    void drawsEachValueEquallyOften() {
        ValueDistribution signs = Values.choice(-3, 3);
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int positive = 0;
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            double v = signs.sample(random);
            if (v == 3) {
                positive++;
            } else {
                assertEquals(-3, v);
            }
        }
        // binomial(n, 1/2): 5 standard deviations is 790
        assertEquals(n / 2.0, positive, 790);
        assertEquals(-3, signs.lowerBound());
        String none = assertThrows(IllegalArgumentException.class, Values::choice).getMessage();
        assertTrue(none.startsWith("values is empty"), none);
        String nan = assertThrows(IllegalArgumentException.class, () -> Values.choice(1, Double.NaN)).getMessage();
        assertTrue(nan.startsWith("values[1] = NaN is not allowed"), nan);
    }
}
