package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Rule and transmission kernels are named after their source: distinct sources, even with equal
 * {@link String#hashCode()}, get distinct names in one device program; equal sources share one.
 */
class GeneratedDeviceWorkNameTest {

    private static GeneratedDeviceWork work(String source) {
        return new GeneratedDeviceWork(null, source, "rule", List.of()) {
        };
    }

    @Test
    void sourcesWithEqualHashCodesGetDistinctNames() {
        String aa = "void Aa_@RULE@() {}";
        String bb = "void BB_@RULE@() {}";
        assertEquals(aa.hashCode(), bb.hashCode());
        GeneratedDeviceWork first = work(aa);
        GeneratedDeviceWork second = work(bb);
        assertNotEquals(first.openClName(), second.openClName());
        assertTrue(first.openClSource().contains("Aa_" + first.openClName() + "()"), first.openClSource());
        assertEquals(first.openClName(), work(aa).openClName(), "equal sources, one name");
    }
}
