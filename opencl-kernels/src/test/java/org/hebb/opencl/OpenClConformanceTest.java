package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL backend against the Java reference (one thread): the same network and seed must give the same spike
 * trains and the same membrane potentials, bit for bit, through recurrent excitation and inhibition with
 * heterogeneous delays and weights, Poisson and Bernoulli inputs whose rates change between runs, constant
 * currents, and a reset. Runs on whatever device the machine has (PoCL in CI).
 */
class OpenClConformanceTest {

    private record Result(int[] neurons, double[] times, float[] v, int[] inputSpikes) {
    }

    private static Result run(BackendKind backend) {
        SplittableRandom random = new SplittableRandom(9);
        float[] bias = new float[300];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) (0.3 + 0.3 * random.nextDouble());
        }
        try (Network net = Network.builder().backend(backend).threads(1).seed(17).build()) {
            IfCurrExp model = IfCurrExp.builder().cm(0.25).tauM(10).vRest(-65).vReset(-65).vThresh(-50)
                    .tauRefrac(2).tauSynE(5).tauSynI(10).build();
            NeuronPopulation exc = net.addNeurons("exc", 300, model);
            NeuronPopulation inh = net.addNeurons("inh", 80, model);
            exc.initialize("v", Values.uniform(-65, -52));
            exc.inject(Currents.perNeuron(bias));
            inh.inject(Currents.constant(0.1));
            PoissonSource drive = net.addPoissonSource("drive", 200, 20);
            BernoulliSource pixels = net.addBernoulliSource("pixels", 50);
            net.connect(drive, exc, Connectors.fixedInDegree(20, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.8, 1.6)).delays(Delays.uniformSteps(1, 15)));
            net.connect(pixels, inh, Connectors.fixedProbability(0.3, true), Synapses.onto("excitatory")
                    .weights(Values.constant(0.5)));
            net.connect(exc, exc, Connectors.fixedProbability(0.05, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.05, 0.3)).delays(Delays.uniformSteps(1, 30)).named("ee"));
            net.connect(exc, inh, Connectors.fixedProbability(0.1, false), Synapses.onto("excitatory")
                    .weights(Values.constant(0.2)).delays(Delays.steps(8)).named("ei"));
            net.connect(inh, exc, Connectors.fixedProbability(0.2, false), Synapses.onto("inhibitory")
                    .weights(Values.uniform(-0.6, -0.2)).delays(Delays.uniformSteps(1, 20)).named("ie"));
            SpikeMonitor spikes = net.monitorSpikes(exc);
            SpikeMonitor inputs = net.monitorSpikes(drive, SpikeMonitor.settings().countsOnly());
            StateMonitor v = net.monitorState(exc, new String[] {"v", "i_syn_e"}, new int[] {0, 7, 299}, 1.0);
            net.run(200);
            drive.setRate(40);
            float[] p = new float[50];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (0.02 * (i % 5));
            }
            pixels.setProbabilities(p);
            net.run(150);
            net.resetState();
            net.run(150);
            float[] trace = v.trace("v", 1);
            float[] current = v.trace("i_syn_e", 2);
            float[] both = new float[trace.length + current.length];
            System.arraycopy(trace, 0, both, 0, trace.length);
            System.arraycopy(current, 0, both, trace.length, current.length);
            return new Result(spikes.neurons(), spikes.times(), both, inputs.counts());
        }
    }

    @Test
    void spikeTrainsAndStateMatchTheJavaBackendExactly() {
        Result java = run(BackendKind.JAVA);
        Result device = run(BackendKind.OPENCL);
        assertTrue(java.neurons().length > 1000, "test setup: too few spikes to compare: " + java.neurons().length);
        assertArrayEquals(java.inputSpikes(), device.inputSpikes(), "Poisson input spikes per element");
        assertArrayEquals(java.neurons(), device.neurons(), "spiking neurons in order");
        assertArrayEquals(java.times(), device.times(), "spike times");
        assertArrayEquals(java.v(), device.v(), "sampled v and i_syn_e, bit for bit");
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

    @Test
    void whatTheDeviceCannotRunYetIsRefusedNamingTheJavaBackend() {
        try (Network net = Network.builder().backend(BackendKind.OPENCL).build()) {
            net.addNeurons("cells", 10, IfCondExp.builder().build());
            String message = assertThrows(IllegalArgumentException.class, () -> net.run(1)).getMessage();
            assertTrue(message.contains("IF_cond_exp") && message.contains("BackendKind.JAVA"), message);
        }
    }
}
