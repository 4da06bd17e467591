package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The event-driven engine where its exact arithmetic meets its limits: a refractory period that holds nothing, a
 * crossing far from the last event, an equilibrium exactly at threshold, a strict threshold reached exactly, and
 * arrivals at one instant through a shared and a per-synapse delay. Spike times against closed forms.
 */
class EventDrivenEdgeCasesTest {
    private static Network.Builder eventDriven() {
        return Network.builder().engine(EngineKind.EVENT_DRIVEN);
    }

    /**
     * NALSM's neuron holds nothing while refractory (the period only blocks the threshold), so v integrates from
     * the reset at once: with i_offset = 1 mV/ms, v = 64 (1 - exp(-t / 64)) mV after each reset reaches 20 mV
     * every 64 ln(64 / 44) = 23.98 ms, past the 3 ms period.
     */
    @Test
    void aRefractoryPeriodThatHoldsNothingLetsTheMembraneIntegrate() {
        try (Network net = eventDriven().dt(1).build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, NalsmLif.builder().iOffset(1).build());
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(80);
            double interval = 64 * Math.log(64.0 / 44);
            assertArrayEquals(new double[] {interval, 2 * interval, 3 * interval}, spikes.times(), 1e-9);
        }
    }

    /**
     * tau_m = 2 s and an equilibrium 0.1 mV above threshold: the first spike comes 2000 ln(15.1 / 0.1) = 10,034.6
     * ms after the start, where doubles are coarser than the search's tolerance of 1e-12 ms. (The timeout only
     * turns a search that never ends into a failure.)
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCrossingSecondsAfterTheLastEventIsFound() {
        try (Network net = eventDriven().build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, IfCurrExp.builder().cm(1).tauM(2000).vRest(-65)
                    .vThresh(-50).iOffset(15.1 / 2000).build());
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(10_100);
            assertArrayEquals(new double[] {2000 * Math.log(15.1 / 0.1)}, spikes.times(), 1e-6);
        }
    }

    /** v = -50 - 15 exp(-t / 20) mV approaches a threshold of -50 mV and never reaches it: no spike in 40 s. */
    @Test
    void anEquilibriumExactlyAtThresholdIsNeverReached() {
        try (Network net = eventDriven().build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, IfCurrDelta.builder().cm(1).tauM(20).vRest(-65)
                    .vThresh(-50).iOffset(0.75).build());
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(40_000);
            assertEquals(0, spikes.totalCount());
        }
    }

    /**
     * A threshold {@code v > v_thresh}: a jump onto it exactly (-65 + 15 = -50) does not fire, as on the
     * clock-driven engine; the next jump above it does, at its arrival.
     */
    @Test
    void aStrictThresholdReachedExactlyDoesNotFire() {
        NeuronDefinition strict = NeuronDefinition.builder("strict_lif").parameter("tau_m", "ms", 10)
                .parameter("v_rest", "mV", -65).parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -70)
                .equations("dv/dt = (v_rest - v) / tau_m : mV").initial("v", "v_rest")
                .threshold("v > v_thresh").reset("v = v_reset")
                .receptor(Receptor.of("input", "mV", "v += weight").actingAfterIntegration()).build();
        for (Network.Builder builder : new Network.Builder[] {eventDriven(), Network.builder().threads(1)}) {
            try (Network net = builder.build()) {
                SpikeTimesSource input = net.addSpikeTimes("input", new double[][] {{1.0}, {3.0}});
                NeuronPopulation cell = net.addNeurons("cell", 1, strict.model());
                net.connect(input, cell, Connectors.fromList(new int[] {0}, new int[] {0}), Synapses.onto("input")
                        .named("onto").weights(Values.constant(15)).delays(Delays.steps(1)));
                net.connect(input, cell, Connectors.fromList(new int[] {1}, new int[] {0}), Synapses.onto("input")
                        .named("above").weights(Values.constant(16)).delays(Delays.steps(1)));
                SpikeMonitor spikes = net.monitorSpikes(cell);
                net.run(10);
                assertArrayEquals(new double[] {3.1}, spikes.times(), 1e-9, builder.toString());
            }
        }
    }

    /**
     * A spike reaches neuron 0 through +15 mV on a projection with one shared delay of a step and through -15 mV on
     * one whose delays differ per synapse, the first of them also a step: both arrive at one instant, count
     * together before the threshold is tested, and cancel.
     */
    @Test
    void arrivalsThroughSharedAndPerSynapseDelaysOfOneLengthAreSimultaneous() {
        try (Network net = eventDriven().build()) {
            SpikeTimesSource input = net.addSpikeTimes("input", new double[][] {{1.0}});
            NeuronPopulation cells = net.addNeurons("cells", 2, IfCurrDelta.builder().vRest(-65).vThresh(-50)
                    .build());
            net.connect(input, cells, Connectors.fromList(new int[] {0}, new int[] {0}), Synapses
                    .onto("excitatory").weights(Values.constant(15)).delays(Delays.steps(1)));
            net.connect(input, cells, Connectors.fromList(new int[] {0, 0}, new int[] {0, 1}), Synapses
                    .onto("inhibitory").weights(Values.constant(-15)).delays(new int[] {1, 2}));
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(5);
            assertEquals(0, spikes.totalCount(), "spikes at " + java.util.Arrays.toString(spikes.times()));
        }
    }

    /**
     * A reset that leaves v at threshold, with no refractory period, would fire the neuron again at the instant
     * it fired, without end: the run stops at the first spike (10 ln(100 / 85) = 1.625 ms) with an error naming
     * the neuron. (The timeout only turns a run that never ends into a failure.)
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aResetThatLeavesTheNeuronAtThresholdIsRefused() {
        NeuronDefinition atThreshold = NeuronDefinition.builder("reset_at_threshold").parameter("tau_m", "ms", 10)
                .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -50)
                .equations("dv/dt = (-65*mV - v + 100*MOhm * I_inj) / tau_m : mV\n")
                .initial("v", "-65*mV").threshold("v >= v_thresh").reset("v = v_reset").build();
        try (Network net = eventDriven().build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, atThreshold.model());
            cell.inject(Currents.constant(1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.run(5));
            assertTrue(e.getMessage().contains("neuron 0 of population 'cell'")
                    && e.getMessage().contains("refractory period must be > 0 ms"), e.getMessage());
        }
    }
}
