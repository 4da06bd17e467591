package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.DirectInput;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Receptors that receive directly ({@link DirectInput}: every weight added straight to g_e or g_i as it arrives,
 * in delivery order) on the device against the Java reference, bit for bit: projections of one delay step with a
 * shared weight and with per-synapse weights onto receptors that receive directly, beside receptors summed in the
 * delay ring (one a Poisson input drives, one a projection of several delays reaches), through a reset, in every way
 * the device delivers.
 */
class OpenClDirectInputTest {

    private record Result(int[] neurons, double[] times, double[] state) {
    }

    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    @ParameterizedTest(name = "{0} shape, {1} = {2}")
    @CsvSource({"cpu, none, none", "gpu, none, none", "gpu, hebb.opencl.gpuDelivery, gather",
        "gpu, hebb.opencl.gpuStep, launches"})
    void directInputMatchesTheJavaBackend(String shape, String property, String value) {
        Result java = run(BackendKind.JAVA);
        Result device = Shapes.inShape(shape, () -> property.equals("none") ? run(BackendKind.OPENCL)
                : Shapes.withProperty(property, value, () -> run(BackendKind.OPENCL)));
        assertTrue(java.neurons().length > 1000, "test setup: too few spikes to compare: " + java.neurons().length);
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.state(), device.state(), "sampled v, g_e and g_i, bit for bit");
    }

    private static Result run(BackendKind backend) {
        IfCondExp model = IfCondExp.builder().cm(0.2).tauM(20).tauRefrac(5).vRest(-60).vReset(-60).vThresh(-50)
                .tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80).integration(IfCondExp.Integration.EULER).build();
        SplittableRandom random = new SplittableRandom(3);
        float[] bias = new float[300];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) (0.08 + 0.04 * random.nextDouble());
        }
        try (Network net = Network.builder().backend(backend).threads(1).seed(23).build()) {
            NeuronPopulation exc = net.addNeurons("exc", 300, model);
            NeuronPopulation inh = net.addNeurons("inh", 100, model);
            exc.inject(Currents.perNeuron(bias));
            inh.inject(Currents.constant(0.09));
            exc.addPoissonInput(PoissonInput.of("excitatory", 100, 10, 0.01));
            PoissonSource drive = net.addPoissonSource("drive", 200, 20);
            net.connect(drive, inh, Connectors.fixedInDegree(20, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.01, 0.03)));
            net.connect(exc, exc, Connectors.fixedProbability(0.05, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.001, 0.004)).delays(Delays.uniformSteps(1, 30)));
            net.connect(exc, inh, Connectors.fixedProbability(0.1, false), Synapses.onto("excitatory")
                    .weights(Values.constant(0.004)));
            net.connect(inh, exc, Connectors.fixedProbability(0.2, false), Synapses.onto("inhibitory")
                    .weights(Values.uniform(0.01, 0.03)));
            net.connect(inh, inh, Connectors.fixedProbability(0.2, false), Synapses.onto("inhibitory")
                    .weights(Values.uniform(0.01, 0.03)));
            assertArrayEquals(new boolean[] {false, true}, DirectInput.receptors(exc, net.projections()),
                    "test setup: exc's excitatory receptor in the ring, its inhibitory one direct");
            assertArrayEquals(new boolean[] {true, true}, DirectInput.receptors(inh, net.projections()),
                    "test setup: both of inh's receptors direct");
            SpikeMonitor excSpikes = net.monitorSpikes(exc);
            SpikeMonitor inhSpikes = net.monitorSpikes(inh);
            String[] variables = {"v", "g_e", "g_i"};
            StateMonitor excState = net.monitorState(exc, variables, new int[] {0, 7, 299}, 1.0);
            StateMonitor inhState = net.monitorState(inh, variables, new int[] {0, 50, 99}, 1.0);
            net.run(200);
            net.resetState();
            net.run(150);
            int[] neurons = concat(excSpikes.neurons(), Arrays.stream(inhSpikes.neurons()).map(n -> n + 300)
                    .toArray());
            double[] times = DoubleStream.concat(Arrays.stream(excSpikes.times()),
                    Arrays.stream(inhSpikes.times())).toArray();
            double[] state = new double[0];
            for (StateMonitor monitor : new StateMonitor[] {excState, inhState}) {
                for (String variable : variables) {
                    for (int k = 0; k < 3; k++) {
                        double[] trace = monitor.traceDoubles(variable, k);
                        state = DoubleStream.concat(Arrays.stream(state), Arrays.stream(trace))
                                .toArray();
                    }
                }
            }
            return new Result(neurons, times, state);
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
