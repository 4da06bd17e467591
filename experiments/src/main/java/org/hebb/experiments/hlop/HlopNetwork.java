package org.hebb.experiments.hlop;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.plasticity.hlop.HebbianSubspace;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.plasticity.threefactor.ThreeFactorSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.random.Seeds;

/**
 * The spiking network that learns the tasks: 784 Bernoulli pixel inputs, a hidden layer of LIF neurons with delta
 * synapses, and 10 leaky readout neurons whose membrane potentials at the end of a sample are the class scores.
 * Both projections learn with the three-factor rule, presynaptic eligibility and one modulator per postsynaptic
 * neuron: at the end of a sample the readout's modulators are the cross-entropy error (one-hot label minus the
 * softmax of the scores) and the hidden neurons' modulators that error sent back through fixed random weights
 * (feedback alignment), times the derivative of a clamped rate (1 where the neuron fired in some but not all steps).
 * With HLOP, each rule projects the presynaptic traces onto the complement of a {@link HebbianSubspace} that
 * learns the principal subspace of those traces.
 */
final class HlopNetwork implements AutoCloseable {
    /** Time step, ms. */
    static final double DT_MS = 1;
    static final int PIXELS = 784;
    static final int CLASSES = 10;
    static final double V_REST_MV = -65;
    static final double V_THRESH_MV = -55;

    /** A non-spiking readout: a leaky integrator of its weighted input spikes, v in mV above rest. */
    static final NeuronDefinition READOUT = NeuronDefinition.builder("leaky readout")
            .parameter("tau_m", "ms", 20)
            .equations("dv/dt = -v / tau_m : mV")
            .initial("v", "0 * mV")
            .receptor(Receptor.of("input", "mV", "v += weight").actingAfterIntegration())
            .method(IntegrationMethod.EXACT)
            .build();

    private final HlopSettings settings;
    private final Network network;
    private final BernoulliSource pixels;
    private final NeuronPopulation readout;
    private final ThreeFactorSynapses hiddenRule;
    private final ThreeFactorSynapses readoutRule;
    private final SpikeCounts hiddenSpikes;
    /** Fixed random feedback from the readout errors to the hidden neurons, hidden x classes. */
    private final float[] feedback;
    private final HebbianSubspace inputSubspace;
    private final HebbianSubspace hiddenSubspace;
    private final float[] readoutError = new float[CLASSES];

    HlopNetwork(HlopSettings settings) {
        this.settings = settings;
        this.network = Network.builder().dt(DT_MS).seed(settings.seed()).threads(1).build();
        int hidden = settings.hidden();
        this.pixels = network.addBernoulliSource("pixels", PIXELS);
        NeuronPopulation hiddenLayer = network.addNeurons("hidden", hidden, IfCurrDelta.builder().tauM(20)
                .vRest(V_REST_MV).vReset(V_REST_MV).vThresh(V_THRESH_MV).tauRefrac(0).build());
        this.readout = network.addNeurons("readout", CLASSES, READOUT.model());
        Projection inputWeights = network.connect(pixels, hiddenLayer, Connectors.allToAll(true),
                Synapses.onto("excitatory").weights(Values.normal(0, settings.inputWeightSdMv()))
                        .named("pixels to hidden"));
        Projection readoutWeights = network.connect(hiddenLayer, readout, Connectors.allToAll(true),
                Synapses.onto("input").weights(Values.normal(0, settings.readoutWeightSdMv()))
                        .named("hidden to readout"));
        boolean hlop = settings.variant() == HlopVariant.HLOP;
        this.inputSubspace = hlop ? HebbianSubspace.create(PIXELS, Seeds.derive(settings.seed(), "input subspace"),
                settings.inputSubspaceLearning()) : null;
        this.hiddenSubspace = hlop ? HebbianSubspace.create(hidden, Seeds.derive(settings.seed(), "hidden subspace"),
                settings.hiddenSubspaceLearning()) : null;
        this.hiddenRule = network.addPlasticity(inputWeights, rule(settings.hiddenLearningRate(), inputSubspace));
        this.readoutRule = network.addPlasticity(readoutWeights, rule(settings.readoutLearningRate(),
                hiddenSubspace));
        this.hiddenSpikes = network.addMonitor(hiddenLayer, new SpikeCounts(hidden));
        this.feedback = new float[hidden * CLASSES];
        UniformRandomProvider random = Seeds.generator(settings.seed(), "feedback alignment weights");
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        for (int k = 0; k < feedback.length; k++) {
            feedback[k] = (float) (gaussian.sample() / Math.sqrt(CLASSES));
        }
        network.setFiniteCheckInterval(1000);
    }

