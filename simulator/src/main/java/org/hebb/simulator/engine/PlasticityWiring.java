package org.hebb.simulator.engine;

import java.util.List;
import java.util.Map;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.population.Population;

/**
 * What the engine runs for plasticity: synapse updates per projection (in attachment order), the shared traces
 * it advances, the spike histories it keeps, the global updates it calls after the synapse updates, and what
 * projections transmit in place of their weights (clock-driven engine); spike-event updates per projection
 * (event-driven engine); reset actions (both).
 */
public record PlasticityWiring(Map<Projection, List<SynapseUpdate>> synapseUpdates, List<Trace> traces,
                               List<SpikeHistory> spikeHistories, List<GlobalUpdate> globalUpdates,
                               List<Runnable> resetActions, Map<Projection, List<SpikeEventUpdate>> eventUpdates,
                               Map<Projection, Transmission> transmissions) {
    /** No plasticity. */
    public static PlasticityWiring none() {
        return new PlasticityWiring(Map.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of());
    }

    /**
     * Steps of spike lists kept for {@code population}: the last two at least, as many as its spike histories
     * need, and for the source of a plastic projection enough to see a spike arrive after the projection's longest
     * delay and be learned from. Every clock-driven engine keeps at least this many and a checkpoint holds this
     * many, so that a checkpoint is the same whatever the backend.
     */
    public int spikeStepsKept(Population population, List<Projection> projections) {
        int steps = 2;
        for (SpikeHistory history : spikeHistories) {
            if (history.population() == population) {
                steps = Math.max(steps, history.depth() + 1);
            }
        }
        for (Projection p : projections) {
            if (p.source() == population && !synapseUpdates.getOrDefault(p, List.of()).isEmpty()) {
                steps = Math.max(steps, p.maxDelay() + 2);
            }
        }
        return steps;
    }
}
