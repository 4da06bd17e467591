package org.hebb.opencl;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.RowOffsets;
import org.jocl.cl_mem;

/**
 * The delivery into one target population: its incoming projections' synapses flattened (target, weight, delay,
 * rows sorted by target) with their row pointers, where each block finds its part of a row by binary search; in the
 * gpu shape the arrival lists into which the spikes push their synapses and from which each target takes its inputs
 * (or, with {@link #GPU_DELIVERY_PROPERTY} = gather, the transposed index through which each target gathers them).
 */
final class Delivery {
    /** Ints per incoming projection in the descriptor (see {@code deliver} in delivery.cl). */
    static final int DESC = 9;
    /**
     * How the gpu shape delivers: {@code push} (default), work in proportion to the spikes and their synapses
     * (push_arrivals, take_arrivals), or {@code gather}, every target reading all its incoming synapses each step.
     */
    static final String GPU_DELIVERY_PROPERTY = "hebb.opencl.gpuDelivery";
    /** Work-items of a work-group of the push (and of a rule's pushed presynaptic work), which share a spike's row. */
    static final int PUSH_GROUP = 64;
    /**
     * At most this many of a row's synapses per work-item of the push: a projection with longer rows has each row
     * shared by several work-groups (chunks), as each synapse waits on memory and an atomic in turn.
     */
    static final int PUSH_SYNAPSES_PER_ITEM = 4;
    /** Ints per work-group in the push's list of work ({@link #pushBlocks}). */
    private static final int PUSH_ENTRY = 4;

    /** A value of synapse j (row pre) of a projection. */
    private interface SynapseValue {
        int of(Projection projection, int pre, int j);
    }

    final DeviceNetwork network;
    final DeviceSession session;
    final NeuronGroup target;
    /** The delivery: in the gpu shape the push of the spikes' synapses (or, with gather, the gather). */
    final KernelLaunch launch;
    /** In the gpu shape, what each target takes of the arrivals pushed (null otherwise, and with gather). */
    private final KernelLaunch take;
    final cl_mem rowBuffer;
    final cl_mem targetBuffer;
    final cl_mem weightBuffer;
    final cl_mem delayBuffer;
    final int projections;
    /** In the cpu shape and the gpu shape's push, the descriptor of the incoming projections (else null). */
    cl_mem descBuffer;
    /** Each row's segment in each block (see {@link #segments}), and whether that table was made (else empty). */
    cl_mem segmentBuffer;
    boolean segmentTable;
    /** Per incoming projection: where its row pointers and its synapses start in the flattened arrays. */
    final Map<Projection, int[]> starts = new IdentityHashMap<>();
    /** In the gpu shape's push, the push's work-groups and the buffers of push and take (else null). */
    private int pushGroups;
    private cl_mem[] pushBuffers;
    private cl_mem[] takeBuffers;

