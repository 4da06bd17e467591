package org.hebb.experiments.whatwhen;

import org.apache.commons.rng.UniformRandomProvider;
import org.eclipse.collections.impl.list.mutable.primitive.FloatArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.hlop.HebbianSubspace;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.random.Seeds;

/**
 * The reservoir, its cues and its two readout groups.
 *
 * <p>The reservoir is one Izhikevich population (PAPER numerics, dt 1 ms) whose first {@code excitatory} neurons
 * follow the 2003 excitatory r-recipe (c -65 + 15 r^2, d 8 - 6 r^2) except that a is log-uniform between
 * {@code slowestA} and 0.02 (spike-frequency adaptation from 50 ms to 1/slowestA: the slow time scales a held cue
 * unfolds over), and whose last {@code inhibitory} neurons follow the 2003 inhibitory recipe. Connections are
 * random with probability p, signed by the presynaptic neuron, with delays uniform over 1..maxDelay ms.
 *
 * <p>Each readout group is two non-spiking rate units (IF_curr_exp neurons whose threshold is never reached):
 * unit k's output is its synaptic current, the weighted sum of reservoir spikes filtered with tau = readoutTau,
 * i.e. y_k = exp(-dt / tau) sum_j w_kj x_j with x_j the presynaptic trace of the three-factor rule (PRESYNAPTIC
 * eligibility, the same tau; the unit adds a step's spikes before the step's decay, the trace after it), so the rule
 * dw = eta M_k g x_j with M_k = target_k - y_k is the delta rule on the filtered spikes.
 *
 * <p>The subspace neurons (a {@link HebbianSubspace}, Hebbian orthogonal projection) learn the principal subspace
 * of the cue-evoked activity during exposure; with {@code whatSubspaceRows > 0} the "when" rule's updates are
 * projected onto its orthogonal complement, and the "what" consolidation learns inside it.
 *
 * <p>A cue is a fixed spike pattern (each cue's inputs fire as a Poisson process drawn once, from the seed, for
 * the length of a trial), replayed whenever the cue is shown: the same stimulus on every trial, so that trial-to-
 * trial variability comes from the reservoir's own noise.
 *
 * @param cues        the cue inputs (silent unless {@link #showCue} is called each step)
 * @param cuePatterns per cue, per ms of a trial, the spike (1) or silence (0) of each input
 */
