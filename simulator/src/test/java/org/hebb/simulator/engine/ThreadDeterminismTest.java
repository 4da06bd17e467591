package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same master seed gives bitwise identical spikes and state for 1, 2, 3 and 4 threads, in either precision. */
class ThreadDeterminismTest {
    private record Outcome(long[] steps, int[] neurons, double[] v, long[] izhSteps, double[] u) {
    }

    private static double[] values(NeuronPopulation population, String variable) {
        NeuronState state = population.state();
        double[] values = new double[state.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = state.get(state.indexOf(variable), i);
        }
        return values;
    }

    private static Outcome simulate(int threads, long seed, Precision precision) {
        return simulate(threads, seed, precision, false);
    }

    /** With {@code oneStepDelays}, exc and inh receive directly ({@link DirectInput}) instead of through the ring. */
    private static Outcome simulate(int threads, long seed, Precision precision, boolean oneStepDelays) {
        try (Network net = Network.builder().dt(0.1).seed(seed).threads(threads).precision(precision).build()) {
            IfCondExp model = IfCondExp.builder().cm(0.2).tauM(20).tauRefrac(5).vRest(-60).vReset(-60)
                    .vThresh(-50).tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80).build();
            NeuronPopulation exc = net.addNeurons("exc", 1601, model);
            NeuronPopulation inh = net.addNeurons("inh", 399, model);
            NeuronPopulation izh = net.addNeurons("izh", 301, Izhikevich.builder().chattering().build());
            PoissonSource drive = net.addPoissonSource("drive", 500, 20);
            exc.initialize("v", Values.normal(-55, 5));
            inh.initialize("v", Values.normal(-55, 5));
            izh.inject(Currents.gaussianNoise(3, 4));
            exc.inject(Currents.function((t, i) -> i % 7 == 0 ? 0.05 : 0.0));
            Synapses e = Synapses.onto("excitatory").weights(Values.uniform(0.002, 0.01))
                    .delays(oneStepDelays ? Delays.steps(1) : Delays.uniformSteps(1, 25));
            Synapses i = Synapses.onto("inhibitory").weights(Values.uniform(0.03, 0.09))
                    .delays(oneStepDelays ? Delays.steps(1) : Delays.uniformSteps(1, 8));
            net.connect(exc, exc, Connectors.fixedProbability(0.03, false), e);
            net.connect(exc, inh, Connectors.fixedProbability(0.03, false), e);
            net.connect(inh, exc, Connectors.fixedInDegree(20, false), i);
            net.connect(inh, inh, Connectors.fixedProbability(0.03, false), i);
            net.connect(drive, exc, Connectors.fixedProbability(0.05, false), e);
            net.connect(exc, izh, Connectors.fixedProbability(0.02, false),
                    Synapses.onto("excitatory").weights(Values.constant(2.0)).delays(Delays.uniformSteps(1, 30)));
            boolean[] direct = DirectInput.receptors(exc, net.projections());
            assertEquals(oneStepDelays && precision == Precision.SINGLE, direct[0] && direct[1], "test setup");
            SpikeMonitor spikes = net.monitorSpikes(exc);
            SpikeMonitor izhSpikes = net.monitorSpikes(izh);
            net.run(300);
            return new Outcome(spikes.steps(), spikes.neurons(), values(exc, "v"), izhSpikes.steps(),
                    values(izh, "u"));
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void identicalForAnyThreadCount(Precision precision) {
        Outcome reference = simulate(1, 42, precision);
        assertTrue(reference.steps().length > 1000, "the network is active: " + reference.steps().length);
        assertTrue(reference.izhSteps().length > 100, "the Izhikevich group is active");
        for (int threads : new int[] {2, 3, 4}) {
            Outcome other = simulate(threads, 42, precision);
            assertArrayEquals(reference.steps(), other.steps(), threads + " threads: spike steps");
            assertArrayEquals(reference.neurons(), other.neurons(), threads + " threads: spiking neurons");
            assertArrayEquals(reference.v(), other.v(), threads + " threads: final v");
            assertArrayEquals(reference.izhSteps(), other.izhSteps(), threads + " threads: Izhikevich spikes");
            assertArrayEquals(reference.u(), other.u(), threads + " threads: final u");
        }
    }

    /** Weights added straight to g_e and g_i as they arrive, by each thread for its own targets. */
    @Test
    void identicalForAnyThreadCountWhenReceivingDirectly() {
        Outcome reference = simulate(1, 42, Precision.SINGLE, true);
        assertTrue(reference.steps().length > 1000, "the network is active: " + reference.steps().length);
        for (int threads : new int[] {2, 3}) {
            Outcome other = simulate(threads, 42, Precision.SINGLE, true);
            assertArrayEquals(reference.steps(), other.steps(), threads + " threads: spike steps");
            assertArrayEquals(reference.neurons(), other.neurons(), threads + " threads: spiking neurons");
            assertArrayEquals(reference.v(), other.v(), threads + " threads: final v");
        }
    }

    @Test
    void differentSeedsGiveDifferentSpikes() {
        Outcome a = simulate(1, 42, Precision.SINGLE);
        Outcome b = simulate(1, 43, Precision.SINGLE);
        assertTrue(a.steps().length != b.steps().length || !java.util.Arrays.equals(a.neurons(), b.neurons()));
    }
}
