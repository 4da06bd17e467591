package org.hebb.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * Inhibitory plasticity written only as a definition ({@link InhibitoryStdp#VOGELS_2011}) balances excitation:
 * conductance-based neurons driven by 400 excitatory inputs each fire far above the target rate rho0 until the
 * plastic synapses from 400 inhibitory inputs each grow; after learning they fire at rho0 within 10% (measured
 * over 20 s after 20 s of learning; Vogels et al. 2011,
 * Fig. 1, on a population of neurons with random inputs).
 */
class InhibitoryStdpTest {
    private static final double RHO0_HZ = 5;

    @Test
    void postsynapticRateConvergesToTheTargetRate() {
        try (Network net = Network.builder().dt(0.1).seed(21).build()) {
            PoissonSource excitatory = net.addPoissonSource("exc", 800, 10);
            PoissonSource inhibitory = net.addPoissonSource("inh", 800, 10);
            NeuronPopulation post = net.addNeurons("post", 40, IfCondExp.builder().build());
            net.connect(excitatory, post, Connectors.fixedProbability(0.5, false),
                    Synapses.onto("excitatory").weights(Values.constant(0.002)));
            var plastic = net.connect(inhibitory, post, Connectors.fixedProbability(0.5, false),
                    Synapses.onto("inhibitory").weights(Values.constant(0.0005)));
            net.addPlasticity(plastic, InhibitoryStdp.VOGELS_2011.rule().with("rho0", RHO0_HZ).with("eta", 5e-5)
                    .with("w_max", 1));
            SpikeMonitor spikes = net.monitorSpikes(post, SpikeMonitor.settings().countsOnly());
            net.run(2000);
            double before = spikes.meanRateHz();
            net.run(18000);
            SpikeMonitor after = net.monitorSpikes(post, SpikeMonitor.settings().countsOnly());
            net.run(20000);
            double learned = after.meanRateHz();
            System.out.printf("inhibitory STDP: %.2f Hz in the first 2 s, %.2f Hz after 20 s of learning "
                    + "(target %.1f Hz)%n", before, learned, RHO0_HZ);
            assertTrue(before > 3 * RHO0_HZ, "without learned inhibition the neurons must fire far above rho0: "
                    + before);
            assertEquals(RHO0_HZ, learned, 0.1 * RHO0_HZ, "rate after learning");
        }
    }
}
