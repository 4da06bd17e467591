package org.hebb.experiments.izhikevich;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * The 1000-neuron network of Izhikevich (2003), "Simple model of spiking neurons", exactly as the paper's program
 * defines it: 800 excitatory and 200 inhibitory neurons, each with its own r ~ U(0, 1); excitatory a 0.02, b 0.2,
 * c -65 + 15 r^2, d 8 - 6 r^2; inhibitory a 0.02 + 0.08 r, b 0.25 - 0.05 r, c -65, d 2; all-to-all synapses
 * (self-connections included) of 0.5 U(0, 1) mV from excitatory and -U(0, 1) mV from inhibitory neurons, delivered
 * on the next 1 ms step; thalamic input 5 N(0, 1) (excitatory) and 2 N(0, 1) (inhibitory) drawn each ms; v in two
 * half-steps of 0.5 ms, u in one step; v0 -65 mV, u0 = b v0.
 *
 * @param network    the network (dt 1 ms)
 * @param excitatory the 800 excitatory neurons
 * @param inhibitory the 200 inhibitory neurons
 */
public record Izhikevich2003Network(Network network, NeuronPopulation excitatory, NeuronPopulation inhibitory) {
    /** Number of excitatory neurons in the paper's network. */
    public static final int EXCITATORY = 800;
    /** Number of inhibitory neurons in the paper's network. */
    public static final int INHIBITORY = 200;
    /** Time step, ms. */
    public static final double DT_MS = 1.0;

    /** Builds the paper's network with every random stream derived from {@code seed}. */
    public static Izhikevich2003Network build(long seed, int threads) {
        Require.atLeast("threads", threads, 1);
        Network net = Network.builder().dt(DT_MS).seed(seed).threads(threads).build();
        Izhikevich.Builder model = Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER);
        NeuronPopulation exc = net.addNeurons("excitatory", EXCITATORY, model.build());
        NeuronPopulation inh = net.addNeurons("inhibitory", INHIBITORY, model.build());
        float[] re = uniforms(Seeds.generator(seed, "izhikevich2003:r excitatory"), EXCITATORY);
        float[] ri = uniforms(Seeds.generator(seed, "izhikevich2003:r inhibitory"), INHIBITORY);
        float[] c = new float[EXCITATORY];
        float[] d = new float[EXCITATORY];
        for (int i = 0; i < EXCITATORY; i++) {
            c[i] = -65f + 15f * re[i] * re[i];
            d[i] = 8f - 6f * re[i] * re[i];
        }
        exc.set("a", filled(EXCITATORY, 0.02f)).set("b", filled(EXCITATORY, 0.2f)).set("c", c).set("d", d);
        float[] a = new float[INHIBITORY];
        float[] b = new float[INHIBITORY];
        for (int i = 0; i < INHIBITORY; i++) {
            a[i] = 0.02f + 0.08f * ri[i];
            b[i] = 0.25f - 0.05f * ri[i];
        }
        inh.set("a", a).set("b", b).set("c", filled(INHIBITORY, -65f)).set("d", filled(INHIBITORY, 2f));
        for (NeuronPopulation population : new NeuronPopulation[] {exc, inh}) {
            float[] bs = population.state().array(Izhikevich.B);
            float[] u = new float[population.size()];
            for (int i = 0; i < u.length; i++) {
                u[i] = -65f * bs[i];
            }
            population.set("v", filled(population.size(), -65f)).set("u", u);
        }
        exc.inject(Currents.gaussianNoise(0, 5));
        inh.inject(Currents.gaussianNoise(0, 2));
        for (NeuronPopulation target : new NeuronPopulation[] {exc, inh}) {
            net.connect(exc, target, Connectors.allToAll(true),
                    Synapses.onto("excitatory").weights(Values.uniform(0, 0.5)));
            net.connect(inh, target, Connectors.allToAll(true),
                    Synapses.onto("inhibitory").weights(Values.uniform(-1, 0)));
        }
        return new Izhikevich2003Network(net, exc, inh);
    }

    private static float[] uniforms(UniformRandomProvider random, int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = (float) random.nextDouble();
        }
        return r;
    }

    private static float[] filled(int n, float value) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
