package org.hebb.plasticity.testing;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;
import org.hebb.plasticity.astrocyte.Astrocyte;
import org.hebb.plasticity.astrocyte.AstrocyteStdp;
import org.hebb.plasticity.definition.DefinedRule;
import org.hebb.plasticity.hlop.HebbianSubspace;
import org.hebb.plasticity.shortterm.TsodyksMarkram;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * Small active networks with one rule each, for tests that hold engines and backends to plastic steps. Each
 * returns the state of a rule whose weights change while it runs.
 */
public final class PlasticNetworks {
    /** One of the networks below. */
    public interface Setup {
        /** Builds the network into {@code net}; returns the state of a rule whose weights change. */
        RuleState build(Network net);
    }

    private PlasticNetworks() {
    }

    /** STDP on Poisson input with heterogeneous delays, and static recurrent synapses of one delay (dt 0.1 ms). */
    public static RuleState stdp(Network net) {
        return stdp(net, Stdp.builder().wMax(2).aPlus(0.01).aMinus(0.0105).build());
    }

    /** {@link #stdp(Network)} with {@code rule}. */
    public static RuleState stdp(Network net, Stdp rule) {
        NeuronPopulation out = driven(net);
        net.connect(out, out, Connectors.fixedProbability(0.05, false), Synapses.onto("excitatory")
                .weights(Values.uniform(0, 0.5)).delays(Delays.steps(10)));
        return net.addPlasticity(input(net, out), rule);
    }

    /** The three-factor rule with a modulator per postsynaptic neuron set in every step (dt 0.1 ms). */
    public static RuleState threeFactor(Network net) {
        return threeFactor(net, 0.01);
    }

    /** {@link #threeFactor(Network)} with learning rate {@code eta}, per ms. */
    public static RuleState threeFactor(Network net, double eta) {
        NeuronPopulation out = driven(net);
        ThreeFactorSynapses rule = net.addPlasticity(input(net, out), ThreeFactor.builder()
                .modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON).tauEligibility(200).eta(eta)
                .wMin(0).wMax(2).build());
        net.afterEachStep((step, timeMs) -> {
            for (int i = 0; i < out.size(); i++) {
                rule.setModulator(i, Math.sin(timeMs / 20 + i));
            }
        });
        return rule;
    }

    /**
     * The three-factor rule with a global modulator and HLOP's projection of the presynaptic traces onto the
     * complement of a subspace learned beforehand, on synapses of one delay (dt 0.1 ms; the Java backend only).
     */
    public static RuleState threeFactorWithProjection(Network net) {
        NeuronPopulation out = driven(net);
        Projection input = net.connect(net.addPoissonSource("in", 300, 20), out,
                Connectors.fixedProbability(0.2, false), Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5))
                        .delays(Delays.steps(5)));
        HebbianSubspace subspace = HebbianSubspace.create(input.source().size(), 7);
        subspace.beginTask(4);
        float[] activity = new float[input.source().size()];
        for (int k = 0; k < 200; k++) {
            for (int j = 0; j < activity.length; j++) {
                activity[j] = (float) Math.sin(0.3 * j + k % 5);
            }
            subspace.learn(activity);
        }
        subspace.endTask();
        return net.addPlasticity(input, ThreeFactor.builder().eligibility(ThreeFactor.Eligibility.PRESYNAPTIC)
                .tauEligibility(200).eta(0.01).wMin(0).wMax(2).modulator((step, timeMs) -> Math.sin(timeMs / 20))
                .projection(subspace).build());
    }

    /** Tsodyks-Markram short-term plasticity (on_transmit) on Poisson input with delays (dt 0.1 ms). */
    public static RuleState shortTerm(Network net) {
        return shortTerm(net, TsodyksMarkram.DEFINITION.rule());
    }

    /** {@link #shortTerm(Network)} with {@code rule}, of Tsodyks-Markram's definition. */
    public static RuleState shortTerm(Network net, DefinedRule rule) {
        NeuronPopulation out = net.addNeurons("out", 100, IfCurrExp.builder().tauRefrac(2).build());
        return net.addPlasticity(net.connect(net.addPoissonSource("in", 200, 20), out,
                Connectors.fixedProbability(0.2, false), Synapses.onto("excitatory").weights(Values.uniform(1, 3))
                        .delays(Delays.uniformSteps(1, 15))), rule);
    }

    /** A small NALSM liquid with astrocyte-modulated STDP on input and inhibitory synapses (dt 1 ms). */
    public static RuleState astrocyte(Network net) {
        return astrocyte(net, 100);
    }

    /** {@link #astrocyte(Network)} with the astrocyte's tau_A = {@code tauMs}. */
    public static RuleState astrocyte(Network net, double tauMs) {
        NalsmLif model = NalsmLif.builder().build();
        BernoulliSource pixels = net.addBernoulliSource("pixels", 50);
        for (int k = 0; k < pixels.size(); k++) {
            pixels.setProbability(k, 0.05 + 0.3 * k / pixels.size());
        }
        NeuronPopulation input = net.addNeurons("input", 50, model);
        NeuronPopulation exc = net.addNeurons("exc", 80, model);
        NeuronPopulation inh = net.addNeurons("inh", 20, model);
        net.connect(pixels, input, Connectors.oneToOne(), Synapses.onto("direct").weights(Values.constant(100)));
        Astrocyte astrocyte = Astrocyte.builder().liquid(exc, inh).input(input).tauMs(tauMs).build();
        net.addPlasticity(net.connect(inh, exc, Connectors.fixedProbability(0.3, false),
                Synapses.onto("synaptic").weights(Values.uniform(-3, 0))), AstrocyteStdp.builder(astrocyte)
                .presynaptic(AstrocyteStdp.Presynaptic.INHIBITORY).bounds(-3, 0).build());
        net.monitorSpikes(exc, SpikeMonitor.settings().maxStoredSpikes(1000));
        return net.addPlasticity(net.connect(input, exc, Connectors.fixedProbability(0.3, false),
                Synapses.onto("synaptic").weights(Values.uniform(-3, 3))), AstrocyteStdp.builder(astrocyte)
                .bounds(-3, 3).build());
    }

    private static NeuronPopulation driven(Network net) {
        NeuronPopulation out = net.addNeurons("out", 200, IfCurrExp.builder().tauRefrac(2).build());
        net.monitorSpikes(out, SpikeMonitor.settings().maxStoredSpikes(1000));
        return out;
    }

    private static Projection input(Network net, NeuronPopulation out) {
        return net.connect(net.addPoissonSource("in", 300, 20), out, Connectors.fixedProbability(0.2, false),
                Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 20)));
    }
}
