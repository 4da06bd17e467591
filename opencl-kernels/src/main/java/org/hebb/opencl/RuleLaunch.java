package org.hebb.opencl;

import org.hebb.simulator.connect.IncomingSynapses;
import org.hebb.simulator.connect.Projection;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A plasticity rule's kernel on one projection, on the weights its target's delivery uses: the arguments every
 * rule kernel takes first (see RULE_ARGS in rules.cl), the transposed index, and the weights copied back.
 */
abstract class RuleLaunch {
    /** The first argument a rule's own kernel sets. */
    static final int OWN_ARGUMENTS = 19;
    final DeviceNetwork network;
    final DeviceSession session;
    final Projection projection;
    final KernelLaunch launch;
    final DeviceNetwork.ProjectionBuffers delivery;
    final int synapseBase;
    final cl_mem inStart;
    final cl_mem inSynapse;
    final cl_mem inSource;
    private final HostArray hostWeights;
    /** Whether the rule runs the gpu shape's kernels instead of {@link #launch}. */
    private boolean gpuShapeKernels;
    /** In the gpu shape, the presynaptic work by source blocks (null without any, and in the cpu shape). */
    private KernelLaunch pushed;
    /** In the gpu shape, the postsynaptic work with a work-group per target block (null without any). */
    private KernelLaunch post;

    RuleLaunch(DeviceNetwork network, String kernel, Projection projection, float[] hostWeights) {
        this.network = network;
        this.session = network.session();
        this.projection = projection;
        this.hostWeights = HostArray.of(hostWeights);
        Layout t = network.layout(projection.target());
        Layout s = network.layout(projection.source());
        delivery = network.buffers(projection);
        int rowBase = delivery.rowBase();
        synapseBase = delivery.synapseBase();
        IncomingSynapses in = projection.incoming();
        inStart = session.ints(in.start());
        inSynapse = session.ints(offsetBy(in.synapse(), synapseBase));
        inSource = session.ints(in.source());
        launch = network.launch(kernel, t.blocks(), true);
        launch.args(1, t.size(), t.blocks(), network.listDepth(), network.total(), network.totalBlocks(),
                network.lists(), network.counts(), s.offset(), s.size(), s.blocks(), s.blockOffset(), t.offset(),
                t.blockOffset(), rowBase, delivery.rows(), delivery.targets(), delivery.segmentTable() ? 1 : 0,
                delivery.segments());
    }

    /**
     * In the gpu shape, the rule runs kernels {@code kernel_pushed} (where {@code pushedToo}), with a work-group per
     * source block, and {@code kernel_post} (where {@code postToo}), with a work-group per target block, instead of
     * {@code kernel}; both take its arguments, so call this once they are all set.
     */
    final void useGpuShapeKernels(String kernel, boolean pushedToo, boolean postToo) {
        if (!network.gpuShape()) {
            return;
        }
        gpuShapeKernels = true;
        if (pushedToo) {
            pushed = network.launch(kernel + "_pushed", network.layout(projection.source()).blocks()
                    * Delivery.PUSH_GROUP, Delivery.PUSH_GROUP);
            pushed.argumentsOf(launch);
        }
        if (postToo) {
            post = network.launch(kernel + "_post", network.layout(projection.target()).blocks()
                    * Delivery.PUSH_GROUP, Delivery.PUSH_GROUP);
            post.argumentsOf(launch);
        }
    }

    void run() {
        if (!gpuShapeKernels) {
            launch.run();
            return;
        }
        if (pushed != null) {
            pushed.run();
        }
        if (post != null) {
            post.run();
        }
    }

    /** The kernels a step launches for this rule. */
    int kernels() {
        return gpuShapeKernels ? (pushed != null ? 1 : 0) + (post != null ? 1 : 0) : 1;
    }

    /** The function that does the rule's work on one target block, in a generated step (rules that have one). */
    String blockFunction() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no block function");
    }

    /** Whether it can run inside the step as one kernel (which runs many steps without the host). */
    boolean fusable() {
        return true;
    }

    /** Whether it runs before the step's delivery (what synapses send) rather than after it (learning). */
    boolean beforeDelivery() {
        return false;
    }

    /**
     * The delay of each incoming synapse in the transposed order, so that potentiation reads them in sequence
     * rather than one cache miss each.
     */
    int[] incomingDelays() {
        Projection.SparseRows rows = projection.rows();
        int[] synapse = projection.incoming().synapse();
        int[] delays = new int[synapse.length];
        for (int c = 0; c < synapse.length; c++) {
            delays[c] = rows.delays() == null ? rows.uniformDelay() : rows.delays()[synapse[c]];
        }
        return delays;
    }

    /** Copies the weights (and whatever else the rule keeps on the device) back into the rule's arrays. */
    void download() {
        session.read(delivery.weights(), (long) Sizeof.cl_float * synapseBase, hostWeights);
    }

    /** Sends the weights (and whatever else the rule keeps on the device) from the host after a restore. */
    void restored() {
        session.write(delivery.weights(), (long) Sizeof.cl_float * synapseBase, hostWeights);
    }

    /** Zeroes the rule's dynamic state on the device when the network's dynamics restart (none by default). */
    void restarted() {
    }

    /** {@code values} each plus {@code offset}. */
    static int[] offsetBy(int[] values, int offset) {
        int[] shifted = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            shifted[k] = values[k] + offset;
        }
        return shifted;
    }
}
