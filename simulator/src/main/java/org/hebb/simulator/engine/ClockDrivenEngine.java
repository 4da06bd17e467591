package org.hebb.simulator.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.NeuronKernel;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.population.SpikeSourcePopulation;
import org.hebb.simulator.random.Seeds;

/**
 * The clock-driven engine on the Java backends: advances a compiled network by fixed steps of dt, on one thread
 * (the reference) or on several, each owning a contiguous range of every population's neurons.
 *
 * <p>One step, for each thread's range of target neurons, in this order:
 * <ol>
 * <li>deliver the spikes of the previous step through every projection into the delay ring buffers of the
 *     thread's target neurons (a spike of step t with delay d lands in the slot read at step t + d);</li>
 * <li>run the projections' {@link SynapseUpdate}s (plasticity) on the synapses onto the thread's targets, then
 *     advance the shared {@link Trace}s of the thread's neurons to the previous step;</li>
 * <li>compute injected currents;</li>
 * <li>update neurons (integrate, threshold, reset, refractoriness), collecting this step's spikes;</li>
 * <li>draw the spikes of spike-source populations.</li>
 * </ol>
 * Threads then meet; the caller's thread alone runs the rules' {@link GlobalUpdate}s, then monitors, checkers and
 * callbacks before the next step.
 * Spikes are summed into each target in the same order whatever the number of threads (projections in creation
 * order, presynaptic neurons in increasing order), so results are bitwise identical for any thread count.
 */
public final class ClockDrivenEngine implements Engine {
    private final double dt;
    private final int threads;
    private final PopulationRuntime[] populations;
    private final Map<Population, PopulationRuntime> byPopulation = new IdentityHashMap<>();
    private final ProjectionRuntime[] projections;
    private final GlobalUpdate[] globalUpdates;
    private final Trace[] traces;
    private final List<Runnable> resetActions;
    private final WorkerPool pool;
    private long step;
    /**
     * The first step whose predecessor's spikes are delivered and learned from (the clock's first step, or the step
     * after a reset).
     */
    private long continuousFrom;
    /** Whether the partitions are settling the previous step's plasticity instead of stepping. */
    private volatile boolean settling;

