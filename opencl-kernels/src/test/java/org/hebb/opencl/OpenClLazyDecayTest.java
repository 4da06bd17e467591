package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lazily solved eligibility left alone for longer than the decay table (4096 steps) decays by Hebb's own power
 * on both backends, bit for bit: the three-factor rule (paired eligibility) with a per-neuron modulator that is zero
 * but for two short windows 900 ms apart, inputs at 1 Hz and targets made to fire at about 1.5 Hz, so that some
 * synapses see no spike from one window to the next.
 */
class OpenClLazyDecayTest {
    private static final double WINDOW_MS = 5;
    private static final double SECOND_WINDOW_MS = 900;

    /** The rule's state after the run, and how many inputs and targets did not fire between the windows. */
    private record Learnt(float[] weights, float[] eligibility, long silentInputs, long silentTargets) {
    }

    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void eligibilityDecayingBeyondTheTableMatchesTheJavaBackend(String shape) {
        Learnt java = learn(BackendKind.JAVA);
        Learnt device = Shapes.inShape(shape, () -> learn(BackendKind.OPENCL));
        assertTrue(java.silentInputs() > 0 && java.silentTargets() > 0,
                "test setup: no input or no target silent between the windows");
        assertFalse(Arrays.equals(java.weights(), learn(BackendKind.JAVA, 0).weights()),
                "test setup: the second window changed no weight");
        assertArrayEquals(java.weights(), device.weights(), "weights, bit for bit");
        assertArrayEquals(java.eligibility(), device.eligibility(), "eligibility, bit for bit");
    }

    private static Learnt learn(BackendKind backend) {
        return learn(backend, 1);
    }

    /** The run, with the second window's modulator times {@code secondWindow}. */
    private static Learnt learn(BackendKind backend, double secondWindow) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(11).build()) {
            PoissonSource in = net.addPoissonSource("in", 40, 1);
            PoissonSource drive = net.addPoissonSource("drive", 10, 1.5);
            NeuronPopulation out = net.addNeurons("out", 10, IfCurrExp.builder().build());
            net.connect(drive, out, Connectors.oneToOne(), Synapses.onto("excitatory").weights(Values.constant(20)));
            var projection = net.connect(in, out, Connectors.fixedProbability(0.5, true),
                    Synapses.onto("excitatory").weights(Values.uniform(0.001, 0.002)));
            ThreeFactorSynapses rule = net.addPlasticity(projection, ThreeFactor.builder()
                    .eligibility(ThreeFactor.Eligibility.PAIRED)
                    .modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON).tauEligibility(1000).tauPlus(20)
                    .tauMinus(20).aPlus(1).aMinus(1.05).eta(0.01).wMin(-1).wMax(1).build());
            net.afterEachStep((step, t) -> {
                boolean first = t < WINDOW_MS;
                boolean second = t >= SECOND_WINDOW_MS && t < SECOND_WINDOW_MS + WINDOW_MS;
                for (int i = 0; i < 10; i++) {
                    rule.setModulator(i, first ? 0.1 * (i - 4.5) : second ? secondWindow * Math.sin(i + t) : 0);
                }
            });
            SpikeMonitor inputs = net.monitorSpikes(in);
            SpikeMonitor targets = net.monitorSpikes(out);
            net.run(SECOND_WINDOW_MS + WINDOW_MS);
            return new Learnt(rule.weights().clone(), rule.values("eligibility").clone(),
                    silentBetweenTheWindows(inputs, in.size()), silentBetweenTheWindows(targets, out.size()));
        }
    }

    /** How many of the monitored neurons did not fire from the end of the first window to the second. */
    private static long silentBetweenTheWindows(SpikeMonitor spikes, int size) {
        boolean[] fired = new boolean[size];
        for (int s = 0; s < spikes.neurons().length; s++) {
            double t = spikes.times()[s];
            if (t >= WINDOW_MS && t < SECOND_WINDOW_MS) {
                fired[spikes.neurons()[s]] = true;
            }
        }
        return IntStream.range(0, fired.length).filter(i -> !fired[i]).count();
    }
}
