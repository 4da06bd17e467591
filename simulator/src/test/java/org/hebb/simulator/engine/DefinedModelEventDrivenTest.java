package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.ReadmeModel;
import org.junit.jupiter.api.Test;

/**
 * A model the user defines (README's adapting LIF: spike-triggered adaptation, exponential synaptic current) runs on
 * the event-driven engine from its definition alone, and its spike train converges to the event-driven one as the
 * clock-driven engine's step shrinks; a nonlinear model is refused naming the term.
 */
class DefinedModelEventDrivenTest {
    /** Spike times of one neuron under a constant current, kicked by one input at 30 ms, over 300 ms. */
    private static double[] spikeTimes(Network.Builder builder) {
        DefinedNeuronModel model = ReadmeModel.ADAPTIVE_LIF.model();
        try (Network net = builder.seed(1).build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, model);
            cell.inject(Currents.constant(0.4));
            var kick = net.addSpikeTimes("kick", new double[][] {{30}});
            net.connect(kick, cell, Connectors.oneToOne(), Synapses.onto("synaptic")
                    .weights(Values.constant(0.5)).delays(Delays.ms(1)));
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(300);
            return spikes.times();
        }
    }

    @Test
    void adaptingLifRunsEventDrivenAndTheClockConvergesToIt() {
        double[] event = spikeTimes(Network.builder().engine(EngineKind.EVENT_DRIVEN));
        assertTrue(event.length > 8, "test setup: too few spikes " + event.length);
        assertTrue(event[event.length - 1] - event[event.length - 2] > event[1] - event[0],
                "test setup: the neuron adapts");
        double previous = Double.POSITIVE_INFINITY;
        // each spike on the grid can shift the rest of the train by up to a step, so the error is compared between
        // steps ten times apart; not below 0.01 ms, where the float propagator exp(-dt / tau_m), rounded by up to
        // 3e-8 against 1 - P = dt / tau_m, shifts the clock-driven times by more than a step
        for (double dt : new double[] {0.1, 0.01}) {
            double[] clock = spikeTimes(Network.builder().dt(dt).threads(1));
            assertEquals(event.length, clock.length, "dt = " + dt + ": spike count");
            double worst = 0;
            for (int n = 0; n < event.length; n++) {
                double error = Math.abs(clock[n] - event[n]);
                assertTrue(error <= (n + 2) * dt, "dt = " + dt + ", spike " + n + ": error " + error);
                worst = Math.max(worst, error);
            }
            assertTrue(worst < previous, "dt = " + dt + ": error " + worst + " did not shrink from " + previous);
            previous = worst;
        }
    }

    @Test
    void conductanceModelIsRefusedNamingTheTerm() {
        try (Network net = Network.builder().engine(EngineKind.EVENT_DRIVEN).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.addNeurons("cond", 10, IfCondExp.builder().build()));
            assertTrue(e.getMessage().contains("population 'cond'") && e.getMessage().contains("g_e")
                    && e.getMessage().contains("CLOCK_DRIVEN"), e.getMessage());
        }
    }
}
