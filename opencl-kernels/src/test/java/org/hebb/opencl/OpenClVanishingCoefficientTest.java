package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A membrane without leak integrated by exponential Euler, whose coefficient of v, -g / cm, is 0 while its
 * conductance is: the kernel chooses Euler's limit of the step there. Its spikes and voltages on the device are the
 * Java backend's, bit for bit, in both precisions.
 */
class OpenClVanishingCoefficientTest {
    private static final DefinedNeuronModel WITHOUT_LEAK = NeuronDefinition.builder("without_leak")
            .parameter("cm", "nF", 0.2).parameter("e_rev", "mV", 0).parameter("tau_g", "ms", 5)
            .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -65)
            .equations("""
                    dv/dt = (g * (e_rev - v) + I_inj) / cm : mV
                    dg/dt = -g / tau_g : uS
                    """)
            .initial("v", "v_reset").threshold("v > v_thresh").reset("v = v_reset")
            .receptor(Receptor.of("exc", "uS", "g += weight"))
            .method(IntegrationMethod.EXPONENTIAL_EULER).build().model();

    @BeforeEach
    void requireDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    private record Outcome(int[] neurons, double[] voltages) {
    }

    private static Outcome run(BackendKind backend, Precision precision) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(3).precision(precision).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 40, WITHOUT_LEAK);
            float[] current = new float[40];
            for (int i = 0; i < current.length; i++) {
                current[i] = 0.01f * (i % 4);
            }
            cells.inject(Currents.perNeuron(current));
            cells.addPoissonInput(PoissonInput.of("exc", 5, 20, 0.002));
            SpikeMonitor spikes = net.monitorSpikes(cells);
            StateMonitor state = net.monitorState(cells, new String[] {"v"}, new int[] {0, 1, 2, 3}, 1.0);
            net.run(200);
            double[] voltages = new double[0];
            for (int k = 0; k < 4; k++) {
                double[] trace = state.traceDoubles("v", k);
                double[] joined = Arrays.copyOf(voltages, voltages.length + trace.length);
                System.arraycopy(trace, 0, joined, voltages.length, trace.length);
                voltages = joined;
            }
            return new Outcome(spikes.neurons(), voltages);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void spikesAndVoltagesMatchTheJavaBackend(Precision precision) {
        Outcome java = run(BackendKind.JAVA, precision);
        Outcome device = run(BackendKind.OPENCL, precision);
        assertTrue(java.neurons().length > 10, "the neurons spike: " + java.neurons().length);
        assertTrue(Arrays.stream(java.voltages()).allMatch(Double::isFinite), "every voltage is finite");
        assertArrayEquals(java.neurons(), device.neurons(), "the neurons that spiked");
        assertArrayEquals(java.voltages(), device.voltages(), "v of neurons 0 to 3, sampled every ms");
    }
}
