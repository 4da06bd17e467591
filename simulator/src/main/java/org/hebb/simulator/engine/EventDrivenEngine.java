package org.hebb.simulator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.EventDrivenModel;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.EventQueueKind;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.population.SpikeSourcePopulation;
import org.hebb.simulator.random.Seeds;

/**
 * The event-driven engine: each neuron is advanced in closed form only when an event reaches it, and spikes
 * happen at exact times, not on a grid. Events are spike arrivals, source spikes, and predicted threshold
 * crossings; they wait in one {@link EventQueue}. A spike through a projection whose synapses share one delay is
 * one event that delivers the whole row; through synapses with their own delays, the row is kept ordered by delay
 * and one queued event walks along it, each arrival replacing itself by the next (one queue entry per spike in
 * flight, not per synapse). After every input a neuron's next crossing (if no further input came) is
 * predicted and queued; a later input supersedes the prediction, whose stale entry is skipped when it comes up.
 * Where the model has a cheap bound (IF_curr_exp), what is queued after an input is a check at the time before
 * which the neuron cannot cross; only a check that comes with no input in between searches for the crossing, so
 * a busy neuron's inputs mostly cost no root search.
 *
 * <p>Simultaneous events are taken in a fixed order: arrivals (rows, then single synapses), then source spikes,
 * then threshold crossings, then checks, each by index; so all inputs reaching a neuron at one instant count
 * before its threshold is tested, and the run depends only on the master seed. The network's dt is only the
 * reporting grid: a step processes the events in [t, t + dt), then monitors, callbacks and checkers run as under
 * the clock-driven engine, and spike monitors receive the exact times. One thread.
 *
 * <p>Plasticity: rules register {@link SpikeEventUpdate}s, called after a spike's weight has acted on its target
 * and when a target fires (after its reset, before its spike is sent on).
 */
public final class EventDrivenEngine implements Engine {
    private static final int ROW = 0;
    private static final int SYNAPSE = 1;
    private static final int SOURCE = 2;
    private static final int THRESHOLD = 3;
    private static final int CHECK = 4;
    private static final int KIND_SHIFT = 60;
    private static final int OWNER_SHIFT = 40;
    private static final long ELEMENT_MASK = (1L << OWNER_SHIFT) - 1;
    private static final long OWNER_MASK = (1L << (KIND_SHIFT - OWNER_SHIFT)) - 1;
    /** The calendar queue's first bucket width is dt divided by this; the width then adapts to the events. */
    private static final int INITIAL_BUCKETS_PER_STEP = 8;

    private final double dt;
    private final EventQueue queue;
    private final Node[] nodes;
    private final NeuronNode[] neuronNodes;
    private final SourceNode[] sourceNodes;
    private final ProjectionRuntime[] projections;
    private final Map<Population, Node> byPopulation = new IdentityHashMap<>();
    private final List<Runnable> resetActions;
    private long step;

