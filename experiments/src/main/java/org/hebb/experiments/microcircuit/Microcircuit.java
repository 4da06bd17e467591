package org.hebb.experiments.microcircuit;

import static org.hebb.experiments.microcircuit.MicrocircuitParameters.*;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.util.Require;

/**
 * The cortical microcircuit of Potjans and Diesmann (2014) built in Hebb with the PyNEST example's parameters
 * ({@link MicrocircuitParameters}). At scale S every population has round(S N) neurons and every projection
 * round(K N_target(S) / N_target) synapses, K its full-scale number: the in-degrees stay those of the full model,
 * as in the example with K_scaling = 1, so the weights need no correction. Synapses are drawn with
 * {@link Connectors#fixedTotalNumber} (multapses and autapses), weights from a normal redrawn across zero, delays
 * from a normal redrawn below dt / 2 (and above mean + 8 sd, about once in 10^15 draws) and rounded to whole steps,
 * applied as NEST applies them (a step later than Hebb's own delays of that many steps:
 * {@link Delays#asInNestAndBrian2}).
 *
 * @param network     the network, not yet run
 * @param populations the eight populations, in the order of {@link MicrocircuitParameters#POPULATIONS}
 * @param synapses    the number of synapses
 */
public record Microcircuit(Network network, List<NeuronPopulation> populations, long synapses) {
    /** The background input. */
    public enum Background {
        /** Poisson input per neuron: K_ext sources at 8 Hz, each spike the excitatory weight. */
        POISSON,
        /** Its mean as a constant current: 8 Hz x K_ext x weight x tau_syn. */
        DC
    }

    /** The neurons of population {@code p} at {@code scale}. */
    public static int size(int p, double scale) {
        return (int) Math.max(1, Math.round(FULL_SIZES[p] * scale));
    }

    /** The synapses from {@code source} onto {@code target} at {@code scale}. */
    public static long synapses(int target, int source, double scale) {
        return Math.round(fullSynapseCount(target, source) * size(target, scale) / FULL_SIZES[target]);
    }

    /** The synapses of the whole microcircuit at {@code scale}. */
    public static long totalSynapses(double scale) {
        long total = 0;
        for (int t = 0; t < FULL_SIZES.length; t++) {
            for (int s = 0; s < FULL_SIZES.length; s++) {
                total += synapses(t, s, scale);
            }
        }
        return total;
    }

    /** The neurons of the whole microcircuit at {@code scale}. */
    public static int totalNeurons(double scale) {
        int total = 0;
        for (int p = 0; p < FULL_SIZES.length; p++) {
            total += size(p, scale);
        }
        return total;
    }

    /** Builds the microcircuit at {@code scale} (in (0, 1]). */
    public static Microcircuit build(double scale, Background background, long seed, int threads,
                                     BackendKind backend) {
        Require.that(scale > 0 && scale <= 1, "scale = " + scale + " is not allowed: must be in (0, 1]");
        Require.notNull("background", background);
        Network network = Network.builder().dt(DT_MS).seed(seed).threads(threads).backend(backend).build();
        double excitatoryWeight = pscForPsp(MEAN_PSP_MV);
        List<NeuronPopulation> populations = new ArrayList<>();
        for (int p = 0; p < FULL_SIZES.length; p++) {
            NeuronPopulation population = network.addNeurons(POPULATIONS.get(p), size(p, scale), neuronModel());
            population.initialize("v", Values.normal(INITIAL_V_MEAN_MV[p], INITIAL_V_SD_MV[p]));
            if (background == Background.POISSON) {
                population.addPoissonInput(PoissonInput.of("excitatory", BACKGROUND_INDEGREES[p],
                        BACKGROUND_RATE_HZ, excitatoryWeight));
            } else {
                population.inject(Currents.constant(backgroundCurrentNa(p)));
            }
            populations.add(population);
        }
        long total = 0;
        for (int t = 0; t < FULL_SIZES.length; t++) {
            for (int s = 0; s < FULL_SIZES.length; s++) {
                long count = synapses(t, s, scale);
                if (count == 0) {
                    continue;
                }
                network.connect(populations.get(s), populations.get(t), Connectors.fixedTotalNumber(count),
                        synapses(t, s));
                total += count;
            }
        }
        return new Microcircuit(network, List.copyOf(populations), total);
    }

    /**
     * The neurons' model: NEST's iaf_psc_exp with the example's parameters. NEST holds v in the t_ref / dt steps
     * after the step of a spike, where Hebb's refractory period of t_ref holds it in one step fewer (it counts from
     * the start of the spike's step, NEST from its end: docs/ARCHITECTURE.md, "Timing conventions"), so Hebb's
     * period is t_ref + dt.
     */
    static IfCurrExp neuronModel() {
        return IfCurrExp.builder().cm(CM_NF).tauM(TAU_M_MS).vRest(V_REST_MV).vReset(V_RESET_MV)
                .vThresh(V_THRESH_MV).tauRefrac(TAU_REFRAC_MS + DT_MS).tauSynE(TAU_SYN_MS).tauSynI(TAU_SYN_MS).build();
    }

    /** Weights and delays of the synapses from {@code source} onto {@code target}. */
    private static Synapses synapses(int target, int source) {
        double mean = meanWeightNa(target, source);
        double sd = WEIGHT_RELATIVE_SD * Math.abs(mean);
        boolean excitatory = excitatory(source);
        double delay = excitatory ? EXCITATORY_DELAY_MS : INHIBITORY_DELAY_MS;
        return Synapses.onto(excitatory ? "excitatory" : "inhibitory")
                .weights(excitatory ? Values.normalRedrawn(mean, sd, 0, Double.POSITIVE_INFINITY)
                        : Values.normalRedrawn(mean, sd, Double.NEGATIVE_INFINITY, 0))
                .delays(Delays.asInNestAndBrian2(Delays.normalMs(delay, DELAY_RELATIVE_SD * delay)))
                .named(POPULATIONS.get(source) + "->" + POPULATIONS.get(target));
    }
}
