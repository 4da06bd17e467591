package org.hebb.simulator.engine;

import java.util.List;

import org.hebb.simulator.connect.Projection;

/** Run-time view of one projection: its rows split by the target's partitions, and its ring buffer. */
final class ProjectionRuntime {
    final String name;
    final PopulationRuntime source;
    final int[][] segments;
    final int[] targets;
    final float[] weights;
    final float uniformWeight;
    final short[] delays;
    final int uniformDelay;
    final float[][] ring;
    /** The variable weights are added to as they arrive, if the receptor receives directly (else null). */
    final float[] direct;
    final PopulationRuntime target;
    final SynapseUpdate[] updates;
    /** What the synapses transmit in place of their weights (short-term plasticity), or null. */
    final Transmission transmission;
    final SynapseRange[] ranges;
    /** Per partition, the synapses arriving in each step; only for plastic projections with delays. */
    final ArrivalRing[] arrivals;
    /**
     * How many spikes ahead delivery reads the start of a row, so that the row is on its way to the cache when its
     * turn comes (Java has no prefetch instruction; a load whose value is kept does the same).
     */
    static final int ROW_LOOKAHEAD = 2;
    /**
     * Written only when the look-ahead loads' sum is Integer.MIN_VALUE: a use of their values that the compiler
     * cannot drop, with no store from every thread in every step.
     */
    private int lookedAhead;

    ProjectionRuntime(Projection projection, PopulationRuntime source, PopulationRuntime target,
                      List<SynapseUpdate> updates, Transmission transmission) {
        Projection.SparseRows rows = projection.rows();
        this.name = projection.name();
        this.source = source;
        this.targets = rows.targets();
        this.weights = rows.weights();
        this.uniformWeight = rows.uniformWeight();
        this.delays = rows.delays();
        this.uniformDelay = rows.uniformDelay();
        this.ring = target.rings[projection.receptorIndex()];
        this.direct = target.directTargets[projection.receptorIndex()];
        this.target = target;
        this.updates = updates.toArray(new SynapseUpdate[0]);
        this.transmission = transmission;
        int parts = target.bounds.length - 1;
        int rowsCount = rows.rowPointer().length - 1;
        segments = new int[parts + 1][rowsCount];
        for (int i = 0; i < rowsCount; i++) {
            int start = rows.rowPointer()[i];
            int end = rows.rowPointer()[i + 1];
            segments[0][i] = start;
            segments[parts][i] = end;
            for (int k = 1; k < parts; k++) {
                segments[k][i] = Projection.SparseRows.firstAtLeast(targets, start, end, target.bounds[k]);
            }
        }
        arrivals = delays != null && this.updates.length > 0 ? new ArrivalRing[parts] : null;
        ranges = new SynapseRange[parts];
        for (int k = 0; k < parts; k++) {
            if (arrivals != null) {
                arrivals[k] = new ArrivalRing(ring.length);
            }
            ranges[k] = new SynapseRange(k, segments[k], segments[k + 1], target.bounds[k],
                    target.bounds[k + 1], targets, weights, delays, uniformDelay,
                    arrivals != null ? arrivals[k] : null);
        }
    }

    void clearArrivals() {
        if (arrivals != null) {
            for (ArrivalRing a : arrivals) {
                a.clearAll();
            }
        }
    }

    void update(int k, long spikeStep) {
        for (SynapseUpdate update : updates) {
            update.afterDelivery(ranges[k], spikeStep, source.views[source.slot(spikeStep)],
                    target.views[target.slot(spikeStep)]);
        }
    }

