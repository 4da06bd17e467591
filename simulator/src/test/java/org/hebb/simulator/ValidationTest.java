package org.hebb.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hebb.neurons.Precision;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.population.Grid3D;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every validation error of the public API is raised when the bad value is given, before anything runs, with a
 * message that names the parameter and the value.
 */
class ValidationTest {

    private static Network network() {
        return Network.builder().dt(0.1).seed(1).threads(1).build();
    }

    /** Asserts an IllegalArgumentException whose message contains every one of {@code parts}. */
    private static void refused(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void timeStep() {
        refused(() -> Network.builder().dt(0), "dt = 0.0 ms", "> 0");
        refused(() -> Network.builder().dt(-0.1), "dt = -0.1 ms");
        refused(() -> Network.builder().dt(Double.NaN), "dt = NaN ms");
        refused(() -> Network.builder().dt(Double.POSITIVE_INFINITY), "dt = Infinity ms");
        refused(() -> Network.builder().dt(10.5), "dt = 10.5 ms", "<= 10");
        assertEquals(10.0, Network.builder().dt(10).build().dt());
    }

    @Test
    void threads() {
        refused(() -> Network.builder().threads(-1), "threads = -1", "[0, 256]");
        refused(() -> Network.builder().threads(257), "threads = 257", "[0, 256]");
        assertEquals(256, Network.builder().threads(256).build().threads());
        refused(() -> Network.builder().backend(BackendKind.OPENCL).threads(8).build(), "threads = 8",
                "backend = OPENCL", "use 0 or 1");
    }

    @Test
    void populationSizeAndName() {
        try (Network net = network()) {
            refused(() -> net.addNeurons("exc", 0, IfCurrExp.builder().build()), "size of population 'exc' = 0",
                    ">= 1");
            refused(() -> net.addPoissonSource("in", -5, 10), "size of population 'in' = -5");
            refused(() -> net.addBernoulliSource("px", 0), "size of population 'px' = 0");
            refused(() -> net.addSpikeTimes("st", new double[0][]), "size of population 'st' = 0");
            refused(() -> net.addNeurons(" ", 10, IfCurrExp.builder().build()), "name = ' '", "non-blank");
            refused(() -> net.addNeurons(null, 10, IfCurrExp.builder().build()), "name = 'null'");
            refused(() -> net.addNeurons("exc", 10, null), "model is null");
            net.addNeurons("exc", 10, IfCurrExp.builder().build());
            refused(() -> net.addNeurons("exc", 5, IfCurrExp.builder().build()), "name = 'exc'", "exists already");
            refused(() -> net.addPoissonSource("exc", 5, 1), "name = 'exc'", "exists already");
            assertEquals(1, net.populations().size());
        }
    }

    @Test
    void lifModelParameters() {
        refused(() -> IfCurrExp.builder().tauM(0), "tau_m = 0.0 ms", "> 0");
        refused(() -> IfCurrExp.builder().tauM(-3), "tau_m = -3.0 ms");
        refused(() -> IfCondExp.builder().cm(0), "cm = 0.0 nF");
        refused(() -> IfCurrDelta.builder().cm(-0.2), "cm = -0.2 nF");
        refused(() -> IfCurrExp.builder().tauRefrac(-0.5), "tau_refrac = -0.5 ms", ">= 0");
        refused(() -> IfCurrExp.builder().vRest(Double.NaN), "v_rest = NaN mV");
        refused(() -> IfCurrExp.builder().vThresh(-50).vReset(-50).build(), "v_reset = -50.0 mV",
                "v_thresh = -50.0 mV");
        refused(() -> IfCondExp.builder().vReset(-40).build(), "v_reset = -40.0 mV", "v_thresh = -50.0 mV");
        refused(() -> IfCurrDelta.builder().vThresh(-70).build(), "v_reset = -65.0 mV", "v_thresh = -70.0 mV");
        refused(() -> IfCurrExp.builder().tauSynE(0), "tau_syn_E = 0.0 ms");
        refused(() -> IfCurrExp.builder().tauSynI(-1), "tau_syn_I = -1.0 ms");
        refused(() -> IfCondExp.builder().tauSynE(-2), "tau_syn_E = -2.0 ms");
        refused(() -> IfCondExp.builder().tauSynI(0), "tau_syn_I = 0.0 ms");
        refused(() -> IfCondExp.builder().eRevE(Double.POSITIVE_INFINITY), "e_rev_E = Infinity mV");
    }

    @Test
    void izhikevichParameters() {
        refused(() -> Izhikevich.builder().abcd(Double.NaN, 0.2, -65, 8), "a = NaN 1/ms");
        refused(() -> Izhikevich.builder().abcd(Double.NEGATIVE_INFINITY, 0.2, -65, 8), "a = -Infinity 1/ms");
        refused(() -> Izhikevich.builder().abcd(0.02, Double.NaN, -65, 8), "b = NaN 1/ms");
        refused(() -> Izhikevich.builder().abcd(0.02, 0.2, 30, 8).build(), "c = 30.0 mV", "v_peak = 30.0 mV");
        refused(() -> Izhikevich.builder().vPeak(-70).build(), "c = -65.0 mV", "v_peak = -70.0 mV");
    }

    @Test
    void delays() {
        refused(() -> Delays.steps(0), "delay = 0", "[1, 32767]");
        refused(() -> Delays.steps(40_000), "delay = 40000");
        refused(() -> Delays.uniformSteps(5, 3), "max delay = 3", "[5, 32767]");
        refused(() -> Delays.ms(0), "delay = 0.0 ms");
        refused(() -> Synapses.onto("excitatory").delays(new int[] {1, 0}), "delays[1] = 0");
    }

    @Test
    void delayShorterThanOneStepIsRefusedAtConnect() {
        try (Network net = network()) {
            NeuronPopulation a = net.addNeurons("a", 5, IfCurrExp.builder().build());
            refused(() -> net.connect(a, a, Connectors.oneToOne(),
                            Synapses.onto("excitatory").weights(Values.constant(0.1)).delays(Delays.ms(0.04))),
                    "delay = 0.04 ms", "dt = 0.1 ms");
            assertEquals(0, net.projections().size());
            assertEquals(0, net.stepsRun());
        }
        try (Network coarse = Network.builder().dt(1).threads(1).build()) {
            NeuronPopulation a = coarse.addNeurons("a", 5, IfCurrExp.builder().build());
            refused(() -> coarse.connect(a, a, Connectors.oneToOne(),
                            Synapses.onto("excitatory").weights(Values.constant(0.1)).delays(Delays.ms(0.3))),
                    "delay = 0.3 ms", "dt = 1.0 ms");
        }
    }

    @Test
    void valueDistributions() {
        refused(() -> Values.uniform(1, 1), "high = 1.0", "low = 1.0");
        refused(() -> Values.uniform(2, -1), "high = -1.0", "low = 2.0");
        refused(() -> Values.uniform(0, Double.NaN), "high = NaN");
        refused(() -> Values.normal(0, -1), "sd = -1.0");
        refused(() -> Values.normal(Double.NaN, 1), "mean = NaN");
        refused(() -> Values.normalClipped(0, 1, 2, 1), "high = 1.0", "low = 2.0");
        refused(() -> Values.constant(Double.NEGATIVE_INFINITY), "value = -Infinity");
    }

    @Test
    void connectors() {
        refused(() -> Connectors.fixedProbability(1.5, true), "p = 1.5", "[0.0, 1.0]");
        refused(() -> Connectors.fixedProbability(-0.1, true), "p = -0.1");
        refused(() -> Connectors.fixedProbability(Double.NaN, true), "p = NaN");
        refused(() -> Connectors.distanceDependent(1.2, 1, true), "C = 1.2");
        refused(() -> Connectors.distanceDependent(0.5, 0, true), "lambda = 0.0");
        refused(() -> Synapses.onto(" "), "receptor = ' '");
        refused(() -> Synapses.onto("excitatory").named(""), "name = ''");
        refused(() -> Synapses.onto("excitatory").weights(new float[] {1, Float.NaN}), "weights[1] = NaN");
    }

    @Test
    void rateChecker() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", 5, IfCurrExp.builder().build());
            refused(() -> net.checkRate(pop, 10, 5, 100), "maxHz = 5.0 Hz", "minHz = 10.0");
            refused(() -> net.checkRate(pop, -1, 5, 100), "minHz = -1.0 Hz");
            refused(() -> net.checkRate(pop, 0, 5, 0), "windowMs = 0.0 ms");
            refused(() -> net.checkRate(pop, 0, 5, 4.294967296e8), "windowMs = 4.294967296E8 ms",
                    "at most 2147483647 steps of dt = 0.1 ms");
            refused(() -> net.checkRate(pop, 0, 5, Double.MAX_VALUE), "windowMs = 1.7976931348623157E308 ms");
            net.run(1);
            assertEquals(10, net.stepsRun(), "refused checkers must not be installed");
        }
    }

    @Test
    void runDuration() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", 5, IfCurrExp.builder().build());
            refused(() -> net.run(0), "duration = 0.0 ms", "> 0");
            refused(() -> net.run(-5), "duration = -5.0 ms");
            refused(() -> net.run(Double.NaN), "duration = NaN ms");
            refused(() -> net.run(0.04), "duration = 0.04 ms", "at least one step", "dt = 0.1 ms");
            refused(() -> net.run(1e300), "duration = 1.0E300 ms", "at most 2^62 steps");
            assertEquals(0, net.stepsRun());
            // Nothing was compiled: the structure can still change.
            net.addNeurons("later", 3, IfCurrExp.builder().build());
            net.connect(pop, pop, Connectors.oneToOne(), Synapses.onto("excitatory").weights(Values.constant(1)));
            net.run(0.06);
            assertEquals(1, net.stepsRun(), "0.06 ms rounds to one step");
        }
    }

    @Test
    void stateMonitor() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("exc", 10, IfCondExp.builder().build());
            refused(() -> net.monitorState(pop, new String[] {"v", "w"}, new int[] {0}, 1), "variable = 'w'",
                    "v, refractory_steps, g_e, g_i");
            refused(() -> net.monitorState(pop, new String[] {"v"}, new int[] {3, 10}, 1),
                    "monitored neuron of exc = 10", "[0, 9]");
            refused(() -> net.monitorState(pop, new String[] {"v"}, new int[] {-1}, 1),
                    "monitored neuron of exc = -1");
            refused(() -> net.monitorState(pop, new String[] {"v"}, new int[] {0}, -1), "interval = -1.0 ms");
            refused(() -> net.monitorState(pop, new String[] {"v"}, new int[] {0}, 3e8), "interval = 3.0E8 ms",
                    "at most 2147483647 steps");
            refused(() -> net.monitorRate(pop, 3e8), "bin = 3.0E8 ms", "at most 2147483647 steps");
            refused(() -> net.setFiniteCheckInterval(4.294967296e8), "finite check interval = 4.294967296E8 ms");
            assertEquals(0, net.monitorMemoryBytes());
        }
    }

    @Test
    void placeOnGrid() {
        try (Network net = network()) {
            NeuronPopulation exc = net.addNeurons("exc", 20, IfCurrExp.builder().build());
            NeuronPopulation inh = net.addNeurons("inh", 5, IfCurrExp.builder().build());
            refused(() -> net.placeOnGrid(new Grid3D(3, 3, 3), false, exc, inh), "25 elements",
                    "27 points");
            assertEquals(null, exc.positions(), "a refused placement must place nothing");
            refused(() -> new Grid3D(0, 3, 3), "nx = 0");
            net.placeOnGrid(new Grid3D(5, 5, 1), true, exc, inh);
            assertEquals(20, exc.positions().size());
        }
    }

    @Test
    void populationFromAnotherNetwork() {
        try (Network net = network(); Network other = network()) {
            NeuronPopulation mine = net.addNeurons("mine", 5, IfCurrExp.builder().build());
            NeuronPopulation foreign = other.addNeurons("foreign", 5, IfCurrExp.builder().build());
            NeuronPopulation twin = other.addNeurons("mine", 5, IfCurrExp.builder().build());
            Synapses syn = Synapses.onto("excitatory").weights(Values.constant(0.1));
            refused(() -> net.connect(foreign, mine, Connectors.oneToOne(), syn), "population 'foreign'",
                    "does not belong to this network");
            refused(() -> net.connect(mine, twin, Connectors.oneToOne(), syn), "population 'mine'",
                    "does not belong");
            refused(() -> net.monitorSpikes(foreign), "population 'foreign'", "does not belong");
            refused(() -> net.monitorState(foreign, new String[] {"v"}, new int[] {0}, 1), "'foreign'");
            refused(() -> net.monitorRate(foreign, 1), "'foreign'");
            refused(() -> net.checkRate(foreign, 0, 10, 10), "'foreign'");
            refused(() -> net.placeOnGrid(new Grid3D(5, 1, 1), false, foreign), "'foreign'");
            assertEquals(0, net.projections().size());
        }
    }

    @Test
    void structureIsFixedAfterTheFirstRun() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", 5, IfCurrExp.builder().build());
            net.run(1);
            Synapses syn = Synapses.onto("excitatory").weights(Values.constant(0.1));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> net.addNeurons("more", 5, IfCurrExp.builder().build()));
            assertTrue(e.getMessage().contains("addNeurons") && e.getMessage().contains("after the first run"),
                    e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> net.addPoissonSource("in", 5, 10));
            assertTrue(e.getMessage().contains("addPoissonSource"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> net.addBernoulliSource("px", 5));
            assertTrue(e.getMessage().contains("addBernoulliSource"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> net.addSpikeTimes("st", new double[][] {{1}}));
            assertTrue(e.getMessage().contains("addSpikeTimes"), e.getMessage());
            e = assertThrows(IllegalStateException.class,
                    () -> net.connect(pop, pop, Connectors.oneToOne(), syn));
            assertTrue(e.getMessage().contains("connect"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> net.setFiniteCheckInterval(1));
            assertTrue(e.getMessage().contains("setFiniteCheckInterval"), e.getMessage());
            assertEquals(1, net.populations().size());
            assertEquals(0, net.projections().size());
            // Monitors may still be added.
            net.monitorSpikes(pop);
            net.run(1);
            assertEquals(20, net.stepsRun());
        }
    }

    @Test
    void aClosedNetworkRefusesToGrowOrBeMonitored() {
        Network net = network();
        NeuronPopulation pop = net.addNeurons("pop", 5, IfCurrExp.builder().build());
        net.close();
        Synapses syn = Synapses.onto("excitatory").weights(Values.constant(0.1));
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("addNeurons", () -> net.addNeurons("more", 5, IfCurrExp.builder().build()));
        calls.put("addPoissonSource", () -> net.addPoissonSource("in", 5, 10));
        calls.put("connect", () -> net.connect(pop, pop, Connectors.oneToOne(), syn));
        calls.put("setRunawayWarnings", () -> net.setRunawayWarnings(false));
        calls.put("monitorSpikes", () -> net.monitorSpikes(pop));
        calls.put("monitorState", () -> net.monitorState(pop, new String[] {"v"}, new int[] {0}, 1));
        calls.put("monitorRate", () -> net.monitorRate(pop, 1));
        calls.forEach((operation, call) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, call, operation);
            assertEquals(operation + " is not allowed: the network has been closed", e.getMessage());
        });
        assertEquals(1, net.populations().size());
        assertEquals(0, net.projections().size());
    }

    /**
     * Bug: Network.connect reserves the projection's name before Projection.build validates the synapses, so a
     * refused connect blocks the same (default) name for good and the corrected call is refused as a duplicate.
     */
    @Test
    void refusedConnectLeavesTheNameFree() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", 5, IfCondExp.builder().build());
            assertThrows(IllegalArgumentException.class, () -> net.connect(pop, pop, Connectors.oneToOne(),
                    Synapses.onto("excitatory").weights(Values.constant(-1))));
            net.connect(pop, pop, Connectors.oneToOne(), Synapses.onto("excitatory").weights(Values.constant(1)));
            assertEquals(1, net.projections().size());
        }
    }

    /** An initial value beyond float range is refused before any neuron's value is written. */
    @Test
    void aRefusedInitialisationLeavesTheStateAsItWas() {
        try (Network net = network()) {
            NeuronPopulation p = net.addNeurons("p", 3, IfCurrExp.builder().build());
            int v = p.state().indexOf("v");
            double before = p.state().get(v, 0);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> p.initialize("v", Values.constant(1e39)));
            assertTrue(refused.getMessage().startsWith("initial v = Infinity of neuron 0 of population 'p'"),
                    refused.getMessage());
            // neuron 0 was written as Infinity before the check refused it
            assertEquals(before, p.state().get(v, 0));
        }
    }

    /**
     * A per-neuron parameter set through {@code set} or {@code initialize} must meet the definition's requirements
     * (Izhikevich: {@code c < v_peak}, else a neuron reset at its peak fires in every step); nothing is written on
     * refusal.
     */
    @Test
    void perNeuronParametersMeetTheDefinitionsRequirements() {
        try (Network net = network()) {
            NeuronPopulation p = net.addNeurons("p", 3, Izhikevich.builder().build());
            int c = p.state().indexOf("c");
            refused(() -> p.set("c", new double[] {-65, 30, -50}), "c[1] = 30.0 mV", "v_peak = 30.0 mV",
                    "population 'p'", "must satisfy c < v_peak");
            refused(() -> p.set("c", new float[] {-65, -50, 31}), "c[2] = 31.0 mV", "must satisfy c < v_peak");
            refused(() -> p.initialize("c", Values.constant(30)), "c[0] = 30.0 mV", "must satisfy c < v_peak");
            assertEquals(-65, p.state().get(c, 1));
            p.set("c", new double[] {-65, 29.5, -50});
            assertEquals(29.5, p.state().get(c, 1));
        }
    }

    /** In single precision {@code set} refuses a finite double beyond the float range, as initialize does. */
    @Test
    void setRefusesValuesBeyondTheFloatRangeInSinglePrecision() {
        try (Network net = network()) {
            NeuronPopulation p = net.addNeurons("p", 2, IfCurrExp.builder().build());
            int v = p.state().indexOf("v");
            double before = p.state().get(v, 0);
            refused(() -> p.set("v", new double[] {1e39, -65}), "v[0] = 1.0E39", "p",
                    "must be finite in single precision");
            assertEquals(before, p.state().get(v, 0));
        }
        try (Network net = Network.builder().dt(0.1).seed(1).threads(1).precision(Precision.DOUBLE).build()) {
            NeuronPopulation p = net.addNeurons("p", 1, IfCurrExp.builder().build());
            p.set("v", new double[] {1e39});
            assertEquals(1e39, p.state().get(p.state().indexOf("v"), 0));
        }
    }

    /**
     * saveCheckpoint and restoreCheckpoint refuse a null file by name, before the network is prepared: the structure
     * can still change after the refusal.
     */
    @Test
    void checkpointFileIsRequired() {
        try (Network net = network()) {
            net.addNeurons("pop", 5, IfCurrExp.builder().build());
            refused(() -> net.saveCheckpoint(null), "checkpoint file is null");
            refused(() -> net.restoreCheckpoint(null), "checkpoint file is null");
            net.addNeurons("later", 3, IfCurrExp.builder().build());
            assertEquals(2, net.populations().size());
        }
    }

    /** The per-element accessors of source populations refuse an index outside the population by name. */
    @Test
    void sourceAccessorsRefuseAnIndexOutsideThePopulation() {
        try (Network net = network()) {
            BernoulliSource pixels = net.addBernoulliSource("px", 5);
            PoissonSource poisson = net.addPoissonSource("in", 5, 10);
            refused(() -> pixels.probability(5), "index = 5", "[0, 4]");
            refused(() -> pixels.probability(-1), "index = -1", "[0, 4]");
            refused(() -> pixels.threshold(5), "index = 5", "[0, 4]");
            refused(() -> poisson.rate(7), "index = 7", "[0, 4]");
            assertEquals(10, poisson.rate(4), 1e-5, "probabilities are stored in single precision");
        }
    }

    /**
     * A uniform delay range that reaches below half a step, or beyond the longest delay, is refused at connect
     * whatever the draws: before, only a drawn delay outside was refused, so the seed and the size decided.
     */
    @Test
    void uniformDelaysReachingOutsideTheStepRangeAreRefusedAtConnect() {
        try (Network net = network()) {
            NeuronPopulation a = net.addNeurons("a", 5, IfCurrExp.builder().build());
            Synapses syn = Synapses.onto("excitatory").weights(Values.constant(0.1));
            refused(() -> net.connect(a, a, Connectors.oneToOne(), syn.delays(Delays.uniformMs(0.04, 10))),
                    "min delay = 0.04 ms", "dt = 0.1 ms", "at least 1 step");
            refused(() -> net.connect(a, a, Connectors.oneToOne(), syn.delays(Delays.uniformMs(1, 3276.8))),
                    "max delay = 3276.8 ms", "dt = 0.1 ms", "at most 32767 steps");
            assertEquals(0, net.projections().size());
            net.connect(a, a, Connectors.oneToOne(), syn.delays(Delays.uniformMs(0.05, 3276.7)));
            assertEquals(1, net.projections().size());
        }
    }

    /**
     * A population listed twice in one placeOnGrid call is refused: before, it took two slices of the grid, kept the
     * second, and left the first unused.
     */
    @Test
    void placeOnGridRefusesAPopulationListedTwice() {
        try (Network net = network()) {
            NeuronPopulation exc = net.addNeurons("exc", 4, IfCurrExp.builder().build());
            refused(() -> net.placeOnGrid(new Grid3D(2, 2, 2), false, exc, exc), "population 'exc' is listed twice");
            assertEquals(null, exc.positions(), "a refused placement must place nothing");
        }
    }
}
