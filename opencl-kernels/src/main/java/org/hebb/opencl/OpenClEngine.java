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
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.AstrocyteRates;
import org.hebb.simulator.engine.AstrocyteStdpUpdate;
import org.hebb.simulator.engine.DeviceRule;
import org.hebb.simulator.engine.DeviceTransmission;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.GlobalUpdate;
import org.hebb.simulator.engine.PlasticityWiring;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;

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
 * spikes), its state when a state monitor reads it, a few bytes per variable for the finite-state check and a few
 * bytes per plastic projection for the weight check.
 *
 * <p>Runs so far: populations of any defined neuron model, the built-in ones included ({@link DeviceModel}),
 * Bernoulli and Poisson sources, constant injected currents, projections with any weights and delays, static or
 * with a rule generated from its definition ({@link DeviceRule}: STDP, the three-factor rule without HLOP and any
 * synapse definition; {@link DeviceTransmission} for what synapses send) or astrocyte-modulated STDP
 * ({@link AstrocyteStdpUpdate}). Anything else is refused, naming it and the Java backend.
 */
final class OpenClEngine implements Engine, Checkpointed {
    /**
     * System property choosing the shape of the work: {@code cpu} (one block of neurons per compute unit, each
     * compacted and fed by one long work-item that walks the spike lists: few work-groups, which is what a CPU
     * device runs fastest), {@code gpu} (blocks of {@link DeviceSession#SCAN_BLOCK} neurons compacted by one
     * work-group each with a prefix sum, and spikes gathered by one work-item per target neuron over its incoming
     * synapses: many short work-items, for GPUs) or {@code auto} (the default: gpu on GPUs, cpu otherwise). Spike
     * trains are the same either way.
     */
    static final String SHAPE_PROPERTY = "hebb.opencl.shape";

    private final DeviceSession session;
    /** The network as laid out on the device, and the step it is at. */
    private final DeviceLayout network;
    private final DeviceCheckpoint checkpoint;
    /** In the cpu shape, the compaction of every population's spikes in one launch (else null: one per group). */
    private final KernelLaunch compactAll;
    /** The step as one kernel (cpu shape, networks without plasticity or with rules from definitions), or null. */
    private final FusedStep fusedStep;
    /** The gpu shape's delivery and update each in one or two launches for every population, or null. */
    private final GpuStep gpuStep;
    private final RuleLaunch[] learning;
    /** What projections with short-term plasticity send, set before each step's delivery. */
    private final RuleLaunch[] sending;
    /** Global updates that stay on the host (rules' signals), run after each step's learning. */
    private final GlobalUpdate[] hostUpdates;
    private final DeviceAstrocyte[] astrocytes;
    private final WeightScan weightScan;
    /** Whether a run is under way (between runStarting and runEnded): the device holds the astrocytes' rates. */
    private boolean running;
    private final List<Runnable> resetActions;
    /**
     * The first step whose predecessor's spikes are delivered and learned from (the clock's first step, or the step
     * after a reset).
     */
    private long continuousFrom;

