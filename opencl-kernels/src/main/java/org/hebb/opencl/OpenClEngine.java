package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.AstrocyteRates;
import org.hebb.simulator.engine.AstrocyteStdpUpdate;
import org.hebb.simulator.engine.DeviceRule;
import org.hebb.simulator.engine.DeviceTransmission;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.GlobalUpdate;
import org.hebb.simulator.engine.PlasticityWiring;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.engine.ThreeFactorUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.engine.Transmission;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.random.Seeds;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The clock-driven engine on an OpenCL device, step for step the Java backend's (see {@code clock_step.cl}).
 * Every population is cut into blocks as the Java backend cuts it among threads; state, delay rings, synapses and
 * spike lists, plastic weights and traces stay on the device. One step: each target population's delivery of the
 * previous step's spikes (one work-item per target block, walking the spikes in order and adding the row segments
 * that fall into its block: partitioned by target, never a racy scatter), then the rules by target block and the
 * shared traces, then each population's update (one work-item per neuron) and the compaction of its spikes into
 * ordered per-block lists. On CPU devices a network without plasticity or with rules from definitions runs all of
 * that as one generated kernel per step, a batch of steps per launch ({@link FusedStep}). With the same
 * single-precision operations in the same order (FP_CONTRACT OFF), spike trains equal the Java backend's. Only what
 * is asked for crosses to the host: a population's spikes when a monitor reads them (block counts, then the
 * spikes), its state when a state monitor reads it, a few bytes per variable for the finite-state check.
 *
 * <p>Runs so far: populations of any defined neuron model, the built-in ones included ({@link DeviceModel}),
 * Bernoulli and Poisson sources, constant injected currents, projections with any weights and delays, static or
 * with a rule generated from its definition ({@link DeviceRule}: STDP and any synapse definition without
 * {@code on_transmit}), the three-factor rule without HLOP ({@link ThreeFactorUpdate}) or
 * astrocyte-modulated STDP ({@link AstrocyteStdpUpdate}). Anything else is refused, naming it and the Java
 * backend.
 */
final class OpenClEngine implements Engine, DeviceNetwork {
    /**
     * Neurons per block at least, and blocks per compute unit at most: one, as the Java backend has one partition
     * per thread (more blocks measured slower on PoCL: each work-group costs time to start, and where a batch of
     * steps is one launch ({@link FusedStep}), two or four blocks per core ran 5-30% slower than one on two cores
     * from 4000 to 10^6 neurons, static or plastic).
     */
    private static final int MIN_BLOCK = 256;
    private static final int BLOCKS_PER_COMPUTE_UNIT = 1;
    /** Ints per incoming projection in the delivery's descriptor (see {@code deliver} in clock_step.cl). */
    private static final int DESC = 8;
    /** Populations are padded to a multiple of this (a multiple of every power-of-two work-group size used). */
    private static final int PADDING = 256;
    /**
     * Spike monitors read the device's spike lists at most this many steps at a time (fewer when the lists of
     * that many steps would exceed {@link #SPIKE_LIST_BYTES}): the device runs ahead without waiting for the host.
     */
    private static final int MONITOR_BATCH_STEPS = 64;
    private static final long SPIKE_LIST_BYTES = 64L << 20;
    /**
     * System property choosing the shape of the work: {@code cpu} (one block of neurons per compute unit, each
     * compacted and fed by one long work-item that walks the spike lists: few work-groups, which is what a CPU
     * device runs fastest), {@code gpu} (blocks of {@link #SCAN_BLOCK} neurons compacted by one work-group each
     * with a prefix sum, and spikes gathered by one work-item per target neuron over its incoming synapses: many
     * short work-items, for GPUs) or {@code auto} (the default: gpu on GPUs, cpu otherwise). Spike trains are the
     * same either way.
     */
    static final String SHAPE_PROPERTY = "hebb.opencl.shape";
    private static final int SCAN_BLOCK = DeviceSession.SCAN_BLOCK;

