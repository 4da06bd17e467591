package org.hebb.opencl;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.population.Population;
import org.jocl.cl_mem;

/**
 * What the pieces of the OpenCL engine that are built around its shared buffers (populations, deliveries, rule
 * launches, astrocytes) need of it: the session, where each population lies, each projection's delivery buffers,
 * the spike lists and flags, the device traces, the step, and launches of its kernels.
 */
interface DeviceNetwork {
    /** The device session. */
    DeviceSession session();

    /** Where {@code population} lies in the shared buffers, or null if it is not in this network. */
    Layout layout(Population population);

    /** The delivery buffers {@code projection} is in. */
    ProjectionBuffers buffers(Projection projection);

    /** Steps of spike lists kept. */
    int listDepth();

    /** Neurons in the shared buffers (padded). */
    int total();

    /** Blocks of all populations. */
    int totalBlocks();

    /** The per-block spike lists, {@link #listDepth()} steps of them. */
    cl_mem lists();

    /** The per-block spike counts, {@link #listDepth()} steps of them. */
    cl_mem counts();

    /** The spike flag of every neuron in the last step. */
    cl_mem spiked();

    /** The device copy of {@code trace}. */
    DeviceTrace trace(Trace trace);

    /** A launch of kernel {@code name} over {@code items} work-items (see {@link KernelLaunch}). */
    KernelLaunch launch(String name, int items, boolean perBlock);

    /** A launch of kernel {@code name} over {@code items} work-items in work-groups of exactly {@code group}. */
    KernelLaunch launch(String name, int items, int group);

    /** Whether the work has the gpu shape (see {@link OpenClEngine#SHAPE_PROPERTY}). */
    boolean gpuShape();

    /** The step the engine is at (the next to run). */
    long currentStep();

    /**
     * The spikes of the population at index {@code group} of the network's populations in {@code step}, one of the
     * last {@link #listDepth()} steps run, counted on the device ({@link SpikeTotals}).
     */
    int spikeTotal(int group, long step);

    /**
     * The buffer a batch of {@code ints} spikes is gathered in before it crosses to the host, one for every
     * population (each reads its batch to the host before the next gathers).
     */
    cl_mem gatherBuffer(int ints);

    /**
     * Where a projection's synapses are in the delivery buffers of its target: the first row pointer and synapse
     * of the projection, the row pointers, targets, weights and delays of all projections onto the target, and each
     * row's segment per block where that table was made ({@code segmentTable}).
     */
    record ProjectionBuffers(int rowBase, int synapseBase, cl_mem rows, cl_mem targets, cl_mem weights, cl_mem delays,
                             boolean segmentTable, cl_mem segments) {
    }
}
