package org.hebb.experiments.nalsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.hebb.neurons.lif.NalsmLif;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** NALSM's branching factor on a chain worked out by hand. */
class BranchingFactorTest {
    @Test
    void chainGivesTheHandComputedMean() {
        try (Network net = Network.builder().dt(1.0).build()) {
            NeuronPopulation exc = net.addNeurons("exc", 3, NalsmLif.builder().build());
            NeuronPopulation inh = net.addNeurons("inh", 1, NalsmLif.builder().build());
            // 0 -> 1 -> 2 (excitatory), inhibitory neuron 3 -> 0 never fires
            var chain = net.connect(exc, exc, Connectors.fromList(new int[] {0, 1}, new int[] {1, 2}),
                    Synapses.onto("synaptic").weights(Values.constant(1)));
            var back = net.connect(inh, exc, Connectors.fromList(new int[] {0}, new int[] {0}),
                    Synapses.onto("synaptic").weights(Values.constant(-1)));
            BranchingFactor bf = new BranchingFactor(List.of(chain, back), new NalsmLiquid.Numbering(exc, inh));
            LiquidSpikes spikes = new LiquidSpikes(3);
            spikes.add(10, 0);
            spikes.add(12, 1);
            spikes.add(13, 2);
            spikes.add(20, 1);
            spikes.add(2, 0); // before the window: not an event, but a presynaptic spike for nobody
            bf.addSample(spikes, 0, 30);
            // neuron 0 at 10: 1 post spike (1 at 12) / max(1, 0) = 1
            // neuron 1 at 12: 1 post (2 at 13) / 1 pre (0 at 10) = 1; at 20: 0 / max(1, 0) = 0; mean 0.5
            // neuron 2 at 13: no postsynaptic partners: 0 / 1 = 0
            assertEquals((1 + 0.5 + 0) / 3, bf.value(), 1e-12);
            spikes.startSample(0);
            spikes.add(10, 0);
            spikes.add(11, 1);
            bf.addSample(spikes, 0, 30);
            // second sample: neuron 0: 1 and neuron 1: 0 / 1 = 0, its mean 0.5; the mean of the two samples' means
            assertEquals(((1 + 0.5 + 0) / 3 + (1 + 0) / 2.0) / 2, bf.value(), 1e-12);
        }
    }

    /**
     * NALSM's analysis averages each neuron's ratios within a sample, the neurons within the sample, and then the
     * samples: a sample with few firing neurons weighs as much as one with many. A sample without an event in its
     * window counts for nothing.
     */
    @Test
    void samplesWeighEquallyWhateverTheirNumberOfFiringNeurons() {
        try (Network net = Network.builder().dt(1.0).build()) {
            NeuronPopulation exc = net.addNeurons("exc", 3, NalsmLif.builder().build());
            NeuronPopulation inh = net.addNeurons("inh", 1, NalsmLif.builder().build());
            // 0 -> 1, 0 -> 2 (excitatory); inhibitory neuron 3 -> 0
            var fan = net.connect(exc, exc, Connectors.fromList(new int[] {0, 0}, new int[] {1, 2}),
                    Synapses.onto("synaptic").weights(Values.constant(1)));
            var back = net.connect(inh, exc, Connectors.fromList(new int[] {0}, new int[] {0}),
                    Synapses.onto("synaptic").weights(Values.constant(-1)));
            BranchingFactor bf = new BranchingFactor(List.of(fan, back), new NalsmLiquid.Numbering(exc, inh));
            LiquidSpikes spikes = new LiquidSpikes(3);
            spikes.add(10, 0);
            spikes.add(11, 1);
            spikes.add(14, 2);
            bf.addSample(spikes, 0, 30);
            // neuron 0 at 10: post 1 at 11 and 2 at 14, in [11, 15): 2 / max(1, 0) = 2
            // neuron 1 at 11 and neuron 2 at 14: no postsynaptic partners, 0 / 1 = 0; the sample's mean 2 / 3
            spikes.startSample(0);
            spikes.add(10, 3);
            spikes.add(12, 0);
            bf.addSample(spikes, 0, 30);
            // neuron 3 at 10: post 0 at 12: 1 / max(1, 0) = 1; neuron 0 at 12: 0 / 1 (3 at 10) = 0; mean 1 / 2
            spikes.startSample(0);
            spikes.add(2, 0);
            bf.addSample(spikes, 0, 30);
            // no event in [4, 26): the sample counts for nothing
            assertEquals((2.0 / 3 + 1.0 / 2) / 2, bf.value(), 1e-12,
                    "the mean of the samples' means, not the mean over all neurons and samples (3 / 5)");
        }
    }
}