    private ThreeFactor rule(double learningRate, HebbianSubspace subspace) {
        ThreeFactor.Builder b = ThreeFactor.builder().eligibility(ThreeFactor.Eligibility.PRESYNAPTIC)
                .modulation(ThreeFactor.Modulation.PER_POSTSYNAPTIC_NEURON)
                .tauEligibility(settings.traceTauMs()).eta(learningRate)
                .wMin(-settings.weightBoundMv()).wMax(settings.weightBoundMv());
        if (subspace != null) {
            b.projection(subspace);
        }
        return b.build();
    }

    /**
     * Shows one image for {@link HlopSettings#stepsPerSample()} steps and returns the class with the highest
     * score; with {@code label >= 0} the network then learns from it (and, with HLOP, the subspaces learn the
     * presynaptic traces of the sample). The dynamics are reset after every sample.
     *
     * @param probabilities each pixel's spike probability per step
     */
    int present(float[] probabilities, int label, SubspaceBatches batches) {
        pixels.setProbabilities(probabilities);
        hiddenSpikes.clear();
        network.run(settings.stepsPerSample() * DT_MS);
        float[] scores = readout.state().array("v");
        int predicted = argMax(scores);
        if (label >= 0) {
            setErrors(scores, label);
            if (batches != null) {
                batches.add(hiddenRule.values("eligibility"), readoutRule.values("eligibility"));
            }
        }
        network.resetState();
        if (label >= 0) {
            hiddenRule.setModulator(0);
            readoutRule.setModulator(0);
        }
        return predicted;
    }

    /** Sets the modulators from the readout error: they apply to the update of the sample's last step. */
    private void setErrors(float[] scores, int label) {
        double max = scores[argMax(scores)];
        double sum = 0;
        double[] softmax = new double[CLASSES];
        for (int i = 0; i < CLASSES; i++) {
            softmax[i] = StrictMath.exp(settings.scorePerMv() * (scores[i] - max));
            sum += softmax[i];
        }
        for (int i = 0; i < CLASSES; i++) {
            readoutError[i] = (float) ((i == label ? 1 : 0) - softmax[i] / sum);
            readoutRule.setModulator(i, readoutError[i]);
        }
        int[] counts = hiddenSpikes.counts();
        for (int h = 0; h < counts.length; h++) {
            double delta = 0;
            if (counts[h] > 0 && counts[h] < settings.stepsPerSample()) {
                for (int i = 0; i < CLASSES; i++) {
                    delta += feedback[h * CLASSES + i] * readoutError[i];
                }
            }
            hiddenRule.setModulator(h, delta);
        }
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The subspace of the input layer's presynaptic traces (null unless the variant is HLOP). */
    HebbianSubspace inputSubspace() {
        return inputSubspace;
    }

    /** The subspace of the hidden layer's presynaptic traces (null unless the variant is HLOP). */
    HebbianSubspace hiddenSubspace() {
        return hiddenSubspace;
    }

    /** Saves and restores {@code state} with the network's checkpoints. */
    void addCheckpointed(String name, Checkpointed state) {
        network.addCheckpointed(name, state);
    }

    void saveCheckpoint(Path file) {
        network.saveCheckpoint(file);
    }

    void restoreCheckpoint(Path file) {
        network.restoreCheckpoint(file);
    }

    @Override
    public void close() {
        network.close();
    }
}
