package org.hebb.neurons.definition.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.junit.jupiter.api.Test;

/**
 * Generated kernels are named after their source so that distinct sources get distinct names in one device program,
 * even sources with equal {@link String#hashCode()} ("Aa" and "BB" hash alike, so do any two texts that differ only
 * by one in place of the other).
 */
class GeneratedNamesTest {

    @Test
    void sourcesWithEqualHashCodesGetDistinctNames() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertNotEquals(GeneratedNames.of("rule", "Aa"), GeneratedNames.of("rule", "BB"));
        assertEquals(GeneratedNames.of("rule", "Aa"), GeneratedNames.of("rule", "Aa"), "equal sources, one name");
        assertTrue(GeneratedNames.of("rule", "Aa").matches("rule_[0-9a-f]{32}"), GeneratedNames.of("rule", "Aa"));
    }

    @Test
    void modelsWhoseKernelSourcesHashAlikeGetDistinctKernelNames() {
        OpenClKernelSource.Kernel aa = kernel("Aa");
        OpenClKernelSource.Kernel bb = kernel("BB");
        String anonymousAa = aa.source().replace(aa.name(), "NAME");
        String anonymousBb = bb.source().replace(bb.name(), "NAME");
        assertNotEquals(anonymousAa, anonymousBb);
        assertEquals(anonymousAa.hashCode(), anonymousBb.hashCode(), "the sources' hash codes collide");
        assertNotEquals(aa.name(), bb.name());
        assertEquals(aa.name(), kernel("Aa").name(), "equal programs, one name");
    }

    /** A model named "twin" whose one variable is named {@code variable}. */
    private static OpenClKernelSource.Kernel kernel(String variable) {
        DefinedNeuronModel model = NeuronDefinition.builder("twin").parameter("tau", "ms", 5)
                .equations("d" + variable + "/dt = -" + variable + " / tau : nA")
                .receptor(Receptor.of("in", "nA", variable + " += weight"))
                .method(IntegrationMethod.EULER).build().model();
        return model.openClKernel(0.1, Precision.SINGLE, new boolean[1]);
    }
}