    OpenClEngine(double dt, long masterSeed, long startStep, String deviceSelector, List<Population> populations,
                 List<Projection> projections, PlasticityWiring plasticity) {
        continuousFrom = startStep;
        DevicePlasticity sorted = DevicePlasticity.of(plasticity);
        hostUpdates = sorted.hostUpdates().toArray(new GlobalUpdate[0]);
        resetActions = plasticity.resetActions();
        List<DeviceRule> deviceRules = sorted.deviceRules();
        List<DeviceTransmission> transmissions = sorted.transmissions();
        List<AstrocyteStdpUpdate> astrocyteUpdates = sorted.astrocyteUpdates();
        int[] stepsKept = populations.stream().mapToInt(p -> plasticity.spikeStepsKept(p, projections)).toArray();
        int deliveryDepth = Math.max(sorted.spikeHistorySteps(), Arrays.stream(stepsKept).max().orElse(2));
        Map<NeuronPopulation, DeviceModel> deviceModels = new IdentityHashMap<>();
        Set<String> modelSources = new LinkedHashSet<>();
        for (Population p : populations) {
            if (p instanceof NeuronPopulation np) {
                DeviceModel model = deviceModel(np, projections, dt);
                deviceModels.put(np, model);
                if (model.source() != null) {
                    modelSources.add(model.source());
                }
                boolean[] heldInRing = NeuronGroup.heldInRing(np, model);
                modelSources.add(NeuronGroup.scanSource(model.type(), heldInRing));
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
            boolean gpuShape = switch (System.getProperty(SHAPE_PROPERTY, "auto")) {
                case "auto" -> session.device.type().equals("GPU");
                case "gpu" -> true;
                case "cpu" -> false;
                default -> throw new IllegalArgumentException(SHAPE_PROPERTY + " = '"
                        + System.getProperty(SHAPE_PROPERTY) + "' is not allowed: use auto, cpu or gpu");
            };
            boolean fuse = !gpuShape && astrocyteUpdates.isEmpty() && plasticity.globalUpdates().isEmpty();
            network = new DeviceLayout(session, gpuShape, startStep, dt, masterSeed, populations, projections,
                    deviceModels, plasticity.traces(), deliveryDepth);
            checkpoint = new DeviceCheckpoint(network, stepsKept);
            List<RuleLaunch> rules = new ArrayList<>();
            for (DeviceRule rule : deviceRules) {
                rules.add(new DeviceRuleLaunch(network, rule.openClName(), rule.projection(), rule.deviceArguments(),
                        false, rule.splitsPresynapticWork(), rule.hasPostsynapticWork()));
            }
            Map<AstrocyteRates, DeviceAstrocyte> byRates = new IdentityHashMap<>();
            for (AstrocyteStdpUpdate rule : astrocyteUpdates) {
                DeviceAstrocyte astrocyte = byRates.computeIfAbsent(rule.rates(), r -> new DeviceAstrocyte(network, r));
                rules.add(new AstrocyteStdpLaunch(network, rule, astrocyte));
            }
            learning = rules.toArray(new RuleLaunch[0]);
            sending = transmissions.stream().map(t -> new DeviceRuleLaunch(network, t.openClName(), t.projection(),
                    t.deviceArguments(), true, false, true)).toArray(RuleLaunch[]::new);
            astrocytes = byRates.values().toArray(new DeviceAstrocyte[0]);
            weightScan = new WeightScan(session, learning);
            fuse &= Arrays.stream(learning).allMatch(RuleLaunch::fusable);
            fusedStep = fuse ? FusedStep.of(network, sending, learning) : null;
            gpuStep = GpuStep.of(network, learning.length + sending.length + astrocytes.length + hostUpdates.length
                    + network.traces.length > 0);
            compactAll = gpuShape || fusedStep != null ? null : compactAll();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static DeviceModel deviceModel(NeuronPopulation population, List<Projection> projections, double dt) {
        DeviceModel model = DeviceModel.of(population, projections, dt);
        if (model == null) {
            throw unsupported("population '" + population.name() + "' of " + population.model().name()
                    + " (the device runs models made from a NeuronDefinition: every built-in model and any defined "
                    + "one)");
        }
        return model;
    }

    /** The cpu shape's compaction: one work-item per block of every population, described by its place. */
    private KernelLaunch compactAll() {
        KernelLaunch launch = network.launch("compact", network.totalBlocks, true);
        launch.args(1, network.totalBlocks, session.ints(network.blockDescriptors()), network.total, network.spiked,
                network.lists, network.counts, network.listDepth);
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
                "bytes_to_device", session.bytesToDevice(), "spike_history_steps", (long) network.listDepth,
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
        int rules = Arrays.stream(sending).mapToInt(RuleLaunch::kernels).sum()
                + Arrays.stream(learning).mapToInt(RuleLaunch::kernels).sum() + network.traces.length
                + astrocytes.length;
        if (gpuStep != null) {
            return rules + gpuStep.kernels();
        }
        return rules + Arrays.stream(network.deliveries).mapToInt(Delivery::kernels).sum()
                + Arrays.stream(network.groups).mapToInt(Group::kernels).sum() + (compactAll != null ? 1 : 0);
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public long currentStep() {
        return network.step;
    }

    @Override
    public void step() {
        network.stepArgument[0] = network.step;
        if (fusedStep != null) {
            runFused(1);
            session.flush();
            return;
        }
        if (gpuStep != null) {
            gpuStep.prepare();
        }
        if (network.step > continuousFrom) {
            for (RuleLaunch l : sending) {
                l.run();
            }
            deliver();
            learn();
        }
        if (gpuStep != null) {
            gpuStep.update();
        } else {
            for (Group g : network.groups) {
                g.launch();
            }
            if (compactAll != null) {
                compactAll.run();
            }
        }
        session.flush();
        network.step++;
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
        for (Group g : network.groups) {
            g.prepare();
        }
        fusedStep.run(network.step, count, continuousFrom);
        network.step += count;
    }

    /** The delivery of the previous step's spikes into every population. */
    private void deliver() {
        if (gpuStep != null) {
            gpuStep.deliver();
            return;
        }
        for (Delivery d : network.deliveries) {
            d.launch();
        }
    }

    /**
     * The plasticity of the previous step's spikes, then the traces advanced to that step, then the astrocytes'
     * updates (as the Java backend orders them).
     */
    private void learn() {
        for (RuleLaunch l : learning) {
            l.run();
        }
        for (DeviceTrace t : network.traces) {
            t.advance.run();
        }
        for (DeviceAstrocyte a : astrocytes) {
            a.update.run();
        }
        for (GlobalUpdate update : hostUpdates) {
            update.afterSynapseUpdates(network.stepArgument[0] - 1);
        }
    }

    /** {@inheritDoc} The astrocytes' rates and decay go to the device. */
    @Override
    public void runStarting() {
        for (DeviceAstrocyte a : astrocytes) {
            a.upload();
        }
        running = true;
    }

    /**
     * {@inheritDoc} The plastic weights and the astrocytes' rates are copied back into the rules' arrays, after
     * checking that no astrocyte was changed on the host during the run.
     */
    @Override
    public void runEnded() {
        synchronizeRules();
        running = false;
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
            if (running) {
                a.requireUnchangedOnHost();
            }
            a.download();
        }
        for (DeviceTrace t : network.traces) {
            t.download(network.step);
        }
    }

    @Override
    public SpikeView lastSpikes(Population population) {
        return network.byPopulation.get(population).spikesOf(network.step - 1);
    }

    /** {@inheritDoc} The spike lists of the last {@code listDepth} steps stay on the device. */
    @Override
    public int spikeHistorySteps() {
        return network.listDepth;
    }

    @Override
    public SpikeView spikes(Population population, long spikeStep) {
        if (spikeStep >= network.step || spikeStep < network.step - network.listDepth) {
            throw new IllegalArgumentException("step " + spikeStep + " is not readable: the device keeps the spikes "
                    + "of steps " + (network.step - network.listDepth) + " to " + (network.step - 1));
        }
        return network.byPopulation.get(population).spikesOf(spikeStep);
    }

    @Override
    public void synchronizeState(NeuronPopulation population) {
        ((NeuronGroup) network.byPopulation.get(population)).download();
    }

    @Override
    public NonFiniteValue firstNonFinite(NeuronPopulation population) {
        return ((NeuronGroup) network.byPopulation.get(population)).firstNonFinite();
    }

    /**
     * {@inheritDoc} The weights that rules change are scanned on the device ({@link WeightScan}): 4 bytes come back,
     * whatever the number of synapses; others, which stay as the host has them, on the host.
     */
    @Override
    public NonFiniteWeight firstNonFiniteWeight(Projection projection, int from, int to) {
        if (weightScan.scans(projection)) {
            return weightScan.firstNonFinite(projection, from, to);
        }
        return Engine.super.firstNonFiniteWeight(projection, from, to);
    }

    /**
     * {@inheritDoc} As on the Java backend, the plasticity of the last step run is applied first and the rules'
     * reset actions run (an astrocyte's rates go back to the device); then spikes in flight, spike flags and
     * counts, delay rings and traces are zeroed on the device, and the rules' per-synapse state goes to the device
     * as their reset actions set it on the host.
     */
    @Override
    public void resetDynamics(Runnable restoreNeuronState) {
        network.stepArgument[0] = network.step;
        if (network.step > continuousFrom) {
            learn();
        }
        continuousFrom = network.step;
        runEnded();
        resetActions.forEach(Runnable::run);
        runStarting();
        restoreNeuronState.run();
        DeviceDynamics.clear(network, learning, sending);
        session.finish();
    }

    /**
     * The clock and what is in flight, in the form every backend saves: the spikes of the kept steps, the delay
     * rings and the traces. Saving first brings the neuron state, the traces and the rules' arrays to the host,
     * where the network saves them; restoring sends everything to the device in {@link #stateRestored}.
     */
    @Override
    public void checkpoint(StateVisitor state) {
        session.finish();
        if (!state.restoring()) {
            synchronizeRules();
            for (Group g : network.groups) {
                if (g instanceof NeuronGroup n) {
                    n.download();
                }
            }
        }
        network.step = state.scalar("step", network.step);
        continuousFrom = state.scalar("continuous_from", continuousFrom);
        checkpoint.visit(state, continuousFrom);
        for (int t = 0; t < network.traces.length; t++) {
            state.part("trace_" + t, network.traces[t].trace);
        }
    }

    /** {@inheritDoc} The population's neuron state goes to the device. */
    @Override
    public void neuronStateWritten(NeuronPopulation population) {
        ((NeuronGroup) network.byPopulation.get(population)).upload();
        session.finish();
    }

    /** The spikes, rings, neuron state, traces, weights and rule arrays restored on the host go to the device. */
    @Override
    public void stateRestored() {
        network.stepArgument[0] = network.step;
        checkpoint.send();
        DeviceDynamics.restored(network, learning, sending);
        runStarting();
        session.finish();
    }

    @Override
    public void close() {
        session.close();
    }


}