    Delivery(DeviceNetwork network, NeuronGroup target, List<Projection> onto) {
        this.network = network;
        this.session = network.session();
        this.target = target;
        this.projections = onto.size();
        Layout t = target.layout;
        int[] desc = new int[DESC * onto.size()];
        long synapses = 0;
        long rowPointers = 0;
        for (Projection p : onto) {
            synapses += p.synapseCount();
            rowPointers += p.source().size() + 1;
        }
        int[] rows = new int[Math.toIntExact(rowPointers)];
        int[] synTarget = new int[Math.toIntExact(synapses)];
        float[] synWeight = new float[synTarget.length];
        int[] synDelay = new int[synTarget.length];
        int rowBase = 0;
        int synapseBase = 0;
        for (int q = 0; q < onto.size(); q++) {
            Projection p = onto.get(q);
            Layout s = network.layout(p.source());
            Projection.SparseRows sparse = p.rows();
            desc[DESC * q] = s.offset();
            desc[DESC * q + 1] = s.size();
            desc[DESC * q + 2] = s.blocks();
            desc[DESC * q + 3] = s.blockOffset();
            desc[DESC * q + 4] = p.receptorIndex();
            desc[DESC * q + 5] = rowBase;
            desc[DESC * q + 6] = sparse.delays() == null ? sparse.uniformDelay() : -1;
            desc[DESC * q + 7] = sparse.weights() == null && p.synapseCount() > 0 ? 1 : 0;
            desc[DESC * q + 8] = target.directRow(p.receptorIndex());
            int[] rowPointer = sparse.rowPointer();
            for (int pre = 0; pre < rowPointer.length; pre++) {
                rows[rowBase + pre] = synapseBase + rowPointer[pre];
            }
            int[] targets = sparse.targets();
            for (int j = 0; j < targets.length; j++) {
                synTarget[synapseBase + j] = targets[j];
                synWeight[synapseBase + j] = sparse.weights() == null ? sparse.uniformWeight()
                        : sparse.weights()[j];
                synDelay[synapseBase + j] = sparse.delays() == null ? sparse.uniformDelay() : sparse.delays()[j];
            }
            starts.put(p, new int[] {rowBase, synapseBase});
            rowBase += rowPointer.length;
            synapseBase += targets.length;
        }
        rowBuffer = session.ints(rows);
        targetBuffer = session.ints(synTarget);
        weightBuffer = session.floats(synWeight);
        delayBuffer = session.ints(synDelay);
        if (network.gpuShape() && gathering()) {
            segmentBuffer = session.ints(new int[0]);
            launch = network.launch("gather", t.padded(), false);
            launch.args(1, t.padded(), target.depth, onto.size(), session.ints(receptors(onto)),
                    session.ints(directRows(target, onto)), session.ints(transposedStarts(onto, t.padded())),
                    session.ints(transposedSynapses(onto)), session.ints(transposedSources(onto)), network.spiked(),
                    weightBuffer, delayBuffer, target.ring);
            take = null;
        } else if (network.gpuShape()) {
            segmentBuffer = session.ints(new int[0]);
            descBuffer = session.ints(desc);
            int[] pushBlocks = pushBlocks(onto);
            pushGroups = pushBlocks.length / PUSH_ENTRY;
            cl_mem arrivalStart = session.ints(arrivalStarts(onto, t.padded()));
            cl_mem arrivalCount = session.ints(new int[t.padded()]);
            cl_mem arrivals = session.ints(new int[Math.max(1, synTarget.length)]);
            pushBuffers = new cl_mem[] {descBuffer, session.ints(pushBlocks), rowBuffer, targetBuffer, arrivalStart,
                arrivalCount, arrivals};
            takeBuffers = new cl_mem[] {session.ints(synapseBases(onto, synTarget.length)),
                session.ints(receptors(onto)), session.ints(directRows(target, onto)), weightBuffer, delayBuffer,
                arrivalStart, arrivalCount, arrivals};
            launch = network.launch("push_arrivals", pushGroups * PUSH_GROUP, PUSH_GROUP);
            launch.args(1, pushBuffers[0], pushBuffers[1], rowBuffer, targetBuffer, network.total(),
                    network.totalBlocks(), network.lists(), network.counts(), network.listDepth(), arrivalStart,
                    arrivalCount, arrivals);
            take = network.launch("take_arrivals", t.padded(), false);
            take.args(1, t.padded(), target.depth, takeBuffers[0], takeBuffers[1], takeBuffers[2], weightBuffer,
                    delayBuffer, arrivalStart, arrivalCount, arrivals, target.ring);
        } else {
            int[] segments = segments(rows, synTarget, t);
            segmentTable = segments.length > 0;
            descBuffer = session.ints(desc);
            segmentBuffer = session.ints(segments);
            take = null;
            launch = network.launch("deliver", t.blocks(), true);
            launch.args(1, t.padded(), t.size(), t.blocks(), target.depth, onto.size(), descBuffer, rowBuffer,
                    targetBuffer, weightBuffer, delayBuffer, network.total(), network.totalBlocks(), network.lists(),
                    network.counts(), target.ring, network.listDepth(), segmentTable ? 1 : 0, segmentBuffer);
        }
    }

