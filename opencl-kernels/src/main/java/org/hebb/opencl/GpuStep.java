package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.ArrayList;
import java.util.List;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The gpu shape's step of a network without plasticity in three launches, however many populations, inputs and
 * projections it has: the push of every delivery's arriving synapses; one work-item per neuron of every population,
 * which takes its arrivals, adds its Poisson inputs and updates it (a Bernoulli source draws); the compaction of every
 * block's spikes. Launched one by one, the cortical microcircuit's step is about 40 kernels (a push, a take, each
 * Poisson input, an update and a compaction per population), and a GPU pays several microseconds for each (an NVIDIA
 * H200 took 72 us for a 16,000-neuron COBA step of five, BENCHMARKS.md), more than the work of a step. The two first
 * kernels are generated for the network from the functions the one-by-one kernels call (push_arrivals_group,
 * take_arrivals_at, poisson_input_at, the models' _at functions), each neuron's in the same order, so the spike
 * trains are the same; {@link #PROPERTY} = launches runs the step kernel by kernel instead.
 */
final class GpuStep {
    /** Set to {@code launches} to run a step kernel by kernel, as the gpu shape runs networks with rules. */
    static final String PROPERTY = "hebb.opencl.gpuStep";
    static final String PUSH = "network_push";
    static final String UPDATE = "network_update";
    /** Buffers per delivery of the push. */
    private static final String[] PUSH_BUFFERS = {"desc", "pushBlocks", "rows", "synTarget", "arrivalStart",
        "arrivalCount", "arrivals"};
    /** Buffers per delivery of the take (bases: where each incoming projection's synapses start). */
    private static final String[] TAKE_BUFFERS = {"bases", "receptors", "synWeight", "synDelay", "arrivalStart",
        "arrivalCount", "arrivals"};

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
    private final cl_kernel update;
    private final KernelLaunch compact;
    private final long[] pushGlobal;
    private final long[] pushLocal = {Delivery.PUSH_GROUP};
    private final long[] updateGlobal;
    private final long[] updateLocal;

    private GpuStep(DeviceLayout network, List<FusedStep.Part> parts, List<Arrivals> deliveries) {
        session = network.session;
        groups = network.groups;
        step = network.stepPointer;
        int pushGroups = deliveries.stream().mapToInt(Arrivals::pushGroups).sum();
        cl_kernel[] kernels = session.compile(pushSource(deliveries, network) + updateSource(parts, deliveries),
                PUSH, UPDATE);
        push = pushGroups > 0 ? kernels[0] : null;
        update = kernels[1];
        pushGlobal = new long[] {(long) pushGroups * pushLocal[0]};
        updateLocal = new long[] {Long.highestOneBit(session.workGroupSize(update))};
        updateGlobal = new long[] {network.total};
        int index = 1;
        for (cl_mem buffer : new cl_mem[] {network.lists, network.counts}) {
            clSetKernelArg(kernels[0], index++, Sizeof.cl_mem, Pointer.to(buffer));
        }
        for (Arrivals d : deliveries) {
            for (cl_mem buffer : d.push()) {
                clSetKernelArg(kernels[0], index++, Sizeof.cl_mem, Pointer.to(buffer));
            }
        }
        index = 1;
        for (cl_mem buffer : updateBuffers(network.spiked, parts, deliveries)) {
            clSetKernelArg(update, index++, Sizeof.cl_mem, Pointer.to(buffer));
        }
        compact = network.launch("compact_scan_all", network.totalBlocks * DeviceSession.SCAN_BLOCK,
                DeviceSession.SCAN_BLOCK);
        compact.args(1, network.totalBlocks, session.ints(network.blockDescriptors()), network.total, network.spiked,
                network.lists, network.counts, network.listDepth);
    }

    /**
     * The step of {@code network} in three launches, or null where it has rules or traces (see
     * {@link OpenClEngine#step}), gathers instead of pushing, is asked to launch kernel by kernel, or its
     * arguments do not fit the device.
     */
    static GpuStep of(DeviceLayout network, boolean plastic) {
        String mode = System.getProperty(PROPERTY, "fused");
        if (!mode.equals("fused") && !mode.equals("launches")) {
            throw new IllegalArgumentException(PROPERTY + " = '" + mode + "' is not allowed: use fused or launches");
        }
        if (!network.gpuShape || plastic || network.traces.length > 0 || mode.equals("launches")) {
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
        long pushBytes = Sizeof.cl_long + (2L + PUSH_BUFFERS.length * deliveries.size()) * Sizeof.cl_mem;
        long updateBytes = Sizeof.cl_long
                + (long) updateBuffers(network.spiked, parts, deliveries).size() * Sizeof.cl_mem;
        long constants = parts.stream().filter(FusedStep.Part::neurons).count();
        if (Math.max(pushBytes, updateBytes) > network.session.maxParameterBytes()
                || constants > network.session.maxConstantArguments()) {
            return null;
        }
        return new GpuStep(network, parts, deliveries);
    }

    /** The update's buffer arguments after the step. */
    private static List<cl_mem> updateBuffers(cl_mem spiked, List<FusedStep.Part> parts, List<Arrivals> deliveries) {
        List<cl_mem> buffers = new ArrayList<>(List.of(spiked));
        parts.forEach(p -> FusedStep.addBuffers(buffers, p));
        deliveries.forEach(d -> buffers.addAll(List.of(d.take())));
        return buffers;
    }

    /**
     * Enqueues a step (the engine has set its number where {@link DeviceLayout#stepPointer} points), delivering the
     * previous step's spikes if {@code delivering}. (Each step's take empties the arrival lists its push filled, so a
     * step without a push takes nothing.)
     */
    void run(boolean delivering) {
        for (Group g : groups) {
            g.prepare();
        }
        if (delivering && push != null) {
            clSetKernelArg(push, 0, Sizeof.cl_long, step);
            session.launch(push, pushGlobal, pushLocal);
        }
        clSetKernelArg(update, 0, Sizeof.cl_long, step);
        session.launch(update, updateGlobal, updateLocal);
        compact.run();
    }

    /** Kernels a step launches. */
    int kernels() {
        return push != null ? 3 : 2;
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
                parameters.append(String.format(", __global %sint* d%d_%s", written ? "" : "const ", d, name));
            }
            int end = first + deliveries.get(d).pushGroups();
            body.append(String.format("    %sif (g < %d) {%n        push_arrivals_group(step, g - %d, d%d_desc, "
                    + "d%4$d_pushBlocks, d%4$d_rows, d%4$d_synTarget, %5$d, %6$d, lists, counts, %7$d, "
                    + "d%4$d_arrivalStart, d%4$d_arrivalCount, d%4$d_arrivals);%n    }%n", d == 0 ? "" : "else ",
                    end, first, d, network.total, network.totalBlocks, network.listDepth));
            first = end;
        }
        return "\n__kernel void " + PUSH + "(" + parameters + ") {\n" + body + "}\n";
    }

    /** One work-item per neuron of every part: work-item n is neuron n - offset of the part it falls in. */
    private static String updateSource(List<FusedStep.Part> parts, List<Arrivals> deliveries) {
        StringBuilder parameters = new StringBuilder("const long step, __global uchar* restrict spiked");
        for (int p = 0; p < parts.size(); p++) {
            parameters.append(FusedStep.partParameters(p, parts.get(p)));
        }
        for (int d = 0; d < deliveries.size(); d++) {
            for (String name : TAKE_BUFFERS) {
                boolean written = name.equals("arrivalCount") || name.equals("arrivals");
                parameters.append(String.format(", __global %s%s* d%d_%s", written ? "" : "const ",
                        name.equals("synWeight") ? "float" : "int", d, name));
            }
        }
        StringBuilder body = new StringBuilder("    const int n = get_global_id(0);\n");
        for (int p = 0; p < parts.size(); p++) {
            FusedStep.Part part = parts.get(p);
            body.append(String.format("    %sif (n < %d) {%n        const int i = n - %d;%n", p == 0 ? "" : "else ",
                    part.offset() + part.padded(), part.offset()));
            if (part.neurons()) {
                body.append(String.format("        const int slot = (int) (step %% %d);%n", part.depth()));
                for (int d = 0; d < deliveries.size(); d++) {
                    if (deliveries.get(d).target() == p) {
                        body.append(String.format("        take_arrivals_at(i, step, %d, %d, d%3$d_bases, "
                                + "d%3$d_receptors, d%3$d_synWeight, d%3$d_synDelay, d%3$d_arrivalStart, "
                                + "d%3$d_arrivalCount, d%3$d_arrivals, p%4$d_ring);%n", part.padded(), part.depth(), d,
                                p));
                    }
                }
                for (int s = 0; s < part.poisson().size(); s++) {
                    body.append(String.format("        if (i < %d) {%n            %s;%n        }%n", part.size(),
                            FusedStep.poissonCall(p, part, s)));
                }
                body.append("        ").append(FusedStep.updateCall(p, part)).append(";\n    }\n");
            } else {
                body.append(String.format("        if (i < %d) {%n            %s;%n        }%n    }%n", part.size(),
                        FusedStep.updateCall(p, part)));
            }
        }
        return "\n__kernel void " + UPDATE + "(" + parameters + ") {\n" + body + "}\n";
    }
}
