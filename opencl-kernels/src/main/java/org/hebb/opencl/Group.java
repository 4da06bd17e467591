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
    /** The most spikes one batch holds (in one Java array). */
    static final int MAX_FETCHED = Integer.MAX_VALUE - 8;
    final int[] spikeList;
    final int[] spikeCount = new int[1];
    final SpikeView view;
    /** This population's index among the network's. */
    int index;
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
        this.view = SpikeView.filledOnDemand(spikeList, spikeCount, this::fill, this::counted);
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

    /**
     * The number of spikes of the step the view is for: from what has been read already, else counted on the
     * device, without reading the lists (a monitor that counts spikes, such as the runaway check, costs no more).
     */
    private int counted() {
        if (viewStep == wantedStep) {
            return spikeCount[0];
        }
        if (wantedStep < 0) {
            return 0;
        }
        if (wantedStep >= fetchedFrom && wantedStep <= fetchedTo) {
            return fetchedCount[(int) (wantedStep % network.listDepth())];
        }
        return network.spikeTotal(index, wantedStep);
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
     * Reads the spikes of steps {@code from} to {@code to} (the batch the network is handing to the monitors), or of
     * as many of them as one array holds ({@link #layOut}; the rest are read when a monitor asks for them): this
     * group's counts of every slot in one read, then every non-empty block list gathered into the gather buffer
     * on the device ({@link SpikeListGather}), and that read in one: two waits per batch. (JOCL allocates for every
     * read that does not wait, so the block lists are not read one by one without waiting.)
     */
    private void fetch(long from, long to) {
        session.readColumns(network.counts(), network.totalBlocks(), layout.blockOffset(), layout.blocks(),
                network.listDepth(), blockCountsHost);
        long last = layOut(from, to, network.listDepth(), layout.blocks(), blockCounts, fetchedStart, fetchedCount);
        int lastSlot = (int) (last % network.listDepth());
        int spikes = fetchedStart[lastSlot] + fetchedCount[lastSlot];
        if (fetched.length < spikes) {
            fetched = new int[DeviceLayout.grownCapacity(fetched.length, spikes)];
            fetchedHost = HostArray.of(fetched);
        }
        if (spikes > 0) {
            cl_mem gather = network.gatherBuffer(spikes);
            listGather.gather(from, last, blockCounts, gather);
            session.read(gather, 0, fetchedHost, spikes);
        }
        fetchedFrom = from;
        fetchedTo = last;
    }

    /**
     * Lays out the spikes of steps {@code from} to {@code to} one step after the other, each step's blocks in order,
     * given the counts per slot and block ({@code blocks} blocks a slot, a ring of {@code listDepth} slots): the
     * first index ({@code start}) and the number ({@code count}) of each step's spikes, by slot. Counts in long and
     * stops before the step that would take the batch past {@link #MAX_FETCHED} spikes (steps of a big population
     * may hold more than one array); {@code from}'s spikes, at most a population's size, always fit.
     *
     * @return the last step laid out: {@code to}, or an earlier one where the batch would not fit
     */
    static long layOut(long from, long to, int listDepth, int blocks, int[] blockCounts, int[] start, int[] count) {
        long spikes = 0;
        for (long s = from; s <= to; s++) {
            int slot = (int) (s % listDepth);
            long inStep = 0;
            for (int b = 0; b < blocks; b++) {
                inStep += blockCounts[slot * blocks + b];
            }
            if (s > from && spikes + inStep > MAX_FETCHED) {
                return s - 1;
            }
            start[slot] = (int) spikes;
            count[slot] = (int) inStep;
            spikes += inStep;
        }
        return to;
    }
}
