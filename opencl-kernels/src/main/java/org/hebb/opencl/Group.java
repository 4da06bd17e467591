package org.hebb.opencl;

import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.Population;
import org.jocl.cl_mem;

/** One population on the device: its update, the compaction of its spikes, and their reading on demand. */
abstract class Group {
    final DeviceNetwork network;
    final DeviceSession session;
    final Population population;
    final Layout layout;
    final KernelLaunch update;
    KernelLaunch compact;
    final int[] spikeList;
    final int[] spikeCount = new int[1];
    final SpikeView view;
    /** This group's spike counts per slot and block, and its spikes of the steps fetched last. */
    int[] blockCounts;
    HostArray blockCountsHost;
    int[] fetchedStart;
    int[] fetchedCount;
    int[] fetched = new int[0];
    HostArray fetchedHost;
    SpikeListGather listGather;
    long fetchedFrom = -1;
    long fetchedTo = -1;
    /** The step whose spikes the view holds, and the step whose spikes it must hold when read. */
    long viewStep = -1;
    long wantedStep = -1;

    Group(DeviceNetwork network, Population population, Layout layout, String kernel) {
        this.network = network;
        this.session = network.session();
        this.population = population;
        this.layout = layout;
        this.update = network.launch(kernel, layout.padded(), false);
        update.arg(1, layout.padded());
        this.spikeList = new int[population.size()];
        this.view = SpikeView.filledOnDemand(spikeList, spikeCount, this::fill);
    }

    /** Binds the shared buffers, once they exist. */
    void bind() {
        blockCounts = new int[network.listDepth() * layout.blocks()];
        blockCountsHost = HostArray.of(blockCounts);
        fetchedStart = new int[network.listDepth()];
        fetchedCount = new int[network.listDepth()];
        listGather = new SpikeListGather(network, layout);
        update.args(2, network.spiked(), layout.offset());
        if (network.gpuShape()) {
            compact = network.launch("compact_scan", layout.blocks() * DeviceSession.SCAN_BLOCK,
                    DeviceSession.SCAN_BLOCK);
            compact.args(1, population.size(), layout.blocks(), layout.offset(), layout.blockOffset(), network.total(),
                    network.totalBlocks(), network.spiked(), network.lists(), network.counts(), network.listDepth());
        }
    }

    /** Brings what the host changed to the device before a step. */
    void prepare() {
    }

    /** This population as the fused step updates it. */
    abstract FusedStep.Part part();

    /** The update, and in the gpu shape the compaction of this population's spikes. */
    void launch() {
        prepare();
        update.run();
        if (compact != null) {
            compact.run();
        }
    }

    /** The kernels {@link #launch()} runs. */
    int kernels() {
        return compact != null ? 2 : 1;
    }

    /** After a reset: the host's values are the truth again. */
    void restarted() {
        viewStep = -1;
        wantedStep = -1;
        fetchedFrom = -1;
        fetchedTo = -1;
        spikeCount[0] = 0;
    }

    /** The spikes of {@code spikeStep}, read from the device only if a monitor reads them. */
    SpikeView spikesOf(long spikeStep) {
        wantedStep = spikeStep;
        return view;
    }

    private void fill() {
        if (viewStep == wantedStep) {
            return;
        }
        int count = 0;
        if (wantedStep >= 0) {
            if (wantedStep < fetchedFrom || wantedStep > fetchedTo) {
                fetch(wantedStep, network.currentStep() - 1);
            }
            int slot = (int) (wantedStep % network.listDepth());
            count = fetchedCount[slot];
            System.arraycopy(fetched, fetchedStart[slot], spikeList, 0, count);
        }
        spikeCount[0] = count;
        viewStep = wantedStep;
    }

    /**
     * Reads the spikes of steps {@code from} to {@code to} (the batch the network is handing to the monitors):
     * this group's counts of every slot in one read, then every non-empty block list gathered into the gather buffer
     * on the device ({@link SpikeListGather}), and that read in one: two waits per batch. (JOCL allocates for every
     * read that does not wait, so the block lists are not read one by one without waiting.)
     */
    private void fetch(long from, long to) {
        session.readColumns(network.counts(), network.totalBlocks(), layout.blockOffset(), layout.blocks(),
                network.listDepth(), blockCountsHost);
        int spikes = 0;
        for (long s = from; s <= to; s++) {
            int slot = (int) (s % network.listDepth());
            fetchedStart[slot] = spikes;
            for (int b = 0; b < layout.blocks(); b++) {
                spikes += blockCounts[slot * layout.blocks() + b];
            }
            fetchedCount[slot] = spikes - fetchedStart[slot];
        }
        if (fetched.length < spikes) {
            fetched = new int[DeviceLayout.grownCapacity(fetched.length, spikes)];
            fetchedHost = HostArray.of(fetched);
        }
        if (spikes > 0) {
            cl_mem gather = network.gatherBuffer(spikes);
            listGather.gather(from, to, blockCounts, gather);
            session.read(gather, 0, fetchedHost, spikes);
        }
        fetchedFrom = from;
        fetchedTo = to;
    }
}
