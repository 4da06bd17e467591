package org.hebb.experiments.coba;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.Precision;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.plasticity.stdp.StdpSynapses;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.util.Require;

/**
 * The COBA benchmark network of Brette et al. (2007), benchmark 1: 80% excitatory and 20% inhibitory
 * conductance-based LIF neurons, every pathway random with p = 80 / N (about 80 inputs per neuron), dt 0.1 ms,
 * spikes delivered on the next step. In PyNN units: cm 0.2 nF and tau_m 20 ms (leak 10 nS), weights 6 nS
 * (excitatory) and 67 nS (inhibitory). Self-sustained at about 20 Hz.
 *
 * @param network    the network
 * @param excitatory the excitatory population (first 80%)
 * @param inhibitory the inhibitory population
 * @param excToExc   the excitatory-to-excitatory projection
 */
public record CobaNetwork(Network network, NeuronPopulation excitatory, NeuronPopulation inhibitory,
                          Projection excToExc) {
    /** Time step, ms. */
    public static final double DT_MS = 0.1;
    /** Expected inputs per neuron, over the four pathways: each connects with p = 80 / N. */
    public static final int INPUTS_PER_NEURON = 80;
    /** Smallest network, so that p = 80 / N is at most 0.8. */
    public static final int MIN_NEURONS = 100;
    /**
     * Largest network: 2^25 - 1. Its excitatory-to-excitatory projection, about 51.2 N synapses (0.64 N^2 pairs
     * with p = 80 / N), then stays well inside the int indices of a projection's arrays.
     */
    public static final int MAX_NEURONS = (1 << 25) - 1;
    /** Leak conductance, uS: the unit in which the benchmark states conductances. */
    public static final double LEAK_US = 0.01;

    /**
     * The plastic variant's rule on E->E: additive all-to-all STDP, tau_plus = tau_minus = 20 ms, w_max twice the
     * initial 6 nS, a_plus 1% of w_max and a_minus 1.05 a_plus (benchmarks/brian2/coba_brian2.py --plastic uses
     * the same).
     */
    public static Stdp stdpOnExcitatory() {
        return Stdp.builder().tauPlus(20).tauMinus(20).wMax(1.2 * LEAK_US).aPlus(0.01).aMinus(0.0105).build();
    }

    /** Attaches {@link #stdpOnExcitatory()} to the E->E projection (before the first run). */
    public StdpSynapses addStdpOnExcitatory() {
        return network.addPlasticity(excToExc, stdpOnExcitatory());
    }

    /**
     * Builds the network.
     *
     * @param n           number of neurons, {@value #MIN_NEURONS} to {@value #MAX_NEURONS}
     * @param seed        master seed
     * @param threads     threads (0: automatic)
     * @param integration membrane integration (the benchmark comparisons use Euler, as Brian2's script does)
     */
    public static CobaNetwork build(int n, long seed, int threads, IfCondExp.Integration integration) {
        return build(n, seed, threads, integration, BackendKind.JAVA);
    }

    /** As {@link #build(int, long, int, IfCondExp.Integration)}, on the given backend. */
    public static CobaNetwork build(int n, long seed, int threads, IfCondExp.Integration integration,
                                    BackendKind backend) {
        return build(n, seed, threads, integration, backend, Delays.steps(1));
    }

    /**
     * As {@link #build(int, long, int, IfCondExp.Integration, BackendKind)}, with the E->E synapses' delays drawn
     * from {@code excToExcDelays} (the benchmark's own is one step on every projection).
     */
    public static CobaNetwork build(int n, long seed, int threads, IfCondExp.Integration integration,
                                    BackendKind backend, Delays.DelayDistribution excToExcDelays) {
        return build(n, seed, threads, neuron(integration), backend, excToExcDelays);
    }

    /** The benchmark's neuron: IF_cond_exp with COBA's parameters, its membrane integrated by {@code integration}. */
    public static IfCondExp neuron(IfCondExp.Integration integration) {
        return IfCondExp.builder()
                .cm(0.2).tauM(20).tauRefrac(5)
                .vRest(-60).vReset(-60).vThresh(-50)
                .tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80)
                .integration(integration)
                .build();
    }

    /**
     * The network with {@code model} for its neurons, which must have COBA's variables and receptors (for
     * comparing implementations of {@link #neuron}).
     */
    public static CobaNetwork build(int n, long seed, int threads, NeuronModel model, BackendKind backend,
                                    Delays.DelayDistribution excToExcDelays) {
        return build(n, seed, threads, model, backend, excToExcDelays, Precision.SINGLE);
    }

    /** As {@link #build(int, long, int, NeuronModel, BackendKind, Delays.DelayDistribution)}, in {@code precision}. */
    public static CobaNetwork build(int n, long seed, int threads, NeuronModel model, BackendKind backend,
                                    Delays.DelayDistribution excToExcDelays, Precision precision) {
        Require.inRange("n", n, MIN_NEURONS, MAX_NEURONS);
        Network network = Network.builder().dt(DT_MS).seed(seed).threads(threads).backend(backend)
                .precision(precision).build();
        int nExc = n * 4 / 5;
        NeuronPopulation exc = network.addNeurons("exc", nExc, model);
        NeuronPopulation inh = network.addNeurons("inh", n - nExc, model);
        for (NeuronPopulation p : new NeuronPopulation[] {exc, inh}) {
            p.initialize("v", Values.normal(-65, 5));
            p.initialize("g_e", Values.normal(4 * LEAK_US, 1.5 * LEAK_US));
            p.initialize("g_i", Values.normal(20 * LEAK_US, 12 * LEAK_US));
        }
        double p = (double) INPUTS_PER_NEURON / n;
        Synapses excitatory = Synapses.onto("excitatory").weights(Values.constant(0.6 * LEAK_US));
        Synapses inhibitory = Synapses.onto("inhibitory").weights(Values.constant(6.7 * LEAK_US));
        Projection excToExc = network.connect(exc, exc, Connectors.fixedProbability(p, false),
                excitatory.delays(excToExcDelays));
        network.connect(exc, inh, Connectors.fixedProbability(p, false), excitatory);
        network.connect(inh, exc, Connectors.fixedProbability(p, false), inhibitory);
        network.connect(inh, inh, Connectors.fixedProbability(p, false), inhibitory);
        return new CobaNetwork(network, exc, inh, excToExc);
    }
}
