package org.hebb.experiments.nalsm;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.neurons.lif.NalsmLif;
import org.hebb.plasticity.astrocyte.Astrocyte;
import org.hebb.plasticity.astrocyte.AstrocyteStdp;
import org.hebb.plasticity.astrocyte.AstrocyteStdp.Presynaptic;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.Grid3D;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * The liquid of the neuron-astrocyte liquid state machine (Ivanov and Michmizos 2021) at dt = 1 ms: a cubic grid
 * of NALSM neurons, 80% excitatory and 20% inhibitory placed at random, connected with probability
 * C exp(-(D / 3)^2) (C: E->E 0.2, E->I 0.1, I->E 0.3, I->I 0.05, no self-connections), and an input layer of NALSM
 * neurons, each pulsed by 100 mV when its Bernoulli pixel fires, with exactly floor(0.15 N_liquid N_input)
 * input-to-liquid synapses drawn uniformly and given a random sign. Every weight starts at magnitude |w|.
 *
 * @param network    the network (dt 1 ms)
 * @param pixels     Bernoulli sources, one per input, whose probabilities encode a sample
 * @param input      the input neurons
 * @param excitatory the excitatory liquid neurons
 * @param inhibitory the inhibitory liquid neurons
 * @param liquid     the projections between liquid neurons (E->E, E->I, I->E, I->I)
 * @param fromInput  the projections from the input neurons (to E, to I)
 * @param astrocyte  the shared astrocyte of the plastic models (null for the static LSM)
 */
