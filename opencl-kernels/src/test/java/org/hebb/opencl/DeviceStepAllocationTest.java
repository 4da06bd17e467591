package org.hebb.opencl;

import java.util.stream.Stream;

import org.hebb.plasticity.testing.PlasticNetworks;
import org.hebb.plasticity.testing.PlasticNetworks.Setup;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.testing.AllocationMeter;
import org.hebb.simulator.testing.Prerequisites;
import org.hebb.simulator.testing.StepNetworks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenCL backend's host side allocates nothing per step ({@link AllocationMeter#assertStepsAllocateNothing}):
 * a static network, one with Poisson inputs onto receptors, and each plasticity rule the device runs, in both work
 * shapes.
 */
class DeviceStepAllocationTest {
    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    static Stream<Arguments> networksAndShapes() {
        Setup stdp = PlasticNetworks::stdp;
        Setup threeFactor = PlasticNetworks::threeFactor;
        Setup astrocyte = PlasticNetworks::astrocyte;
        Setup recurrent = net -> {
            StepNetworks.recurrent(net);
            return null;
        };
        Setup background = net -> {
            StepNetworks.recurrent(net);
            for (Population p : net.populations()) {
                if (p instanceof NeuronPopulation neurons) {
                    neurons.addPoissonInput(PoissonInput.of("excitatory", 100, 10, 0.5));
                    neurons.addPoissonInput(PoissonInput.of("inhibitory", 50, 10, -0.5));
                }
            }
            return null;
        };
        return Stream.of("cpu", "gpu").flatMap(shape -> Stream.of(Arguments.of("static", recurrent, 0.1, shape),
                Arguments.of("Poisson input", background, 0.1, shape),
                Arguments.of("STDP", stdp, 0.1, shape), Arguments.of("three-factor", threeFactor, 0.1, shape),
                Arguments.of("astrocyte STDP", astrocyte, 1.0, shape)));
    }

    @ParameterizedTest(name = "{0}, {3} shape")
    @MethodSource("networksAndShapes")
    void deviceStepsAllocateNothing(String network, Setup setup, double dt, String shape) {
        String before = System.getProperty(OpenClEngine.SHAPE_PROPERTY);
        System.setProperty(OpenClEngine.SHAPE_PROPERTY, shape);
        try (Network net = Network.builder().backend(BackendKind.OPENCL).dt(dt).seed(3).build()) {
            setup.build(net);
            AllocationMeter.assertStepsAllocateNothing(net, network + " on OpenCL, " + shape + " shape");
        } finally {
            if (before == null) {
                System.clearProperty(OpenClEngine.SHAPE_PROPERTY);
            } else {
                System.setProperty(OpenClEngine.SHAPE_PROPERTY, before);
            }
        }
    }
}
