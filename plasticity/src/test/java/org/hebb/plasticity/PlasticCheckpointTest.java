package org.hebb.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.hebb.plasticity.testing.PlasticNetworks;
import org.hebb.plasticity.testing.PlasticNetworks.Setup;
import org.hebb.plasticity.testing.SpikeLists;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plastic networks of every built-in rule, stopped, saved on two threads, restored into the network built again
 * and run on on one thread, give the spikes, membrane potentials and weights of a run that never stopped, bit for
 * bit: traces, eligibilities, arrival lists, modulators, the astrocyte and what synapses transmit all carry over.
 */
class PlasticCheckpointTest {
    @TempDir
    Path directory;

    static Stream<Arguments> rules() {
        Setup stdp = PlasticNetworks::stdp;
        Setup threeFactor = PlasticNetworks::threeFactor;
        Setup projected = PlasticNetworks::threeFactorWithProjection;
        Setup astrocyte = PlasticNetworks::astrocyte;
        Setup shortTerm = PlasticNetworks::shortTerm;
        return Stream.of(Arguments.of("STDP", stdp, 0.1, "weight"), Arguments.of("three-factor", threeFactor, 0.1,
                        "weight"), Arguments.of("three-factor with HLOP's projection", projected, 0.1, "weight"),
                Arguments.of("astrocyte STDP", astrocyte, 1.0, "weight"),
                Arguments.of("Tsodyks-Markram", shortTerm, 0.1, "x"));
    }

    private record Outcome(List<long[]> spikes, List<float[]> v, float[] variable) {
    }

    /** Spikes from {@code fromStep} on, v of every neuron population, the rule's {@code variable}. */
    private static Outcome outcome(Network net, List<SpikeMonitor> monitors, RuleState rule, String variable,
                                   long fromStep) {
        List<long[]> spikes = new ArrayList<>();
        for (SpikeMonitor m : monitors) {
            spikes.add(SpikeLists.from(m, fromStep));
        }
        List<float[]> v = new ArrayList<>();
        for (Population p : net.populations()) {
            if (p instanceof NeuronPopulation np) {
                v.add(np.state().array("v").clone());
            }
        }
        net.synchronizeRuleState();
        return new Outcome(spikes, v, rule.values(variable).clone());
    }

    private static List<SpikeMonitor> monitorAll(Network net) {
        List<SpikeMonitor> monitors = new ArrayList<>();
        for (Population p : net.populations()) {
            if (p instanceof NeuronPopulation) {
                monitors.add(net.monitorSpikes(p));
            }
        }
        return monitors;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aRestoredPlasticNetworkGoesOnAsIfItHadNeverStopped(String name, Setup setup, double dt, String variable) {
        double first = 40 * Math.max(1, dt * 10);
        double second = 60 * Math.max(1, dt * 10);
        Path file = directory.resolve("plastic.h5");
        Outcome straight;
        long split;
        float[] initial;
        try (Network net = Network.builder().dt(dt).seed(3).threads(1).build()) {
            RuleState rule = setup.build(net);
            initial = rule.values(variable).clone();
            List<SpikeMonitor> monitors = monitorAll(net);
            net.run(first);
            split = net.stepsRun();
            net.run(second);
            straight = outcome(net, monitors, rule, variable, split);
        }
        try (Network net = Network.builder().dt(dt).seed(3).threads(2).build()) {
            setup.build(net);
            net.run(first);
            net.saveCheckpoint(file);
        }
        try (Network net = Network.builder().dt(dt).seed(3).threads(1).build()) {
            RuleState rule = setup.build(net);
            List<SpikeMonitor> monitors = monitorAll(net);
            net.restoreCheckpoint(file);
            assertEquals(split, net.stepsRun(), "the clock");
            net.run(second);
            Outcome resumed = outcome(net, monitors, rule, variable, 0);
            assertTrue(straight.spikes().stream().mapToInt(s -> s.length).sum() > 200, "test setup: too few spikes");
            assertFalse(Arrays.equals(initial, straight.variable()), "test setup: the rule changes " + variable);
            for (int k = 0; k < straight.spikes().size(); k++) {
                assertArrayEquals(straight.spikes().get(k), resumed.spikes().get(k), name + ": spikes of population "
                        + k + " (step, neuron)");
                assertArrayEquals(straight.v().get(k), resumed.v().get(k), name + ": v of population " + k);
            }
            assertArrayEquals(straight.variable(), resumed.variable(), name + ": " + variable + ", bit for bit");
        }
    }
}