    /**
     * Compiles the network for {@code threads} threads.
     *
     * @param dt         time step, ms
     * @param masterSeed the seed every run-time random stream derives from
     * @param startStep  the clock's first step
     */
    public ClockDrivenEngine(double dt, int threads, long masterSeed, long startStep,
                             List<Population> populationList, List<Projection> projectionList,
                             PlasticityWiring plasticity) {
        this.dt = dt;
        this.threads = threads;
        this.step = startStep;
        this.continuousFrom = startStep;
        Map<Population, Integer> maxDelay = new IdentityHashMap<>();
        for (Projection p : projectionList) {
            maxDelay.merge(p.target(), p.maxDelay(), Math::max);
        }
        Map<Population, Integer> spikeRing = new IdentityHashMap<>();
        for (SpikeHistory history : plasticity.spikeHistories()) {
            spikeRing.merge(history.population(), history.depth() + 1, Math::max);
        }
        List<PopulationRuntime> populationRuntimes = new ArrayList<>();
        for (Population population : populationList) {
            PopulationRuntime runtime = new PopulationRuntime(population, threads, dt, masterSeed,
                    maxDelay.getOrDefault(population, 0) + 1, Math.max(2, spikeRing.getOrDefault(population, 0)));
            populationRuntimes.add(runtime);
            byPopulation.put(population, runtime);
        }
        for (SpikeHistory history : plasticity.spikeHistories()) {
            history.bind(byPopulation.get(history.population()).views);
        }
        for (Trace trace : plasticity.traces()) {
            trace.allocate();
            byPopulation.get(trace.population()).traces.add(trace);
        }
        this.traces = plasticity.traces().toArray(new Trace[0]);
        this.globalUpdates = plasticity.globalUpdates().toArray(new GlobalUpdate[0]);
        this.resetActions = plasticity.resetActions();
        Map<Projection, List<SynapseUpdate>> updates = plasticity.synapseUpdates();
        this.populations = populationRuntimes.toArray(new PopulationRuntime[0]);
        List<ProjectionRuntime> projectionRuntimes = new ArrayList<>();
        for (Projection p : projectionList) {
            projectionRuntimes.add(new ProjectionRuntime(p, byPopulation.get(p.source()),
                    byPopulation.get(p.target()), updates.getOrDefault(p, List.of()),
                    plasticity.transmissions().get(p)));
        }
        this.projections = projectionRuntimes.toArray(new ProjectionRuntime[0]);
        this.pool = threads > 1 ? new WorkerPool(threads, this::runPartition, "hebb") : null;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public long currentStep() {
        return step;
    }

    @Override
    public void step() {
        for (PopulationRuntime p : populations) {
            p.selectInputSlot(step);
        }
        runPartitions();
        completePlasticity();
        step++;
    }

    /**
     * {@inheritDoc} The plasticity of the last step run, which would otherwise wait for the next step, is applied
     * first.
     */
    @Override
    public void resetDynamics(Runnable restoreNeuronState) {
        if (step > continuousFrom) {
            settling = true;
            try {
                runPartitions();
            } finally {
                settling = false;
            }
            completePlasticity();
        }
        for (PopulationRuntime p : populations) {
            p.clear();
        }
        for (ProjectionRuntime p : projections) {
            p.clearArrivals();
        }
        for (Trace trace : traces) {
            trace.clear();
        }
        resetActions.forEach(Runnable::run);
        restoreNeuronState.run();
        continuousFrom = step;
    }

    private void runPartitions() {
        if (pool == null) {
            runPartition(0);
        } else {
            pool.runAll();
        }
    }

    private void completePlasticity() {
        if (step > continuousFrom) {
            for (Trace trace : traces) {
                trace.completed(step - 1);
            }
            for (ProjectionRuntime p : projections) {
                if (p.transmission != null) {
                    p.transmission.delivered(step - 1, p.source.views[p.source.slot(step - 1)]);
                }
            }
            for (GlobalUpdate update : globalUpdates) {
                update.afterSynapseUpdates(step - 1);
            }
        }
    }

    @Override
    public void synchronizeState(NeuronPopulation population) {
    }

    @Override
    public SpikeView lastSpikes(Population population) {
        PopulationRuntime runtime = byPopulation.get(population);
        return runtime.views[runtime.slot(step - 1)];
    }

    private void runPartition(int k) {
        boolean settle = settling;
        if (step > continuousFrom) {
            if (!settle) {
                for (ProjectionRuntime p : projections) {
                    p.deliver(k, step - 1);
                }
            }
            for (ProjectionRuntime p : projections) {
                p.update(k, step - 1);
            }
            for (PopulationRuntime p : populations) {
                p.advanceTraces(k, step - 1);
            }
        }
        if (!settle) {
            for (PopulationRuntime p : populations) {
                p.advance(k, step);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** Run-time data of one population: a ring of spike lists per step and partition, inputs, kernel, traces. */
    private static final class PopulationRuntime {
        final int[] bounds;
        final int[][][] spikes;
        final int[][] counts;
        final SpikeView[] views;
        final NeuronKernel kernel;
        final float[][][] rings;
        final float[][] inputNow;
        final float[] injected;
        final CurrentSource.Injector[][] injectors;
        final SpikeSourcePopulation.SpikeGenerator[] generators;
        final List<Trace> traces = new ArrayList<>();

        PopulationRuntime(Population population, int threads, double dt, long masterSeed, int ringDepth,
                          int spikeSteps) {
            int n = population.size();
            bounds = Partitioning.split(n, threads);
            spikes = new int[spikeSteps][threads][];
            counts = new int[spikeSteps][threads];
            views = new SpikeView[spikeSteps];
            for (int slot = 0; slot < spikeSteps; slot++) {
                for (int k = 0; k < threads; k++) {
                    spikes[slot][k] = new int[bounds[k + 1] - bounds[k]];
                }
                views[slot] = new SpikeView(spikes[slot], counts[slot]);
            }
            if (population instanceof NeuronPopulation np) {
                kernel = np.model().createKernel(np.state(), dt);
                int receptors = np.model().receptors().size();
                rings = new float[receptors][ringDepth][n];
                inputNow = new float[receptors][];
                injected = new float[n];
                List<CurrentSource> sources = np.currentSources();
                injectors = new CurrentSource.Injector[threads][sources.size()];
                for (int s = 0; s < sources.size(); s++) {
                    long key = Seeds.derive(masterSeed, "current:" + population.name() + ":" + s);
                    for (int k = 0; k < threads; k++) {
                        injectors[k][s] = sources.get(s).createInjector(dt, n, key);
                    }
                }
                generators = null;
            } else {
                SpikeSourcePopulation source = (SpikeSourcePopulation) population;
                kernel = null;
                rings = null;
                inputNow = null;
                injected = null;
                injectors = null;
                long key = Seeds.derive(masterSeed, "source:" + population.name());
                generators = new SpikeSourcePopulation.SpikeGenerator[threads];
                for (int k = 0; k < threads; k++) {
                    generators[k] = source.createGenerator(dt, key);
                }
            }
        }

        void selectInputSlot(long step) {
            if (rings != null) {
                for (int r = 0; r < rings.length; r++) {
                    inputNow[r] = rings[r][(int) (step % rings[r].length)];
                }
            }
        }

        int slot(long step) {
            return (int) (step % views.length);
        }

        /** Drops the spike history and the input waiting in the delay rings. */
        void clear() {
            for (int[] perPartition : counts) {
                java.util.Arrays.fill(perPartition, 0);
            }
            if (rings != null) {
                for (float[][] receptor : rings) {
                    for (float[] slot : receptor) {
                        java.util.Arrays.fill(slot, 0f);
                    }
                }
            }
        }

        void advanceTraces(int k, long spikeStep) {
            int slot = slot(spikeStep);
            for (int t = 0; t < traces.size(); t++) {
                traces.get(t).advance(bounds[k], bounds[k + 1], spikeStep, spikes[slot][k], counts[slot][k]);
            }
        }

        void advance(int k, long step) {
            int from = bounds[k];
            int to = bounds[k + 1];
            int slot = slot(step);
            int[] out = spikes[slot][k];
            if (kernel != null) {
                CurrentSource.Injector[] own = injectors[k];
                if (own.length > 0) {
                    java.util.Arrays.fill(injected, from, to, 0f);
                    for (CurrentSource.Injector injector : own) {
                        injector.add(step, from, to, injected);
                    }
                }
                counts[slot][k] = kernel.step(from, to, inputNow, injected, out);
            } else {
                counts[slot][k] = generators[k].generate(step, from, to, out);
            }
        }
    }

    /** Run-time view of one projection: its rows split by the target's partitions, and its ring buffer. */
    private static final class ProjectionRuntime {
        final PopulationRuntime source;
        final int[][] segments;
        final int[] targets;
        final float[] weights;
        final float uniformWeight;
        final short[] delays;
        final int uniformDelay;
        final float[][] ring;
        final PopulationRuntime target;
        final SynapseUpdate[] updates;
        /** What the synapses transmit in place of their weights (short-term plasticity), or null. */
        final Transmission transmission;
        final SynapseRange[] ranges;
        /** Per partition, the synapses arriving in each step; only for plastic projections with delays. */
        final ArrivalRing[] arrivals;

        ProjectionRuntime(Projection projection, PopulationRuntime source, PopulationRuntime target,
                          List<SynapseUpdate> updates, Transmission transmission) {
            Projection.SparseRows rows = projection.rows();
            this.source = source;
            this.targets = rows.targets();
            this.weights = rows.weights();
            this.uniformWeight = rows.uniformWeight();
            this.delays = rows.delays();
            this.uniformDelay = rows.uniformDelay();
            this.ring = target.rings[projection.receptorIndex()];
            this.target = target;
            this.updates = updates.toArray(new SynapseUpdate[0]);
            this.transmission = transmission;
            int parts = target.bounds.length - 1;
            int rowsCount = rows.rowPointer().length - 1;
            segments = new int[parts + 1][rowsCount];
            for (int i = 0; i < rowsCount; i++) {
                int start = rows.rowPointer()[i];
                int end = rows.rowPointer()[i + 1];
                segments[0][i] = start;
                segments[parts][i] = end;
                for (int k = 1; k < parts; k++) {
                    segments[k][i] = Projection.SparseRows.firstAtLeast(targets, start, end, target.bounds[k]);
                }
            }
            arrivals = delays != null && this.updates.length > 0 ? new ArrivalRing[parts] : null;
            ranges = new SynapseRange[parts];
            for (int k = 0; k < parts; k++) {
                if (arrivals != null) {
                    arrivals[k] = new ArrivalRing(ring.length);
                }
                ranges[k] = new SynapseRange(k, segments[k], segments[k + 1], target.bounds[k],
                        target.bounds[k + 1], targets, weights, delays, uniformDelay,
                        arrivals != null ? arrivals[k] : null);
            }
        }

        void clearArrivals() {
            if (arrivals != null) {
                for (ArrivalRing a : arrivals) {
                    a.clearAll();
                }
            }
        }

        void update(int k, long spikeStep) {
            for (SynapseUpdate update : updates) {
                update.afterDelivery(ranges[k], spikeStep, source.views[source.slot(spikeStep)],
                        target.views[target.slot(spikeStep)]);
            }
        }

        void deliver(int k, long spikeStep) {
            final int[] from = segments[k];
            final int[] to = segments[k + 1];
            final int depth = ring.length;
            final int base = (int) (spikeStep % depth);
            final int spikeSlot = source.slot(spikeStep);
            final int[][] lists = source.spikes[spikeSlot];
            final int[] counts = source.counts[spikeSlot];
            final ArrivalRing arriving = arrivals != null ? arrivals[k] : null;
            if (arriving != null) {
                // the previous step's arrivals were handled by its synapse updates; the slot is reused now
                arriving.clear(base == 0 ? depth - 1 : base - 1);
            }
            final float[] sent;
            if (transmission != null) {
                transmission.beforeDelivery(ranges[k], spikeStep, source.views[spikeSlot]);
                sent = transmission.transmitted();
            } else {
                sent = weights;
            }
            for (int part = 0; part < lists.length; part++) {
                final int[] list = lists[part];
                final int n = counts[part];
                for (int s = 0; s < n; s++) {
                    int pre = list[s];
                    if (delays == null) {
                        int slot = base + uniformDelay;
                        float[] target = ring[slot >= depth ? slot - depth : slot];
                        if (sent == null) {
                            deliverRow(target, from[pre], to[pre], uniformWeight);
                        } else {
                            deliverRow(target, from[pre], to[pre], sent);
                        }
                    } else if (sent == null) {
                        deliverRowWithDelays(base, depth, from[pre], to[pre], uniformWeight);
                    } else {
                        deliverRowWithDelays(base, depth, from[pre], to[pre], sent);
                    }
                    if (arriving != null) {
                        arriving.record(base, from[pre], to[pre], delays);
                    }
                }
            }
        }

        private void deliverRow(float[] slot, int start, int end, float weight) {
            for (int j = start; j < end; j++) {
                slot[targets[j]] += weight;
            }
        }

        private void deliverRow(float[] slot, int start, int end, float[] sent) {
            for (int j = start; j < end; j++) {
                slot[targets[j]] += sent[j];
            }
        }

        private void deliverRowWithDelays(int base, int depth, int start, int end, float weight) {
            for (int j = start; j < end; j++) {
                int slot = base + delays[j];
                ring[slot >= depth ? slot - depth : slot][targets[j]] += weight;
            }
        }

        private void deliverRowWithDelays(int base, int depth, int start, int end, float[] sent) {
            for (int j = start; j < end; j++) {
                int slot = base + delays[j];
                ring[slot >= depth ? slot - depth : slot][targets[j]] += sent[j];
            }
        }
    }
}