    void deliver(int k, long spikeStep) {
        final int[] from = segments[k];
        final int[] to = segments[k + 1];
        final int depth = ring.length;
        final int base = (int) (spikeStep % depth);
        final int spikeSlot = source.slot(spikeStep);
        final int[][] lists = source.spikes[spikeSlot];
        final int[] counts = source.counts[spikeSlot];
        final ArrivalRing arriving = arrivals != null ? arrivals[k] : null;
        if (arriving != null) {
            // the previous step's arrivals were handled by its synapse updates; the slot is reused now
            arriving.clear(base == 0 ? depth - 1 : base - 1);
        }
        final float[] sent;
        if (transmission != null) {
            transmission.beforeDelivery(ranges[k], spikeStep, source.views[spikeSlot]);
            sent = transmission.transmitted();
        } else {
            sent = weights;
        }
        final int sharedSlot = base + uniformDelay;
        final float[] sharedTarget = delays != null ? null
                : direct != null ? direct : ring[sharedSlot >= depth ? sharedSlot - depth : sharedSlot];
        int looked = 0;
        for (int part = 0; part < lists.length; part++) {
            final int[] list = lists[part];
            final int n = counts[part];
            for (int s = 0; s < n; s++) {
                int pre = list[s];
                if (s + ROW_LOOKAHEAD < n) {
                    looked += lookAhead(from[list[s + ROW_LOOKAHEAD]], to[list[s + ROW_LOOKAHEAD]]);
                }
                if (sharedTarget != null) {
                    if (sent == null) {
                        deliverRow(sharedTarget, from[pre], to[pre], uniformWeight);
                    } else {
                        deliverRow(sharedTarget, from[pre], to[pre], sent);
                    }
                } else if (sent == null) {
                    deliverRowWithDelays(base, depth, from[pre], to[pre], uniformWeight);
                } else {
                    deliverRowWithDelays(base, depth, from[pre], to[pre], sent);
                }
                if (arriving != null) {
                    arriving.record(base, from[pre], to[pre], delays);
                }
            }
        }
        if (looked == Integer.MIN_VALUE) {
            lookedAhead = looked;
        }
    }

    /** Reads the first target of row segment [start, end) and the one 32 synapses on (two cache lines apart). */
    private int lookAhead(int start, int end) {
        if (start >= end) {
            return 0;
        }
        return targets[start] + targets[Math.min(start + 32, end - 1)];
    }

    private void deliverRow(float[] slot, int start, int end, float weight) {
        for (int j = start; j < end; j++) {
            slot[targets[j]] += weight;
        }
    }

    private void deliverRow(float[] slot, int start, int end, float[] sent) {
        for (int j = start; j < end; j++) {
            slot[targets[j]] += sent[j];
        }
    }

    private void deliverRowWithDelays(int base, int depth, int start, int end, float weight) {
        for (int j = start; j < end; j++) {
            int slot = base + delays[j];
            ring[slot >= depth ? slot - depth : slot][targets[j]] += weight;
        }
    }

    private void deliverRowWithDelays(int base, int depth, int start, int end, float[] sent) {
        for (int j = start; j < end; j++) {
            int slot = base + delays[j];
            ring[slot >= depth ? slot - depth : slot][targets[j]] += sent[j];
        }
    }

    /**
     * Lists again, after a restore at {@code step}, the synapses that delivery had listed and that have not yet
     * arrived or were the last to: those of the source's spikes of steps {@code continuousFrom} to {@code step - 2}
     * (delivered) whose arrival step is {@code step - 2} or later, in the order delivery lists them (spike step,
     * then presynaptic neuron, then synapse). The source keeps enough steps of spikes for this
     * ({@link PlasticityWiring#spikeStepsKept}).
     */
    void listArrivals(long step, long continuousFrom) {
        if (arrivals == null) {
            return;
        }
        clearArrivals();
        long lastDelivered = step - 2;
        int depth = ring.length;
        for (long t = Math.max(continuousFrom, step - source.views.length); t <= lastDelivered; t++) {
            int slot = source.slot(t);
            int base = (int) (t % depth);
            for (int part = 0; part < source.spikes[slot].length; part++) {
                int[] list = source.spikes[slot][part];
                for (int s = 0, n = source.counts[slot][part]; s < n; s++) {
                    int pre = list[s];
                    for (int k = 0; k < arrivals.length; k++) {
                        arrivals[k].recordFrom(base, segments[k][pre], segments[k + 1][pre], delays,
                                (int) (lastDelivered - t));
                    }
                }
            }
        }
    }
}
