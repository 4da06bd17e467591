package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Steps of a network, static or with rules from definitions, as one kernel for CPU devices. The work of a step on
 * block b is: deliver the previous step's spikes into block b of every target population, apply the rules to the
 * synapses onto block b and advance the traces of block b's neurons, then update block b of every population in a
 * loop and compact its spikes, as the Java backend's partition b does between two barriers. Each kernel launch costs
 * a CPU device several microseconds between commands and wakes its worker threads anew, which at 100,000 neurons was as
 * much as a step's work: here one launch runs a batch of steps. Its work-groups take (step, block) tickets in order
 * from a counter and start a step's block only once every block of the step before is done; a work-group waits
 * only for tickets already taken, whose holders are running, so the kernel cannot deadlock whichever work-groups
 * the device runs at once (one, if it likes, takes them all). The kernel is generated for the network, with its
 * sizes and the rules' constants as literals, from the model, delivery, trace and compaction functions of
 * the step's kernel files and the rules' generated block functions; spike trains are those of the kernels launched
 * one by one.
 */
final class FusedStep {
    /** Name of the generated kernel. */
    static final String KERNEL = "network_step";

    /**
     * A population as the step updates it: the model's per-neuron function ({@code <function>_at}, generated from
     * its definition), its place in the shared buffers, and its buffer arguments.
     *
     * @param function   kernel name of the model, or {@code bernoulli_source}
     * @param neurons    whether it is a neuron population (else a Bernoulli source)
     * @param padded     padded size, the stride of its delay ring
     * @param size       number of neurons
     * @param offset     first neuron in the shared buffers
     * @param blocks     number of blocks
     * @param blockOffset first block among all populations' blocks
     * @param depth      depth of the delay ring in steps (neurons)
     * @param key        the source's Philox key (sources)
     * @param buffers    neurons: ring, injected current (null for none), step constants, then the state variables;
     *                   sources: the trials' thresholds (see {@code BernoulliSource#threshold})
     * @param type       the OpenCL C type of the state variables and step constants ({@code float} or
     *                   {@code double})
     * @param poisson    the Poisson inputs onto the neurons, in the order they are added
     */
    record Part(String function, boolean neurons, int padded, int size, int offset, int blocks, int blockOffset,
                int depth, long key, cl_mem[] buffers, String type, List<Poisson> poisson) {
    }

    /**
     * A Poisson input onto a receptor of a population (see poisson_input_at).
     *
     * @param receptor the receptor's index
     * @param key      the stream's key
     * @param weight   what each spike adds
     * @param bounds   the bounds of the counts' search
     */
    record Poisson(int receptor, long key, float weight, cl_mem bounds) {
    }

    /**
     * The delivery into one target population.
     *
     * @param target       index of the target among the parts
     * @param projections  number of incoming projections
     * @param segmentTable whether {@code segments} holds each row's part in each block (else a binary search finds
     *                     it)
     * @param buffers      desc, rows, synapse targets, weights, delays, segments (see deliver_block)
     */
    record Delivery(int target, int projections, boolean segmentTable, cl_mem[] buffers) {
        /** The weights' buffer. */
        cl_mem weights() {
            return buffers[3];
        }
    }

    /**
     * A plasticity rule's work on one target block: {@code function(b, step, arguments...)}, where the arguments
     * from index 1 are those its own kernel was given.
     *
     * @param function  the rule's generated block function ({@link org.hebb.simulator.engine.DeviceRule})
     * @param target    index of the target population among the parts (its blocks)
     * @param arguments the kernel's arguments by index: Integer, Float or cl_mem
     * @param beforeDelivery whether it runs before the step's delivery (a transmission) rather than after it
     */
    record RuleCall(String function, int target, Map<Integer, Object> arguments, boolean beforeDelivery) {
    }

    /**
     * A shared trace advanced for the neurons of a block (see trace_advance).
     *
     * @param part index of the traced population among the parts
     */
    record TraceAdvance(int part, int depth, int stride, float decay, float increment, boolean nearest,
                        cl_mem ring) {
    }

    /**
     * Arguments before the buffers: first step, count, continuousFrom, claimBase, doneBase; then the tickets (taken,
     * done), spiked, lists, counts and the parts' buffers.
     */
    private static final int FIRST_BUFFER_ARGUMENT = 5;