    /**
     * Compiles the network; refuses, naming the clock-driven engine, what has no closed form between events.
     *
     * @param dt         the reporting step, ms
     * @param masterSeed the seed every run-time random stream derives from
     * @param startStep  the clock's first step: the run starts at startStep * dt
     * @param queueKind  how events are ordered (the same order either way)
     */
    public EventDrivenEngine(double dt, long masterSeed, long startStep, EventQueueKind queueKind,
                             List<Population> populationList, List<Projection> projectionList,
                             PlasticityWiring plasticity) {
        this.dt = dt;
        this.step = startStep;
        this.queue = queueKind == EventQueueKind.CALENDAR
                ? new CalendarEventQueue(dt / INITIAL_BUCKETS_PER_STEP) : new BinaryHeapEventQueue(1024);
        if (!plasticity.synapseUpdates().isEmpty() || !plasticity.globalUpdates().isEmpty()) {
            throw unsupported("per-step synapse or global updates (plasticity rules or afterDelivery code)");
        }
        resetActions = plasticity.resetActions();
        if (populationList.size() > OWNER_MASK || projectionList.size() > OWNER_MASK) {
            throw new IllegalArgumentException("the event-driven engine handles at most " + OWNER_MASK
                    + " populations and as many projections");
        }
        nodes = new Node[populationList.size()];
        List<NeuronNode> neurons = new ArrayList<>();
        List<SourceNode> sources = new ArrayList<>();
        for (int p = 0; p < nodes.length; p++) {
            Population population = populationList.get(p);
            if (population instanceof NeuronPopulation np) {
                NeuronNode node = new NeuronNode(p, np, dt);
                neurons.add(node);
                nodes[p] = node;
            } else {
                SourceNode node = new SourceNode(p, (SpikeSourcePopulation) population,
                        Seeds.derive(masterSeed, "source:" + population.name()));
                sources.add(node);
                nodes[p] = node;
            }
            byPopulation.put(population, nodes[p]);
        }
        neuronNodes = neurons.toArray(new NeuronNode[0]);
        sourceNodes = sources.toArray(new SourceNode[0]);
        projections = new ProjectionRuntime[projectionList.size()];
        Map<Node, List<ProjectionRuntime>> outgoing = new IdentityHashMap<>();
        Map<Node, List<SpikeEventUpdate>> postsynaptic = new IdentityHashMap<>();
        for (int k = 0; k < projections.length; k++) {
            Projection projection = projectionList.get(k);
            List<SpikeEventUpdate> updates = plasticity.eventUpdates().getOrDefault(projection, List.of());
            NeuronNode target = (NeuronNode) byPopulation.get(projection.target());
            projections[k] = new ProjectionRuntime(k, projection, target, updates);
            outgoing.computeIfAbsent(byPopulation.get(projection.source()), n -> new ArrayList<>())
                    .add(projections[k]);
            postsynaptic.computeIfAbsent(target, n -> new ArrayList<>()).addAll(updates);
        }
        for (Node node : nodes) {
            node.outgoing = outgoing.getOrDefault(node, List.of()).toArray(new ProjectionRuntime[0]);
        }
        for (NeuronNode node : neuronNodes) {
            node.postsynapticUpdates = postsynaptic.getOrDefault(node, List.of()).toArray(new SpikeEventUpdate[0]);
        }
        start(startStep * dt);
    }

