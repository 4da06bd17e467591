package org.hebb.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * Inhibitory plasticity ({@link InhibitoryStdp#VOGELS_2011}, a definition alone) balances a recurrent network, as
 * in Vogels et al. 2011, Fig. 4, at a smaller scale: 800 excitatory and 200 inhibitory conductance-based neurons,
 * recurrent synapses with 1.5 ms delays, Poisson drive, and plastic inhibitory-to-excitatory synapses that start at
 * zero. The excitatory neurons first fire far above the target rate; once inhibition has grown they fire at rho0
 * within 10% (measured over 10 s after 10 s of learning).
 */
class InhibitoryStdpNetworkTest {
    private static final double RHO0_HZ = 5;

    @Test
    void recurrentNetworkSettlesAtTheTargetRate() {
        try (Network net = Network.builder().dt(0.1).seed(3).build()) {
            IfCondExp model = IfCondExp.builder().tauRefrac(2).build();
            NeuronPopulation exc = net.addNeurons("exc", 800, model);
            NeuronPopulation inh = net.addNeurons("inh", 200, model);
            exc.initialize("v", Values.uniform(-65, -50));
            inh.initialize("v", Values.uniform(-65, -50));
            PoissonSource drive = net.addPoissonSource("drive", 1000, 10);
            for (NeuronPopulation target : new NeuronPopulation[] {exc, inh}) {
                net.connect(drive, target, Connectors.fixedInDegree(100, false),
                        Synapses.onto("excitatory").weights(Values.constant(0.003)));
                net.connect(exc, target, Connectors.fixedProbability(0.05, false),
                        Synapses.onto("excitatory").weights(Values.constant(0.002)).delays(Delays.steps(15)));
            }
            net.connect(inh, inh, Connectors.fixedProbability(0.05, false),
                    Synapses.onto("inhibitory").weights(Values.constant(0.01)).delays(Delays.steps(15)));
            Projection plastic = net.connect(inh, exc, Connectors.fixedProbability(0.25, false),
                    Synapses.onto("inhibitory").weights(Values.constant(0)).delays(Delays.steps(15)));
            net.addPlasticity(plastic, InhibitoryStdp.VOGELS_2011.rule().with("rho0", RHO0_HZ).with("eta", 4e-4)
                    .with("w_max", 1));
            SpikeMonitor early = net.monitorSpikes(exc, SpikeMonitor.settings().countsOnly());
            net.run(200);
            double before = early.meanRateHz();
            net.run(9800);
            SpikeMonitor late = net.monitorSpikes(exc, SpikeMonitor.settings().countsOnly());
            net.run(10000);
            double learned = late.meanRateHz();
            System.out.printf("inhibitory STDP in a recurrent network: excitatory neurons at %.2f Hz in the first "
                    + "200 ms, %.2f Hz after 10 s of learning (target %.1f Hz)%n", before, learned, RHO0_HZ);
            assertTrue(before > 3 * RHO0_HZ, "before inhibition grows the neurons must fire far above rho0: "
                    + before);
            assertEquals(RHO0_HZ, learned, 0.1 * RHO0_HZ, "rate after learning");
        }
    }
}