    private final DeviceSession session;
    private final int total;
    private final int totalBlocks;
    /** Whether the work has the gpu shape (see {@link #SHAPE_PROPERTY}). */
    private final boolean gpuShape;
    private final cl_mem spiked;
    private final cl_mem lists;
    private final cl_mem counts;
    private final Group[] groups;
    /** In the cpu shape, the compaction of every population's spikes in one launch (else null: one per group). */
    private final KernelLaunch compactAll;
    /** The step as one kernel (cpu shape, networks without plasticity or with rules from definitions), or null. */
    private final FusedStep fusedStep;
    private final Delivery[] deliveries;
    private final RuleLaunch[] learning;
    /** What projections with short-term plasticity send, set before each step's delivery. */
    private final RuleLaunch[] sending;
    /** Global updates that stay on the host (the three-factor rule's signals), run after each step's learning. */
    private final GlobalUpdate[] hostUpdates;
    private final DeviceAstrocyte[] astrocytes;
    private final List<Runnable> resetActions;
    private final DeviceTrace[] traces;
    /** Steps of spike lists kept: 2, or as many as STDP needs to see presynaptic spikes arrive after their delay. */
    private final int listDepth;
    private final Map<Population, Group> byPopulation = new IdentityHashMap<>();
    private final WordClearing clearing;
    /**
     * Where a monitor's batch of spike lists is gathered on the device to cross to the host in one read (grown to
     * the largest batch so far; null before the first).
     */
    private cl_mem gathered;
    private int gatheredInts;
    private final long[] stepArgument = new long[1];
    private final Pointer stepPointer = Pointer.to(stepArgument);
    private long step;
    /**
     * The first step whose predecessor's spikes are delivered and learned from (the clock's first step, or the step
     * after a reset).
     */
    private long continuousFrom;

