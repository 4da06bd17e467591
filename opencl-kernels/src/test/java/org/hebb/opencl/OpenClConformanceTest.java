package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.Precision;
import org.hebb.neurons.adex.AdEx;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.hh.HhCondExp;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondAlpha;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrAlpha;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;
import org.hebb.plasticity.WeightDependence;
import org.hebb.plasticity.astrocyte.Astrocyte;
import org.hebb.plasticity.astrocyte.AstrocyteStdp;
import org.hebb.plasticity.astrocyte.AstrocyteStdpSynapses;
import org.hebb.plasticity.definition.DefinedSynapses;
import org.hebb.plasticity.definition.SynapseDefinition;
import org.hebb.plasticity.shortterm.TsodyksMarkram;
import org.hebb.plasticity.stdp.InhibitoryStdp;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.plasticity.stdp.TripletStdp;
import org.hebb.plasticity.testing.PlasticNetworks;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.RuleStateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.run.Checker;
import org.hebb.simulator.run.SimulationAbortedException;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenCL backend against the Java reference (one thread), for every model the device runs: the same network
 * and seed must give the same spike trains and the same state variables, bit for bit, through recurrent
 * excitation and inhibition with heterogeneous delays and weights, Poisson and Bernoulli inputs whose rates
 * change between runs, constant currents, and a reset. Every model is generated from its definition for both
 * backends, transcendental functions included (Hebb's own, identical on the JVM and the device), so every case is
 * exact. Runs on whatever device the machine has (PoCL in CI).
 */
class OpenClConformanceTest {

    /**
     * A model and the scale of its network's weights (the model's own weight unit) and bias current.
     *
     * @param monitored a second state variable to compare besides v
     */
    record Case(String name, NeuronModel model, double[] drive, double[] recurrent, double[] inhibition,
                double[] bias, String monitored, String[] receptors) {
        Case(String name, NeuronModel model, double[] drive, double[] recurrent, double[] inhibition, double[] bias,
             String monitored) {
            this(name, model, drive, recurrent, inhibition, bias, monitored,
                    new String[] {"excitatory", "excitatory", "inhibitory"});
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    static Stream<Case> cases() {
        IfCondExp.Builder coba = IfCondExp.builder().cm(0.2).tauM(20).tauRefrac(5).vRest(-60).vReset(-60)
                .vThresh(-50).tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80);
        return Stream.of(
                new Case("IF_curr_exp", IfCurrExp.builder().cm(0.25).tauM(10).vRest(-65).vReset(-65).vThresh(-50)
                        .tauRefrac(2).tauSynE(5).tauSynI(10).build(), new double[] {1.5, 3},
                        new double[] {0.05, 0.3}, new double[] {-0.6, -0.2}, new double[] {0.45, 0.7}, "i_syn_e"),
                new Case("IF_cond_exp Euler", coba.integration(IfCondExp.Integration.EULER).build(),
                        new double[] {0.01, 0.03}, new double[] {0.001, 0.004}, new double[] {0.01, 0.03},
                        new double[] {0.08, 0.12}, "g_e"),
                new Case("IF_cond_exp exponential Euler",
                        coba.integration(IfCondExp.Integration.EXPONENTIAL_EULER).build(),
                        new double[] {0.01, 0.03}, new double[] {0.001, 0.004}, new double[] {0.01, 0.03},
                        new double[] {0.08, 0.12}, "g_i"),
                new Case("IF_curr_delta", IfCurrDelta.builder().cm(0.25).tauM(10).vRest(-65).vReset(-65)
                        .vThresh(-50).tauRefrac(2).build(), new double[] {3, 8}, new double[] {0.3, 1.0},
                        new double[] {-3, -1}, new double[] {0.2, 0.35}, "refractory_steps"),
                new Case("Izhikevich Euler", Izhikevich.builder().build(), new double[] {2, 5},
                        new double[] {0.5, 1.5}, new double[] {-3, -1}, new double[] {2, 6}, "u"),
                new Case("Izhikevich paper", Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER).build(),
                        new double[] {2, 5}, new double[] {0.5, 1.5}, new double[] {-3, -1}, new double[] {2, 6},
                        "u"),
                new Case("NALSM", NalsmLif.builder().build(), new double[] {2, 5}, new double[] {0.5, 2},
                        new double[] {-3, -1}, new double[] {0.2, 0.3}, "drive",
                        new String[] {"direct", "synaptic", "synaptic"}),
                new Case("AdEx Euler", AdEx.definition(IntegrationMethod.EULER).model(), new double[] {0.01, 0.03},
                        new double[] {0.001, 0.004},
                        new double[] {0.01, 0.03}, new double[] {0.2, 0.4}, "w"),
                new Case("IF_curr_alpha", IfCurrAlpha.DEFINITION.model().with("cm", 0.25).with("tau_m", 10)
                        .with("tau_refrac", 2).with("tau_syn_E", 1).with("tau_syn_I", 2), new double[] {3, 6},
                        new double[] {0.1, 0.6}, new double[] {-1.2, -0.4}, new double[] {0.45, 0.7}, "i_syn_e"),
                new Case("IF_cond_alpha", IfCondAlpha.DEFINITION.model().with("cm", 0.2).with("tau_refrac", 5)
                        .with("v_rest", -60).with("v_reset", -60).with("tau_syn_E", 1).with("tau_syn_I", 2)
                        .with("e_rev_I", -80), new double[] {0.02, 0.06}, new double[] {0.002, 0.008},
                        new double[] {0.02, 0.06}, new double[] {0.08, 0.12}, "g_e"),
                new Case("HH_cond_exp exponential Euler", HhCondExp.definition(IntegrationMethod.EXPONENTIAL_EULER)
                        .model(), new double[] {0.01, 0.02}, new double[] {0.002, 0.004}, new double[] {0.002, 0.006},
                        new double[] {0.0, 0.2}, "m"));
    }

    /**
     * @param kernelsPerStep   on the OpenCL backend, the kernels a step launches (else 0)
     * @param profiledLaunches on the OpenCL backend with profiling on, the launches timed (else 0)
     */
    private record Result(int[] neurons, double[] times, int[] counts, double[] state, int[] inputSpikes,
                          long kernelsPerStep, long profiledLaunches) {
    }

    private static Result run(Case c, BackendKind backend) {
        return run(c, backend, 1, Precision.SINGLE);
    }

    /**
     * The case's network with every population {@code scale} times larger; above scale 1 the inhibitory population
     * gets no current (so that a population without one is compared too).
     */
    private static Result run(Case c, BackendKind backend, int scale, Precision precision) {
        SplittableRandom random = new SplittableRandom(9);
        float[] bias = new float[300 * scale];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) (c.bias()[0] + (c.bias()[1] - c.bias()[0]) * random.nextDouble());
        }
        double[] inhibition = c.inhibition();
        try (Network net = Network.builder().backend(backend).threads(1).seed(17).precision(precision).build()) {
            NeuronPopulation exc = net.addNeurons("exc", 300 * scale, c.model());
            NeuronPopulation inh = net.addNeurons("inh", 80 * scale, c.model());
            exc.inject(Currents.perNeuron(bias));
            // two Poisson inputs onto one population, so that their order of addition is compared too
            exc.addPoissonInput(PoissonInput.of(c.receptors()[0], 100, 10, c.drive()[0]));
            exc.addPoissonInput(PoissonInput.of(c.receptors()[2], 50, 10, c.inhibition()[1]));
            if (scale == 1) {
                inh.inject(Currents.constant(bias[0]));
            }
            PoissonSource drive = net.addPoissonSource("drive", 200 * scale, 20);
            BernoulliSource pixels = net.addBernoulliSource("pixels", 50 * scale);
            String[] receptor = c.receptors();
            net.connect(drive, exc, Connectors.fixedInDegree(20, false), Synapses.onto(receptor[0])
                    .weights(Values.uniform(c.drive()[0], c.drive()[1])).delays(Delays.uniformSteps(1, 15)));
            net.connect(pixels, inh, Connectors.fixedProbability(0.3, true), Synapses.onto(receptor[0])
                    .weights(Values.constant(c.drive()[1])));
            net.connect(exc, exc, Connectors.fixedProbability(0.05, false), Synapses.onto(receptor[1])
                    .weights(Values.uniform(c.recurrent()[0], c.recurrent()[1])).delays(Delays.uniformSteps(1, 30))
                    .named("ee"));
            net.connect(exc, inh, Connectors.fixedProbability(0.1, false), Synapses.onto(receptor[1])
                    .weights(Values.constant(c.recurrent()[1])).delays(Delays.steps(8)).named("ei"));
            net.connect(inh, exc, Connectors.fixedProbability(0.2, false), Synapses.onto(receptor[2])
                    .weights(Values.uniform(inhibition[0], inhibition[1])).delays(Delays.uniformSteps(1, 20))
                    .named("ie"));
            SpikeMonitor spikes = net.monitorSpikes(exc);
            SpikeMonitor inputs = net.monitorSpikes(drive, SpikeMonitor.settings().countsOnly());
            StateMonitor state = net.monitorState(exc, new String[] {"v", c.monitored()}, new int[] {0, 7, 299},
                    1.0);
            net.run(200);
            drive.setRate(40);
            float[] p = new float[50 * scale];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (0.02 * (i % 5));
            }
            pixels.setProbabilities(p);
            net.run(150);
            net.resetState();
            net.run(150);
            double[] samples = new double[0];
            for (String variable : new String[] {"v", c.monitored()}) {
                for (int k = 0; k < 3; k++) {
                    double[] trace = state.traceDoubles(variable, k);
                    double[] joined = java.util.Arrays.copyOf(samples, samples.length + trace.length);
                    System.arraycopy(trace, 0, joined, samples.length, trace.length);
                    samples = joined;
                }
            }
            Map<String, Long> counters = net.engineCounters();
            return new Result(spikes.neurons(), spikes.times(), spikes.counts(), samples, inputs.counts(),
                    counters.getOrDefault("kernels_per_step", 0L), counters.getOrDefault("profiled_launches", 0L));
        }
    }

    /**
     * Every case in each shape of work on the device (cpu: blocks per compute unit, spikes pushed; gpu: blocks of
     * one work-group compacted by prefix sums, each spike's synapses pushed to arrival lists that each target sorts).
     */
    static Stream<Arguments> casesAndShapes() {
        return cases().flatMap(c -> Stream.of("cpu", "gpu").flatMap(shape -> Stream.of(Precision.values())
                .map(precision -> Arguments.of(c, shape, precision))));
    }

    /** Both shapes, with populations of their smallest size and ten times that. */
    static Stream<Arguments> shapesAndScales() {
        return Stream.of("cpu", "gpu").flatMap(shape -> Stream.of(Arguments.of(shape, 1), Arguments.of(shape, 10)));
    }

    /** The IF_cond_exp case with Euler integration (exact, COBA's neuron). */
    private static Case coba() {
        return cases().filter(c -> c.name().equals("IF_cond_exp Euler")).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}, {1} shape, {2}")
    @MethodSource("casesAndShapes")
    void spikeTrainsAndStateMatchTheJavaBackend(Case c, String shape, Precision precision) {
        Result java = run(c, BackendKind.JAVA, 1, precision);
        Result device = Shapes.inShape(shape, () -> run(c, BackendKind.OPENCL, 1, precision));
        System.out.printf("%s, %s shape, %s: %d spikes on Java, %d on OpenCL%n", c, shape, precision,
                java.neurons().length, device.neurons().length);
        assertTrue(java.neurons().length > 400, "test setup: too few spikes to compare: " + java.neurons().length);
        assertArrayEquals(java.inputSpikes(), device.inputSpikes(), "Poisson input spikes per element");
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.state(), device.state(), "sampled state, bit for bit");
    }

    /**
     * Populations of thousands are cut into several blocks (in the cpu shape as many as twice the compute units,
     * fewer for the smaller ones), so that rows are split between blocks; without plasticity the cpu shape runs the
     * whole step as one kernel, the gpu shape as three.
     */
    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void populationsOfThousandsMatchTheJavaBackend(String shape) {
        Case coba = coba();
        Result java = run(coba, BackendKind.JAVA, 10, Precision.SINGLE);
        Result device = Shapes.inShape(shape, () -> run(coba, BackendKind.OPENCL, 10, Precision.SINGLE));
        System.out.printf("%s x 10, %s shape: %d spikes on Java, %d on OpenCL, %d kernels per step%n", coba, shape,
                java.neurons().length, device.neurons().length, device.kernelsPerStep());
        assertTrue(java.neurons().length > 4000, "test setup: too few spikes to compare: " + java.neurons().length);
        assertArrayEquals(java.inputSpikes(), device.inputSpikes(), "Poisson input spikes per element");
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.state(), device.state(), "sampled state, bit for bit");
        assertEquals(shape.equals("cpu") ? 1 : 3, device.kernelsPerStep(), shape.equals("cpu")
                ? "the whole step in one kernel" : "the push, the update of every population and the compaction");
    }

    /**
     * The gpu shape's other ways, each target gathering all its incoming synapses every step instead of taking what
     * the spikes pushed, and the step launched kernel by kernel instead of in three launches, give the Java backend's
     * spikes and state as the default does; an unknown value is refused naming the property.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"hebb.opencl.gpuDelivery, gather, push or gather", "hebb.opencl.gpuStep, launches, fused or launches"})
    void theGpuShapesOtherWaysMatchTheJavaBackend(String property, String value, String allowed) {
        Case coba = coba();
        Result java = run(coba, BackendKind.JAVA, 10, Precision.SINGLE);
        Result device = Shapes.inShape("gpu", () -> Shapes.withProperty(property, value,
                () -> run(coba, BackendKind.OPENCL, 10, Precision.SINGLE)));
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.state(), device.state(), "sampled state, bit for bit");
        assertTrue(device.kernelsPerStep() > 3, "kernel by kernel: " + device.kernelsPerStep());
        String message = assertThrows(IllegalArgumentException.class, () -> Shapes.inShape("gpu",
                () -> Shapes.withProperty(property, "scatter",
                        () -> run(coba, BackendKind.OPENCL, 1, Precision.SINGLE)))).getMessage();
        assertTrue(message.contains(property + " = 'scatter'") && message.contains(allowed), message);
    }

    /**
     * kernels_per_step counts each launch of a step: run kernel by kernel in the gpu shape, a population with k
     * Poisson inputs is an update, k inputs and a compaction; the few-launch step is the update and the compaction
     * whatever k (no delivery to push).
     */
    @ParameterizedTest(name = "{0} Poisson inputs")
    @ValueSource(ints = {1, 3})
    void kernelsPerStepCountsEachPoissonInput(int inputs) {
        assertEquals(2 + inputs, Shapes.inShape("gpu", () -> Shapes.withProperty("hebb.opencl.gpuStep", "launches",
                () -> kernelsPerStep(inputs))), "kernel by kernel");
        assertEquals(2, Shapes.inShape("gpu", () -> kernelsPerStep(inputs)), "in few launches");
    }

    private static long kernelsPerStep(int poissonInputs) {
        try (Network net = Network.builder().backend(BackendKind.OPENCL).threads(1).seed(5).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 100, IfCurrExp.builder().build());
            for (int k = 0; k < poissonInputs; k++) {
                cells.addPoissonInput(PoissonInput.of("excitatory", 10, 20, 0.1));
            }
            net.run(1);
            return net.engineCounters().get("kernels_per_step");
        }
    }

    /** Refractory periods around the step (dt = 0.1 ms): none, below half a step, one step, 2 ms. */
    private static final double[] TAU_REFRACS = {0, 0.04, 0.1, 2};

    private record Train(double[] times, int[] neurons) {
    }

    /**
     * Each LIF model the device runs exactly, once per tau_refrac of {@link #TAU_REFRACS}, as a population of two
     * neurons: neuron 0 driven so hard that it crosses threshold in its first free step, neuron 1 firing every
     * 10 ms or so. Returns each population's spikes.
     */
    private static List<Train> refractoryRun(BackendKind backend) {
        List<DoubleFunction<NeuronModel>> models = List.of(t -> IfCurrExp.builder().tauRefrac(t).build(),
                t -> IfCurrDelta.builder().tauRefrac(t).build(),
                t -> IfCondExp.builder().tauRefrac(t).integration(IfCondExp.Integration.EULER).build());
        List<SpikeMonitor> monitors = new java.util.ArrayList<>();
        try (Network net = Network.builder().backend(backend).dt(0.1).threads(1).build()) {
            for (DoubleFunction<NeuronModel> model : models) {
                for (double tauRefrac : TAU_REFRACS) {
                    NeuronPopulation cells = net.addNeurons("cells" + monitors.size(), 2, model.apply(tauRefrac));
                    cells.inject(Currents.perNeuron(new float[] {1000, 2.5f}));
                    monitors.add(net.monitorSpikes(cells));
                }
            }
            net.run(50);
            return monitors.stream().map(m -> new Train(m.times(), m.neurons())).toList();
        }
    }

    /**
     * A neuron crossing threshold in its first free step fires every round(tau_refrac / dt) steps (every step when
     * that is 0 or 1) on the device, with the Java backend's spike trains.
     */
    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void saturatedLifNeuronsFireEveryRefractoryPeriod(String shape) {
        List<Train> java = refractoryRun(BackendKind.JAVA);
        List<Train> device = Shapes.inShape(shape, () -> refractoryRun(BackendKind.OPENCL));
        for (int p = 0; p < java.size(); p++) {
            Train train = device.get(p);
            assertArrayEquals(java.get(p).neurons(), train.neurons(), "population " + p + ": spiking neurons");
            assertArrayEquals(java.get(p).times(), train.times(), "population " + p + ": spike times");
            double tauRefrac = TAU_REFRACS[p % TAU_REFRACS.length];
            double period = Math.max(Math.round(tauRefrac / 0.1), 1) * 0.1;
            double previous = Double.NaN;
            int intervals = 0;
            for (int k = 0; k < train.times().length; k++) {
                if (train.neurons()[k] == 0) {
                    if (!Double.isNaN(previous)) {
                        assertEquals(period, train.times()[k] - previous, 1e-9, "population " + p + ", tau_refrac "
                                + tauRefrac + " ms: interval before the spike at " + train.times()[k] + " ms");
                        intervals++;
                    }
                    previous = train.times()[k];
                }
            }
            assertTrue(intervals >= 20, "population " + p + ": " + intervals + " intervals");
        }
    }

    /**
     * @param kernelsPerStep     on the OpenCL backend, the kernels a step launches (else 0)
     * @param mostStepsPerLaunch on the OpenCL backend with the step as one kernel, the most steps one launch ran
     * @param spikeHistorySteps  the steps of spikes the engine keeps readable
     */
    private record Learned(int[] neurons, double[] times, float[] inputWeights, float[] recurrentWeights,
                           long kernelsPerStep, long mostStepsPerLaunch, long spikeHistorySteps) {
    }

    /**
     * STDP on the device: multiplicative nearest-neighbour on inputs with heterogeneous delays, additive all-to-all
     * on recurrent synapses with one shared delay; two runs with a reset between them (which applies the last
     * step's plasticity first); every population {@code scale} times larger than its smallest size, with the
     * recurrent connection probability divided by {@code scale}.
     */
    private static Learned learn(BackendKind backend, int scale) {
        return learn(backend, scale, 0);
    }

    /** The same, with the clock's first step {@code start}. */
    private static Learned learn(BackendKind backend, int scale, long start) {
        return learn(backend, scale, start, Stdp.builder().tauPlus(17).tauMinus(34).aPlus(0.01).aMinus(0.012)
                .wMax(1.0).weightDependence(WeightDependence.MULTIPLICATIVE).pairing(Trace.Pairing.NEAREST_NEIGHBOUR)
                .build(), Stdp.builder().tauPlus(20).tauMinus(20).aPlus(0.02).aMinus(0.021).wMax(0.3).build());
    }

    /** The same network with {@code onInput} and {@code onRecurrent} as the rules. */
    private static Learned learn(BackendKind backend, int scale, long start, PlasticityRule<?> onInput,
                                 PlasticityRule<?> onRecurrent) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(23).startStep(start).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 200 * scale, IfCurrExp.builder().cm(0.25).tauM(10)
                    .vRest(-65).vReset(-65).vThresh(-50).tauRefrac(2).tauSynE(5).tauSynI(10).build());
            cells.inject(Currents.constant(0.3));
            PoissonSource drive = net.addPoissonSource("drive", 400 * scale, 15);
            Projection input = net.connect(drive, cells, Connectors.fixedInDegree(40, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.2, 0.8)).delays(Delays.uniformSteps(1, 40)));
            Projection recurrent = net.connect(cells, cells, Connectors.fixedProbability(0.1 / scale, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.05, 0.2)).delays(Delays.steps(15)));
            RuleState inputRule = net.addPlasticity(input, onInput);
            RuleState recurrentRule = net.addPlasticity(recurrent, onRecurrent);
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(300);
            net.resetState();
            net.run(200);
            Map<String, Long> counters = net.engineCounters();
            return new Learned(spikes.neurons(), spikes.times(), weights(inputRule), weights(recurrentRule),
                    counters.getOrDefault("kernels_per_step", 0L),
                    counters.getOrDefault("most_steps_per_launch", 0L),
                    counters.getOrDefault("spike_history_steps", 1L));
        }
    }

    /**
     * With only monitors attached the device runs up to 64 steps ahead of the host, which then hands the monitors
     * each step's spikes in order; the spike trains stay the Java backend's, whatever the run lengths.
     */
    @Test
    void spikeMonitorsReadBatchesOfSteps() {
        double[][] times = new double[2][];
        long history = 0;
        for (BackendKind backend : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            try (Network net = Network.builder().backend(backend).threads(1).seed(5).build()) {
                NeuronPopulation cells = net.addNeurons("cells", 100, IfCurrExp.builder().tauRefrac(2).build());
                PoissonSource drive = net.addPoissonSource("drive", 100, 30);
                net.connect(drive, cells, Connectors.fixedInDegree(10, false),
                        Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)));
                SpikeMonitor spikes = net.monitorSpikes(cells);
                net.checkRate(cells, 0, 1000, 10);
                for (double ms : new double[] {13.7, 6.4, 50}) {
                    net.run(ms);
                }
                times[backend.ordinal()] = spikes.times();
                if (backend == BackendKind.OPENCL) {
                    history = net.engineCounters().get("spike_history_steps");
                }
            }
        }
        assertTrue(history >= 64, "steps kept on the device: " + history);
        assertTrue(times[0].length > 50, "test setup: too few spikes " + times[0].length);
        assertArrayEquals(times[0], times[1], "spike times");
    }

    /** A rule's weights, its first variable (a copy). */
    private static float[] weights(RuleState rule) {
        return rule.values(rule.variables().get(0).name()).clone();
    }

    static Stream<Arguments> definedRules() {
        return Stream.of("cpu", "gpu").flatMap(shape -> Stream.of(Arguments.of(shape, "triplet STDP", 1),
                Arguments.of(shape, "inhibitory STDP", 1), Arguments.of(shape, "lazily solved", 1),
                Arguments.of(shape, "presynaptic only", 1)));
    }

    /**
     * A rule that acts on presynaptic spikes alone: at each arrival the weight moves towards a value set by the
     * target's recent activity (its trace). {@link #WITH_EMPTY_POST} is the same rule with an on_post that changes
     * nothing, for the count of kernels.
     */
    private static final SynapseDefinition PRESYNAPTIC_ONLY = presynapticOnly("");
    private static final SynapseDefinition WITH_EMPTY_POST = presynapticOnly("w = w");

    private static SynapseDefinition presynapticOnly(String onPost) {
        SynapseDefinition.Builder rule = SynapseDefinition.builder("presynaptically gated")
                .parameter("tau", "ms", 20).parameter("A", "weight", 0.02).parameter("theta", "1", 0.5)
                .parameter("w_max", "weight", 1)
                .postsynapticTrace("dx_post/dt = -x_post / tau : 1", "x_post += 1")
                .onPre("w = clip(w + A * (x_post - theta), 0, w_max)");
        return (onPost.isEmpty() ? rule : rule.onPost(onPost)).build();
    }

    /**
     * A rule with lazily solved synapse equations (one relaxing to 1 from its initial value, one growing at a
     * constant rate), read and reset at arrivals, and a decay of every weight in every step scaled by a global
     * modulator that follows a signal.
     */
    private static final SynapseDefinition LAZILY_SOLVED = SynapseDefinition.builder("resource-limited STDP")
            .parameter("tau", "ms", 20).parameter("tau_r", "ms", 100).parameter("A", "weight", 0.01)
            .parameter("w_max", "weight", 1).parameter("leak", "1/ms", 1e-4).parameter("r", "1/ms", 0.01)
            .modulator("g", "1", SynapseDefinition.ModulatorScope.GLOBAL, 1)
            .synapseEquations("du/dt = (1 - u) / tau_r : 1\ndc/dt = r : 1").initial("u", "1")
            .presynapticTrace("dx_pre/dt = -x_pre / tau : 1", "x_pre += 1")
            .postsynapticTrace("dx_post/dt = -x_post / tau : 1", "x_post += 1")
            .onPre("w = clip(w - A * u * x_post + 0.001 * A * c, 0, w_max); u = 0.5 * u; c = 0")
            .onPost("w = clip(w + A * x_pre, 0, w_max)")
            .onStep("w = clip(w - leak * dt * g * w, 0, w_max)")
            .build();

    /** The rules of {@link #definedRulesOnTheDeviceMatchTheJavaBackend}, by name: on the input, on the recurrence. */
    private static PlasticityRule<?>[] definedRules(String name) {
        return switch (name) {
            case "triplet STDP" -> new PlasticityRule<?>[] {TripletStdp.FULL.rule().with("w_max", 1.0)
                    .with("A3_plus", 0.03).with("A3_minus", 0.003), TripletStdp.MINIMAL.rule().with("w_max", 0.3)};
            case "lazily solved" -> new PlasticityRule<?>[] {LAZILY_SOLVED.rule().withSignal("g",
                    (step, t) -> 1 + 0.5 * Math.sin(t / 30)), LAZILY_SOLVED.rule().with("w_max", 0.3)};
            case "presynaptic only" -> new PlasticityRule<?>[] {PRESYNAPTIC_ONLY.rule(),
                    PRESYNAPTIC_ONLY.rule().with("w_max", 0.3).with("theta", 0.2)};
            default -> new PlasticityRule<?>[] {InhibitoryStdp.VOGELS_2011.rule().with("eta", 0.002)
                    .with("rho0", 10), InhibitoryStdp.VOGELS_2011.rule().with("eta", 0.001).with("w_max", 0.3)};
        };
    }

    /**
     * Rules from synapse definitions run on the device from the OpenCL C generated from their definitions, with
     * the Java backend's spikes and weights bit for bit; in the cpu shape inside the step's one kernel unless they
     * have modulators (which the host sets every step). (STDP and the three-factor rule, definitions too, are
     * {@link #stdpOnTheDeviceMatchesTheJavaBackend} and {@link #threeFactorOnTheDeviceMatchesTheJavaBackend}.)
     */
    @ParameterizedTest(name = "{0} shape, {1}, scale {2}")
    @MethodSource("definedRules")
    void definedRulesOnTheDeviceMatchTheJavaBackend(String shape, String rule, int scale) {
        PlasticityRule<?>[] rules = definedRules(rule);
        Learned java = learn(BackendKind.JAVA, scale, 0, rules[0], rules[1]);
        Learned device = Shapes.inShape(shape, () -> learn(BackendKind.OPENCL, scale, 0, rules[0], rules[1]));
        assertTrue(java.neurons().length > 1000 * scale, "test setup: too few spikes: " + java.neurons().length);
        if (shape.equals("cpu") && !rule.equals("lazily solved")) {
            assertEquals(1, device.kernelsPerStep(), "the rules inside the one kernel of a step");
        }
        if (shape.equals("gpu") && rule.equals("presynaptic only")) {
            Learned withEmptyPost = Shapes.inShape(shape, () -> learn(BackendKind.OPENCL, scale, 0,
                    WITH_EMPTY_POST.rule(), WITH_EMPTY_POST.rule().with("w_max", 0.3).with("theta", 0.2)));
            assertEquals(withEmptyPost.kernelsPerStep() - 2, device.kernelsPerStep(),
                    "each rule without postsynaptic work launches its presynaptic kernel alone");
        }
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.inputWeights(), device.inputWeights(), "input weights after learning, bit for bit");
        assertArrayEquals(java.recurrentWeights(), device.recurrentWeights(), "recurrent weights, bit for bit");
    }

    private record Transmitted(int[] neurons, double[] times, float[] sent, float[] resources,
                               float[] utilisation, long kernelsPerStep) {
    }

    /**
     * Tsodyks-Markram short-term plasticity (a definition with on_transmit) on Poisson input with heterogeneous
     * delays, facilitating and depressing on two projections, and a reset between two runs.
     */
    private static Transmitted transmit(BackendKind backend, int scale) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(29).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 200 * scale, IfCurrExp.builder().tauRefrac(2).build());
            PoissonSource drive = net.addPoissonSource("drive", 300 * scale, 20);
            Projection depressing = net.connect(drive, cells, Connectors.fixedInDegree(30, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 30)));
            Projection facilitating = net.connect(drive, cells, Connectors.fixedInDegree(20, false),
                    Synapses.onto("inhibitory").weights(Values.uniform(0.2, 0.6)).delays(Delays.steps(4)));
            DefinedSynapses d = net.addPlasticity(depressing, TsodyksMarkram.DEFINITION.rule());
            net.addPlasticity(facilitating, TsodyksMarkram.DEFINITION.rule().with("U", 0.05).with("tau_d", 100)
                    .with("tau_f", 1000));
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(200);
            net.resetState();
            net.run(150);
            return new Transmitted(spikes.neurons(), spikes.times(), d.values("transmitted").clone(),
                    d.values("x").clone(), d.values("u").clone(),
                    net.engineCounters().getOrDefault("kernels_per_step", 0L));
        }
    }

    /**
     * Short-term plasticity runs on the device from the OpenCL C generated from its definition, before each step's
     * delivery; spikes, what every synapse last sent and its resources and utilisation equal the Java backend's.
     */
    @ParameterizedTest(name = "{0} shape, scale {1}")
    @MethodSource("shapesAndScales")
    void shortTermPlasticityOnTheDeviceMatchesTheJavaBackend(String shape, int scale) {
        Transmitted java = transmit(BackendKind.JAVA, scale);
        Transmitted device = Shapes.inShape(shape, () -> transmit(BackendKind.OPENCL, scale));
        assertTrue(java.neurons().length > 500 * scale, "test setup: too few spikes: " + java.neurons().length);
        if (shape.equals("cpu")) {
            assertEquals(1, device.kernelsPerStep(), "the transmissions inside the one kernel of a step");
        }
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.sent(), device.sent(), "what each synapse sent last, bit for bit");
        assertArrayEquals(java.resources(), device.resources(), "resources x");
        assertArrayEquals(java.utilisation(), device.utilisation(), "utilisation u");
    }

    private record Sampled(float[] monitored, List<Float> readInCallbacks) {
    }

    /** STDP sampled by a rule monitor every 2 ms, and all its weights summed by a step callback every 10 ms. */
    private static Sampled sampleDuringARun(BackendKind backend) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(31).build()) {
            RuleState stdp = PlasticNetworks.stdp(net);
            RuleStateMonitor monitor = net.monitorRule(stdp, "weight", new int[] {0, 7, 19, 101}, 2.0);
            List<Float> sums = new java.util.ArrayList<>();
            net.afterEachStep((step, timeMs) -> {
                if (step % 100 == 99) {
                    net.synchronizeRuleState();
                    float sum = 0;
                    for (float w : stdp.values("weight")) {
                        sum += w;
                    }
                    sums.add(sum);
                }
            });
            net.run(100);
            float[] monitored = new float[4 * monitor.sampleCount()];
            for (int k = 0; k < 4; k++) {
                System.arraycopy(monitor.trace(k), 0, monitored, k * monitor.sampleCount(), monitor.sampleCount());
            }
            return new Sampled(monitored, sums);
        }
    }

    /**
     * A rule's weights read during a run are current on the device too: a rule monitor and a step callback that
     * asks for them ({@code Network.synchronizeRuleState}) see the Java backend's values step for step.
     */
    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void ruleStateReadDuringARunIsCurrent(String shape) {
        Sampled java = sampleDuringARun(BackendKind.JAVA);
        Sampled device = Shapes.inShape(shape, () -> sampleDuringARun(BackendKind.OPENCL));
        assertEquals(50 * 4, java.monitored().length, "samples");
        assertArrayEquals(java.monitored(), device.monitored(), "monitored weights, bit for bit");
        assertEquals(java.readInCallbacks(), device.readInCallbacks(), "weights summed in step callbacks");
        assertTrue(java.readInCallbacks().stream().distinct().count() == java.readInCallbacks().size(),
                "test setup: the weights must change between the callbacks");
    }

    /**
     * At scale 10 the populations are cut into several blocks; the cpu shape then runs the step as one kernel. The gpu
     * shape runs it in fewer launches than kernel by kernel, and both ways match.
     */
    @ParameterizedTest(name = "{0} shape, scale {1}")
    @MethodSource("shapesAndScales")
    void stdpOnTheDeviceMatchesTheJavaBackend(String shape, int scale) {
        Learned java = learn(BackendKind.JAVA, scale);
        Learned device = Shapes.inShape(shape, () -> learn(BackendKind.OPENCL, scale));
        assertTrue(java.neurons().length > 1000 * scale, "test setup: too few spikes: " + java.neurons().length);
        if (shape.equals("cpu")) {
            assertEquals(1, device.kernelsPerStep(), "STDP inside the one kernel of a step");
            boolean cpuDevice = OpenClDevices.select(null).type().equals("CPU");
            assertEquals(cpuDevice ? device.spikeHistorySteps() : 1, device.mostStepsPerLaunch(),
                    "with only a spike monitor, a launch on a CPU device runs as many steps as the device keeps "
                            + "spikes of (elsewhere one)");
        }
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.inputWeights(), device.inputWeights(), "input weights after learning, bit for bit");
        assertArrayEquals(java.recurrentWeights(), device.recurrentWeights(), "recurrent weights, bit for bit");
        if (shape.equals("gpu")) {
            Learned launched = Shapes.inShape(shape, () -> Shapes.withProperty(GpuStep.PROPERTY, "launches",
                    () -> learn(BackendKind.OPENCL, scale)));
            assertTrue(device.kernelsPerStep() < launched.kernelsPerStep(), "the delivery and the updates in "
                    + device.kernelsPerStep() + " launches, not " + launched.kernelsPerStep());
            assertArrayEquals(java.neurons(), launched.neurons(), "spiking neurons, kernel by kernel");
            assertArrayEquals(java.recurrentWeights(), launched.recurrentWeights(), "weights, kernel by kernel");
        }
    }

    private record Liquid(int[] neurons, double[] times, float[] weights, float[] depression) {
    }

    /**
     * Astrocyte-modulated STDP on a small NALSM liquid (input, excitatory and inhibitory populations, both sign
     * conventions): a run, a reset, a run with NALSM's rate decay; spikes, every weight and the astrocyte's rates
     * must equal the Java backend's.
     */
    private static Liquid liquid(BackendKind backend, Astrocyte.Mode mode) {
        try (Network net = Network.builder().backend(backend).dt(1.0).threads(1).seed(11).build()) {
            NalsmLif model = NalsmLif.builder().build();
            BernoulliSource pixels = net.addBernoulliSource("pixels", 30);
            float[] p = new float[30];
            for (int k = 0; k < p.length; k++) {
                p[k] = 0.05f + 0.3f * k / p.length;
            }
            pixels.setProbabilities(p);
            NeuronPopulation input = net.addNeurons("input", 30, model);
            NeuronPopulation exc = net.addNeurons("exc", 40, model);
            NeuronPopulation inh = net.addNeurons("inh", 10, model);
            net.connect(pixels, input, Connectors.oneToOne(), Synapses.onto("direct").weights(Values.constant(100)));
            Astrocyte astrocyte = Astrocyte.builder().liquid(exc, inh).input(input).mode(mode).build();
            List<AstrocyteStdpSynapses> rules = new java.util.ArrayList<>();
            for (NeuronPopulation target : List.of(exc, inh)) {
                rules.add(plastic(net, astrocyte, input, target, -3, 3, true));
                rules.add(plastic(net, astrocyte, exc, target, 0, 3, true));
                rules.add(plastic(net, astrocyte, inh, target, -3, 0, false));
            }
            SpikeMonitor spikes = net.monitorSpikes(exc);
            net.run(300);
            float afterFirst = astrocyte.depressionRate();
            net.resetState();
            astrocyte.setRateDecayPerMs(0.99);
            net.run(200);
            float[] weights = new float[0];
            for (AstrocyteStdpSynapses rule : rules) {
                float[] w = rule.weights();
                float[] joined = java.util.Arrays.copyOf(weights, weights.length + w.length);
                System.arraycopy(w, 0, joined, weights.length, w.length);
                weights = joined;
            }
            return new Liquid(spikes.neurons(), spikes.times(), weights, new float[] {afterFirst,
                    astrocyte.depressionRate(), astrocyte.potentiationRate()});
        }
    }

    private static AstrocyteStdpSynapses plastic(Network net, Astrocyte astrocyte, NeuronPopulation source,
                                                 NeuronPopulation target, double min, double max,
                                                 boolean excitatory) {
        Projection projection = net.connect(source, target, Connectors.fixedProbability(0.3, false),
                Synapses.onto("synaptic").weights(Values.uniform(min, max)).delays(Delays.steps(1)));
        return net.addPlasticity(projection, AstrocyteStdp.builder(astrocyte).presynaptic(excitatory
                ? AstrocyteStdp.Presynaptic.EXCITATORY : AstrocyteStdp.Presynaptic.INHIBITORY).bounds(min, max)
                .build());
    }

    static Stream<Arguments> astrocyteModesAndShapes() {
        return Stream.of(Astrocyte.Mode.values())
                .flatMap(mode -> Stream.of(Arguments.of(mode, "cpu"), Arguments.of(mode, "gpu")));
    }

    @ParameterizedTest(name = "{0}, {1} shape")
    @MethodSource("astrocyteModesAndShapes")
    void astrocyteStdpOnTheDeviceMatchesTheJavaBackend(Astrocyte.Mode mode, String shape) {
        Liquid java = liquid(BackendKind.JAVA, mode);
        Liquid device = Shapes.inShape(shape, () -> liquid(BackendKind.OPENCL, mode));
        assertTrue(java.neurons().length > 500, "test setup: too few spikes: " + java.neurons().length);
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.weights(), device.weights(), "weights, bit for bit");
        assertArrayEquals(java.depression(), device.depression(), "A after each run, P after the last");
    }

    private record Modulated(int[] neurons, double[] times, float[] weights, float[] eligibility) {
    }

    /**
     * The three-factor rule on the device: heterogeneous delays, a modulator changing every step from a callback
     * (global, or per postsynaptic neuron, of either sign and at times on a tenth of the neurons only), a gate that closes now and then, a signal for the
     * gate in one case; two runs with a reset of the dynamics (eligibilities included) between them. Gaps between
     * eligibility updates stay below the decay table (4096 steps), where both backends multiply by the same table
     * entry ({@link OpenClLazyDecayTest} passes it).
     */
    private static Modulated modulated(BackendKind backend, ThreeFactor.Eligibility eligibility,
                                       ThreeFactor.Modulation modulation) {
        return modulated(backend, eligibility, modulation, 0);
    }

    /** The same, with the clock's first step {@code start}. */
    private static Modulated modulated(BackendKind backend, ThreeFactor.Eligibility eligibility,
                                       ThreeFactor.Modulation modulation, long start) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(4).startStep(start).build()) {
            PoissonSource in = net.addPoissonSource("in", 200, 30);
            NeuronPopulation out = net.addNeurons("out", 50, IfCurrExp.builder().tauRefrac(2).build());
            // a step the device cannot run as one kernel (modulators set by host code) adds this input by a launch
            out.addPoissonInput(PoissonInput.of("excitatory", 100, 10, 0.3));
            Projection p = net.connect(in, out, Connectors.fixedProbability(0.3, true), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 20)));
            ThreeFactor.Builder builder = ThreeFactor.builder().eligibility(eligibility).modulation(modulation)
                    .tauEligibility(200).tauPlus(20).tauMinus(20).aPlus(1).aMinus(1.05).eta(0.01).wMin(0).wMax(2);
            if (modulation == ThreeFactor.Modulation.GLOBAL) {
                builder.gate((step, t) -> ((int) (t / 40)) % 3 == 0 ? 0 : 1);
            }
            ThreeFactorSynapses rule = net.addPlasticity(p, builder.build());
            net.afterEachStep((step, t) -> {
                if (modulation == ThreeFactor.Modulation.GLOBAL) {
                    rule.setModulator(Math.sin(t / 20));
                } else {
                    // in every other 25 ms only one neuron in ten is modulated (the Java rule then walks the
                    // transposed index instead of the rows)
                    boolean few = ((int) (t / 25)) % 2 == 1;
                    for (int i = 0; i < 50; i++) {
                        rule.setModulator(i, few && i % 10 != 0 ? 0 : Math.sin(t / 20 + i));
                    }
                    rule.setGate(((int) (t / 50)) % 4 == 0 ? 0 : 0.5 + (step % 7) * 0.1);
                }
            });
            SpikeMonitor spikes = net.monitorSpikes(out);
            net.run(200);
            net.resetState();
            net.run(150);
            return new Modulated(spikes.neurons(), spikes.times(), rule.weights().clone(),
                    rule.values("eligibility").clone());
        }
    }

    @ParameterizedTest(name = "{0} eligibility, {1} modulation, {2} shape")
    @org.junit.jupiter.params.provider.CsvSource({"PAIRED, GLOBAL, cpu", "PAIRED, PER_POSTSYNAPTIC_NEURON, cpu",
            "PRESYNAPTIC, GLOBAL, cpu", "PRESYNAPTIC, PER_POSTSYNAPTIC_NEURON, cpu", "PAIRED, GLOBAL, gpu",
            "PAIRED, PER_POSTSYNAPTIC_NEURON, gpu", "PRESYNAPTIC, GLOBAL, gpu", "PRESYNAPTIC, PER_POSTSYNAPTIC_NEURON, gpu"})
    void threeFactorOnTheDeviceMatchesTheJavaBackend(ThreeFactor.Eligibility eligibility,
                                                     ThreeFactor.Modulation modulation, String shape) {
        Modulated java = modulated(BackendKind.JAVA, eligibility, modulation);
        Modulated device = Shapes.inShape(shape, () -> modulated(BackendKind.OPENCL, eligibility, modulation));
        assertTrue(java.neurons().length > 500, "test setup: too few spikes: " + java.neurons().length);
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.weights(), device.weights(), "weights, bit for bit");
        assertArrayEquals(java.eligibility(), device.eligibility(), "eligibility, bit for bit");
    }

    static Stream<Arguments> lateStarts() {
        long before231 = (1L << 31) - 50;
        long before232 = (1L << 32) - 50;
        return Stream.of(Arguments.of(before231, ThreeFactor.Modulation.GLOBAL, "cpu"),
                Arguments.of(before231, ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON, "gpu"),
                Arguments.of(before232, ThreeFactor.Modulation.GLOBAL, "gpu"));
    }

    /**
     * A clock started just before step 2^31 (where a step kept in 32 bits turns negative) or 2^32 (where Philox
     * takes the step's upper word): the three-factor rule's eligibility steps pass them on the device as on the
     * Java backend, and the Poisson input draws the same spikes.
     */
    @ParameterizedTest(name = "start {0}, {1} modulation, {2} shape")
    @MethodSource("lateStarts")
    void threeFactorStartedLateMatchesTheJavaBackend(long start, ThreeFactor.Modulation modulation, String shape) {
        ThreeFactor.Eligibility paired = ThreeFactor.Eligibility.PAIRED;
        Modulated java = modulated(BackendKind.JAVA, paired, modulation, start);
        Modulated device = Shapes.inShape(shape, () -> modulated(BackendKind.OPENCL, paired, modulation, start));
        assertTrue(java.neurons().length > 500, "test setup: too few spikes: " + java.neurons().length);
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.weights(), device.weights(), "weights, bit for bit");
        assertArrayEquals(java.eligibility(), device.eligibility(), "eligibility, bit for bit");
    }

    /** STDP in the step run as one kernel, on a clock started just before step 2^32. */
    @Test
    void stdpInOneKernelStartedLateMatchesTheJavaBackend() {
        long start = (1L << 32) - 50;
        Learned java = learn(BackendKind.JAVA, 1, start);
        Learned device = Shapes.inShape("cpu", () -> learn(BackendKind.OPENCL, 1, start));
        assertEquals(1, device.kernelsPerStep(), "STDP inside the one kernel of a step");
        assertTrue(java.neurons().length > 1000, "test setup: too few spikes: " + java.neurons().length);
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.inputWeights(), device.inputWeights(), "input weights after learning, bit for bit");
        assertArrayEquals(java.recurrentWeights(), device.recurrentWeights(), "recurrent weights, bit for bit");
    }

    /** The finite-state check runs on the device and names the same value as on the Java backend. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void nonFiniteStateIsFoundOnTheDevice(Precision precision) {
        String[] messages = new String[2];
        for (BackendKind backend : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            try (Network net = Network.builder().backend(backend).threads(1).precision(precision).build()) {
                NeuronPopulation pop = net.addNeurons("cortex", 1000,
                        Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER).build());
                float[] current = new float[1000];
                current[637] = 1e30f;
                current[912] = 1e30f;
                pop.inject(Currents.perNeuron(current));
                messages[backend.ordinal()] = assertThrows(SimulationAbortedException.class, () -> net.run(50))
                        .getMessage();
            }
        }
        assertTrue(messages[0].contains("in neuron 637") && messages[0].contains("'cortex'"), messages[0]);
        assertEquals(messages[0], messages[1]);
    }

    /** A run shorter than the check interval is checked on the device when it ends. */
    @Test
    void aShortRunIsCheckedOnTheDeviceWhenItEnds() {
        String[] messages = new String[2];
        for (BackendKind backend : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            try (Network net = Network.builder().backend(backend).threads(1).build()) {
                NeuronPopulation pop = net.addNeurons("cortex", 300, IfCurrExp.builder().build());
                pop.state().array("v")[123] = Float.NaN;
                messages[backend.ordinal()] = assertThrows(SimulationAbortedException.class, () -> net.run(5))
                        .getMessage();
            }
        }
        assertTrue(messages[0].contains("v = NaN mV in neuron 123") && messages[0].contains("t = 5.000 ms"),
                messages[0]);
        assertEquals(messages[0], messages[1]);
    }

    /**
     * A refractory counter written NaN into the state arrays stays NaN on the device as in Java (OpenCL's fmax would
     * count it down from 0 and free the neuron), so both backends report the same value of the same neuron.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void aNonFiniteRefractoryCounterIsReportedOnTheDeviceAsInJava(Precision precision) {
        String[] messages = new String[2];
        for (BackendKind backend : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            try (Network net = Network.builder().backend(backend).threads(1).precision(precision).build()) {
                NeuronPopulation pop = net.addNeurons("cortex", 300, IfCurrExp.builder().tauRefrac(2).build());
                pop.state().set(pop.state().indexOf("refractory_steps"), 123, Double.NaN);
                messages[backend.ordinal()] = assertThrows(SimulationAbortedException.class, () -> net.run(5))
                        .getMessage();
            }
        }
        assertTrue(messages[0].contains("NaN") && messages[0].contains("in neuron 123")
                && messages[0].contains("t = 5.000 ms"), messages[0]);
        assertEquals(messages[0], messages[1]);
    }

    /**
     * With no monitor reading state, what crosses from the device per step does not grow with the network: the
     * finite-state check sends back a few bytes per variable, spikes cross only for monitored populations.
     */
    @Test
    void hostTrafficPerStepDoesNotGrowWithTheNetwork() {
        double[] perStep = new double[2];
        int[] sizes = {2_000, 20_000};
        for (int k = 0; k < sizes.length; k++) {
            try (Network net = Network.builder().backend(BackendKind.OPENCL).build()) {
                NeuronPopulation cells = net.addNeurons("cells", sizes[k], IfCurrExp.builder().tauRefrac(2).build());
                PoissonSource drive = net.addPoissonSource("drive", sizes[k], 50);
                net.connect(drive, cells, Connectors.oneToOne(), Synapses.onto("excitatory")
                        .weights(Values.constant(2.0)));
                net.connect(cells, cells, Connectors.fixedInDegree(20, false), Synapses.onto("excitatory")
                        .weights(Values.constant(0.1)).delays(Delays.uniformSteps(1, 10)));
                SpikeMonitor counts = net.monitorSpikes(net.addPoissonSource("probe", 10, 100));
                net.run(10);
                long before = net.engineCounters().get("bytes_to_host");
                net.run(100);
                perStep[k] = (net.engineCounters().get("bytes_to_host") - before) / 1000.0;
                assertTrue(counts.times().length > 0);
            }
        }
        System.out.printf("bytes to host per step: %.2f at N = %d, %.2f at N = %d%n", perStep[0], sizes[0],
                perStep[1], sizes[1]);
        assertEquals(perStep[0], perStep[1], 1e-9, "traffic per step independent of N");
        assertTrue(perStep[0] < 64, "a few bytes per step: " + perStep[0]);
    }

    /**
     * With profiling on, every launch is timed: at least one per ten steps (the state monitor reads the device
     * every 1 ms), and spikes stay the Java backend's.
     */
    @Test
    void aProfiledRunTimesEveryLaunch() {
        System.setProperty(KernelProfile.PROPERTY, "true");
        try {
            Case coba = coba();
            Result device = run(coba, BackendKind.OPENCL);
            assertTrue(device.profiledLaunches() >= 500, "500 ms at dt 0.1 ms: " + device.profiledLaunches());
            assertArrayEquals(run(coba, BackendKind.JAVA).neurons(), device.neurons(), "spiking neurons in order");
        } finally {
            System.clearProperty(KernelProfile.PROPERTY);
        }
    }

    @Test
    void devicesAreListedAndChosen() {
        List<OpenClDevice> devices = OpenClDevices.list();
        assertFalse(devices.isEmpty());
        OpenClDevice chosen = OpenClDevices.select(null);
        assertTrue(chosen.type().equals("GPU") || devices.stream().noneMatch(d -> d.type().equals("GPU")),
                "a GPU is preferred when there is one");
        assertEquals(devices.get(0), OpenClDevices.select("0"));
        assertEquals(chosen, OpenClDevices.select(chosen.name().substring(0, 3).toUpperCase()));
        String message = assertThrows(IllegalArgumentException.class,
                () -> OpenClDevices.select("no-such-device")).getMessage();
        assertTrue(message.contains("no-such-device") && message.contains(chosen.name()), message);
    }

    /**
     * An index beyond an int, and a selector with nothing in it (which every name contains), are refused naming
     * the selector and the devices, as any other selector that names none.
     */
    @Test
    void selectorsThatNameNoDeviceAreRefusedNamingThem() {
        String name = OpenClDevices.select(null).name();
        for (String selector : new String[] {"99999999999", "", "  "}) {
            String message = assertThrows(IllegalArgumentException.class, () -> OpenClDevices.select(selector),
                    "device = '" + selector + "'").getMessage();
            assertTrue(message.startsWith("device = '" + selector + "' is not allowed") && message.contains(name),
                    message);
        }
    }

    @Test
    void whatTheDeviceCannotRunYetIsRefusedNamingTheJavaBackend() {
        try (Network net = Network.builder().backend(BackendKind.OPENCL).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 10, IfCurrExp.builder().build());
            net.connect(net.addSpikeTimes("times", new double[][] {{1.0}}), cells, Connectors.allToAll(true),
                    Synapses.onto("excitatory").weights(Values.constant(1)));
            String message = assertThrows(IllegalArgumentException.class, () -> net.run(1)).getMessage();
            assertTrue(message.contains("'times'") && message.contains("BackendKind.JAVA"), message);
        }
    }

    /**
     * A run a rate check stops ends at the step the check flagged, on the device as on the Java backend: the end of
     * the check's window ends the device's batch of steps (the spike monitor alone would let it run 64 steps on).
     */
    @Test
    void aRunStoppedByARateCheckEndsWhereJavasDoes() {
        double[][] spikeTimes = new double[2][];
        long[] stopped = new long[2];
        for (BackendKind backend : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            try (Network net = Network.builder().backend(backend).threads(1).seed(5).build()) {
                NeuronPopulation cells = net.addNeurons("cells", 100, IfCurrExp.builder().tauRefrac(2).build());
                net.connect(net.addPoissonSource("drive", 100, 30), cells, Connectors.fixedInDegree(10, false),
                        Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)));
                SpikeMonitor spikes = net.monitorSpikes(cells);
                net.checkRate(cells, 0, 1, 10.3);
                assertThrows(SimulationAbortedException.class, () -> net.run(100));
                stopped[backend.ordinal()] = net.stepsRun();
                spikeTimes[backend.ordinal()] = spikes.times();
            }
        }
        assertTrue(stopped[0] > 0 && stopped[0] % 103 == 0, "a window's end: " + stopped[0]);
        assertEquals(stopped[0], stopped[1], "steps run");
        assertArrayEquals(spikeTimes[0], spikeTimes[1], "spike times");
    }

    /**
     * A checker of one's own is asked after every step, so that it stops the run after the step it flagged on the
     * device too, not at the end of the device's batch of steps (64 or more).
     */
    @Test
    void aCheckerOfOnesOwnStopsTheRunAfterTheStepItFlaggedAsInJava() {
        long[] stopped = new long[2];
        long[] flagged = new long[2];
        for (BackendKind backend : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            try (Network net = Network.builder().backend(backend).threads(1).seed(5).build()) {
                NeuronPopulation cells = net.addNeurons("cells", 100, IfCurrExp.builder().tauRefrac(2).build());
                net.connect(net.addPoissonSource("drive", 100, 30), cells, Connectors.fixedInDegree(10, false),
                        Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)));
                int b = backend.ordinal();
                net.addMonitor(cells, new Checker() {
                    private long spikes;

                    @Override
                    public void record(long step, SpikeView view) {
                        spikes += view.total();
                        if (spikes >= 25 && flagged[b] == 0) {
                            flagged[b] = step;
                            flag("25 spikes by step " + step);
                        }
                    }
                });
                assertThrows(SimulationAbortedException.class, () -> net.run(100));
                stopped[b] = net.stepsRun();
            }
        }
        assertTrue(flagged[0] > 0, "test setup: no checker flagged");
        assertEquals(flagged[0] + 1, stopped[0], "Java stops after the flagged step");
        assertEquals(flagged[0], flagged[1], "flagged step");
        assertEquals(stopped[0], stopped[1], "steps run");
    }

    /**
     * An astrocyte changed from a step callback: the Java backend applies the change; the device, which holds the
     * rates during the run, would lose it, so the run fails naming the astrocyte rather than going on without it.
     */
    @Test
    void anAstrocyteChangedDuringARunIsReportedOnTheDevice() {
        for (BackendKind backend : new BackendKind[] {BackendKind.JAVA, BackendKind.OPENCL}) {
            try (Network net = Network.builder().backend(backend).threads(1).seed(3).build()) {
                NeuronPopulation exc = net.addNeurons("exc", 20, NalsmLif.builder().build());
                NeuronPopulation inh = net.addNeurons("inh", 5, NalsmLif.builder().build());
                NeuronPopulation input = net.addNeurons("input", 5, NalsmLif.builder().build());
                Astrocyte astrocyte = Astrocyte.builder().liquid(exc, inh).input(input).build();
                plastic(net, astrocyte, exc, exc, 0, 3, true);
                net.afterEachStep((step, timeMs) -> {
                    if (step == 20) {
                        astrocyte.setRateDecayPerMs(0.99);
                    }
                });
                if (backend == BackendKind.JAVA) {
                    net.run(5);
                } else {
                    String message = assertThrows(IllegalStateException.class, () -> net.run(5)).getMessage();
                    assertTrue(message.startsWith("an astrocyte was changed during a run"), message);
                }
            }
        }
    }

    /**
     * Short-term plasticity and learning on one projection, and astrocyte STDP beside another rule there: the device
     * keeps the weights a transmission reads apart from those learning changes, and runs astrocyte STDP after the
     * other rules, so both are refused before the first step, naming the projection.
     */
    @Test
    void rulesTheDeviceWouldCombineOtherwiseThanJavaAreRefused() {
        try (Network net = Network.builder().backend(BackendKind.OPENCL).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 10, IfCurrExp.builder().build());
            Projection both = net.connect(net.addPoissonSource("drive", 10, 20), cells, Connectors.allToAll(false),
                    Synapses.onto("excitatory").named("both").weights(Values.constant(0.5)));
            net.addPlasticity(both, TsodyksMarkram.DEFINITION.rule());
            net.addPlasticity(both, Stdp.builder().wMax(1).build());
            String message = assertThrows(IllegalArgumentException.class, () -> net.run(1)).getMessage();
            assertTrue(message.startsWith("short-term plasticity (a rule that sets what synapses transmit) and "
                    + "learning on one projection, projection 'both'") && message.contains("BackendKind.JAVA"),
                    message);
            assertEquals(0, net.stepsRun());
        }
        try (Network net = Network.builder().backend(BackendKind.OPENCL).build()) {
            NeuronPopulation exc = net.addNeurons("exc", 20, NalsmLif.builder().build());
            NeuronPopulation inh = net.addNeurons("inh", 5, NalsmLif.builder().build());
            NeuronPopulation input = net.addNeurons("input", 5, NalsmLif.builder().build());
            Astrocyte astrocyte = Astrocyte.builder().liquid(exc, inh).input(input).build();
            AstrocyteStdpSynapses first = plastic(net, astrocyte, exc, exc, 0, 3, true);
            net.addPlasticity(first.projection(), Stdp.builder().wMax(3).build());
            String message = assertThrows(IllegalArgumentException.class, () -> net.run(1)).getMessage();
            assertTrue(message.startsWith("astrocyte-modulated STDP and another rule on one projection"), message);
        }
    }
}