    private final DeviceSession session;
    private final cl_kernel kernel;
    private final int blocks;
    private final long[] global;
    private final long[] local = {1};
    private final long[] first = new long[1];
    private final int[] count = new int[1];
    private final long[] continuousFrom = new long[1];
    private final int[] claimBase = new int[1];
    private final int[] doneBase = new int[1];
    private final Pointer firstPointer = Pointer.to(first);
    private final Pointer countPointer = Pointer.to(count);
    private final Pointer continuousFromPointer = Pointer.to(continuousFrom);
    private final Pointer claimBasePointer = Pointer.to(claimBase);
    private final Pointer doneBasePointer = Pointer.to(doneBase);
    private int mostStepsPerLaunch;

    /**
     * Generates, builds and binds the step of {@code parts} and {@code deliveries}.
     *
     * @param total       neurons in the shared buffers (padded)
     * @param totalBlocks blocks of all populations
     * @param listDepth   steps of spike lists kept
     */
    FusedStep(DeviceSession session, List<Part> parts, List<Delivery> deliveries, List<RuleCall> rules,
              List<TraceAdvance> traces, int total, int totalBlocks, int listDepth, cl_mem spiked, cl_mem lists,
              cl_mem counts) {
        this.session = session;
        blocks = parts.stream().mapToInt(Part::blocks).max().orElse(1);
        kernel = session.compile(KERNEL, source(parts, deliveries, rules, traces, total, totalBlocks, listDepth,
                blocks));
        global = new long[] {Math.min(blocks, Math.max(1, session.device.computeUnits()))};
        cl_mem tickets = session.ints(new int[2]);
        int index = FIRST_BUFFER_ARGUMENT;
        for (cl_mem buffer : new cl_mem[] {tickets, spiked, lists, counts}) {
            clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(buffer));
        }
        for (cl_mem buffer : buffers(parts, deliveries, rules, traces)) {
            clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(buffer));
        }
    }

    /** The buffer arguments after spiked, lists and counts, in the order of the generated kernel's parameters. */
    private static List<cl_mem> buffers(List<Part> parts, List<Delivery> deliveries, List<RuleCall> rules,
                                        List<TraceAdvance> traces) {
        List<cl_mem> buffers = new ArrayList<>();
        parts.forEach(p -> addBuffers(buffers, p));
        deliveries.forEach(d -> buffers.addAll(Arrays.asList(d.buffers())));
        rules.forEach(r -> r.arguments().values().stream().filter(cl_mem.class::isInstance).map(cl_mem.class::cast)
                .forEach(buffers::add));
        traces.forEach(t -> buffers.add(t.ring()));
        return buffers;
    }

    /** Adds {@code part}'s buffers to {@code buffers} in the order of its parameters ({@link #partParameters}). */
    static void addBuffers(List<cl_mem> buffers, Part part) {
        Arrays.stream(part.buffers()).filter(Objects::nonNull).forEach(buffers::add);
        part.poisson().forEach(input -> buffers.add(input.bounds()));
    }

    /**
     * The step of {@code network} with its transmissions and rules as one kernel, or null where the device cannot
     * take its arguments.
     */
    static FusedStep of(DeviceLayout network, RuleLaunch[] sending, RuleLaunch[] learning) {
        List<Group> order = List.of(network.groups);
        List<Part> parts = order.stream().map(Group::part).toList();
        List<Delivery> deliveries = Arrays.stream(network.deliveries).map(d -> d.part(order)).toList();
        List<RuleCall> rules = Stream.concat(Arrays.stream(sending), Arrays.stream(learning))
                .map(l -> new RuleCall(l.blockFunction(), order.indexOf(network.byPopulation.get(
                        l.projection.target())), l.launch.arguments, l.beforeDelivery())).toList();
        List<TraceAdvance> advances = Arrays.stream(network.traces)
                .map(t -> t.part(order.indexOf(network.byPopulation.get(t.trace.population())))).toList();
        if (!fits(network.session, parts, deliveries, rules, advances)) {
            return null;
        }
        return new FusedStep(network.session, parts, deliveries, rules, advances, network.total, network.totalBlocks,
                network.listDepth, network.spiked, network.lists, network.counts);
    }

    /** Whether the device takes the generated kernel's arguments: their bytes and its constant buffers. */
    static boolean fits(DeviceSession session, List<Part> parts, List<Delivery> deliveries, List<RuleCall> rules,
                        List<TraceAdvance> traces) {
        long bytes = 2L * Sizeof.cl_long + 3L * Sizeof.cl_int
                + (4L + buffers(parts, deliveries, rules, traces).size()) * Sizeof.cl_mem;
        long constants = parts.stream().filter(Part::neurons).count();
        return bytes <= session.maxParameterBytes() && constants <= session.maxConstantArguments();
    }

    /**
     * Enqueues steps {@code from} to {@code from + steps - 1} as one launch; a step delivers the spikes of the step
     * before it only if that step is after {@code deliverAfter} (the last step before the dynamics restarted).
     */
    void run(long from, int steps, long deliverAfter) {
        first[0] = from;
        count[0] = steps;
        continuousFrom[0] = deliverAfter;
        clSetKernelArg(kernel, 0, Sizeof.cl_long, firstPointer);
        clSetKernelArg(kernel, 1, Sizeof.cl_int, countPointer);
        clSetKernelArg(kernel, 2, Sizeof.cl_long, continuousFromPointer);
        clSetKernelArg(kernel, 3, Sizeof.cl_uint, claimBasePointer);
        clSetKernelArg(kernel, 4, Sizeof.cl_uint, doneBasePointer);
        session.launch(kernel, global, local);
        // the counters only grow (modulo 2^32): every ticket is taken once, plus one past the end per work-group
        claimBase[0] += steps * blocks + (int) global[0];
        doneBase[0] += steps * blocks;
        mostStepsPerLaunch = Math.max(mostStepsPerLaunch, steps);
    }

    /** The most steps one launch has run so far. */
    int mostStepsPerLaunch() {
        return mostStepsPerLaunch;
    }

    /**
     * The generated kernel: its parameters, then, per ticket taken, the learning phase and the updates of block b
     * of a step.
     */
    static String source(List<Part> parts, List<Delivery> deliveries, List<RuleCall> rules,
                         List<TraceAdvance> traces, int total, int totalBlocks, int listDepth, int blocks) {
        StringBuilder body = new StringBuilder();
        body.append(String.format(Locale.ROOT, "    const uint ticket = atomic_inc(tickets) - claimBase;%n"
                + "    if (ticket >= (uint) count * %1$du) {%n"
                + "        break;%n"
                + "    }%n"
                + "    const int s = (int) (ticket / %1$du);%n"
                + "    const int b = (int) (ticket - (uint) s * %1$du);%n"
                + "    if (s > 0) {%n"
                + "        await_count(tickets + 1, doneBase, (uint) s * %1$du);%n"
                + "    }%n"
                + "    const long step = first + s;%n"
                + "    const int listSlot = (int) (step %% %2$d);%n", blocks, listDepth));
        body.append("    if (step > continuousFrom) {\n");
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).beforeDelivery()) {
                body.append(ruleCall(r, rules.get(r), parts));
            }
        }
        for (int d = 0; d < deliveries.size(); d++) {
            body.append(delivery(d, deliveries.get(d), parts, total, totalBlocks, listDepth));
        }
        for (int r = 0; r < rules.size(); r++) {
            if (!rules.get(r).beforeDelivery()) {
                body.append(ruleCall(r, rules.get(r), parts));
            }
        }
        for (int t = 0; t < traces.size(); t++) {
            body.append(traceAdvance(t, traces.get(t), parts));
        }
        body.append("    }\n");
        for (int p = 0; p < parts.size(); p++) {
            body.append(update(p, parts.get(p), total, totalBlocks));
        }
        body.append("    atomic_inc(tickets + 1);\n");
        return "\n__kernel void " + KERNEL + "(" + parameters(parts, deliveries, rules, traces) + ") {\n"
                + "  for (;;) {\n" + body + "  }\n}\n";
    }

    /** In the order the constructor binds them; p, d, r and t number parts, deliveries, rules and traces. */
    private static String parameters(List<Part> parts, List<Delivery> deliveries, List<RuleCall> rules,
                                     List<TraceAdvance> traces) {
        StringBuilder parameters = new StringBuilder("const long first, const int count, const long continuousFrom, "
                + "const uint claimBase, const uint doneBase, __global volatile uint* tickets, "
                + "__global uchar* restrict spiked, __global int* restrict lists, __global int* restrict counts");
        for (int p = 0; p < parts.size(); p++) {
            parameters.append(partParameters(p, parts.get(p)));
        }
        for (int d = 0; d < deliveries.size(); d++) {
            cl_mem weights = deliveries.get(d).weights();
            // a rule writing these weights reaches them through a pointer of its own: no restrict then
            boolean learnt = rules.stream().anyMatch(r -> r.arguments().containsValue(weights));
            parameters.append(String.format(Locale.ROOT, ", __global const int* restrict d%1$d_desc, "
                    + "__global const int* restrict d%1$d_rows, __global const int* restrict d%1$d_synTarget, "
                    + "__global const float* %2$sd%1$d_synWeight, __global const int* restrict d%1$d_synDelay, "
                    + "__global const int* restrict d%1$d_segments", d, learnt ? "" : "restrict "));
        }
        for (int r = 0; r < rules.size(); r++) {
            for (Map.Entry<Integer, Object> argument : rules.get(r).arguments().entrySet()) {
                if (argument.getValue() instanceof cl_mem) {
                    parameters.append(String.format(Locale.ROOT, ", __global void* r%d_a%d", r, argument.getKey()));
                }
            }
        }
        for (int t = 0; t < traces.size(); t++) {
            parameters.append(String.format(Locale.ROOT, ", __global float* t%d_ring", t));
        }
        return parameters.toString();
    }

    /** Part p's kernel parameters, each after a comma: p{p}_ring, p{p}_injected, p{p}_k, p{p}_v0... (neurons). */
    static String partParameters(int p, Part part) {
        if (!part.neurons()) {
            return String.format(Locale.ROOT, ", __global const ulong* restrict p%d_threshold", p);
        }
        StringBuilder parameters = new StringBuilder(String.format(Locale.ROOT, ", __global float* restrict p%d_ring",
                p));
        if (part.buffers()[1] != null) {
            parameters.append(String.format(Locale.ROOT, ", __global const float* restrict p%d_injected", p));
        }
        parameters.append(String.format(Locale.ROOT, ", __constant %s* p%d_k", part.type(), p));
        for (int v = 3; v < part.buffers().length; v++) {
            parameters.append(String.format(Locale.ROOT, ", __global %s* restrict p%d_v%d", part.type(), p, v - 3));
        }
        for (int s = 0; s < part.poisson().size(); s++) {
            parameters.append(String.format(Locale.ROOT, ", __global const long* restrict p%d_poisson%d", p, s));
        }
        return parameters.toString();
    }

    private static String delivery(int d, Delivery delivery, List<Part> parts, int total, int totalBlocks,
                                   int listDepth) {
        Part t = parts.get(delivery.target());
        String buffers = String.format(Locale.ROOT,
                "d%1$d_desc, d%1$d_rows, d%1$d_synTarget, d%1$d_synWeight, d%1$d_synDelay", d);
        return String.format(Locale.ROOT, "        if (b < %1$d) {%n"
                        + "            deliver_block(step, b, %2$d, %3$d, %1$d, %4$d, %5$d, %6$s, %7$d, %8$d, lists, "
                        + "counts, p%9$d_ring, %10$d, %11$d, d%12$d_segments);%n"
                        + "        }%n",
                t.blocks(), t.padded(), t.size(), t.depth(), delivery.projections(), buffers, total, totalBlocks,
                delivery.target(), listDepth, delivery.segmentTable() ? 1 : 0, d);
    }

    private static String ruleCall(int r, RuleCall rule, List<Part> parts) {
        StringBuilder call = new StringBuilder(rule.function()).append("(b, step");
        for (Map.Entry<Integer, Object> argument : rule.arguments().entrySet()) {
            call.append(", ").append(argument.getValue() instanceof cl_mem ? "r" + r + "_a" + argument.getKey()
                    : literal(argument.getValue()));
        }
        return String.format(Locale.ROOT, "        if (b < %d) {%n            %s);%n        }%n",
                parts.get(rule.target()).blocks(), call);
    }

    private static String traceAdvance(int t, TraceAdvance trace, List<Part> parts) {
        Part part = parts.get(trace.part());
        return String.format(Locale.ROOT, "        if (b < %1$d) {%n"
                        + "            const int slot = (int) ((step - 1) %% %2$d);%n"
                        + "            __global float* now = t%3$d_ring + (long) slot * %4$d;%n"
                        + "            __global const float* before = t%3$d_ring"
                        + " + (long) slot_back(slot, 1, %2$d) * %4$d;%n"
                        + "            const int hi = block_start(%5$d, %1$d, b + 1);%n"
                        + "            for (int i = block_start(%5$d, %1$d, b); i < hi; i++) {%n"
                        + "                trace_advance_at(i, before, now, spiked, %6$d, %7$s, %8$s, %9$d);%n"
                        + "            }%n"
                        + "        }%n", part.blocks(), trace.depth(), t, trace.stride(), part.size(), part.offset(),
                literal(trace.decay()), literal(trace.increment()), trace.nearest() ? 1 : 0);
    }

    /** The update of block b of part p in a loop, then the compaction of its spikes. */
    private static String update(int p, Part part, int total, int totalBlocks) {
        StringBuilder update = new StringBuilder(String.format(Locale.ROOT, "    if (b < %1$d) {%n"
                + "        const int lo = block_start(%2$d, %1$d, b);%n"
                + "        const int hi = block_start(%2$d, %1$d, b + 1);%n", part.blocks(), part.size()));
        if (part.neurons()) {
            update.append(String.format(Locale.ROOT, "        const int slot = (int) (step %% %d);%n", part.depth()));
            for (int s = 0; s < part.poisson().size(); s++) {
                update.append("        for (int i = lo; i < hi; i++) {\n            ").append(poissonCall(p, part, s))
                        .append(";\n        }\n");
            }
        }
        update.append("        for (int i = lo; i < hi; i++) {\n            ").append(updateCall(p, part))
                .append(";\n        }\n");
        update.append(String.format(Locale.ROOT, "        counts[listSlot * %d + %d + b] = compact_range(spiked + %d, "
                + "lists + (long) listSlot * %d + %3$d, lo, hi);%n    }%n", totalBlocks, part.blockOffset(),
                part.offset(), total));
        return update.toString();
    }

    /**
     * Poisson input s of part p for neuron {@code i} (which must be below the part's size) at {@code step}, whose
     * ring slot is {@code slot}.
     */
    static String poissonCall(int p, Part part, int s) {
        Poisson input = part.poisson().get(s);
        return String.format(Locale.ROOT,
                        "poisson_input_at(i, step, %d, %sUL, p%d_poisson%d, %s, p%3$d_ring + ((long) %d * %d + "
                        + "slot) * %d)", part.size(), Long.toUnsignedString(input.key()), p, s, literal(input.weight()),
                input.receptor(), part.depth(), part.padded());
    }

    /**
     * The update of neuron (or source) {@code i} of part p at {@code step}: the model's function (a neuron's ring slot
     * in {@code slot}) or the Bernoulli source's draw, setting its flag in {@code spiked}.
     */
    static String updateCall(int p, Part part) {
        if (!part.neurons()) {
            return String.format(Locale.ROOT, "bernoulli_source_at(i, step, spiked, %d, %du, %du, p%d_threshold)",
                    part.offset(), part.key() & 0xFFFFFFFFL, part.key() >>> 32, p);
        }
        StringBuilder arguments = new StringBuilder(String.format(Locale.ROOT,
                "i, step, %d, spiked, %d, %d, slot, p%4$d_ring, "
                + "%5$s, p%4$d_k", part.padded(), part.offset(), part.depth(), p,
                part.buffers()[1] != null ? "p" + p + "_injected" : "0"));
        for (int v = 3; v < part.buffers().length; v++) {
            arguments.append(String.format(Locale.ROOT, ", p%d_v%d", p, v - 3));
        }
        return part.function() + "_at(" + arguments + ")";
    }

    /**
     * An int, long, float or double (precise_t) argument as an OpenCL C literal of the same value: floats and doubles
     * exactly, in hexadecimal, NaN and the infinities as OpenCL C's NAN and INFINITY (float constants, which a
     * double argument receives as the same NaN or infinity).
     */
    static String literal(Object value) {
        if (value instanceof Float f) {
            return Float.isFinite(f) ? "(" + Float.toHexString(f) + "f)" : nonFinite(f);
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? "(" + Double.toHexString(d) + ")" : nonFinite(d);
        }
        return "(" + value + ")";
    }

    /** NaN or an infinity as OpenCL C's macros. */
    private static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "NAN";
        }
        return value > 0 ? "INFINITY" : "(-INFINITY)";
    }
}
