package org.hebb.simulator.testing;

import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;

/** Small active networks that exercise every part of a step, for tests that hold engines and backends to it. */
public final class StepNetworks {
    private StepNetworks() {
    }

    /**
     * 800 excitatory and 200 inhibitory IF_curr_exp neurons with Poisson drive, a constant current, recurrent
     * excitation and inhibition with heterogeneous and shared delays, a spike monitor storing at most 1000 spikes
     * (more are dropped) and a counts-only one, and a rate check: what every engine runs.
     *
     * @return the bounded spike monitor of the excitatory population
     */
    public static SpikeMonitor recurrent(Network net) {
        IfCurrExp model = IfCurrExp.builder().cm(0.25).tauM(10).vRest(-65).vReset(-65).vThresh(-50)
                .tauRefrac(2).tauSynE(5).tauSynI(10).build();
        NeuronPopulation exc = net.addNeurons("exc", 800, model);
        NeuronPopulation inh = net.addNeurons("inh", 200, model);
        exc.initialize("v", Values.uniform(-65, -50));
        exc.inject(Currents.constant(0.3));
        net.connect(net.addPoissonSource("drive", 200, 20), exc, Connectors.fixedInDegree(10, false),
                Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformSteps(1, 15)));
        net.connect(exc, exc, Connectors.fixedProbability(0.05, false), Synapses.onto("excitatory")
                .weights(Values.uniform(0.05, 0.2)).delays(Delays.uniformSteps(1, 30)));
        net.connect(exc, inh, Connectors.fixedProbability(0.1, false), Synapses.onto("excitatory")
                .weights(Values.constant(0.3)).delays(Delays.steps(8)));
        net.connect(inh, exc, Connectors.fixedProbability(0.2, false), Synapses.onto("inhibitory")
                .weights(Values.uniform(-0.6, -0.2)).delays(Delays.uniformSteps(1, 20)));
        net.monitorSpikes(inh, SpikeMonitor.settings().countsOnly());
        net.checkRate(exc, 0, 500, 100);
        return net.monitorSpikes(exc, SpikeMonitor.settings().maxStoredSpikes(1000));
    }

    /**
     * Adds to {@link #recurrent}'s network what only the clock-driven engine runs: conductance-based and Izhikevich
     * neurons, noise and time-varying currents, a Bernoulli source.
     */
    public static void addClockDrivenParts(Network net, NeuronPopulation exc) {
        NeuronPopulation coba = net.addNeurons("coba", 300, IfCondExp.builder().cm(0.2).tauM(20).tauRefrac(5)
                .vRest(-60).vReset(-60).vThresh(-50).tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80).build());
        NeuronPopulation izh = net.addNeurons("izh", 200, Izhikevich.builder().chattering().build());
        izh.inject(Currents.gaussianNoise(3, 4));
        coba.inject(Currents.function((t, i) -> i % 3 == 0 ? 0.2 : 0.1));
        net.connect(exc, coba, Connectors.fixedProbability(0.02, false),
                Synapses.onto("excitatory").weights(Values.constant(0.004)).delays(Delays.uniformSteps(1, 10)));
        BernoulliSource pixels = net.addBernoulliSource("pixels", 100);
        for (int i = 0; i < pixels.size(); i++) {
            pixels.setProbability(i, 0.02);
        }
        net.connect(pixels, izh, Connectors.fixedProbability(0.1, false),
                Synapses.onto("excitatory").weights(Values.constant(3.0)));
        net.monitorSpikes(izh, SpikeMonitor.settings().maxStoredSpikes(100));
    }
}
