package org.hebb.opencl;

import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * Every population's number of spikes in each step whose lists the device keeps, summed over its blocks on the
 * device ({@code population_totals}, spike_lists.cl) and read in one: a launch and {@code 4 * populations *
 * listDepth} bytes, however many blocks, at most once per step the engine reaches, and only when asked (a monitor
 * that counts a population's spikes without reading them). Allocates nothing per read.
 */
final class SpikeTotals {
    private final DeviceLayout network;
    private final KernelLaunch launch;
    private final cl_mem totals;
    private final int[] host;
    private final HostArray hostArray;
    private final int groups;
    /**
     * The engine's step when the totals were last read, or -1: monitors are handed steps only after steps have run,
     * so a reset, which zeroes the counts without moving the clock, is always followed by a new read.
     */
    private long readAt = -1;

    SpikeTotals(DeviceLayout network) {
        this.network = network;
        this.groups = network.groups.length;
        int[] blockStarts = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            blockStarts[g + 1] = network.groups[g].layout.blockOffset() + network.groups[g].layout.blocks();
        }
        int entries = groups * network.listDepth;
        host = new int[entries];
        hostArray = HostArray.of(host);
        totals = network.session.scratch((long) Sizeof.cl_int * entries);
        launch = network.launch("population_totals", entries, false);
        launch.args(1, groups, network.listDepth, network.totalBlocks, network.session.ints(blockStarts),
                network.counts, totals);
    }

    /** The spikes of group {@code group} in step {@code step}, one of the last {@code listDepth} steps run. */
    int total(int group, long step) {
        if (readAt != network.step) {
            launch.run();
            network.session.read(totals, hostArray);
            readAt = network.step;
        }
        return host[(int) (step % network.listDepth) * groups + group];
    }
}
