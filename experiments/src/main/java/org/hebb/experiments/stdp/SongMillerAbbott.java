package org.hebb.experiments.stdp;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.plasticity.stdp.StdpSynapses;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * Song, Miller and Abbott (2000): additive STDP on the excitatory synapses of one conductance-based LIF neuron
 * driven by Poisson inputs balances its firing, makes the weights bimodal, and favours correlated inputs.
 * Neuron ({@link Cell#SONG_2000}): tau_m 20 ms, E_L -70 mV, threshold -54 mV, reset -60 mV, no refractory period,
 * E_exc 0 mV, tau_exc 5 ms; leak 10 nS (cm = 10 nS * tau_m), g_max 0.015 leak units = 0.15 nS, initial weights U(0, g_max);
 * STDP tau_plus = tau_minus = 20 ms, a_plus 0.005, a_minus 1.05 a_plus, hard bounds [0, g_max]. Brian2's variant of
 * the example ({@link Cell#BRIAN2_EXAMPLE}, 15 Hz, a_plus 0.01) converges faster.
 */
public final class SongMillerAbbott {
    /** Leak conductance, uS. */
    public static final double LEAK_US = 0.01;
    /** Inhibitory synaptic conductance, uS (0.05 leak units). */
    public static final double G_INH_US = 0.05 * LEAK_US;

    /**
     * The neuron and the bound of its plastic conductances.
     *
     * @param tauMs       membrane time constant, ms
     * @param restMv      leak reversal potential, mV
     * @param gMaxLeak    maximal synaptic conductance in leak units
     */
    public record Cell(double tauMs, double restMv, double gMaxLeak) {
        /** Song, Miller and Abbott (2000): tau_m 20 ms, E_L -70 mV, g_max 0.015. */
        public static final Cell SONG_2000 = new Cell(20, -70, 0.015);
        /** Brian2's example examples/synapses/STDP.py: tau_m 10 ms, E_L -74 mV, g_max 0.01. */
        public static final Cell BRIAN2_EXAMPLE = new Cell(10, -74, 0.01);

        /** g_max in uS. */
        public double gMaxUs() {
            return gMaxLeak * LEAK_US;
        }
    }

    private SongMillerAbbott() {
    }

    /**
     * One run.
     *
     * @param cell             the neuron and g_max
     * @param inputs           number of excitatory Poisson inputs
     * @param rateHz           rate of every input, Hz
     * @param correlatedInputs how many of the inputs (the first ones) share spikes with pairwise correlation
     *                         {@code correlation}; 0 for none
     * @param correlation      their pairwise correlation, in (0, 1] (ignored when there are none)
     * @param inhibitoryInputs number of static inhibitory Poisson inputs at {@code rateHz} (g 0.05 leak units,
     *                         E_inh -70 mV, tau_inh 5 ms), as in the paper; 0 for none
     * @param aPlus            potentiation amplitude as a fraction of g_max (the paper's 0.005); a_minus = 1.05 a_plus
     * @param durationMs       biological time, ms
     * @param seed             master seed
     */
    public record Config(Cell cell, int inputs, double rateHz, int correlatedInputs, double correlation,
                         int inhibitoryInputs, double aPlus, double durationMs, long seed) {
        public Config {
            Require.notNull("cell", cell);
            Require.atLeast("inhibitory inputs", inhibitoryInputs, 0);
            Require.positive("a_plus", aPlus, "(fraction of g_max)");
            Require.atLeast("inputs", inputs, 1);
            Require.positive("rate", rateHz, "Hz");
            Require.inRange("correlated inputs", correlatedInputs, 0, inputs);
            Require.positive("duration", durationMs, "ms");
        }
    }

    /**
     * What a run produced.
     *
     * @param weightsOverGMax     final weights as fractions of g_max, correlated inputs first
     * @param outputRateFirstHz   output rate over the first tenth of the run, Hz
     * @param outputRateLastHz    output rate over the last tenth of the run, Hz
     * @param fractionNearBounds  fraction of weights within 10% of g_max of either bound
     * @param meanCorrelated      mean final weight of the correlated inputs over g_max (NaN without them)
     * @param meanUncorrelated    mean final weight of the other inputs over g_max
     * @param simulationSeconds   wall time of the run, s
     */
    public record Result(Config config, float[] weightsOverGMax, double outputRateFirstHz, double outputRateLastHz,
                         double fractionNearBounds, double meanCorrelated, double meanUncorrelated,
                         double simulationSeconds) {
    }

    /** The paper's STDP rule with potentiation amplitude {@code aPlus} (fraction of g_max). */
    public static Stdp rule(double aPlus, double gMaxUs) {
        return Stdp.builder().tauPlus(20).tauMinus(20).aPlus(aPlus).aMinus(aPlus * 1.05).wMax(gMaxUs).build();
    }

    /** Builds and runs the network on one thread. */
    public static Result run(Config config) {
        try (Network net = Network.builder().dt(0.1).seed(config.seed()).threads(1).build()) {
            IfCondExp model = IfCondExp.builder()
                    .cm(LEAK_US * config.cell().tauMs()).tauM(config.cell().tauMs()).tauRefrac(0)
                    .vRest(config.cell().restMv()).vReset(-60).vThresh(-54)
                    .tauSynE(5).eRevE(0).tauSynI(5).eRevI(-70)
                    .build();
            NeuronPopulation neuron = net.addNeurons("neuron", 1, model);
            neuron.initialize("v", Values.constant(config.cell().restMv()));
            int correlated = config.correlatedInputs();
            StdpSynapses[] groups = new StdpSynapses[correlated > 0 ? 2 : 1];
            int g = 0;
            if (correlated > 0) {
                groups[g++] = attach(net, net.addCorrelatedPoissonSource("correlated", correlated,
                        config.rateHz(), config.correlation()), neuron, config);
            }
            if (correlated < config.inputs()) {
                groups[g] = attach(net, net.addPoissonSource("uncorrelated", config.inputs() - correlated,
                        config.rateHz()), neuron, config);
            } else {
                groups = new StdpSynapses[] {groups[0]};
            }
            if (config.inhibitoryInputs() > 0) {
                net.connect(net.addPoissonSource("inhibitory", config.inhibitoryInputs(), config.rateHz()), neuron,
                        Connectors.allToAll(true), Synapses.onto("inhibitory").weights(Values.constant(G_INH_US)));
            }
            SpikeMonitor output = net.monitorSpikes(neuron);
            long start = System.nanoTime();
            net.run(config.durationMs());
            double seconds = (System.nanoTime() - start) / 1e9;
            return summarize(config, groups, output, seconds);
        }
    }

    private static StdpSynapses attach(Network net, Population inputs, NeuronPopulation neuron, Config config) {
        double gMax = config.cell().gMaxUs();
        Projection projection = net.connect(inputs, neuron, Connectors.allToAll(true),
                Synapses.onto("excitatory").weights(Values.uniform(0, gMax)));
        return net.addPlasticity(projection, rule(config.aPlus(), gMax));
    }

    private static Result summarize(Config config, StdpSynapses[] groups, SpikeMonitor output, double seconds) {
        float[] weights = new float[config.inputs()];
        int offset = 0;
        for (StdpSynapses group : groups) {
            float[] w = group.weights();
            for (int j = 0; j < w.length; j++) {
                weights[offset + j] = (float) (w[j] / config.cell().gMaxUs());
            }
            offset += w.length;
        }
        int nearBounds = 0;
        double sumCorrelated = 0;
        double sumUncorrelated = 0;
        for (int j = 0; j < weights.length; j++) {
            if (weights[j] <= 0.1f || weights[j] >= 0.9f) {
                nearBounds++;
            }
            if (j < config.correlatedInputs()) {
                sumCorrelated += weights[j];
            } else {
                sumUncorrelated += weights[j];
            }
        }
        int uncorrelated = config.inputs() - config.correlatedInputs();
        double tenth = config.durationMs() / 10;
        double first = 0;
        double last = 0;
        for (double t : output.times()) {
            if (t < tenth) {
                first++;
            } else if (t >= config.durationMs() - tenth) {
                last++;
            }
        }
        return new Result(config, weights, first / (tenth / 1000), last / (tenth / 1000),
                (double) nearBounds / weights.length,
                config.correlatedInputs() > 0 ? sumCorrelated / config.correlatedInputs() : Double.NaN,
                uncorrelated > 0 ? sumUncorrelated / uncorrelated : Double.NaN, seconds);
    }
}
