package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.generate.JavaKernelSource;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrDelta;
import org.junit.jupiter.api.Test;

/** Which receptors may receive directly, and the kernels of a population whose receptors do. */
class DirectTargetTest {

    @Test
    void aReceptorAddingTheWeightUnchangedToAVariableOfItsOwnHasADirectTarget() {
        IfCondExp coba = IfCondExp.builder().build();
        assertEquals(Optional.of("g_e"), coba.directTarget(0));
        assertEquals(Optional.of("g_i"), coba.directTarget(1));
        assertEquals(Optional.empty(), IfCurrDelta.builder().build().directTarget(0), "acting after integration");
        assertEquals(Optional.empty(), Izhikevich.builder().build().directTarget(0), "weight / dt into a step input");
        DefinedNeuronModel shared = NeuronDefinition.builder("shared").parameter("tau", "ms", 5)
                .equations("dv/dt = -v / tau : mV\ndg/dt = -g / tau : nA")
                .receptor(Receptor.of("a", "nA", "g += weight"))
                .receptor(Receptor.of("b", "nA", "g += weight"))
                .receptor(Receptor.of("small", "uV", "v += weight"))
                .method(IntegrationMethod.EULER).build().model();
        assertEquals(Optional.empty(), shared.directTarget(0), "another receptor acts on g");
        assertEquals(Optional.empty(), shared.directTarget(2), "uV onto a variable in mV: not unchanged");
    }

    @Test
    void aKernelReceivingDirectlyHasNoReceivePassForThatReceptor() {
        IfCondExp coba = IfCondExp.builder().build();
        String ring = coba.javaSource(0.1);
        String direct = JavaKernelSource.of(
                coba.program(0.1).receivingDirectly(new boolean[] {true, false}));
        assertTrue(ring.contains("_receive0") && ring.contains("_receive1"), ring);
        assertFalse(direct.contains("_input[0]"), "receptor 0's input is not read");
        assertTrue(direct.contains("_input[1]"), "receptor 1's input is");
        String device = coba.openClKernel(0.1, Precision.SINGLE, new boolean[] {true, false}).source();
        assertTrue(device.contains("_a_direct_g_e = _ring + (long) (2 * _depth + 0) * _size"), device);
        assertFalse(device.contains("_in0 ="), "receptor 0's ring slot is not taken");
        assertThrows(IllegalArgumentException.class, () -> coba.openClKernel(0.1, Precision.DOUBLE,
                new boolean[] {true, false}), "direct input in double precision");
    }
}
