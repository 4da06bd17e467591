package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Copies one population's block lists of a batch of steps, one after another, into the gather buffer on the device:
 * one launch of {@code gather_lists} (spike_lists.cl), or, on a device that cannot run it in work-groups of
 * {@link DeviceSession#SCAN_BLOCK}, a copy command per non-empty list. A GPU spends microseconds on each command,
 * and the cortical microcircuit fills a few dozen lists a step. Allocates nothing per batch.
 */
final class SpikeListGather {
    private final DeviceNetwork network;
    private final DeviceSession session;
    private final Layout layout;
    /** Null where the device cannot run it. */
    private final cl_kernel kernel;
    private final long[] first = new long[1];
    private final Pointer firstPointer = Pointer.to(first);
    private final int[] steps = new int[1];
    private final Pointer stepsPointer = Pointer.to(steps);
    /** The launch: one work-group of SCAN_BLOCK work-items. */
    private final long[] oneGroup = {DeviceSession.SCAN_BLOCK};
    private cl_mem boundGather;

    SpikeListGather(DeviceNetwork network, Layout layout) {
        this.network = network;
        this.session = network.session();
        this.layout = layout;
        cl_kernel gather = session.kernel("gather_lists");
        kernel = session.workGroupSize(gather) >= DeviceSession.SCAN_BLOCK ? gather : null;
        if (kernel != null) {
            int[] ints = {layout.size(), layout.blocks(), layout.offset(), layout.blockOffset(), network.total(),
                network.totalBlocks()};
            for (int k = 0; k < ints.length; k++) {
                clSetKernelArg(kernel, 2 + k, Sizeof.cl_int, Pointer.to(new int[] {ints[k]}));
            }
            clSetKernelArg(kernel, 8, Sizeof.cl_mem, Pointer.to(network.lists()));
            clSetKernelArg(kernel, 9, Sizeof.cl_mem, Pointer.to(network.counts()));
            clSetKernelArg(kernel, 10, Sizeof.cl_int, Pointer.to(new int[] {network.listDepth()}));
        }
    }

    /**
     * Enqueues the copy of the lists of steps {@code from} to {@code to} into {@code gather}, given this population's
     * counts per slot and block ({@code blockCounts}, as the host read them).
     */
    void gather(long from, long to, int[] blockCounts, cl_mem gather) {
        if (kernel != null) {
            if (gather != boundGather) {
                clSetKernelArg(kernel, 11, Sizeof.cl_mem, Pointer.to(gather));
                boundGather = gather;
            }
            first[0] = from;
            steps[0] = (int) (to - from + 1);
            clSetKernelArg(kernel, 0, Sizeof.cl_long, firstPointer);
            clSetKernelArg(kernel, 1, Sizeof.cl_int, stepsPointer);
            session.launch(kernel, oneGroup, oneGroup);
            return;
        }
        int position = 0;
        for (long s = from; s <= to; s++) {
            int slot = (int) (s % network.listDepth());
            for (int b = 0; b < layout.blocks(); b++) {
                int n = blockCounts[slot * layout.blocks() + b];
                if (n > 0) {
                    long at = (long) slot * network.total() + layout.offset() + layout.blockStart(b);
                    session.copyInts(network.lists(), (long) Sizeof.cl_int * at, gather,
                            (long) Sizeof.cl_int * position, n);
                    position += n;
                }
            }
        }
    }
}
