package org.hebb.neurons.nir;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.hebb.neurons.definition.NeuronDefinition;
import org.junit.jupiter.api.Test;

class NirModelsTest {
    /**
     * A time constant of 0 or below was accepted: NIR_LIF with tau = -5 ms grew without bound, and the per-neuron
     * variants computed NaN from tau = 0.
     */
    @Test
    void timeConstantsMustBeAboveZero() {
        for (NeuronDefinition d : List.of(NirModels.LIF, NirModels.withTauPerNeuron(NirModels.LIF),
                NirModels.CUBA_LIF, NirModels.withTauPerNeuron(NirModels.CUBA_LIF))) {
            List<String> taus = d.name().startsWith("NIR_LIF") ? List.of("tau")
                    : List.of("tau_syn", "tau_mem");
            for (String tau : taus) {
                for (double value : new double[] {0, -5}) {
                    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                            () -> d.model().with(tau, value));
                    assertEquals(tau + " = " + value + " ms is not allowed for " + d.name() + ": must satisfy "
                            + tau + " > 0", refused.getMessage());
                }
                assertDoesNotThrow(() -> d.model().with(tau, 0.5));
            }
        }
    }
}