    /**
     * In the cpu shape, each row's part in each target block, as the Java backend's segments: row pointer r's
     * synapses onto block b are [entry r (blocks + 1) + b, the next entry), a row's entries side by side (one
     * cache line per spike). Empty (the kernels then search each row) for one block, or where the table would be
     * larger than the synapses' targets.
     */
    private static int[] segments(int[] rows, int[] synTarget, Layout t) {
        int stride = t.blocks() + 1;
        long length = (long) stride * rows.length;
        if (t.blocks() == 1 || length > synTarget.length) {
            return new int[0];
        }
        int[] segments = new int[(int) length];
        for (int r = 0; r < rows.length; r++) {
            int start = rows[r];
            int end = r + 1 < rows.length ? Math.max(start, rows[r + 1]) : start;
            for (int b = 0; b < t.blocks(); b++) {
                segments[r * stride + b] = Projection.SparseRows.firstAtLeast(synTarget, start, end,
                        t.blockStart(b));
            }
            segments[r * stride + t.blocks()] = end;
        }
        return segments;
    }

    private static int[] receptors(List<Projection> onto) {
        return onto.stream().mapToInt(Projection::receptorIndex).toArray();
    }

    /** Per projection, the ring row of its receptor's variable if the receptor receives directly, else -1. */
    private static int[] directRows(NeuronGroup target, List<Projection> onto) {
        return onto.stream().mapToInt(p -> target.directRow(p.receptorIndex())).toArray();
    }

    /**
     * In the gpu shape: per incoming projection q, {@code padded + 1} positions: the incoming synapses of target i
     * are [starts[q (padded + 1) + i], starts[q (padded + 1) + i + 1]) in the transposed arrays, in increasing
     * presynaptic order, the order in which pushing adds them.
     */
    private int[] transposedStarts(List<Projection> onto, int padded) {
        int[] result = new int[Math.multiplyExact(onto.size(), padded + 1)];
        int position = 0;
        for (int q = 0; q < onto.size(); q++) {
            int[] starts = RowOffsets.of(onto.get(q).rows().targets(), padded);
            for (int i = 0; i <= padded; i++) {
                result[q * (padded + 1) + i] = position + starts[i];
            }
            position += starts[padded];
        }
        return result;
    }

    /** In the gpu shape: the flattened synapse index of each incoming synapse, in transposed order. */
    private int[] transposedSynapses(List<Projection> onto) {
        return transposed(onto, (p, pre, j) -> starts.get(p)[1] + j);
    }

    /** In the gpu shape: the presynaptic neuron of each incoming synapse as an index into the spike flags. */
    private int[] transposedSources(List<Projection> onto) {
        return transposed(onto, (p, pre, j) -> network.layout(p.source()).offset() + pre);
    }

    private int[] transposed(List<Projection> onto, SynapseValue value) {
        long synapses = onto.stream().mapToLong(Projection::synapseCount).sum();
        int[] result = new int[Math.toIntExact(synapses)];
        int base = 0;
        for (Projection p : onto) {
            Projection.SparseRows sparse = p.rows();
            int[] targets = sparse.targets();
            int[] next = RowOffsets.of(targets, p.target().size());
            int[] rowPointer = sparse.rowPointer();
            for (int pre = 0; pre + 1 < rowPointer.length; pre++) {
                for (int j = rowPointer[pre]; j < rowPointer[pre + 1]; j++) {
                    result[base + next[targets[j]]++] = value.of(p, pre, j);
                }
            }
            base += targets.length;
        }
        return result;
    }

    void launch() {
        launch.run();
        if (take != null) {
            take.run();
        }
    }

