package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.run.SimulationAbortedException;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The device's finite-state check against the Java backend's: a NaN or infinity planted in any variable of any
 * neuron is reported with the same message, the lowest variable (in storage order) first, then the lowest neuron.
 */
class OpenClFiniteStateScanTest {
    /**
     * Four variables that decay on their own, so that a value planted in one stays there for a step and in no other
     * variable; the receptor adds to c directly (without projections onto it, c lives in the delay ring's direct row
     * in single precision).
     */
    private static final NeuronDefinition DECAYS = NeuronDefinition.builder("four_decays")
            .parameter("tau", "ms", 10).parameter("v_thresh", "mV", 1000).parameter("v_reset", "mV", 0)
            .requires("tau > 0")
            .equations("""
                    dv/dt = -v / tau : mV
                    da/dt = -a / tau : nA
                    db/dt = -b / tau : nS
                    dc/dt = -c / tau : mV
                    """)
            .threshold("v > v_thresh").reset("v = v_reset")
            .receptor(Receptor.of("onto_c", "mV", "c += weight"))
            .method(IntegrationMethod.EXACT)
            .build();
    private static final int FIRST_SIZE = 300;
    private static final int SECOND_SIZE = 3000;

    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    /** One planted value: population (0 or 1), variable index in storage order, neuron, value. */
    private record Plant(int population, int variable, int neuron, double value) {
    }

    /**
     * For each variable k: in population 'second', +Infinity at a later neuron and NaN or -Infinity at an earlier one
     * of variable k, and NaN at neuron 0 of every later variable; the check names variable k at the earlier neuron.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void theLowestVariableThenNeuronIsReportedAsOnJava(Precision precision) {
        int variables = DECAYS.storageOrder().size();
        assertEquals(4, variables, "test setup");
        for (int k = 0; k < variables; k++) {
            double value = k % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
            int neuron = 1500 + 97 * k;
            Plant[] plants = new Plant[2 + variables - 1 - k];
            plants[0] = new Plant(1, k, SECOND_SIZE - 1 - k, Double.POSITIVE_INFINITY);
            plants[1] = new Plant(1, k, neuron, value);
            for (int later = k + 1; later < variables; later++) {
                plants[2 + later - k - 1] = new Plant(1, later, 0, Double.NaN);
            }
            String java = message(BackendKind.JAVA, precision, plants);
            String name = DECAYS.storageOrder().get(k);
            assertTrue(java.contains(name + " = " + value + " "), java);
            assertTrue(java.contains(" in neuron " + neuron + " of population 'second'"), java);
            assertEquals(java, message(BackendKind.OPENCL, precision, plants), "variable " + name);
        }
    }

    /** Values in both populations: each backend's checks run in the same order and report the same one. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void severalPopulationsReportAsOnJava(Precision precision) {
        Plant[][] cases = {
            {new Plant(0, 3, FIRST_SIZE - 1, Double.NaN), new Plant(1, 0, 0, Double.NaN)},
            {new Plant(1, 2, SECOND_SIZE - 1, Double.POSITIVE_INFINITY), new Plant(0, 1, 17, Double.NaN)},
            {new Plant(0, 0, 0, Double.NEGATIVE_INFINITY)},
            {new Plant(1, 3, 2049, Double.NaN), new Plant(1, 3, 2048, Double.NaN), new Plant(1, 3, 4, 1e300)},
        };
        for (Plant[] plants : cases) {
            String java = message(BackendKind.JAVA, precision, plants);
            assertEquals(java, message(BackendKind.OPENCL, precision, plants), List.of(plants).toString());
        }
    }

    /** Values a float cannot hold are infinite in single precision: 1e300 at neuron 4 is found there. */
    @Test
    void aValueBeyondTheFloatRangeIsFoundInSinglePrecision() {
        Plant[] plants = {new Plant(1, 3, 2048, Double.NaN), new Plant(1, 3, 4, 1e300)};
        String java = message(BackendKind.JAVA, Precision.SINGLE, plants);
        assertTrue(java.contains("c = Infinity mV in neuron 4 of population 'second'"), java);
        assertEquals(java, message(BackendKind.OPENCL, Precision.SINGLE, plants));
    }

    /**
     * A finite one-step run launches as many kernels with four variables per neuron as with one: each population's
     * variables are scanned in one launch (profiled launches; the copies of variables held in the delay ring are no
     * launches).
     */
    @Test
    void aOneStepRunLaunchesNoMoreKernelsForMoreVariables() {
        NeuronDefinition oneDecay = NeuronDefinition.builder("one_decay")
                .parameter("tau", "ms", 10).parameter("v_thresh", "mV", 1000).parameter("v_reset", "mV", 0)
                .requires("tau > 0")
                .equations("dv/dt = -v / tau : mV")
                .threshold("v > v_thresh").reset("v = v_reset")
                .method(IntegrationMethod.EXACT)
                .build();
        long[] launches = new long[2];
        NeuronDefinition[] definitions = {oneDecay, DECAYS};
        System.setProperty(KernelProfile.PROPERTY, "true");
        try {
            for (int d = 0; d < definitions.length; d++) {
                try (Network net = Network.builder().backend(BackendKind.OPENCL).build()) {
                    net.addNeurons("first", FIRST_SIZE, definitions[d].model());
                    net.addNeurons("second", SECOND_SIZE, definitions[d].model());
                    net.run(net.dt());
                    long before = net.engineCounters().get("profiled_launches");
                    net.run(net.dt());
                    launches[d] = net.engineCounters().get("profiled_launches") - before;
                    assertEquals(1, net.engineCounters().get("kernels_per_step"), "test setup: one kernel a step");
                }
            }
        } finally {
            System.clearProperty(KernelProfile.PROPERTY);
        }
        assertTrue(launches[0] >= 3, "the step and each population's scan are counted: " + launches[0]);
        assertEquals(launches[0], launches[1], "launches of a one-step run with 1 and with 4 variables");
    }

    /** The message of the check that stops a one-step run with {@code plants} in place. */
    private static String message(BackendKind backend, Precision precision, Plant... plants) {
        try (Network net = Network.builder().backend(backend).threads(1).precision(precision).build()) {
            NeuronPopulation[] populations = {net.addNeurons("first", FIRST_SIZE, DECAYS.model()),
                net.addNeurons("second", SECOND_SIZE, DECAYS.model())};
            for (Plant plant : plants) {
                NeuronState state = populations[plant.population()].state();
                if (precision == Precision.SINGLE) {
                    state.array(plant.variable())[plant.neuron()] = (float) plant.value();
                } else {
                    state.doubles(plant.variable())[plant.neuron()] = plant.value();
                }
            }
            return assertThrows(SimulationAbortedException.class, () -> net.run(net.dt())).getMessage();
        }
    }
}