    OpenClEngine(double dt, long masterSeed, long startStep, String deviceSelector, List<Population> populations,
                 List<Projection> projections, PlasticityWiring plasticity) {
        step = startStep;
        continuousFrom = startStep;
        List<DeviceRule> deviceRules = new ArrayList<>();
        List<AstrocyteStdpUpdate> astrocyteUpdates = new ArrayList<>();
        List<ThreeFactorUpdate> threeFactorUpdates = new ArrayList<>();
        for (List<SynapseUpdate> updates : plasticity.synapseUpdates().values()) {
            for (SynapseUpdate update : updates) {
                if (update instanceof DeviceRule rule) {
                    deviceRules.add(rule);
                } else if (update instanceof AstrocyteStdpUpdate astrocyte) {
                    astrocyteUpdates.add(astrocyte);
                } else if (update instanceof ThreeFactorUpdate threeFactor) {
                    if (threeFactor.projected()) {
                        throw unsupported("the three-factor rule with an orthogonal projection (HLOP), which "
                                + "projects the presynaptic traces on the host every step");
                    }
                    threeFactorUpdates.add(threeFactor);
                } else {
                    throw unsupported("afterDelivery code");
                }
            }
        }
        List<GlobalUpdate> onHost = new ArrayList<>();
        for (GlobalUpdate update : plasticity.globalUpdates()) {
            if (!(update instanceof AstrocyteRates)) {
                if (threeFactorUpdates.isEmpty()) {
                    throw unsupported("a global update of a rule the device does not know");
                }
                onHost.add(update);
            }
        }
        hostUpdates = onHost.toArray(new GlobalUpdate[0]);
        if (!plasticity.eventUpdates().isEmpty()) {
            throw unsupported("plasticity with event updates");
        }
        resetActions = plasticity.resetActions();
        List<DeviceTransmission> transmissions = new ArrayList<>();
        for (Transmission t : plasticity.transmissions().values()) {
            if (!(t instanceof DeviceTransmission device)) {
                throw unsupported("a transmission (short-term plasticity) not made from a definition");
            }
            transmissions.add(device);
        }
        int spikeHistory = 2;
        for (ThreeFactorUpdate rule : threeFactorUpdates) {
            spikeHistory = Math.max(spikeHistory, rule.projection().maxDelay() + 2);
        }
        for (DeviceRule rule : deviceRules) {
            spikeHistory = Math.max(spikeHistory, rule.projection().maxDelay() + 2);
        }
        int deliveryDepth = spikeHistory;
        Map<NeuronPopulation, DeviceModel> deviceModels = new IdentityHashMap<>();
        Set<String> modelSources = new LinkedHashSet<>();
        for (Population p : populations) {
            if (p instanceof NeuronPopulation np) {
                DeviceModel model = deviceModel(np, dt);
                deviceModels.put(np, model);
                if (model.source() != null) {
                    modelSources.add(model.source());
                }
            }
        }
        for (DeviceRule rule : deviceRules) {
            modelSources.add(rule.openClSource());
        }
        for (DeviceTransmission t : transmissions) {
            modelSources.add(t.openClSource());
        }
        OpenClDevice device = OpenClDevices.select(deviceSelector);
        if (deviceModels.values().stream().anyMatch(m -> m.precision() == Precision.DOUBLE)
                && !DeviceSession.hasDoubles(device)) {
            throw new IllegalArgumentException("precision = DOUBLE is not allowed on the OpenCL device "
                    + device.name() + ": it has no double precision (cl_khr_fp64); use Precision.SINGLE, another "
                    + "device or the JAVA backend");
        }
        session = new DeviceSession(device, String.join("\n", modelSources));
        try {
            gpuShape = switch (System.getProperty(SHAPE_PROPERTY, "auto")) {
                case "auto" -> session.device.type().equals("GPU");
                case "gpu" -> true;
                case "cpu" -> false;
                default -> throw new IllegalArgumentException(SHAPE_PROPERTY + " = '"
                        + System.getProperty(SHAPE_PROPERTY) + "' is not allowed: use auto, cpu or gpu");
            };
            boolean fuse = !gpuShape && astrocyteUpdates.isEmpty() && threeFactorUpdates.isEmpty()
                    && plasticity.globalUpdates().isEmpty();
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
                    groups[g] = new NeuronGroup(np, layout, deviceModels.get(np), maxDelay + 1);
                } else if (p instanceof BernoulliSource source) {
                    groups[g] = new BernoulliGroup(source, layout, Seeds.derive(masterSeed, "source:" + p.name()));
                } else {
                    throw unsupported("source population '" + p.name() + "' (" + p.getClass().getSimpleName() + ")");
                }
                byPopulation.put(p, groups[g]);
            }
            total = neurons;
            totalBlocks = blocks;
            listDepth = (int) Math.max(deliveryDepth,
                    Math.min(MONITOR_BATCH_STEPS, SPIKE_LIST_BYTES / ((long) Sizeof.cl_int * total)));
            spiked = session.bytes(total);
            lists = session.ints(new int[listDepth * total]);
            counts = session.ints(new int[listDepth * totalBlocks]);
            clearing = new WordClearing(session);
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
                        targets.add(new Delivery(target, onto));
                    }
                }
            }
            deliveries = targets.toArray(new Delivery[0]);
            traces = plasticity.traces().stream().map(t -> {
                Layout layout = byPopulation.get(t.population()).layout;
                return new DeviceTrace(session, t, layout, spiked, newLaunch("trace_advance", layout.padded(), false));
            }).toArray(DeviceTrace[]::new);
            List<RuleLaunch> rules = new ArrayList<>();
            for (DeviceRule rule : deviceRules) {
                rules.add(new DeviceRuleLaunch(this, rule.openClName(), rule.projection(), rule.deviceArguments(),
                        false));
            }
            for (ThreeFactorUpdate rule : threeFactorUpdates) {
                rules.add(new ThreeFactorLaunch(this, rule));
            }
            Map<AstrocyteRates, DeviceAstrocyte> byRates = new IdentityHashMap<>();
            for (AstrocyteStdpUpdate rule : astrocyteUpdates) {
                DeviceAstrocyte astrocyte = byRates.computeIfAbsent(rule.rates(), r -> new DeviceAstrocyte(this, r));
                rules.add(new AstrocyteStdpLaunch(this, rule, astrocyte));
            }
            learning = rules.toArray(new RuleLaunch[0]);
            sending = transmissions.stream().map(t -> new DeviceRuleLaunch(this, t.openClName(), t.projection(),
                    t.deviceArguments(), true)).toArray(RuleLaunch[]::new);
            astrocytes = byRates.values().toArray(new DeviceAstrocyte[0]);
            fusedStep = fuse ? fusedStep() : null;
            compactAll = gpuShape || fusedStep != null ? null : compactAll();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static DeviceModel deviceModel(NeuronPopulation population, double dt) {
        DeviceModel model = DeviceModel.of(population.model(), dt, population.state().precision());
        if (model == null) {
            throw unsupported("population '" + population.name() + "' of " + population.model().name()
                    + " (the device runs models made from a NeuronDefinition: every built-in model and any defined "
                    + "one)");
        }
        return model;
    }

    /**
     * The step as one kernel (static networks and rules from definitions: their learning is per target block and per
     * neuron), or null where the device cannot take its arguments.
     */
    private FusedStep fusedStep() {
        List<Group> order = List.of(groups);
        List<FusedStep.Part> parts = order.stream().map(Group::part).toList();
        List<FusedStep.Delivery> fusedDeliveries = Arrays.stream(deliveries).map(d -> d.part(order)).toList();
        List<FusedStep.RuleCall> rules = java.util.stream.Stream.concat(Arrays.stream(sending), Arrays.stream(learning))
                .map(l -> new FusedStep.RuleCall(l.blockFunction(), order.indexOf(byPopulation.get(
                        l.projection.target())), l.launch.arguments, l.beforeDelivery())).toList();
        List<FusedStep.TraceAdvance> advances = Arrays.stream(traces)
                .map(t -> t.part(order.indexOf(byPopulation.get(t.trace.population())))).toList();
        return FusedStep.fits(session, parts, fusedDeliveries, rules, advances) ? new FusedStep(session, parts,
                fusedDeliveries, rules, advances, total, totalBlocks, listDepth, spiked, lists, counts) : null;
    }

    /** The cpu shape's compaction: one work-item per block of every population, described by its place. */
    private KernelLaunch compactAll() {
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
        KernelLaunch launch = newLaunch("compact", totalBlocks, true);
        launch.args(1, totalBlocks, session.ints(blockDesc), total, spiked, lists, counts, listDepth);
        return launch;
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException(what + ": the " + BackendKind.OPENCL + " backend cannot run it yet; "
                + "build the network with Network.builder().backend(BackendKind." + BackendKind.JAVA + ")");
    }

    /**
     * {@inheritDoc} Bytes moved each way so far (to the device, buffer creation included), the steps of spike lists
     * kept on the device, the kernels a step launches, when the step is one kernel the most steps one launch ran,
     * and, with {@link KernelProfile#PROPERTY}, the launches profiled (reading them waits for the device).
     */
    @Override
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>(Map.of("bytes_to_host", session.bytesToHost(),
                "bytes_to_device", session.bytesToDevice(), "spike_history_steps", (long) listDepth,
                "kernels_per_step", (long) kernelsPerStep()));
        if (fusedStep != null) {
            counters.put("most_steps_per_launch", (long) fusedStep.mostStepsPerLaunch());
        }
        KernelProfile profile = session.profile();
        if (profile != null) {
            counters.put("profiled_launches", profile.launches());
        }
        return counters;
    }

    /** Kernels launched by a step (in a continuous run, without monitors or checks). */
    private int kernelsPerStep() {
        if (fusedStep != null) {
            return 1;
        }
        int kernels = sending.length + deliveries.length + learning.length + traces.length + astrocytes.length
                + groups.length;
        return kernels + (compactAll != null ? 1 : gpuShape ? groups.length : 0);
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public long currentStep() {
        return step;
    }

    @Override
    public void step() {
        stepArgument[0] = step;
        if (fusedStep != null) {
            runFused(1);
            return;
        }
        if (step > continuousFrom) {
            for (RuleLaunch l : sending) {
                l.run();
            }
            for (Delivery d : deliveries) {
                d.launch();
            }
            learn();
        }
        for (Group g : groups) {
            g.launch();
        }
        if (compactAll != null) {
            compactAll.run();
        }
        step++;
    }

    /**
     * {@inheritDoc} With the step as one kernel on a CPU device, the steps are one launch. (Its steps wait for one
     * another through atomic counters, which order memory across work-groups on a CPU's coherent caches; OpenCL
     * 1.2 does not promise that on other devices, where the cpu shape runs a launch per step.)
     */
    @Override
    public void steps(int count) {
        if (fusedStep == null || !session.device.type().equals("CPU")) {
            Engine.super.steps(count);
            return;
        }
        runFused(count);
    }

    private void runFused(int count) {
        for (Group g : groups) {
            g.prepare();
        }
        fusedStep.run(step, count, continuousFrom);
        step += count;
    }

    /**
     * The plasticity of the previous step's spikes, then the traces advanced to that step, then the astrocytes'
     * updates (as the Java backend orders them).
     */
    private void learn() {
        for (RuleLaunch l : learning) {
            l.run();
        }
        for (DeviceTrace t : traces) {
            t.advance.run();
        }
        for (DeviceAstrocyte a : astrocytes) {
            a.update.run();
        }
        for (GlobalUpdate update : hostUpdates) {
            update.afterSynapseUpdates(stepArgument[0] - 1);
        }
    }

    /** {@inheritDoc} The astrocytes' rates and decay go to the device. */
    @Override
    public void runStarting() {
        for (DeviceAstrocyte a : astrocytes) {
            a.upload();
        }
    }

    /** {@inheritDoc} The plastic weights and the astrocytes' rates are copied back into the rules' arrays. */
    @Override
    public void runEnded() {
        synchronizeRules();
    }

    /**
     * {@inheritDoc} Copies back every rule's weights and arrays, the astrocytes' rates and the traces (the same as
     * at the end of a run).
     */
    @Override
    public void synchronizeRules() {
        for (RuleLaunch l : learning) {
            l.download();
        }
        for (RuleLaunch l : sending) {
            l.download();
        }
        for (DeviceAstrocyte a : astrocytes) {
            a.download();
        }
        for (DeviceTrace t : traces) {
            t.download(step);
        }
    }

    @Override
    public SpikeView lastSpikes(Population population) {
        return byPopulation.get(population).spikesOf(step - 1);
    }

    /** {@inheritDoc} The spike lists of the last {@code listDepth} steps stay on the device. */
    @Override
    public int spikeHistorySteps() {
        return listDepth;
    }

    @Override
    public SpikeView spikes(Population population, long spikeStep) {
        if (spikeStep >= step || spikeStep < step - listDepth) {
            throw new IllegalArgumentException("step " + spikeStep + " is not readable: the device keeps the spikes of "
                    + "steps " + (step - listDepth) + " to " + (step - 1));
        }
        return byPopulation.get(population).spikesOf(spikeStep);
    }

    @Override
    public void synchronizeState(NeuronPopulation population) {
        ((NeuronGroup) byPopulation.get(population)).download();
    }

    @Override
    public NonFiniteValue firstNonFinite(NeuronPopulation population) {
        return ((NeuronGroup) byPopulation.get(population)).firstNonFinite();
    }

    /**
     * {@inheritDoc} As on the Java backend, the plasticity of the last step run is applied first and the rules'
     * reset actions run (an astrocyte's rates go back to the device); then spikes in flight, spike flags and
     * counts, delay rings, traces and the three-factor rule's eligibilities are zeroed on the device.
     */
    @Override
    public void resetDynamics(Runnable restoreNeuronState) {
        stepArgument[0] = step;
        if (step > continuousFrom) {
            learn();
        }
        continuousFrom = step;
        runEnded();
        resetActions.forEach(Runnable::run);
        runStarting();
        restoreNeuronState.run();
        for (Group g : groups) {
            g.restarted();
        }
        clearing.clear(Pointer.to(counts), (long) listDepth * totalBlocks);
        clearing.clear(Pointer.to(spiked), (total + 3) / 4);
        for (Delivery d : deliveries) {
            clearing.clear(Pointer.to(d.target.ring), d.target.ringLength);
        }
        for (DeviceTrace t : traces) {
            clearing.clear(Pointer.to(t.ring), t.length);
        }
        for (RuleLaunch l : learning) {
            l.restarted();
        }
        for (RuleLaunch l : sending) {
            l.restarted();
        }
        session.finish();
    }

    /** A launch of kernel {@code name} over {@code items} work-items (see {@link KernelLaunch}). */
    private KernelLaunch newLaunch(String name, int items, boolean perBlock) {
        return new KernelLaunch(session, stepPointer, name, items, perBlock, PADDING);
    }

    /** A launch of kernel {@code name} over {@code items} work-items in work-groups of exactly {@code group}. */
    private KernelLaunch newLaunch(String name, int items, int group) {
        return new KernelLaunch(session, stepPointer, name, items, group);
    }

    /**
     * The buffer a batch of {@code ints} spikes is gathered in, grown (at least doubled) where it is too small:
     * one buffer serves every population, as each reads its batch to the host before the next gathers.
     */
    private cl_mem gatherBuffer(int ints) {
        if (ints > gatheredInts) {
            if (gathered != null) {
                session.release(gathered);
            }
            gatheredInts = grownCapacity(gatheredInts, ints);
            gathered = session.scratch((long) Sizeof.cl_int * gatheredInts);
        }
        return gathered;
    }

    /** A capacity of at least {@code needed}, and at least twice {@code capacity}, so that growing is rare. */
    private static int grownCapacity(int capacity, int needed) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(Math.max(needed, 1024), 2L * capacity));
    }

    @Override
    public void close() {
        session.close();
    }

    private static int padded(int size) {
        return (size + PADDING - 1) / PADDING * PADDING;
    }

    /** A copy of {@code values} padded with zeros to {@code length}. */
    private static float[] padded(float[] values, int length) {
        return Arrays.copyOf(values, length);
    }

    /** One population on the device: its update, the compaction of its spikes, and their reading on demand. */
    private abstract class Group {
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
        long fetchedFrom = -1;
        long fetchedTo = -1;
        /** The step whose spikes the view holds, and the step whose spikes it must hold when read. */
        long viewStep = -1;
        long wantedStep = -1;

        Group(Population population, Layout layout, String kernel) {
            this.population = population;
            this.layout = layout;
            this.update = newLaunch(kernel, layout.padded(), false);
            update.arg(1, layout.padded());
            this.spikeList = new int[population.size()];
            this.view = SpikeView.filledOnDemand(spikeList, spikeCount, this::fill);
        }

        /** Binds the shared buffers, once they exist. */
        void bind() {
            blockCounts = new int[listDepth * layout.blocks()];
            blockCountsHost = HostArray.of(blockCounts);
            fetchedStart = new int[listDepth];
            fetchedCount = new int[listDepth];
            update.args(2, spiked, layout.offset());
            if (gpuShape) {
                compact = newLaunch("compact_scan", layout.blocks() * SCAN_BLOCK, SCAN_BLOCK);
                compact.args(1, population.size(), layout.blocks(), layout.offset(), layout.blockOffset(), total,
                        totalBlocks, spiked, lists, counts, listDepth);
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
                    fetch(wantedStep, step - 1);
                }
                int slot = (int) (wantedStep % listDepth);
                count = fetchedCount[slot];
                System.arraycopy(fetched, fetchedStart[slot], spikeList, 0, count);
            }
            spikeCount[0] = count;
            viewStep = wantedStep;
        }

        /**
         * Reads the spikes of steps {@code from} to {@code to} (the batch the network is handing to the monitors):
         * this group's counts of every slot in one read, then every non-empty block list copied one after another
         * into the gather buffer on the device, and that read in one: two waits per batch. (JOCL allocates for
         * every read that does not wait, so the block lists are not read one by one without waiting.)
         */
        private void fetch(long from, long to) {
            session.readColumns(counts, totalBlocks, layout.blockOffset(), layout.blocks(), listDepth,
                    blockCountsHost);
            int spikes = 0;
            for (long s = from; s <= to; s++) {
                int slot = (int) (s % listDepth);
                for (int b = 0; b < layout.blocks(); b++) {
                    spikes += blockCounts[slot * layout.blocks() + b];
                }
            }
            cl_mem gather = gatherBuffer(spikes);
            if (fetched.length < spikes) {
                fetched = new int[grownCapacity(fetched.length, spikes)];
                fetchedHost = HostArray.of(fetched);
            }
            int position = 0;
            for (long s = from; s <= to; s++) {
                int slot = (int) (s % listDepth);
                fetchedStart[slot] = position;
                for (int b = 0; b < layout.blocks(); b++) {
                    int n = blockCounts[slot * layout.blocks() + b];
                    if (n > 0) {
                        session.copyInts(lists, (long) Sizeof.cl_int * ((long) slot * total + layout.offset()
                                + layout.blockStart(b)), gather, (long) Sizeof.cl_int * position, n);
                        position += n;
                    }
                }
                fetchedCount[slot] = position - fetchedStart[slot];
            }
            if (position > 0) {
                session.read(gather, 0, fetchedHost, position);
            }
            fetchedFrom = from;
            fetchedTo = to;
        }
    }

    /** A Bernoulli or Poisson source: probabilities uploaded when they change. */
    private final class BernoulliGroup extends Group {
        private final BernoulliSource source;
        private final float[] probabilities;
        private final HostArray probabilitiesHost;
        private final cl_mem probabilityBuffer;
        private final long key;
        private long seenChanges = -1;

        BernoulliGroup(BernoulliSource source, Layout layout, long key) {
            super(source, layout, "bernoulli_source");
            this.source = source;
            this.key = key;
            this.probabilities = new float[layout.padded()];
            this.probabilitiesHost = HostArray.of(probabilities);
            this.probabilityBuffer = session.floats(probabilities);
            update.args(4, (int) key, (int) (key >>> 32), probabilityBuffer);
        }

        @Override
        void prepare() {
            if (source.changeCount() != seenChanges) {
                seenChanges = source.changeCount();
                for (int i = 0; i < source.size(); i++) {
                    probabilities[i] = (float) source.probability(i);
                }
                session.write(probabilityBuffer, probabilitiesHost);
            }
        }

        @Override
        FusedStep.Part part() {
            return new FusedStep.Part("bernoulli_source", false, layout.padded(), layout.size(), layout.offset(),
                    layout.blocks(), layout.blockOffset(), 0, key, new cl_mem[] {probabilityBuffer}, "float");
        }
    }

    /** A neuron population: its state, injected current and delay ring on the device. */
    private final class NeuronGroup extends Group {
        private final NeuronState state;
        private final HostArray[] stateHost;
        private final cl_mem[] variables;
        /** Pointers to the variables' buffers, kernel arguments of the finite-state check. */
        private final Pointer[] variableArguments;
        final int depth;
        final cl_mem ring;
        final long ringLength;
        private final DeviceModel model;
        private final cl_mem injectedBuffer;
        /** Whether currents are injected (else the fused step reads no injected current). */
        private final boolean injects;
        private final cl_mem constantsBuffer;
        private final cl_kernel scan;
        private final cl_mem firstBad;
        private final Pointer firstBadArgument;
        /** Per variable, Integer.MAX_VALUE minus the first neuron whose value is not finite (0 for none). */
        private final int[] firstIndex;
        private final HostArray firstIndexHost;
        private final int[] scanned = new int[1];
        private final Pointer scannedPointer = Pointer.to(scanned);
        private final int[] slot = new int[1];
        private final Pointer slotPointer = Pointer.to(slot);

        NeuronGroup(NeuronPopulation population, Layout layout, DeviceModel model, int depth) {
            super(population, layout, model.kernel());
            state = population.state();
            variables = new cl_mem[state.variables().size()];
            stateHost = new HostArray[variables.length];
            variableArguments = new Pointer[variables.length];
            boolean single = model.precision() == Precision.SINGLE;
            for (int v = 0; v < variables.length; v++) {
                variables[v] = single ? session.floats(Arrays.copyOf(state.array(v), layout.padded()))
                        : session.doubles(Arrays.copyOf(state.doubles(v), layout.padded()));
                stateHost[v] = single ? HostArray.of(state.array(v)) : HostArray.of(state.doubles(v));
                variableArguments[v] = Pointer.to(variables[v]);
            }
            this.depth = depth;
            ringLength = (long) population.model().receptors().size() * depth * layout.padded();
            ring = session.floats(new float[Math.toIntExact(ringLength)]);
            this.model = model;
            injectedBuffer = session.floats(padded(injected(population), layout.padded()));
            injects = !population.currentSources().isEmpty();
            constantsBuffer = single ? session.floats(model.floatConstants()) : session.doubles(model.constants());
            update.arg(4, depth);
            update.args(6, ring, injectedBuffer, constantsBuffer);
            int next = 9;
            for (cl_mem variable : variables) {
                update.arg(next++, variable);
            }
            firstIndex = new int[variables.length];
            firstIndexHost = HostArray.of(firstIndex);
            firstBad = session.ints(firstIndex);
            firstBadArgument = Pointer.to(firstBad);
            scan = session.kernel(single ? "first_non_finite" : "first_non_finite_d");
            clSetKernelArg(scan, 0, Sizeof.cl_int, Pointer.to(new int[] {population.size()}));
            clSetKernelArg(scan, 2, Sizeof.cl_mem, firstBadArgument);
        }

        private static float[] injected(NeuronPopulation population) {
            float[] sum = new float[population.size()];
            for (CurrentSource source : population.currentSources()) {
                float[] amplitudes = source.constantAmplitudes(population.size());
                if (amplitudes == null) {
                    throw unsupported("current " + source.describe() + " into population '" + population.name()
                            + "' (varies in time; so far the device takes constant currents)");
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += amplitudes[i];
                }
            }
            return sum;
        }

        @Override
        void launch() {
            slot[0] = (int) (step % depth);
            clSetKernelArg(update.kernel, 5, Sizeof.cl_int, slotPointer);
            super.launch();
        }

        /**
         * The first non-finite value, found on the device: every variable scanned and a few bytes read back in one
         * round trip, whatever the population size.
         */
        NonFiniteValue firstNonFinite() {
            clearing.clear(firstBadArgument, variables.length);
            for (int v = 0; v < variables.length; v++) {
                scanned[0] = v;
                clSetKernelArg(scan, 1, Sizeof.cl_mem, variableArguments[v]);
                clSetKernelArg(scan, 3, Sizeof.cl_int, scannedPointer);
                session.launch(scan, update.global, update.local);
            }
            session.read(firstBad, firstIndexHost);
            for (int v = 0; v < variables.length; v++) {
                if (firstIndex[v] != 0) {
                    int neuron = Integer.MAX_VALUE - firstIndex[v];
                    if (model.precision() == Precision.SINGLE) {
                        float[] value = new float[1];
                        session.read(variables[v], (long) neuron * Sizeof.cl_float, HostArray.of(value));
                        return new NonFiniteValue(v, neuron, value[0]);
                    }
                    double[] value = new double[1];
                    session.read(variables[v], (long) neuron * Sizeof.cl_double, HostArray.of(value));
                    return new NonFiniteValue(v, neuron, value[0]);
                }
            }
            return null;
        }

        @Override
        FusedStep.Part part() {
            cl_mem[] buffers = new cl_mem[3 + variables.length];
            buffers[0] = ring;
            buffers[1] = injects ? injectedBuffer : null;
            buffers[2] = constantsBuffer;
            System.arraycopy(variables, 0, buffers, 3, variables.length);
            return new FusedStep.Part(model.kernel(), true, layout.padded(), layout.size(), layout.offset(),
                    layout.blocks(), layout.blockOffset(), depth, 0, buffers, model.type());
        }

        /** Copies the state from the device into the population's arrays. */
        void download() {
            for (int k = 0; k < variables.length; k++) {
                session.read(variables[k], stateHost[k]);
            }
        }

        @Override
        void restarted() {
            super.restarted();
            for (int k = 0; k < variables.length; k++) {
                session.write(variables[k], stateHost[k]);
            }
        }
    }

    /** A value of synapse j (row pre) of a projection. */
    private interface SynapseValue {
        int of(Projection projection, int pre, int j);
    }

    /**
     * The delivery into one target population: its incoming projections' synapses flattened (target, weight, delay,
     * rows sorted by target) with their row pointers, where each block finds its part of a row by binary search;
     * in the gpu shape also the transposed index through which each target neuron gathers its inputs.
     */
    private final class Delivery {
        final NeuronGroup target;
        final KernelLaunch launch;
        final cl_mem rowBuffer;
        final cl_mem targetBuffer;
        final cl_mem weightBuffer;
        final cl_mem delayBuffer;
        final int projections;
        /** In the cpu shape, the descriptor of the incoming projections (else null). */
        cl_mem descBuffer;
        /** Each row's segment in each block (see {@link #segments}), and whether that table was made (else empty). */
        cl_mem segmentBuffer;
        boolean segmentTable;
        /** Per incoming projection: where its row pointers and its synapses start in the flattened arrays. */
        final Map<Projection, int[]> starts = new IdentityHashMap<>();

        Delivery(NeuronGroup target, List<Projection> onto) {
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
                Layout s = byPopulation.get(p.source()).layout;
                Projection.SparseRows sparse = p.rows();
                desc[DESC * q] = s.offset();
                desc[DESC * q + 1] = s.size();
                desc[DESC * q + 2] = s.blocks();
                desc[DESC * q + 3] = s.blockOffset();
                desc[DESC * q + 4] = p.receptorIndex();
                desc[DESC * q + 5] = rowBase;
                desc[DESC * q + 6] = sparse.delays() == null ? sparse.uniformDelay() : -1;
                desc[DESC * q + 7] = sparse.weights() == null && p.synapseCount() > 0 ? 1 : 0;
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
            if (gpuShape) {
                segmentBuffer = session.ints(new int[0]);
                launch = newLaunch("gather", t.padded(), false);
                launch.args(1, t.padded(), target.depth, onto.size(), session.ints(receptors(onto)),
                        session.ints(transposedStarts(onto, t.padded())), session.ints(transposedSynapses(onto)),
                        session.ints(transposedSources(onto)), spiked, weightBuffer, delayBuffer, target.ring);
            } else {
                int[] segments = segments(rows, synTarget, t);
                segmentTable = segments.length > 0;
                descBuffer = session.ints(desc);
                segmentBuffer = session.ints(segments);
                launch = newLaunch("deliver", t.blocks(), true);
                launch.args(1, t.padded(), t.size(), t.blocks(), target.depth, onto.size(), descBuffer, rowBuffer,
                        targetBuffer, weightBuffer, delayBuffer, total, totalBlocks, lists, counts, target.ring,
                        listDepth, segmentTable ? 1 : 0, segmentBuffer);
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

        /**
         * In the gpu shape: per incoming projection q, {@code padded + 1} positions: the incoming synapses of target i
         * are [starts[q (padded + 1) + i], starts[q (padded + 1) + i + 1]) in the transposed arrays, in increasing
         * presynaptic order, the order in which pushing adds them.
         */
        private int[] transposedStarts(List<Projection> onto, int padded) {
            int[] result = new int[Math.multiplyExact(onto.size(), padded + 1)];
            int position = 0;
            for (int q = 0; q < onto.size(); q++) {
                int[] starts = firstIncoming(onto.get(q).rows().targets(), padded);
                for (int i = 0; i <= padded; i++) {
                    result[q * (padded + 1) + i] = position + starts[i];
                }
                position += starts[padded];
            }
            return result;
        }

        /** Where each target's incoming synapses start when they are listed target by target ({@code size + 1}). */
        private static int[] firstIncoming(int[] targets, int size) {
            int[] starts = new int[size + 1];
            for (int target : targets) {
                starts[target + 1]++;
            }
            for (int i = 0; i < size; i++) {
                starts[i + 1] += starts[i];
            }
            return starts;
        }

        /** In the gpu shape: the flattened synapse index of each incoming synapse, in transposed order. */
        private int[] transposedSynapses(List<Projection> onto) {
            return transposed(onto, (p, pre, j) -> starts.get(p)[1] + j);
        }

        /** In the gpu shape: the presynaptic neuron of each incoming synapse as an index into the spike flags. */
        private int[] transposedSources(List<Projection> onto) {
            return transposed(onto, (p, pre, j) -> byPopulation.get(p.source()).layout.offset() + pre);
        }

        private int[] transposed(List<Projection> onto, SynapseValue value) {
            long synapses = onto.stream().mapToLong(Projection::synapseCount).sum();
            int[] result = new int[Math.toIntExact(synapses)];
            int base = 0;
            for (Projection p : onto) {
                Projection.SparseRows sparse = p.rows();
                int[] targets = sparse.targets();
                int[] next = firstIncoming(targets, p.target().size());
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
        }

        FusedStep.Delivery part(List<Group> order) {
            return new FusedStep.Delivery(order.indexOf(target), projections, segmentTable, new cl_mem[] {
                descBuffer, rowBuffer, targetBuffer, weightBuffer, delayBuffer, segmentBuffer});
        }
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
    public WordClearing clearing() {
        return clearing;
    }

    @Override
    public DeviceTrace trace(Trace trace) {
        return Arrays.stream(traces).filter(t -> t.trace == trace).findFirst().orElseThrow();
    }

    @Override
    public KernelLaunch launch(String name, int items, boolean perBlock) {
        return newLaunch(name, items, perBlock);
    }

}
