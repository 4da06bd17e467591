package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.ArrayList;
import java.util.List;

import java.util.Locale;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The gpu shape's step in a few launches, however many populations, inputs and projections the network has. Without
 * rules, three: the push of every delivery's arriving synapses; one work-item per neuron of every population, which
 * takes its arrivals, adds its Poisson inputs and updates it (a Bernoulli source draws); the compaction of every
 * block's spikes. With rules, whose kernels run between the delivery and the update, the take is a launch of its own
 * after the push: four besides the rules'. Launched one by one, the cortical microcircuit's step is about 40 kernels
 * (a push, a take, each Poisson input, an update and a compaction per population), and a GPU pays several
 * microseconds for each (an NVIDIA H200 took 72 us for a 16,000-neuron COBA step of five, BENCHMARKS.md), more than
 * the work of a step. The push, take and update are generated for the network from the functions the one-by-one
 * kernels call (push_arrivals_group, take_arrivals_at, poisson_input_at, the models' _at functions), each neuron's in
 * the same order, so the spike trains are the same; {@link #PROPERTY} = launches runs the step kernel by kernel.
 */
final class GpuStep {
    /** Set to {@code launches} to run a step kernel by kernel. */
    static final String PROPERTY = "hebb.opencl.gpuStep";
    static final String PUSH = "network_push";
    static final String TAKE = "network_take";
    static final String UPDATE = "network_update";
    /**
     * The work-item's neuron n in the shared buffers, and its work-group's first: work-groups never straddle two
     * populations (each is padded to a multiple of every work-group size used), so the kernels choose the population
     * by the work-group, which compilers see is the same for all its work-items (PoCL ran a choice by n, in one
     * kernel over two populations, 40 times slower).
     */
    private static final String WORK_ITEM = "    const int n = get_global_id(0);\n"
            + "    const int first = (int) (get_group_id(0) * get_local_size(0));\n";
    /** Buffers per delivery of the push. */
    private static final String[] PUSH_BUFFERS = {"desc", "pushBlocks", "rows", "synTarget", "arrivalStart",
        "arrivalCount", "arrivals"};
    /** Buffers per delivery of the take (bases: where each incoming projection's synapses start). */
    private static final String[] TAKE_BUFFERS = {"bases", "receptors", "directRows", "synWeight", "synDelay",
        "arrivalStart", "arrivalCount", "arrivals"};

    /**
     * The delivery into one population.
     *
     * @param target     index of the target among the parts
     * @param pushGroups work-groups of its push
     * @param push       its push's buffers, as {@link #PUSH_BUFFERS} names them
     * @param take       its take's buffers, as {@link #TAKE_BUFFERS} names them
     */
    record Arrivals(int target, int pushGroups, cl_mem[] push, cl_mem[] take) {
    }

    private final DeviceSession session;
    private final Group[] groups;
    private final Pointer step;
    private final cl_kernel push;
    /** The take of every delivery, where rules run between it and the update (else null: the update takes). */
    private final cl_kernel take;
    private final cl_kernel update;
    private final KernelLaunch compact;
    private final long[] pushGlobal;
    private final long[] pushLocal = {Delivery.PUSH_GROUP};
    private final long[] updateGlobal;
    private final long[] updateLocal;
    private final long[] takeLocal;

    private GpuStep(DeviceLayout network, List<FusedStep.Part> parts, List<Arrivals> deliveries,
                    boolean separateTake) {
        session = network.session;
        groups = network.groups;
        step = network.stepPointer;
        int pushGroups = deliveries.stream().mapToInt(Arrivals::pushGroups).sum();
        List<Arrivals> updateTakes = separateTake ? List.of() : deliveries;
        String source = pushSource(deliveries, network) + (separateTake ? takeSource(parts, deliveries) : "")
                + updateSource(parts, updateTakes);
        cl_kernel[] kernels = separateTake ? session.compile(source, PUSH, TAKE, UPDATE)
                : session.compile(source, PUSH, UPDATE);
        push = pushGroups > 0 ? kernels[0] : null;
        if (push != null) {
            session.requireWorkGroupSize(push, PUSH, pushLocal[0]);
        }
        take = separateTake && !deliveries.isEmpty() ? kernels[1] : null;
        update = kernels[kernels.length - 1];
        pushGlobal = new long[] {(long) pushGroups * pushLocal[0]};
        updateLocal = new long[] {Long.highestOneBit(session.workGroupSize(update))};
        takeLocal = take == null ? null : new long[] {Long.highestOneBit(session.workGroupSize(take))};
        updateGlobal = new long[] {network.total};
        bind(kernels[0], pushBuffers(network, deliveries));
        if (separateTake) {
            bind(kernels[1], takeBuffers(parts, deliveries));
        }
        bind(update, updateBuffers(network.spiked, parts, updateTakes));
        compact = network.launch("compact_scan_all", network.totalBlocks * DeviceSession.SCAN_BLOCK,
                DeviceSession.SCAN_BLOCK);
        compact.args(1, network.totalBlocks, session.ints(network.blockDescriptors()), network.total, network.spiked,
                network.lists, network.counts, network.listDepth);
    }

    /**
     * The step of {@code network} in a few launches ({@code rules}: whether rules run between its delivery and its
     * update), or null where it is not in the gpu shape, gathers instead of pushing, is asked to launch kernel by
     * kernel, or its arguments do not fit the device.
     */
    static GpuStep of(DeviceLayout network, boolean rules) {
        String mode = System.getProperty(PROPERTY, "fused");
        if (!mode.equals("fused") && !mode.equals("launches")) {
            throw new IllegalArgumentException(PROPERTY + " = '" + mode + "' is not allowed: use fused or launches");
        }
        if (!network.gpuShape || mode.equals("launches")) {
            return null;
        }
        List<Group> order = List.of(network.groups);
        List<FusedStep.Part> parts = order.stream().map(Group::part).toList();
        List<Arrivals> deliveries = new ArrayList<>();
        for (Delivery d : network.deliveries) {
            Arrivals part = d.gpuPart(order);
            if (part == null) {
                return null;
            }
            deliveries.add(part);
        }
        long pushBytes = Sizeof.cl_long + (long) pushBuffers(network, deliveries).size() * Sizeof.cl_mem;
        long takeBytes = Sizeof.cl_long + (long) takeBuffers(parts, deliveries).size() * Sizeof.cl_mem;
        long updateBytes = Sizeof.cl_long
                + (long) updateBuffers(network.spiked, parts, rules ? List.of() : deliveries).size() * Sizeof.cl_mem;
        long constants = parts.stream().filter(FusedStep.Part::neurons).count();
        if (Math.max(pushBytes, Math.max(takeBytes, updateBytes)) > network.session.maxParameterBytes()
                || constants > network.session.maxConstantArguments()) {
            return null;
        }
        return new GpuStep(network, parts, deliveries, rules);
    }

    /** Sets {@code kernel}'s arguments from 1 on (after the step) to {@code buffers}. */
    private static void bind(cl_kernel kernel, List<cl_mem> buffers) {
        int index = 1;
        for (cl_mem buffer : buffers) {
            clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(buffer));
        }
    }

    /** The push's buffer arguments after the step: the spike lists and counts, then each delivery's. */
    private static List<cl_mem> pushBuffers(DeviceLayout network, List<Arrivals> deliveries) {
        List<cl_mem> buffers = new ArrayList<>(List.of(network.lists, network.counts));
        deliveries.forEach(d -> buffers.addAll(List.of(d.push())));
        return buffers;
    }

    /** The take's buffer arguments after the step: each delivery's, then its target's ring. */
    private static List<cl_mem> takeBuffers(List<FusedStep.Part> parts, List<Arrivals> deliveries) {
        List<cl_mem> buffers = new ArrayList<>();
        deliveries.forEach(d -> {
            buffers.addAll(List.of(d.take()));
            buffers.add(parts.get(d.target()).buffers()[0]);
        });
        return buffers;
    }

    /** The update's buffer arguments after the step. */
    private static List<cl_mem> updateBuffers(cl_mem spiked, List<FusedStep.Part> parts, List<Arrivals> deliveries) {
        List<cl_mem> buffers = new ArrayList<>(List.of(spiked));
        parts.forEach(p -> FusedStep.addBuffers(buffers, p));
        deliveries.forEach(d -> buffers.addAll(List.of(d.take())));
        return buffers;
    }

    /** Brings what the host changed to the device; first in a step. */
    void prepare() {
        for (Group g : groups) {
            g.prepare();
        }
    }

    /**
     * Enqueues the delivery of the previous step's spikes (the engine has set the step where
     * {@link DeviceLayout#stepPointer} points): the push and, with rules, the take. (Each step's take empties the
     * arrival lists its push filled, so a step that delivers nothing takes nothing.)
     */
    void deliver() {
        if (push != null) {
            clSetKernelArg(push, 0, Sizeof.cl_long, step);
            session.launch(push, pushGlobal, pushLocal);
        }
        if (take != null) {
            clSetKernelArg(take, 0, Sizeof.cl_long, step);
            session.launch(take, updateGlobal, takeLocal);
        }
    }

    /** Enqueues the update of every population (after the rules, if any) and the compaction of its spikes; last. */
    void update() {
        clSetKernelArg(update, 0, Sizeof.cl_long, step);
        session.launch(update, updateGlobal, updateLocal);
        compact.run();
    }

    /** Kernels a step launches, the rules' aside. */
    int kernels() {
        return (push != null ? 1 : 0) + (take != null ? 1 : 0) + 2;
    }

    /** The push of every delivery: work-group g is push work-group g - (the groups of the deliveries before). */
    private static String pushSource(List<Arrivals> deliveries, DeviceLayout network) {
        StringBuilder parameters = new StringBuilder("const long step, __global const int* lists, "
                + "__global const int* counts");
        StringBuilder body = new StringBuilder("    const int g = get_group_id(0);\n");
        int first = 0;
        for (int d = 0; d < deliveries.size(); d++) {
            for (String name : PUSH_BUFFERS) {
                boolean written = name.equals("arrivalCount") || name.equals("arrivals");
                parameters.append(String.format(Locale.ROOT, ", __global %sint* d%d_%s", written ? "" : "const ", d,
                        name));
            }
            int end = first + deliveries.get(d).pushGroups();
            body.append(String.format(Locale.ROOT,
                    "    %sif (g < %d) {%n        push_arrivals_group(step, g - %d, d%d_desc, "
                    + "d%4$d_pushBlocks, d%4$d_rows, d%4$d_synTarget, %5$d, %6$d, lists, counts, %7$d, "
                    + "d%4$d_arrivalStart, d%4$d_arrivalCount, d%4$d_arrivals);%n    }%n", d == 0 ? "" : "else ",
                    end, first, d, network.total, network.totalBlocks, network.listDepth));
            first = end;
        }
        return "\n__kernel void " + PUSH + "(" + parameters + ") {\n" + body + "}\n";
    }

    /** The take of every delivery: work-item n is neuron n - offset of the part it falls in. */
    private static String takeSource(List<FusedStep.Part> parts, List<Arrivals> deliveries) {
        StringBuilder parameters = new StringBuilder("const long step");
        StringBuilder body = new StringBuilder(WORK_ITEM);
        for (int d = 0; d < deliveries.size(); d++) {
            parameters.append(takeParameters(d)).append(String.format(Locale.ROOT, ", __global float* d%d_ring", d));
            FusedStep.Part part = parts.get(deliveries.get(d).target());
            body.append(String.format(Locale.ROOT, "    if (first >= %d && first < %d) {%n        %s;%n    }%n",
                    part.offset(), part.offset() + part.padded(),
                    takeCall(d, part, "n - " + part.offset(), "d" + d + "_ring")));
        }
        return "\n__kernel void " + TAKE + "(" + parameters + ") {\n" + body + "}\n";
    }

    /** Delivery d's take parameters, each after a comma. */
    private static String takeParameters(int d) {
        StringBuilder parameters = new StringBuilder();
        for (String name : TAKE_BUFFERS) {
            boolean written = name.equals("arrivalCount") || name.equals("arrivals");
            parameters.append(String.format(Locale.ROOT, ", __global %s%s* d%d_%s", written ? "" : "const ",
                    name.equals("synWeight") ? "float" : "int", d, name));
        }
        return parameters.toString();
    }

    /** Delivery d's take for neuron {@code neuron} of its target {@code part} into {@code ring}. */
    private static String takeCall(int d, FusedStep.Part part, String neuron, String ring) {
        return String.format(Locale.ROOT,
                "take_arrivals_at(%s, step, %d, %d, d%4$d_bases, d%4$d_receptors, d%4$d_directRows, "
                + "d%4$d_synWeight, d%4$d_synDelay, d%4$d_arrivalStart, d%4$d_arrivalCount, d%4$d_arrivals, %5$s)",
                neuron, part.padded(), part.depth(), d, ring);
    }

    /**
     * One work-item per neuron of every part: work-item n is neuron n - offset of the part it falls in; it takes the
     * arrivals of {@code deliveries} (empty where the take is a launch of its own).
     */
    private static String updateSource(List<FusedStep.Part> parts, List<Arrivals> deliveries) {
        StringBuilder parameters = new StringBuilder("const long step, __global uchar* restrict spiked");
        for (int p = 0; p < parts.size(); p++) {
            parameters.append(FusedStep.partParameters(p, parts.get(p)));
        }
        for (int d = 0; d < deliveries.size(); d++) {
            parameters.append(takeParameters(d));
        }
        StringBuilder body = new StringBuilder(WORK_ITEM);
        for (int p = 0; p < parts.size(); p++) {
            FusedStep.Part part = parts.get(p);
            body.append(String.format(Locale.ROOT, "    %sif (first < %d) {%n        const int i = n - %d;%n",
                    p == 0 ? "" : "else ", part.offset() + part.padded(), part.offset()));
            if (part.neurons()) {
                body.append(String.format(Locale.ROOT, "        const int slot = (int) (step %% %d);%n", part.depth()));
                for (int d = 0; d < deliveries.size(); d++) {
                    if (deliveries.get(d).target() == p) {
                        body.append("        ").append(takeCall(d, part, "i", "p" + p + "_ring")).append(";\n");
                    }
                }
                for (int s = 0; s < part.poisson().size(); s++) {
                    body.append(String.format(Locale.ROOT, "        if (i < %d) {%n            %s;%n        }%n",
                            part.size(), FusedStep.poissonCall(p, part, s)));
                }
                body.append("        ").append(FusedStep.updateCall(p, part)).append(";\n    }\n");
            } else {
                body.append(String.format(Locale.ROOT, "        if (i < %d) {%n            %s;%n        }%n    }%n",
                        part.size(), FusedStep.updateCall(p, part)));
            }
        }
        return "\n__kernel void " + UPDATE + "(" + parameters + ") {\n" + body + "}\n";
    }
}
