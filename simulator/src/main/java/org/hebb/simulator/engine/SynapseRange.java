package org.hebb.simulator.engine;

/**
 * The synapses of a projection onto one thread's range of target neurons (partition {@link #partition()}): for
 * presynaptic element i, synapse indices {@code rowStart(i)} to {@code rowEnd(i) - 1}, whose targets lie in
 * [{@code targetFrom}, {@code targetTo}). Weights are the projection's live array: writes take effect in the next
 * delivery.
 */
public final class SynapseRange {
    private final int partition;
    private final int[] rowStart;
    private final int[] rowEnd;
    private final int targetFrom;
    private final int targetTo;
    private final int[] targets;
    private final float[] weights;
    private final short[] delays;
    private final int uniformDelay;
    private final ArrivalRing arrivals;

    SynapseRange(int partition, int[] rowStart, int[] rowEnd, int targetFrom, int targetTo, int[] targets,
                 float[] weights, short[] delays, int uniformDelay, ArrivalRing arrivals) {
        this.partition = partition;
        this.rowStart = rowStart;
        this.rowEnd = rowEnd;
        this.targetFrom = targetFrom;
        this.targetTo = targetTo;
        this.targets = targets;
        this.weights = weights;
        this.delays = delays;
        this.uniformDelay = uniformDelay;
        this.arrivals = arrivals;
    }

    /** The thread partition: index into {@link SpikeView#neurons(int)} of the target population's spikes. */
    public int partition() {
        return partition;
    }

    /** First synapse index of presynaptic element {@code pre} in this range. */
    public int rowStart(int pre) {
        return rowStart[pre];
    }

    /** One past the last synapse index of presynaptic element {@code pre} in this range. */
    public int rowEnd(int pre) {
        return rowEnd[pre];
    }

    /** First target neuron of this range. */
    public int targetFrom() {
        return targetFrom;
    }

    /** One past the last target neuron of this range. */
    public int targetTo() {
        return targetTo;
    }

    /** Target neuron of each synapse (read only). */
    public int[] targets() {
        return targets;
    }

    /** Weight of each synapse: the projection's live array. */
    public float[] weights() {
        return weights;
    }

    /** Delay of each synapse in steps (read only), or null when every synapse has {@link #uniformDelay()}. */
    public short[] delays() {
        return delays;
    }

    /** The delay of every synapse in steps, when {@link #delays()} is null. */
    public int uniformDelay() {
        return uniformDelay;
    }

    /**
     * The synapses of this range whose presynaptic spikes arrive in step {@code step} (emitted {@code delay} steps
     * before it), at positions 0 to {@link #arrivingCount(long) arrivingCount(step)} - 1, in no particular order
     * (read only). Kept for plastic projections with per-synapse delays ({@link #delays()} not null), for the
     * step whose synapse updates run only: delivery reuses the previous step's list.
     */
    public int[] arrivingSynapses(long step) {
        return arrivals().synapses((int) (step % arrivals.depth()));
    }

    /** How many synapses {@link #arrivingSynapses(long)} lists for {@code step}. */
    public int arrivingCount(long step) {
        return arrivals().count((int) (step % arrivals.depth()));
    }

    private ArrivalRing arrivals() {
        if (arrivals == null) {
            throw new IllegalStateException("arrivals are kept only for projections with per-synapse delays: "
                    + "with one delay d, the spikes arriving in step s are those of step s - d");
        }
        return arrivals;
    }
}
