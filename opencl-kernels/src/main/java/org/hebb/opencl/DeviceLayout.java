package org.hebb.opencl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.random.Seeds;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A network laid out on an OpenCL device: every population cut into blocks (as the Java backend cuts it among
 * threads) and padded in the shared buffers, the spike flags, the spike lists and counts of the last {@link
 * #listDepth} steps, the delivery onto each target population, the shared traces, and the step the engine is at.
 * The engine's pieces see it as a {@link DeviceNetwork}.
 */
final class DeviceLayout implements DeviceNetwork {
    /**
     * Neurons per block at least, and blocks per compute unit at most: one, as the Java backend has one partition
     * per thread (more blocks measured slower on PoCL: each work-group costs time to start, and where a batch of
     * steps is one launch ({@link FusedStep}), two or four blocks per core ran 5-30% slower than one on two cores
     * from 4000 to 10^6 neurons, static or plastic).
     */
    private static final int MIN_BLOCK = 256;
    private static final int BLOCKS_PER_COMPUTE_UNIT = 1;
    /** Populations are padded to a multiple of this (a multiple of every power-of-two work-group size used). */
    private static final int PADDING = 256;
    /**
     * Spike monitors read the device's spike lists at most this many steps at a time (fewer when the lists of
     * that many steps would exceed {@link #SPIKE_LIST_BYTES}): the device runs ahead without waiting for the host.
     */
    private static final int MONITOR_BATCH_STEPS = 64;
    private static final long SPIKE_LIST_BYTES = 64L << 20;
    private static final int SCAN_BLOCK = DeviceSession.SCAN_BLOCK;

    final DeviceSession session;
    /** Whether the work has the gpu shape (see {@link OpenClEngine#SHAPE_PROPERTY}). */
    final boolean gpuShape;
    final Group[] groups;
    final Map<Population, Group> byPopulation = new IdentityHashMap<>();
    final int total;
    final int totalBlocks;
    /** Steps of spike lists kept: as many as the rules need, and up to a monitor's batch. */
    final int listDepth;
    final cl_mem spiked;
    final cl_mem lists;
    final cl_mem counts;
    final WordClearing clearing;
    final Delivery[] deliveries;
    final DeviceTrace[] traces;
    /** The step kernels run, set by the engine before it launches them (their first argument). */
    final long[] stepArgument = new long[1];
    final Pointer stepPointer = Pointer.to(stepArgument);
    /** The step the engine is at (the next to run). */
    long step;
    /**
     * Where a monitor's batch of spike lists is gathered on the device to cross to the host in one read (grown to
     * the largest batch so far; null before the first).
     */
    private cl_mem gathered;
    private int gatheredInts;
    /** Every population's spikes per step, made when first asked for. */
    private SpikeTotals spikeTotals;

    /**
     * Lays out {@code populations} and {@code projections} on the device of {@code session}.
     *
     * @param dt            the time step, ms
     * @param models        the device model of each neuron population
     * @param traces        the shared traces the rules use
     * @param deliveryDepth steps of spike lists the rules need at least
     */
    DeviceLayout(DeviceSession session, boolean gpuShape, long startStep, double dt, long masterSeed,
                 List<Population> populations, List<Projection> projections,
                 Map<NeuronPopulation, DeviceModel> models, List<Trace> traces, int deliveryDepth) {
        this.session = session;
        this.gpuShape = gpuShape;
        this.step = startStep;
        int maxBlocks = Math.max(1, session.device.computeUnits() * BLOCKS_PER_COMPUTE_UNIT);
        int neurons = 0;
        int blocks = 0;
        groups = new Group[populations.size()];
        for (int g = 0; g < groups.length; g++) {
            Population p = populations.get(g);
            int count = gpuShape ? (p.size() + SCAN_BLOCK - 1) / SCAN_BLOCK
                    : Math.max(1, Math.min(maxBlocks, p.size() / MIN_BLOCK));
            Layout layout = new Layout(neurons, p.size(), padded(p.size()), blocks, count);
            neurons += layout.padded();
            blocks += count;
            if (p instanceof NeuronPopulation np) {
                int maxDelay = 0;
                for (Projection projection : projections) {
                    if (projection.target() == np) {
                        maxDelay = Math.max(maxDelay, projection.maxDelay());
                    }
                }
                groups[g] = new NeuronGroup(this, np, layout, models.get(np), maxDelay + 1, dt, masterSeed);
            } else if (p instanceof BernoulliSource source) {
                groups[g] = new BernoulliGroup(this, source, layout,
                        Seeds.derive(masterSeed, "source:" + p.name()));
            } else {
                throw OpenClEngine.unsupported("source population '" + p.name() + "' ("
                        + p.getClass().getSimpleName() + ")");
            }
            groups[g].index = g;
            byPopulation.put(p, groups[g]);
        }
        total = neurons;
        totalBlocks = blocks;
        listDepth = (int) Math.max(deliveryDepth,
                Math.min(MONITOR_BATCH_STEPS, SPIKE_LIST_BYTES / ((long) Sizeof.cl_int * total)));
        spiked = session.bytes(total);
        clearing = new WordClearing(session);
        // counted in long: listDepth steps of every neuron pass 2^31 ints in large networks with long delays
        long listInts = (long) listDepth * total;
        lists = session.scratch(Sizeof.cl_int * listInts);
        clearing.clear(Pointer.to(lists), listInts);
        counts = session.ints(new int[listDepth * totalBlocks]);
        for (Group g : groups) {
            g.bind();
        }
        List<Delivery> targets = new ArrayList<>();
        for (Group g : groups) {
            if (g instanceof NeuronGroup target) {
                List<Projection> onto = new ArrayList<>();
                for (Projection p : projections) {
                    if (p.target() == target.population) {
                        onto.add(p);
                    }
                }
                if (!onto.isEmpty()) {
                    targets.add(new Delivery(this, target, onto));
                }
            }
        }
        deliveries = targets.toArray(new Delivery[0]);
        this.traces = traces.stream().map(t -> {
            Layout layout = byPopulation.get(t.population()).layout;
            return new DeviceTrace(session, t, layout, spiked, launch("trace_advance", layout.padded(), false));
        }).toArray(DeviceTrace[]::new);
    }

    @Override
    public long currentStep() {
        return step;
    }

    @Override
    public DeviceSession session() {
        return session;
    }

    @Override
    public Layout layout(Population population) {
        Group g = byPopulation.get(population);
        return g == null ? null : g.layout;
    }

    @Override
    public ProjectionBuffers buffers(Projection projection) {
        Delivery d = Arrays.stream(deliveries).filter(x -> x.target.population == projection.target()).findFirst()
                .orElseThrow();
        int[] starts = d.starts.get(projection);
        return new ProjectionBuffers(starts[0], starts[1], d.rowBuffer, d.targetBuffer, d.weightBuffer,
                d.delayBuffer, d.segmentTable, d.segmentBuffer);
    }

    @Override
    public int listDepth() {
        return listDepth;
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public int totalBlocks() {
        return totalBlocks;
    }

    @Override
    public cl_mem lists() {
        return lists;
    }

    @Override
    public cl_mem counts() {
        return counts;
    }

    @Override
    public cl_mem spiked() {
        return spiked;
    }

    @Override
    public DeviceTrace trace(Trace trace) {
        return Arrays.stream(traces).filter(t -> t.trace == trace).findFirst().orElseThrow();
    }

    @Override
    public boolean gpuShape() {
        return gpuShape;
    }

    /**
     * Every block of every population, three ints each: the population's first neuron in the shared buffers, and the
     * block's first and end neuron in the population.
     */
    int[] blockDescriptors() {
        int[] blockDesc = new int[3 * totalBlocks];
        for (Group g : groups) {
            Layout layout = g.layout;
            for (int b = 0; b < layout.blocks(); b++) {
                int at = 3 * (layout.blockOffset() + b);
                blockDesc[at] = layout.offset();
                blockDesc[at + 1] = layout.blockStart(b);
                blockDesc[at + 2] = layout.blockStart(b + 1);
            }
        }
        return blockDesc;
    }

    @Override
    public KernelLaunch launch(String name, int items, boolean perBlock) {
        return new KernelLaunch(session, stepPointer, name, items, perBlock, PADDING);
    }

    @Override
    public KernelLaunch launch(String name, int items, int group) {
        return new KernelLaunch(session, stepPointer, name, items, group);
    }

    @Override
    public int spikeTotal(int group, long step) {
        if (spikeTotals == null) {
            spikeTotals = new SpikeTotals(this);
        }
        return spikeTotals.total(group, step);
    }

    /**
     * The buffer a batch of {@code ints} spikes is gathered in, grown (at least doubled) where it is too small:
     * one buffer serves every population, as each reads its batch to the host before the next gathers.
     */
    @Override
    public cl_mem gatherBuffer(int ints) {
        if (ints > gatheredInts) {
            if (gathered != null) {
                session.release(gathered);
            }
            gatheredInts = grownCapacity(gatheredInts, ints);
            gathered = session.scratch((long) Sizeof.cl_int * gatheredInts);
        }
        return gathered;
    }

    /**
     * A capacity of at least {@code needed}, and at least twice {@code capacity}, so that growing is rare, but no
     * more than {@link Group#MAX_FETCHED} (an int array's length) unless {@code needed} is.
     */
    static int grownCapacity(int capacity, int needed) {
        return (int) Math.max(needed, Math.min(Group.MAX_FETCHED, Math.max(1024, 2L * capacity)));
    }

    static int padded(int size) {
        return (size + PADDING - 1) / PADDING * PADDING;
    }

    /** A copy of {@code values} padded with zeros to {@code length}. */
    static float[] padded(float[] values, int length) {
        return Arrays.copyOf(values, length);
    }
}