    /** The kernels a step launches for this delivery. */
    int kernels() {
        return take != null ? 2 : 1;
    }

    /** Whether the gpu shape gathers every incoming synapse each step ({@link #GPU_DELIVERY_PROPERTY}). */
    static boolean gathering() {
        return switch (System.getProperty(GPU_DELIVERY_PROPERTY, "push")) {
            case "push" -> false;
            case "gather" -> true;
            default -> throw new IllegalArgumentException(GPU_DELIVERY_PROPERTY + " = '"
                    + System.getProperty(GPU_DELIVERY_PROPERTY) + "' is not allowed: use push or gather");
        };
    }

    /**
     * In the gpu shape: per work-group of the push, {@value #PUSH_ENTRY} ints: an incoming projection, a block of its
     * source, a chunk and the number of chunks its rows are cut in ({@link #PUSH_SYNAPSES_PER_ITEM}), for every chunk
     * of every block of every incoming projection's source. Listed last first, so that a device that runs
     * work-groups in order (PoCL) fills the arrival lists out of order and the conformance suite tests their sorting.
     */
    private int[] pushBlocks(List<Projection> onto) {
        int[] chunks = new int[onto.size()];
        int groups = 0;
        for (int q = 0; q < onto.size(); q++) {
            int[] rowPointer = onto.get(q).rows().rowPointer();
            int longest = 0;
            for (int pre = 0; pre + 1 < rowPointer.length; pre++) {
                longest = Math.max(longest, rowPointer[pre + 1] - rowPointer[pre]);
            }
            int perGroup = PUSH_GROUP * PUSH_SYNAPSES_PER_ITEM;
            chunks[q] = Math.max(1, (longest + perGroup - 1) / perGroup);
            groups += network.layout(onto.get(q).source()).blocks() * chunks[q];
        }
        int[] entries = new int[PUSH_ENTRY * groups];
        int g = 0;
        for (int q = onto.size() - 1; q >= 0; q--) {
            for (int sb = network.layout(onto.get(q).source()).blocks() - 1; sb >= 0; sb--) {
                for (int c = chunks[q] - 1; c >= 0; c--) {
                    entries[PUSH_ENTRY * g] = q;
                    entries[PUSH_ENTRY * g + 1] = sb;
                    entries[PUSH_ENTRY * g + 2] = c;
                    entries[PUSH_ENTRY * g + 3] = chunks[q];
                    g++;
                }
            }
        }
        return entries;
    }

    /** In the gpu shape: where each target's arrivals start, room for its in-degree over all incoming projections. */
    private static int[] arrivalStarts(List<Projection> onto, int padded) {
        int[] inDegree = new int[padded];
        for (Projection p : onto) {
            for (int target : p.rows().targets()) {
                inDegree[target]++;
            }
        }
        int[] starts = new int[padded + 1];
        for (int i = 0; i < padded; i++) {
            starts[i + 1] = starts[i] + inDegree[i];
        }
        return starts;
    }

    /** The first flattened synapse of each incoming projection ({@link #starts}), and their total last. */
    private int[] synapseBases(List<Projection> onto, int total) {
        int[] bases = new int[onto.size() + 1];
        for (int q = 0; q < onto.size(); q++) {
            bases[q] = starts.get(onto.get(q))[1];
        }
        bases[onto.size()] = total;
        return bases;
    }

    /** In the gpu shape's push, this delivery as a few-launch step runs it (null otherwise). */
    GpuStep.Arrivals gpuPart(List<Group> order) {
        return pushBuffers == null ? null
                : new GpuStep.Arrivals(order.indexOf(target), pushGroups, pushBuffers, takeBuffers);
    }

    FusedStep.Delivery part(List<Group> order) {
        return new FusedStep.Delivery(order.indexOf(target), projections, segmentTable, new cl_mem[] {
            descBuffer, rowBuffer, targetBuffer, weightBuffer, delayBuffer, segmentBuffer});
    }
}
