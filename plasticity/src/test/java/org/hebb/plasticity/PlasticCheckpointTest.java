package org.hebb.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.testing.PlasticNetworks;
import org.hebb.plasticity.testing.PlasticNetworks.Setup;
import org.hebb.plasticity.shortterm.TsodyksMarkram;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.plasticity.testing.SpikeLists;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.simulator.Network;
import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plastic networks of every built-in rule, stopped, saved on two threads, restored into the network built again
 * and run on on one thread, give the spikes, membrane potentials and weights of a run that never stopped, bit for
 * bit: traces, eligibilities, arrival lists, modulators, the astrocyte and what synapses transmit all carry over. A
 * checkpoint of a model or rule the restoring network lacks is refused, naming both.
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

    /** Builds {@code setup} on a fresh network (dt 0.1 ms, seed 3) and runs it 5 ms unless {@code run} is false. */
    private static Network built(Setup setup, boolean run) {
        Network net = Network.builder().dt(0.1).seed(3).build();
        setup.build(net);
        if (run) {
            net.run(5);
        }
        return net;
    }

    private void refused(Path file, Setup restoring, String... parts) {
        try (Network net = built(restoring, true)) {
            long step = net.stepsRun();
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            for (String part : parts) {
                assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
            }
            assertEquals(step, net.stepsRun(), "nothing restored");
        }
    }

    /**
     * A checkpoint restores only into a network the same code built: one whose population has a model, or whose
     * projection has a rule, that the restoring network does not have is refused, naming both.
     */
    @Test
    void aCheckpointOfAModelOrRuleTheNetworkLacksIsRefusedNamingIt() {
        Path file = directory.resolve("stdp.h5");
        try (Network net = built(PlasticNetworks::stdp, true)) {
            net.saveCheckpoint(file);
        }
        NeuronDefinition adapting = NeuronDefinition.builder("Adapting_LIF").parameter("tau", "ms", 10)
                .equations("dv/dt = -v / tau : mV").threshold("v > 10*mV").reset("v = 0*mV")
                .receptor(Receptor.of("excitatory", "mV", "v += weight")).build();
        refused(file, net -> {
            NeuronPopulation out = net.addNeurons("out", 200, DefinedNeuronModel.of(adapting));
            net.connect(net.addPoissonSource("in", 300, 20), out, Connectors.fixedProbability(0.2, false),
                    Synapses.onto("excitatory").weights(Values.constant(1)));
            return null;
        }, "comes from another network", "Adapting_LIF", "IF_curr_exp");
        refused(file, net -> {
            NeuronPopulation out = net.addNeurons("out", 200, IfCurrExp.builder().tauRefrac(2).build());
            net.monitorSpikes(out, SpikeMonitor.settings().maxStoredSpikes(1000));
            net.connect(out, out, Connectors.fixedProbability(0.05, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0, 0.5)).delays(Delays.steps(10)));
            return net.addPlasticity(net.connect(net.addPoissonSource("in", 300, 20), out,
                    Connectors.fixedProbability(0.2, false), Synapses.onto("excitatory")
                            .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 20))),
                    ThreeFactor.builder().wMin(0).wMax(2).build());
        }, "comes from another network", "it has 'rule STDP on in->out.excitatory'",
                "this network has 'rule three-factor on in->out.excitatory'");
    }

    static Stream<Arguments> changedParameters() {
        Setup stdp = PlasticNetworks::stdp;
        Setup otherStdp = net -> PlasticNetworks.stdp(net, Stdp.builder().wMax(2).aPlus(0.02).aMinus(0.0105)
                .build());
        Setup shortTerm = PlasticNetworks::shortTerm;
        Setup otherShortTerm = net -> PlasticNetworks.shortTerm(net, TsodyksMarkram.DEFINITION.rule().with("U",
                0.4));
        Setup threeFactor = PlasticNetworks::threeFactor;
        Setup otherThreeFactor = net -> PlasticNetworks.threeFactor(net, 0.02);
        Setup astrocyte = PlasticNetworks::astrocyte;
        Setup otherAstrocyte = net -> PlasticNetworks.astrocyte(net, 120);
        return Stream.of(
                Arguments.of("STDP", stdp, otherStdp, "rule STDP on in->out.excitatory: a_plus = 0.01",
                        "rule STDP on in->out.excitatory: a_plus = 0.02"),
                Arguments.of("a synapse definition", shortTerm, otherShortTerm,
                        "rule Tsodyks-Markram on in->out.excitatory: U = 0.5", "rule Tsodyks-Markram on "
                                + "in->out.excitatory: U = 0.4"),
                Arguments.of("three-factor", threeFactor, otherThreeFactor,
                        "rule three-factor on in->out.excitatory: eta = 0.01 per ms",
                        "rule three-factor on in->out.excitatory: eta = 0.02 per ms"),
                Arguments.of("astrocyte", astrocyte, otherAstrocyte,
                        "rule astrocyte-modulated STDP on inh->exc.synaptic: astrocyte tau_A = 100.0 ms",
                        "rule astrocyte-modulated STDP on inh->exc.synaptic: astrocyte tau_A = 120.0 ms"));
    }

    /**
     * A rule's parameters are not state, so they are part of the network's shape: a checkpoint restores only into
     * a rule with the same values, and the refusal names the first parameter that differs with both values; the
     * same rule restores.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("changedParameters")
    void aRuleWithAnotherParameterIsRefusedNamingIt(String name, Setup saved, Setup changed, String savedLine,
                                                     String changedLine) {
        Path file = directory.resolve("rule.h5");
        double dt = name.equals("astrocyte") ? 1.0 : 0.1;
        try (Network net = Network.builder().dt(dt).seed(3).build()) {
            saved.build(net);
            net.run(5);
            net.saveCheckpoint(file);
        }
        try (Network net = Network.builder().dt(dt).seed(3).build()) {
            changed.build(net);
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertTrue(e.getMessage().contains("comes from another network: it has 'parameter of " + savedLine
                    + "' where this network has 'parameter of " + changedLine + "'"), e.getMessage());
            assertEquals(0, net.stepsRun(), "nothing restored");
        }
        try (Network net = Network.builder().dt(dt).seed(3).build()) {
            saved.build(net);
            net.restoreCheckpoint(file);
            assertEquals(Math.round(5 / dt), net.stepsRun(), "the same rule restores");
        }
    }

    /**
     * docs/FORMATS.md: a trace keeps 2 steps, and a presynaptic trace of a rule its projection's longest delay
     * (in steps) plus 2, the most that the rules sharing it ask for; the spike lists of a plastic projection's
     * source are kept as long.
     */
    @Test
    void aCheckpointHoldsTheDocumentedNumberOfTraceAndSpikeSlots() {
        Path file = directory.resolve("depths.h5");
        try (Network net = Network.builder().dt(0.1).seed(3).build()) {
            PoissonSource in = net.addPoissonSource("in", 50, 20);
            NeuronPopulation near = net.addNeurons("near", 20, IfCurrExp.builder().build());
            NeuronPopulation far = net.addNeurons("far", 20, IfCurrExp.builder().build());
            Stdp stdp = Stdp.builder().wMax(2).build();
            net.addPlasticity(net.connect(in, near, Connectors.fixedProbability(0.5, false), Synapses
                    .onto("excitatory").weights(Values.constant(1)).delays(Delays.uniformSteps(1, 5))), stdp);
            net.addPlasticity(net.connect(in, far, Connectors.fixedProbability(0.5, false), Synapses
                    .onto("excitatory").weights(Values.constant(1)).delays(Delays.uniformSteps(2, 9))), stdp);
            net.run(3);
            net.saveCheckpoint(file);
        }
        try (HdfFile saved = new HdfFile(file)) {
            assertEquals(9 + 2, slots(saved, "state/engine/trace_0", "slot_"), "the presynaptic trace of 'in', "
                    + "shared by both rules: the longest delay, 9 steps, plus 2");
            assertEquals(2, slots(saved, "state/engine/trace_1", "slot_"), "the postsynaptic trace of 'near'");
            assertEquals(2, slots(saved, "state/engine/trace_2", "slot_"), "the postsynaptic trace of 'far'");
            assertEquals(9 + 2, slots(saved, "state/engine/population_in", "spikes_"), "spike lists of 'in'");
        }
    }

    /** The number of slots {@code <prefix><slot>} (or, for a list, {@code <prefix><slot>_length}) in {@code group}. */
    private static long slots(HdfFile file, String group, String prefix) {
        return ((Group) file.getByPath(group)).getChildren().keySet().stream().filter(n -> n.startsWith(prefix))
                .map(n -> n.split("_")[1]).distinct().count();
    }
}
