package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.generate.JavaKernelSource;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.junit.jupiter.api.Test;

/**
 * Which decays a Java kernel runs in its main pass: those whose variable the main pass reads, while the pass stays
 * small enough to vectorise. That they give the same bits as a decay pass is checked by
 * {@link InjectedCurrentVariantTest} on Euler IF_cond_exp, whose two kernels differ in exactly this.
 */
class DecayFusionTest {
    private static String source(DefinedNeuronModel model, boolean injectedCurrent) {
        return JavaKernelSource.of(model.program(0.1, Precision.SINGLE), injectedCurrent);
    }

    @Test
    void eulerCondExpDecaysInItsMainPassOnlyWithoutAnInjectedCurrent() {
        IfCondExp euler = IfCondExp.builder().integration(IfCondExp.Integration.EULER).build();
        String without = source(euler, false);
        assertFalse(without.contains("class _decay0"), without);
        assertTrue(mainPass(without).contains("_a_g_e[_i] = (_k"), without);
        assertTrue(mainPass(without).contains("_a_g_i[_i] = (_k"), without);
        String with = source(euler, true);
        assertTrue(with.contains("class _decay0"), "with a current the main pass would not vectorise:\n" + with);
        assertFalse(mainPass(with).contains("_a_g_e[_i] = (_k"), with);
    }

    @Test
    void currExpDecaysInItsMainPassWithAnInjectedCurrent() {
        String source = source(IfCurrExp.builder().tauRefrac(2).build(), true);
        assertFalse(source.contains("class _decay0"), source);
        assertTrue(mainPass(source).contains("_a_i_syn_e[_i] = "), source);
    }

    @Test
    void aDecayTheMainPassDoesNotReadKeepsItsPass() {
        String source = source(IfCondExp.builder().build(), false);
        assertTrue(source.contains("class _decay0"), "exponential Euler's main pass reads no conductance:\n"
                + source);
    }

    private static String mainPass(String source) {
        int start = source.indexOf("class _integrate");
        return source.substring(start, source.indexOf("private static final class", start + 1));
    }
}