public record WhatWhenNetwork(Network network, NeuronPopulation reservoir, BernoulliSource[] cues,
                              float[][][] cuePatterns,
                              NeuronPopulation when, ThreeFactorSynapses whenRule, NeuronPopulation what,
                              ThreeFactorSynapses whatRule, HebbianSubspace subspace) {
    /** The network's time step, ms. */
    public static final double DT_MS = 1.0;
    /** Bound of every readout weight, nA. */
    public static final double READOUT_WEIGHT_BOUND = 20;

    /** Builds it from the settings' master seed. */
    public static WhatWhenNetwork build(WhatWhenSettings s) {
        Network net = Network.builder().dt(DT_MS).seed(s.seed()).threads(1).build();
        int n = s.neurons();
        NeuronPopulation reservoir = net.addNeurons("reservoir", n,
                Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER).build());
        setParameters(reservoir, s);
        float[] noise = new float[n];
        for (int i = 0; i < n; i++) {
            noise[i] = (float) (i < s.excitatory() ? s.noiseSd() : 0.4 * s.noiseSd());
        }
        reservoir.inject(Currents.gaussianNoise(0, noise));
        connectReservoir(net, reservoir, s);
        BernoulliSource[] cues = new BernoulliSource[WhatWhenSettings.CUES];
        float[][][] patterns = new float[WhatWhenSettings.CUES][s.trialMs()][s.cueInputs()];
        int[] excitatoryTargets = new int[s.excitatory()];
        for (int i = 0; i < excitatoryTargets.length; i++) {
            excitatoryTargets[i] = i;
        }
        for (int k = 0; k < cues.length; k++) {
            cues[k] = net.addBernoulliSource("cue " + (char) ('A' + k), s.cueInputs());
            UniformRandomProvider random = Seeds.generator(s.seed(), "what-when:cue " + k);
            double perMs = s.cueRateHz() / 1000;
            for (float[] step : patterns[k]) {
                for (int j = 0; j < step.length; j++) {
                    step[j] = random.nextDouble() < perMs ? 1f : 0f;
                }
            }
            IntArrayList pre = new IntArrayList();
            IntArrayList post = new IntArrayList();
            FloatArrayList w = new FloatArrayList();
            for (int j = 0; j < s.cueInputs(); j++) {
                for (int i : excitatoryTargets) {
                    if (random.nextDouble() < 0.1) {
                        pre.add(j);
                        post.add(i);
                        w.add((float) (s.cueWeight() * random.nextDouble()));
                    }
                }
            }
            net.connect(cues[k], reservoir, Connectors.fromList(pre.toArray(), post.toArray()),
                    Synapses.onto("excitatory").weights(w.toArray()));
        }
        IfCurrExp rateUnit = IfCurrExp.builder().tauSynE(s.readoutTauMs()).tauSynI(s.readoutTauMs())
                .vThresh(1e9).build();
        NeuronPopulation when = net.addNeurons("when", WhatWhenSettings.CUES, rateUnit);
        NeuronPopulation what = net.addNeurons("what", WhatWhenSettings.CUES, rateUnit);
        HebbianSubspace subspace = HebbianSubspace.create(n, s.seed());
        ThreeFactor.Builder whenRule = rule(s);
        if (s.whatSubspaceRows() > 0) {
            whenRule.projection(subspace);
        }
        ThreeFactorSynapses whenSynapses = net.addPlasticity(readoutProjection(net, reservoir, when),
                whenRule.build());
        ThreeFactorSynapses whatSynapses = net.addPlasticity(readoutProjection(net, reservoir, what),
                rule(s).build());
        whatSynapses.setGate(0);
        return new WhatWhenNetwork(net, reservoir, cues, patterns, when, whenSynapses, what, whatSynapses, subspace);
    }

    /** Makes cue {@code cue} emit its pattern's spikes of trial time {@code ms} in the next step. */
    public void showCue(int cue, int ms) {
        cues[cue].setProbabilities(cuePatterns[cue][ms]);
    }

    /** Silences cue {@code cue}. */
    public void hideCue(int cue) {
        cues[cue].setProbabilities(new float[cues[cue].size()]);
    }

    private static Projection readoutProjection(Network net, NeuronPopulation reservoir, NeuronPopulation readout) {
        return net.connect(reservoir, readout, Connectors.allToAll(true),
                Synapses.onto("excitatory").weights(Values.constant(0)));
    }

    private static ThreeFactor.Builder rule(WhatWhenSettings s) {
        return ThreeFactor.builder().eligibility(ThreeFactor.Eligibility.PRESYNAPTIC)
                .tauEligibility(s.readoutTauMs()).modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON)
                .eta(s.eta()).wMin(-READOUT_WEIGHT_BOUND).wMax(READOUT_WEIGHT_BOUND);
    }

    private static void setParameters(NeuronPopulation reservoir, WhatWhenSettings s) {
        int n = s.neurons();
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        float[] d = new float[n];
        float[] u = new float[n];
        UniformRandomProvider random = Seeds.generator(s.seed(), "what-when:neuron parameters");
        for (int i = 0; i < n; i++) {
            double r = random.nextDouble();
            if (i < s.excitatory()) {
                a[i] = (float) (s.slowestA() * Math.pow(0.02 / s.slowestA(), random.nextDouble()));
                b[i] = 0.2f;
                c[i] = (float) (-65 + 15 * r * r);
                d[i] = (float) (8 - 6 * r * r);
            } else {
                a[i] = (float) (0.02 + 0.08 * r);
                b[i] = (float) (0.25 - 0.05 * r);
                c[i] = -65f;
                d[i] = 2f;
            }
            u[i] = -65f * b[i];
        }
        reservoir.set("a", a).set("b", b).set("c", c).set("d", d).set("u", u);
    }

    private static void connectReservoir(Network net, NeuronPopulation reservoir, WhatWhenSettings s) {
        UniformRandomProvider random = Seeds.generator(s.seed(), "what-when:reservoir wiring");
        IntArrayList pre = new IntArrayList();
        IntArrayList post = new IntArrayList();
        FloatArrayList w = new FloatArrayList();
        IntArrayList delays = new IntArrayList();
        int n = s.neurons();
        for (int j = 0; j < n; j++) {
            boolean excitatory = j < s.excitatory();
            for (int i = 0; i < n; i++) {
                if (i != j && random.nextDouble() < s.connectionProb()) {
                    pre.add(j);
                    post.add(i);
                    w.add((float) (excitatory ? s.excitatoryWeight() * random.nextDouble()
                            : -s.inhibitoryWeight() * random.nextDouble()));
                    delays.add(1 + random.nextInt(s.maxDelayMs()));
                }
            }
        }
        net.connect(reservoir, reservoir, Connectors.fromList(pre.toArray(), post.toArray()),
                Synapses.onto("excitatory").weights(w.toArray()).delays(delays.toArray()));
    }
}
