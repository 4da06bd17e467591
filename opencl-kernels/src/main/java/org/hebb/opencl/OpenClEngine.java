package org.hebb.opencl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.hebb.simulator.engine.ThreeFactorUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.random.Seeds;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * The clock-driven engine on an OpenCL device, step for step the Java backend's (see the kernel files listed in
 * {@link DeviceSession#SOURCES}).
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
        DevicePlasticity sorted = DevicePlasticity.of(plasticity);
        hostUpdates = sorted.hostUpdates().toArray(new GlobalUpdate[0]);
        resetActions = plasticity.resetActions();
        List<DeviceRule> deviceRules = sorted.deviceRules();
        List<DeviceTransmission> transmissions = sorted.transmissions();
        List<AstrocyteStdpUpdate> astrocyteUpdates = sorted.astrocyteUpdates();
        List<ThreeFactorUpdate> threeFactorUpdates = sorted.threeFactorUpdates();
        int spikeHistory = sorted.spikeHistorySteps();
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
        modelSources.addAll(sorted.sources());
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
                    groups[g] = new NeuronGroup(this, np, layout, deviceModels.get(np), maxDelay + 1);
                } else if (p instanceof BernoulliSource source) {
                    groups[g] = new BernoulliGroup(this, source, layout,
                            Seeds.derive(masterSeed, "source:" + p.name()));
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
                        targets.add(new Delivery(this, target, onto));
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

    static IllegalArgumentException unsupported(String what) {
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

    /** A capacity of at least {@code needed}, and at least twice {@code capacity}, so that growing is rare. */
    static int grownCapacity(int capacity, int needed) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(Math.max(needed, 1024), 2L * capacity));
    }

    @Override
    public void close() {
        session.close();
    }

    static int padded(int size) {
        return (size + PADDING - 1) / PADDING * PADDING;
    }

    /** A copy of {@code values} padded with zeros to {@code length}. */
    static float[] padded(float[] values, int length) {
        return Arrays.copyOf(values, length);
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

    @Override
    public KernelLaunch launch(String name, int items, int group) {
        return newLaunch(name, items, group);
    }

    @Override
    public boolean gpuShape() {
        return gpuShape;
    }


}