    /** The error for something that needs a clock: names it, why, and the clock-driven engine. */
    public static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException(what + ": the event-driven engine cannot run it; build the network "
                + "with Network.builder().engine(EngineKind." + EngineKind.CLOCK_DRIVEN + ")");
    }

    private void start(double timeMs) {
        queue.clear();
        loadNeurons(timeMs);
        for (SourceNode node : sourceNodes) {
            node.restartAll(timeMs);
        }
    }

    /** The kernels load the neuron state at {@code timeMs}, and each neuron's next event is queued. */
    private void loadNeurons(double timeMs) {
        for (NeuronNode node : neuronNodes) {
            load(node, timeMs, false);
        }
    }

    /** As {@link #loadNeurons} for one population; {@code written}: after user code wrote its state. */
    private void load(NeuronNode node, double timeMs, boolean written) {
        if (written) {
            node.kernel.reload(timeMs, node.injected);
        } else {
            node.kernel.load(timeMs, node.injected);
        }
        Arrays.fill(node.pending, Double.POSITIVE_INFINITY);
        Arrays.fill(node.pendingCheck, false);
        for (int i = 0; i < node.pending.length; i++) {
            reschedule(node, i);
        }
    }

    /**
     * {@inheritDoc} The population's kernel takes the state again at the current time, keeping in double precision
     * what the write left as it was ({@link EventDrivenKernel#reload}), and its neurons' next events are found
     * afresh; the events queued before are passed over when they come (they no longer match).
     */
    @Override
    public void neuronStateWritten(NeuronPopulation population) {
        load((NeuronNode) byPopulation.get(population), step * dt, true);
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
        double begin = step * dt;
        double end = (step + 1) * dt;
        for (Node node : nodes) {
            node.spikeCount[0] = 0;
        }
        for (SourceNode node : sourceNodes) {
            if (node.ratesChanged()) {
                node.restartAll(begin);
            }
        }
        while (queue.peekTime() < end) {
            double time = queue.peekTime();
            long payload = queue.peekPayload();
            if ((int) (payload >>> KIND_SHIFT) == SYNAPSE) {
                deliverDelayRun(time, payload, queue.peekOrigin());
            } else {
                queue.removeFirst();
                dispatch(time, payload);
            }
        }
        step++;
    }

    /**
     * The queue's first event is the arrival at position k of a row ordered by delay: delivers it and every
     * following synapse of the row with the same delay, then puts the row's next arrival in its place.
     */
    private void deliverDelayRun(double time, long payload, double emitted) {
        ProjectionRuntime p = projections[(int) ((payload >>> OWNER_SHIFT) & OWNER_MASK)];
        int k = (int) (payload & ELEMENT_MASK);
        double delay = p.sortedDelays[k];
        boolean last;
        do {
            deliver(p, p.byDelay[k], time);
            last = p.isRowEnd(k);
            k++;
        } while (!last && p.sortedDelays[k] == delay);
        if (last) {
            queue.removeFirst();
        } else {
            queue.replaceFirst(emitted + p.sortedDelays[k], encode(SYNAPSE, p.index, k), emitted);
        }
    }

    private void dispatch(double time, long payload) {
        int kind = (int) (payload >>> KIND_SHIFT);
        int owner = (int) ((payload >>> OWNER_SHIFT) & OWNER_MASK);
        long element = payload & ELEMENT_MASK;
        switch (kind) {
            case ROW -> {
                ProjectionRuntime p = projections[owner];
                int pre = (int) element;
                for (int k = p.rowPointer[pre], end = p.rowPointer[pre + 1]; k < end; k++) {
                    deliver(p, k, time);
                }
            }
            case SOURCE -> {
                SourceNode node = (SourceNode) nodes[owner];
                int i = (int) element;
                if (node.next[i] == time) {
                    emit(node, i, time);
                    node.scheduleNext(i);
                }
            }
            case THRESHOLD -> {
                NeuronNode node = (NeuronNode) nodes[owner];
                int i = (int) element;
                if (node.pending[i] == time && !node.pendingCheck[i]) {
                    node.pending[i] = Double.POSITIVE_INFINITY;
                    node.kernel.fire(i, time);
                    for (SpikeEventUpdate update : node.postsynapticUpdates) {
                        update.onPostsynapticSpike(i, time);
                    }
                    emit(node, i, time);
                    reschedule(node, i);
                    requireNoSecondSpikeAt(node, i, time);
                }
            }
            default -> {
                NeuronNode node = (NeuronNode) nodes[owner];
                int i = (int) element;
                if (node.pending[i] == time && node.pendingCheck[i]) {
                    double crossing = node.kernel.nextThresholdTime(i, time);
                    node.pending[i] = crossing;
                    node.pendingCheck[i] = false;
                    if (crossing != Double.POSITIVE_INFINITY) {
                        queue.add(crossing, encode(THRESHOLD, node.index, i), crossing);
                    }
                }
            }
        }
    }

    /**
     * Refuses a neuron that, just reset at {@code time}, is still at threshold with no refractory period to hold
     * it: it would fire again at the same instant, forever (a spike source may not fire twice at one time either).
     */
    private void requireNoSecondSpikeAt(NeuronNode node, int neuron, double time) {
        if (node.pending[neuron] == time
                && (!node.pendingCheck[neuron] || node.kernel.nextThresholdTime(neuron) == time)) {
            throw new IllegalStateException("neuron " + neuron + " of population '" + node.name + "' is at threshold "
                    + "again right after its reset at " + time + " ms and would fire again at that instant, without "
                    + "end: its reset must take it below threshold, or its refractory period must be > 0 ms");
        }
    }

    private void deliver(ProjectionRuntime p, int synapse, double time) {
        int target = p.targets[synapse];
        p.target.kernel.receive(target, time, p.receptor, p.weights == null ? p.uniformWeight : p.weights[synapse]);
        for (SpikeEventUpdate update : p.updates) {
            update.onArrival(synapse, target, time);
        }
        reschedule(p.target, target);
    }

    /**
     * After an input or a spike: queues the neuron's predicted crossing or, where the kernel has a cheap bound, a
     * check at the time before which it cannot cross (the exact time is then searched only if the check comes with
     * no input in between).
     */
    private void reschedule(NeuronNode node, int neuron) {
        boolean check = node.checksBound;
        double next = check ? node.kernel.thresholdTimeLowerBound(neuron) : node.kernel.nextThresholdTime(neuron);
        if (next != node.pending[neuron] || check != node.pendingCheck[neuron]) {
            node.pending[neuron] = next;
            node.pendingCheck[neuron] = check;
            if (next != Double.POSITIVE_INFINITY) {
                queue.add(next, encode(check ? CHECK : THRESHOLD, node.index, neuron), next);
            }
        }
    }

    private void emit(Node node, int element, double time) {
        node.record(element, time);
        for (ProjectionRuntime p : node.outgoing) {
            int from = p.rowPointer[element];
            int to = p.rowPointer[element + 1];
            if (from == to) {
                continue;
            }
            if (p.sortedDelays == null) {
                queue.add(time + p.uniformDelayMs, encode(ROW, p.index, element), time);
            } else {
                queue.add(time + p.sortedDelays[from], encode(SYNAPSE, p.index, from), time);
            }
        }
    }

    private static long encode(int kind, int owner, long element) {
        return ((long) kind << KIND_SHIFT) | ((long) owner << OWNER_SHIFT) | element;
    }

    @Override
    public SpikeView lastSpikes(Population population) {
        return byPopulation.get(population).view;
    }

    @Override
    public void synchronizeState(NeuronPopulation population) {
        ((NeuronNode) byPopulation.get(population)).kernel.publish(step * dt);
    }

    /** {@inheritDoc} Every neuron then starts afresh from the restored state at the current time. */
    @Override
    public void resetDynamics(Runnable restoreNeuronState) {
        resetActions.forEach(Runnable::run);
        restoreNeuronState.run();
        for (Node node : nodes) {
            node.spikeCount[0] = 0;
        }
        start(step * dt);
    }

    @Override
    public void close() {
    }

    /** A population's spikes in the current step, and the projections leaving it. */
    private abstract static class Node {
        final int index;
        ProjectionRuntime[] outgoing;
        final int[] spikeCount = new int[1];
        int[] spikeElements = new int[16];
        double[] spikeTimes = new double[16];
        SpikeView view = new SpikeView(new int[][] {spikeElements}, spikeCount, spikeTimes);

        Node(int index) {
            this.index = index;
        }

        void record(int element, double time) {
            int n = spikeCount[0];
            if (n == spikeElements.length) {
                spikeElements = Arrays.copyOf(spikeElements, 2 * n);
                spikeTimes = Arrays.copyOf(spikeTimes, 2 * n);
                view = new SpikeView(new int[][] {spikeElements}, spikeCount, spikeTimes);
            }
            spikeElements[n] = element;
            spikeTimes[n] = time;
            spikeCount[0] = n + 1;
        }
    }

    private static final class NeuronNode extends Node {
        final EventDrivenKernel kernel;
        final float[] injected;
        /** Each neuron's predicted crossing or check, as queued; +infinity when none. */
        final double[] pending;
        /** Whether each neuron's pending event is a check (a bound) rather than a crossing. */
        final boolean[] pendingCheck;
        /** Whether the kernel's cheap bound is used: checks first, crossings searched only when a check comes. */
        final boolean checksBound;
        /** The plasticity of every projection onto this population, told of its spikes. */
        SpikeEventUpdate[] postsynapticUpdates;
        final String name;

        NeuronNode(int index, NeuronPopulation population, double dt) {
            super(index);
            name = population.name();
            if (!(population.model() instanceof EventDrivenModel model)) {
                throw unsupported("population '" + population.name() + "' of " + population.model().name()
                        + " (no closed form between events)");
            }
            if (!population.poissonInputs().isEmpty()) {
                throw unsupported(population.poissonInputs().get(0).describe() + " into population '"
                        + population.name() + "' (draws per step; use the clock-driven engine)");
            }
            kernel = model.createEventKernel(population.state(), dt);
            injected = new float[population.size()];
            for (CurrentSource source : population.currentSources()) {
                float[] amplitudes = source.constantAmplitudes(population.size());
                if (amplitudes == null) {
                    throw unsupported("current " + source.describe() + " into population '" + population.name()
                            + "' (varies in time; only constant currents have a closed form)");
                }
                for (int i = 0; i < amplitudes.length; i++) {
                    injected[i] += amplitudes[i];
                }
            }
            pending = new double[population.size()];
            pendingCheck = new boolean[population.size()];
            checksBound = kernel.hasCheapThresholdBound();
        }
    }

    private final class SourceNode extends Node {
        final SpikeSourcePopulation.EventTimes times;
        final BernoulliSource rates;
        final double[] next;
        long seenChanges;

        SourceNode(int index, SpikeSourcePopulation population, long key) {
            super(index);
            times = population.createEventTimes(key);
            if (times == null) {
                throw unsupported("source population '" + population.name() + "' ("
                        + population.getClass().getSimpleName() + ", defined per step)");
            }
            rates = population instanceof BernoulliSource b ? b : null;
            seenChanges = rates == null ? 0 : rates.changeCount();
            next = new double[population.size()];
        }

        boolean ratesChanged() {
            if (rates == null || rates.changeCount() == seenChanges) {
                return false;
            }
            seenChanges = rates.changeCount();
            return true;
        }

        void restartAll(double timeMs) {
            for (int i = 0; i < next.length; i++) {
                times.restart(i, timeMs);
                scheduleNext(i);
            }
        }

        void scheduleNext(int element) {
            double time = times.next(element);
            next[element] = time;
            if (time != Double.POSITIVE_INFINITY) {
                queue.add(time, encode(SOURCE, index, element), time);
            }
        }
    }

    /**
     * A projection's rows, weights and continuous delays, as the engine reads them; with per-synapse delays, each
     * row's synapses also in order of delay ({@code byDelay}, {@code sortedDelays}, row ends marked).
     */
    private static final class ProjectionRuntime {
        final int index;
        final int[] rowPointer;
        final int[] targets;
        final float[] weights;
        final float uniformWeight;
        final double uniformDelayMs;
        final int[] byDelay;
        final double[] sortedDelays;
        private final long[] rowEnds;
        final NeuronNode target;
        final int receptor;
        final SpikeEventUpdate[] updates;

        ProjectionRuntime(int index, Projection projection, NeuronNode target, List<SpikeEventUpdate> updates) {
            this.index = index;
            if (!projection.hasContinuousDelays()) {
                throw new IllegalStateException("projection '" + projection.name() + "' was built with delays in "
                        + "steps, for the clock-driven engine");
            }
            Projection.SparseRows rows = projection.rows();
            this.rowPointer = rows.rowPointer();
            this.targets = rows.targets();
            this.weights = rows.weights();
            this.uniformWeight = rows.uniformWeight();
            this.uniformDelayMs = projection.synapseCount() == 0 ? 0 : projection.delayMsOf(0, 0);
            this.target = target;
            this.receptor = projection.receptorIndex();
            this.updates = updates.toArray(new SpikeEventUpdate[0]);
            double[] delays = projection.delaysMs();
            if (delays == null) {
                byDelay = null;
                sortedDelays = null;
                rowEnds = null;
                return;
            }
            byDelay = new int[delays.length];
            sortedDelays = new double[delays.length];
            rowEnds = new long[(delays.length + 63) >>> 6];
            for (int pre = 0; pre + 1 < rowPointer.length; pre++) {
                int from = rowPointer[pre];
                int to = rowPointer[pre + 1];
                if (from == to) {
                    continue;
                }
                Integer[] order = new Integer[to - from];
                for (int k = from; k < to; k++) {
                    order[k - from] = k;
                }
                Arrays.sort(order, Comparator.comparingDouble(k -> delays[k]));  // stable: equal delays by index
                for (int k = from; k < to; k++) {
                    byDelay[k] = order[k - from];
                    sortedDelays[k] = delays[byDelay[k]];
                }
                rowEnds[(to - 1) >>> 6] |= 1L << (to - 1);
            }
        }

        boolean isRowEnd(int k) {
            return (rowEnds[k >>> 6] & (1L << k)) != 0;
        }
    }
}
