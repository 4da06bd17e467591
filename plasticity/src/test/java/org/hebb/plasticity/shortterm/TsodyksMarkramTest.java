package org.hebb.plasticity.shortterm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.definition.DefinedRule;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tsodyks-Markram short-term plasticity, written only as a definition, delivers to a neuron that sums what arrives
 * exactly the amplitudes of the model's closed-form recursion for a regular train, in the depressing and the
 * facilitating regime, through synapses with delays of 1 and 7 steps; and a recurrent network with it gives the
 * same spikes on one and two threads.
 */
class TsodyksMarkramTest {
    private static final double DT = 0.1;
    private static final int SPIKES = 12;
    private static final double W = 2;

    /** A neuron that only adds what arrives: its voltage steps are the amplitudes delivered. */
    private static final NeuronDefinition ACCUMULATOR = NeuronDefinition.builder("accumulator")
            .parameter("v_thresh", "mV", 1e6)
            .equations("dv/dt = 0 * v / ms : mV")
            .threshold("v >= v_thresh").reset("v = 0")
            .receptor(Receptor.of("synaptic", "mV", "v += weight"))
            .method(IntegrationMethod.EULER)
            .build();

    @ParameterizedTest(name = "U {0}, tau_d {1} ms, tau_f {2} ms, every {3} ms, delay {4} steps")
    @CsvSource({
            "0.5, 1100, 50, 50, 1",     // depressing (Markram et al. 1998)
            "0.05, 100, 1000, 50, 7",   // facilitating
            "0.2, 300, 300, 23.7, 3"})  // both at once, an interval off the grid of round numbers
    void deliveredAmplitudesFollowTheRecursion(double u0, double tauD, double tauF, double intervalMs, int delay) {
        double[] times = new double[SPIKES];
        for (int n = 0; n < SPIKES; n++) {
            times[n] = 10 + n * intervalMs;
        }
        DefinedRule rule = TsodyksMarkram.DEFINITION.rule().with("U", u0).with("tau_d", tauD).with("tau_f", tauF);
        double[] amplitudes = new double[SPIKES];
        try (Network net = Network.builder().dt(DT).seed(1).build()) {
            SpikeTimesSource pre = net.addSpikeTimes("pre", new double[][] {times});
            NeuronPopulation post = net.addNeurons("post", 1, ACCUMULATOR.model());
            var synapse = net.connect(pre, post, Connectors.oneToOne(),
                    Synapses.onto("synaptic").weights(Values.constant(W)).delays(Delays.steps(delay)));
            net.addPlasticity(synapse, rule);
            StateMonitor v = net.monitorState(post, new String[] {"v"}, new int[] {0}, DT);
            net.run(times[SPIKES - 1] + 10);
            float[] trace = v.trace("v", 0);
            int n = 0;
            for (int s = 1; s < trace.length; s++) {
                if (trace[s] != trace[s - 1]) {
                    amplitudes[n++] = trace[s] - trace[s - 1];
                }
            }
            assertEquals(SPIKES, n, "one step of the voltage per spike");
        }
        double interval = Math.round(intervalMs / DT) * DT;
        double u = u0;
        double x = 1;
        for (int n = 0; n < SPIKES; n++) {
            double expected = W * u * x;
            assertEquals(expected, amplitudes[n], 2e-6 * (n + 1) + 1e-5 * expected, "spike " + (n + 1));
            double nextU = u0 + u * (1 - u0) * Math.exp(-interval / tauF);
            x = 1 + (x * (1 - u) - 1) * Math.exp(-interval / tauD);
            u = nextU;
        }
        if (tauF < tauD) {
            assertTrue(amplitudes[SPIKES - 1] < 0.5 * amplitudes[0], "a depressing synapse must depress");
        } else if (tauF > 3 * tauD) {
            assertTrue(amplitudes[3] > 2 * amplitudes[0], "a facilitating synapse must facilitate");
        }
    }

    private static int[] recurrentSpikes(int threads) {
        try (Network net = Network.builder().dt(DT).seed(17).threads(threads).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 300,
                    IfCurrExp.builder().tauRefrac(2).build());
            var drive = net.addPoissonSource("drive", 400, 15);
            var input = net.connect(drive, cells, Connectors.fixedInDegree(40, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 25)));
            var recurrent = net.connect(cells, cells, Connectors.fixedProbability(0.05, false),
                    Synapses.onto("excitatory").weights(Values.uniform(0.2, 0.8)).delays(Delays.steps(10)));
            net.addPlasticity(input, TsodyksMarkram.DEFINITION.rule());
            net.addPlasticity(recurrent, TsodyksMarkram.DEFINITION.rule().with("U", 0.1).with("tau_f", 500));
            var spikes = net.monitorSpikes(cells);
            net.run(300);
            return spikes.neurons();
        }
    }

    /** What synapses transmit is computed per thread for its own targets: the same spikes for 1 and 2 threads. */
    @Test
    void sameSpikesForOneAndTwoThreads() {
        int[] one = recurrentSpikes(1);
        assertArrayEquals(one, recurrentSpikes(2));
        assertTrue(one.length > 500, "test setup: too few spikes: " + one.length);
    }
}