public record NalsmLiquid(Network network, BernoulliSource pixels, NeuronPopulation input,
                          NeuronPopulation excitatory, NeuronPopulation inhibitory, List<Projection> liquid,
                          List<Projection> fromInput, Astrocyte astrocyte) {
    /** Numbers the liquid's neurons 0 to N - 1: excitatory first, then inhibitory. */
    public record Numbering(NeuronPopulation excitatory, NeuronPopulation inhibitory) {
        /** Liquid size. */
        public int size() {
            return excitatory.size() + inhibitory.size();
        }

        /** The liquid number of neuron {@code index} of {@code population} (one of the two). */
        public int of(org.hebb.simulator.population.Population population, int index) {
            return population == excitatory ? index : excitatory.size() + index;
        }
    }

    /** The liquid's numbering. */
    public Numbering numbering() {
        return new Numbering(excitatory, inhibitory);
    }

    /**
     * Every projection whose weights can change: liquid ones, then those from the input; none in the static LSM
     * (no astrocyte, no plasticity).
     */
    public List<Projection> plastic() {
        if (astrocyte == null) {
            return List.of();
        }
        List<Projection> all = new java.util.ArrayList<>(liquid);
        all.addAll(fromInput);
        return all;
    }

    /** NALSM's weight magnitude and clipping bound. */
    public static final double MAX_WEIGHT = 3;
    /** Input-to-liquid connection density. */
    public static final double INPUT_DENSITY = 0.15;
    /** Amplitude of an input pulse, mV. */
    public static final double INPUT_PULSE_MV = 100;
    /** Most input-liquid pairs (inputs x liquid neurons): they are drawn from one array. */
    public static final long MAX_PAIRS = Integer.MAX_VALUE - 8;
    /** Expected liquid-to-liquid synapses per neuron, rounded up (about 29 with NALSM's probabilities). */
    private static final double LIQUID_SYNAPSES_PER_NEURON = 30;

    /** Which liquid. */
    public enum Model {
        /** Astrocyte-modulated STDP (NALSM). */
        NALSM("nalsm"),
        /** STDP with the depression rate fixed at its initial value (NALSM's "LSM + STDP" ablation). */
        LSM_STDP("lsm-stdp"),
        /** No plasticity (the plain LSM). */
        LSM("lsm");

        private final String label;

        Model(String label) {
            this.label = label;
        }

        /** The model's name on the command line and in results: nalsm, lsm-stdp or lsm. */
        public String label() {
            return label;
        }

        /** The model called {@code label}, or a clear error listing the names. */
        public static Model ofLabel(String label) {
            for (Model m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("model = '" + label + "' is not allowed: must be one of "
                    + java.util.Arrays.stream(values()).map(Model::label).toList());
        }
    }

    /**
     * How to build one.
     *
     * @param side            grid side (10 for 1000 neurons, 20 for 8000); {@code inputs x side^3}, the input-liquid
     *                        pairs drawn from, at most {@link #MAX_PAIRS}
     * @param inputs          number of input neurons (784 for 28 x 28 images)
     * @param model           which liquid
     * @param weight          initial weight magnitude |w| (NALSM 3; the static LSM sweeps 0.4 to 1.4)
     * @param astrocyteWeight w_A (NALSM 0.015 for 1000 neurons, 0.0075 for 8000)
     * @param rateDecayPerMs  decay of all plasticity rates per ms (1 for none; NALSM 0.99 when making features)
     * @param seed            master seed
     * @param threads         engine threads
     */
    public record Config(int side, int inputs, Model model, double weight, double astrocyteWeight,
                         double rateDecayPerMs, long seed, int threads) implements java.io.Serializable {
        public Config {
            Require.atLeast("grid side", side, 2);
            Require.atLeast("inputs", inputs, 1);
            long pairs = (long) inputs * side * side * side;
            Require.that(pairs <= MAX_PAIRS, "grid side = " + side + " is not allowed with " + inputs + " inputs: "
                    + "must be at most " + (long) Math.cbrt((double) MAX_PAIRS / inputs) + ", as the input-liquid "
                    + "pairs (inputs x side^3 = " + pairs + ") are drawn from one array of at most " + MAX_PAIRS);
            Require.notNull("model", model);
            Require.inRange("weight magnitude |w|", weight, 0.0, MAX_WEIGHT, "mV");
            Require.atLeast("threads", threads, 1);
        }

        /** NALSM's settings for a grid of {@code side}^3 neurons and {@code inputs} inputs (784 for 28 x 28). */
        public static Config nalsm(int side, int inputs, Model model, long seed) {
            return new Config(side, inputs, model, MAX_WEIGHT, side >= 20 ? 0.0075 : 0.015, 1, seed, 1);
        }

        /** Number of liquid neurons. */
        public int neurons() {
            return side * side * side;
        }

        /**
         * An estimate of the heap one liquid needs, bytes ({@link MemoryEstimate}): its neurons, the liquid synapses
         * (about 30 per neuron with NALSM's distance-dependent probabilities), the input synapses (a fraction
         * {@link #INPUT_DENSITY} of all pairs) and the array of pairs they are drawn from, and with plasticity its
         * per-synapse state.
         */
        public double memoryBytes() {
            double n = neurons();
            double input = INPUT_DENSITY * inputs * n;
            double synapses = input + LIQUID_SYNAPSES_PER_NEURON * n;
            return MemoryEstimate.of("a NALSM liquid").neurons(n + 2.0 * inputs)
                    .synapses(synapses, input)
                    .values((double) inputs * n, 1)
                    .values(model == Model.LSM ? 0 : synapses, 12)
                    .bytes();
        }
    }

    /** Builds the liquid. */
    public static NalsmLiquid build(Config config) {
        Network net = Network.builder().dt(1.0).seed(config.seed()).threads(config.threads()).build();
        NalsmLif model = NalsmLif.builder().build();
        BernoulliSource pixels = net.addBernoulliSource("pixels", config.inputs());
        NeuronPopulation input = net.addNeurons("input", config.inputs(), model);
        net.connect(pixels, input, Connectors.oneToOne(),
                Synapses.onto("direct").weights(Values.constant(INPUT_PULSE_MV)));
        int n = config.neurons();
        int excitatoryCount = (int) Math.round(0.8 * n);
        NeuronPopulation exc = net.addNeurons("exc", excitatoryCount, model);
        NeuronPopulation inh = net.addNeurons("inh", n - excitatoryCount, model);
        net.placeOnGrid(new Grid3D(config.side(), config.side(), config.side()), true, exc, inh);
        double w = config.weight();
        List<Projection> liquid = List.of(
                net.connect(exc, exc, Connectors.distanceDependent(0.2, 3, false), onto(w)),
                net.connect(exc, inh, Connectors.distanceDependent(0.1, 3, false), onto(w)),
                net.connect(inh, exc, Connectors.distanceDependent(0.3, 3, false), onto(-w)),
                net.connect(inh, inh, Connectors.distanceDependent(0.05, 3, false), onto(-w)));
        List<Projection> fromInput = connectInput(net, input, exc, inh, config);
        Astrocyte astrocyte = null;
        if (config.model() != Model.LSM) {
            astrocyte = Astrocyte.builder().liquid(exc, inh).input(input).weight(config.astrocyteWeight())
                    .mode(config.model() == Model.NALSM ? Astrocyte.Mode.MODULATED : Astrocyte.Mode.FIXED)
                    .rateDecayPerMs(config.rateDecayPerMs()).build();
            for (Projection p : liquid) {
                boolean excitatory = p.source() == exc;
                net.addPlasticity(p, AstrocyteStdp.builder(astrocyte)
                        .presynaptic(excitatory ? Presynaptic.EXCITATORY : Presynaptic.INHIBITORY)
                        .bounds(excitatory ? 0 : -MAX_WEIGHT, excitatory ? MAX_WEIGHT : 0).build());
            }
            for (Projection p : fromInput) {
                net.addPlasticity(p, AstrocyteStdp.builder(astrocyte).bounds(-MAX_WEIGHT, MAX_WEIGHT).build());
            }
        }
        return new NalsmLiquid(net, pixels, input, exc, inh, liquid, fromInput, astrocyte);
    }

    private static Synapses onto(double weight) {
        return Synapses.onto("synaptic").weights(Values.constant(weight));
    }

    /** Draws floor(density x inputs x liquid) distinct input-liquid pairs over the whole liquid, then splits them. */
    private static List<Projection> connectInput(Network net, NeuronPopulation input, NeuronPopulation exc,
                                                 NeuronPopulation inh, Config config) {
        int liquidSize = exc.size() + inh.size();
        long pairs = (long) input.size() * liquidSize;
        int count = (int) Math.floor(INPUT_DENSITY * pairs);
        UniformRandomProvider random = Seeds.generator(config.seed(), "nalsm:input-pairs");
        boolean[] chosen = new boolean[(int) pairs];
        int[][] pre = {new int[count], new int[count]};
        int[][] post = {new int[count], new int[count]};
        int[] filled = new int[2];
        for (int drawn = 0; drawn < count; ) {
            int pair = random.nextInt((int) pairs);
            if (!chosen[pair]) {
                chosen[pair] = true;
                drawn++;
            }
        }
        for (int pair = 0; pair < chosen.length; pair++) {
            if (chosen[pair]) {
                int target = pair % liquidSize;
                int group = target < exc.size() ? 0 : 1;
                pre[group][filled[group]] = pair / liquidSize;
                post[group][filled[group]++] = group == 0 ? target : target - exc.size();
            }
        }
        Synapses signed = Synapses.onto("synaptic").weights(Values.choice(-config.weight(), config.weight()));
        return List.of(
                net.connect(input, exc, Connectors.fromList(java.util.Arrays.copyOf(pre[0], filled[0]),
                        java.util.Arrays.copyOf(post[0], filled[0])), signed),
                net.connect(input, inh, Connectors.fromList(java.util.Arrays.copyOf(pre[1], filled[1]),
                        java.util.Arrays.copyOf(post[1], filled[1])), signed));
    }
}
