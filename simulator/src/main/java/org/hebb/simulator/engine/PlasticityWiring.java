package org.hebb.simulator.engine;

import java.util.List;
import java.util.Map;

import org.hebb.simulator.connect.Projection;

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
}
