package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hebb.neurons.Precision;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.definition.SynapseDefinition;
import org.hebb.plasticity.stdp.InhibitoryStdp;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.plasticity.stdp.TripletStdp;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules on the device against the Java backend, bit for bit (spike trains and every rule's weights and named
 * variables), in both work shapes, in combinations the conformance suite leaves out: several rules on one projection,
 * double precision, weights driven onto their bounds, modulators set between runs, a lazily solved rule with a
 * reset, rules reading every kind of input, checkpoints saved on the device (restored into a fresh network and into
 * one that had run past them), and short-term plasticity on a recurrent projection. Each network gets 200 neurons
 * (after their source on the device) driven by Poisson inputs through per-synapse delays, and runs twice with a
 * resetState between.
 */
class OpenClRuleCombinationsTest {
    @TempDir
    Path directory;

    @BeforeEach
    void requireDevice() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    private record Outcome(double[] times, int[] neurons, List<float[]> values) {
    }

    private interface Body {
        List<RuleState> build(Network net, NeuronPopulation cells, Projection input, Projection recurrent);
    }

    private static Outcome run(BackendKind backend, Precision precision, Body body, Function<Network, Void> runs,
                               String... variables) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(23).precision(precision).build()) {
            // the source first, so that the cells' spike lists and blocks start past the device's first
            PoissonSource drive = net.addPoissonSource("drive", 400, 15);
            NeuronPopulation cells = net.addNeurons("cells", 200, IfCurrExp.builder().cm(0.25).tauM(10)
                    .vRest(-65).vReset(-65).vThresh(-50).tauRefrac(2).tauSynE(5).tauSynI(10).build());
            cells.inject(Currents.constant(0.3));
            Projection input = net.connect(drive, cells, Connectors.fixedInDegree(40, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.2, 0.8)).delays(Delays.uniformSteps(1, 40)));
            Projection recurrent = net.connect(cells, cells, Connectors.fixedProbability(0.1, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.05, 0.2)).delays(Delays.uniformSteps(1, 15)));
            List<RuleState> rules = body.build(net, cells, input, recurrent);
            SpikeMonitor spikes = net.monitorSpikes(cells);
            runs.apply(net);
            net.synchronizeRuleState();
            List<float[]> values = new ArrayList<>();
            for (RuleState r : rules) {
                values.add(r.values(r.variables().get(0).name()).clone());
                for (String v : variables) {
                    if (r.variables().stream().anyMatch(x -> x.name().equals(v))) {
                        values.add(r.values(v).clone());
                    }
                }
            }
            return new Outcome(spikes.times(), spikes.neurons(), values);
        }
    }

    private static Void twoRuns(Network net) {
        net.run(150);
        net.resetState();
        net.run(100);
        return null;
    }

    private static void compare(String shape, Precision precision, Body body, Function<Network, Void> runs,
                                String... variables) {
        Outcome java = run(BackendKind.JAVA, precision, body, runs, variables);
        Outcome device = Shapes.inShape(shape, () -> run(BackendKind.OPENCL, precision, body, runs, variables));
        assertTrue(java.times().length > 300, "too few spikes " + java.times().length);
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons");
        assertArrayEquals(java.times(), device.times(), "spike times");
        for (int k = 0; k < java.values().size(); k++) {
            assertArrayEquals(java.values().get(k), device.values().get(k), "values " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void twoRulesOnOneProjection(String shape) {
        compare(shape, Precision.SINGLE, (net, cells, input, recurrent) -> List.of(
                net.addPlasticity(input, Stdp.builder().aPlus(0.01).aMinus(0.012).wMax(1).build()),
                net.addPlasticity(input, TripletStdp.MINIMAL.rule().with("w_max", 1.0)),
                net.addPlasticity(recurrent, Stdp.builder().aPlus(0.02).aMinus(0.021).wMax(0.3).build()),
                net.addPlasticity(recurrent, InhibitoryStdp.VOGELS_2011.rule().with("eta", 0.001)
                        .with("w_max", 0.3))), OpenClRuleCombinationsTest::twoRuns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void doublePrecision(String shape) {
        compare(shape, Precision.DOUBLE, (net, cells, input, recurrent) -> List.of(
                net.addPlasticity(input, Stdp.builder().aPlus(0.01).aMinus(0.012).wMax(1).build()),
                net.addPlasticity(recurrent, ThreeFactor.builder().tauEligibility(200).eta(0.01).wMin(0).wMax(0.3)
                        .modulator((s, t) -> Math.sin(t / 20)).build())),
                OpenClRuleCombinationsTest::twoRuns, "eligibility");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void boundsHitExactly(String shape) {
        compare(shape, Precision.SINGLE, (net, cells, input, recurrent) -> List.of(
                net.addPlasticity(input, Stdp.builder().aPlus(0.5).aMinus(0.6).wMax(1).build()),
                net.addPlasticity(recurrent, InhibitoryStdp.VOGELS_2011.rule().with("eta", 0.1)
                        .with("w_max", 0.25))), OpenClRuleCombinationsTest::twoRuns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void modulatorsSetBetweenRuns(String shape) {
        ThreeFactorSynapses[] rules = new ThreeFactorSynapses[2];
        compare(shape, Precision.SINGLE, (net, cells, input, recurrent) -> {
            rules[0] = net.addPlasticity(input, ThreeFactor.builder().tauEligibility(200).eta(0.01).wMin(0)
                    .wMax(1).build());
            rules[1] = net.addPlasticity(recurrent, ThreeFactor.builder().tauEligibility(100).eta(0.01).wMin(0)
                    .wMax(0.3).modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON).build());
            return List.of(rules[0], rules[1]);
        }, net -> {
            rules[0].setModulator(0.5);
            rules[1].setModulator(0.7);
            net.run(60);
            rules[0].setModulator(-1);
            for (int i = 0; i < 200; i += 3) {
                rules[1].setModulator(i, -0.4);
            }
            net.run(60);
            net.resetState();
            rules[0].setModulator(2);
            rules[1].setGate(0.5);
            net.run(60);
            return null;
        }, "eligibility");
    }

    private static final SynapseDefinition LAZY = SynapseDefinition.builder("lazy rule")
            .parameter("tau", "ms", 20).parameter("tau_r", "ms", 100).parameter("A", "weight", 0.01)
            .parameter("leak", "1/ms", 1e-4)
            .parameter("w_max", "weight", 1)
            .modulator("g", "1", SynapseDefinition.ModulatorScope.PER_POSTSYNAPTIC_NEURON, 1)
            .synapseEquations("du/dt = (1 - u) / tau_r : 1").initial("u", "1")
            .presynapticTrace("dx_pre/dt = -x_pre / tau : 1", "x_pre += 1")
            .postsynapticTrace("dx_post/dt = -x_post / tau : 1", "x_post += 1")
            .onPre("w = clip(w - A * u * x_post, 0, w_max); u = 0.5 * u")
            .onPost("w = clip(w + A * x_pre * g, 0, w_max)")
            .onStep("g != 0", "w = clip(w - leak * dt * g * w, 0, w_max)")
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void lazyRuleWithResetAndModulators(String shape) {
        RuleState[] rules = new RuleState[1];
        compare(shape, Precision.SINGLE, (net, cells, input, recurrent) -> {
            rules[0] = net.addPlasticity(recurrent, LAZY.rule());
            return List.of(net.addPlasticity(input, LAZY.rule().with("w_max", 0.9)), rules[0]);
        }, net -> {
            net.run(80);
            ((org.hebb.plasticity.definition.DefinedSynapses) rules[0]).setModulator("g", 3);
            net.run(40);
            net.resetState();
            ((org.hebb.plasticity.definition.DefinedSynapses) rules[0]).setModulator("g", 0);
            net.run(60);
            return null;
        }, "u");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void checkpointOnDevice(String shape) {
        Path file = directory.resolve("c.h5");
        Body body = (net, cells, input, recurrent) -> List.of(
                net.addPlasticity(input, LAZY.rule().with("w_max", 0.9)),
                net.addPlasticity(recurrent, TripletStdp.FULL.rule().with("w_max", 0.3)));
        Outcome java = run(BackendKind.JAVA, Precision.SINGLE, body, net -> {
            net.run(100);
            net.resetState();
            net.run(50);
            return null;
        }, "u");
        Outcome device = Shapes.inShape(shape, () -> {
            run(BackendKind.OPENCL, Precision.SINGLE, body, net -> {
                net.run(100);
                net.saveCheckpoint(file);
                return null;
            });
            return run(BackendKind.OPENCL, Precision.SINGLE, body, net -> {
                net.restoreCheckpoint(file);
                net.resetState();
                net.run(50);
                return null;
            }, "u");
        });
        for (int k = 0; k < java.values().size(); k++) {
            assertArrayEquals(java.values().get(k), device.values().get(k), "values " + k);
        }
    }

    private static final SynapseDefinition READS_ALL = SynapseDefinition.builder("reads everything")
            .parameter("tau", "ms", 20).parameter("A", "weight", 0.01).parameter("w_max", "weight", 1)
            .parameter("leak", "1/ms", 1e-3)
            .modulator("g", "1", SynapseDefinition.ModulatorScope.PER_POSTSYNAPTIC_NEURON, 1)
            .modulator("h", "1", SynapseDefinition.ModulatorScope.GLOBAL, 1)
            .presynapticTrace("dx_pre/dt = -x_pre / tau : 1", "x_pre = 1")
            .postsynapticTrace("dx_post/dt = -x_post / tau : 1", "x_post += 1")
            .onPre("w = clip(w - A * g * x_post, 0, w_max)")
            .onPost("w = clip(w + A * h * x_pre, 0, w_max)")
            .onStep("w = clip(w + leak * dt * (x_pre * x_post - 0.01) * A, 0, w_max)")
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void rulesReadingEverything(String shape) {
        compare(shape, Precision.SINGLE, (net, cells, input, recurrent) -> {
            org.hebb.plasticity.definition.DefinedSynapses a = net.addPlasticity(input, READS_ALL.rule());
            org.hebb.plasticity.definition.DefinedSynapses b = net.addPlasticity(recurrent,
                    READS_ALL.rule().with("w_max", 0.3));
            Projection uniform = net.connect(input.source(), cells, Connectors.fixedProbability(0.05, false),
                    Synapses.onto("excitatory").named("uniform").weights(Values.uniform(0.1, 0.3))
                            .delays(Delays.steps(7)));
            org.hebb.plasticity.definition.DefinedSynapses c = net.addPlasticity(uniform,
                    READS_ALL.rule().with("w_max", 0.5));
            net.afterEachStep((step, t) -> {
                for (int i = 0; i < 200; i += 7) {
                    a.setModulator("g", i, Math.cos(t / 10 + i));
                    c.setModulator("g", i, Math.sin(t / 10 + i));
                }
                b.setModulator("h", Math.sin(t / 30));
            });
            return List.of(a, b, c);
        }, OpenClRuleCombinationsTest::twoRuns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void restoredIntoARunNetwork(String shape) {
        Path file = directory.resolve("r.h5");
        Body body = (net, cells, input, recurrent) -> List.of(
                net.addPlasticity(input, LAZY.rule().with("w_max", 0.9)),
                net.addPlasticity(recurrent, org.hebb.plasticity.shortterm.TsodyksMarkram.DEFINITION.rule()));
        for (BackendKind b : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            Outcome straight = Shapes.inShape(shape, () -> run(b, Precision.SINGLE, body, net -> {
                net.run(100);
                net.run(50);
                return null;
            }, "u", "x"));
            Outcome back = Shapes.inShape(shape, () -> run(b, Precision.SINGLE, body, net -> {
                net.run(100);
                net.saveCheckpoint(file);
                net.run(30);
                net.restoreCheckpoint(file);
                net.run(50);
                return null;
            }, "u", "x"));
            for (int k = 0; k < straight.values().size(); k++) {
                assertArrayEquals(straight.values().get(k), back.values().get(k), b + " values " + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void shortTermOnRecurrence(String shape) {
        compare(shape, Precision.DOUBLE, (net, cells, input, recurrent) -> List.of(
                net.addPlasticity(input, Stdp.builder().aPlus(0.01).aMinus(0.012).wMax(1).build()),
                net.addPlasticity(recurrent, org.hebb.plasticity.shortterm.TsodyksMarkram.DEFINITION.rule())),
                OpenClRuleCombinationsTest::twoRuns, "x", "u");
    }
}
