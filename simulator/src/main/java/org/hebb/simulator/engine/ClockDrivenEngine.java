package org.hebb.simulator.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;

/**
 * The clock-driven engine on the Java backends: advances a compiled network by fixed steps of dt, on one thread
 * (the reference) or on several, each owning a contiguous range of every population's neurons.
 *
 * <p>One step, for each thread's range of target neurons, in this order:
 * <ol>
 * <li>deliver the spikes of the previous step through every projection into the delay ring buffers of the
 *     thread's target neurons (a spike of step t with delay d lands in the slot read at step t + d), or straight
 *     into their variables where the receptor {@link DirectInput receives directly};</li>
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
public final class ClockDrivenEngine implements Engine, Checkpointed {
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
        List<PopulationRuntime> populationRuntimes = new ArrayList<>();
        for (Population population : populationList) {
            boolean[] direct = population instanceof NeuronPopulation np
                    ? DirectInput.receptors(np, projectionList) : null;
            PopulationRuntime runtime = new PopulationRuntime(population, threads, dt, masterSeed,
                    maxDelay.getOrDefault(population, 0) + 1, plasticity.spikeStepsKept(population, projectionList),
                    direct);
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

    /**
     * The clock, the step from which learning is continuous, and per population and trace what is in flight: the
     * spike lists of the kept steps, the delay rings, the traces. The arrival lists follow from the spike lists
     * ({@link #stateRestored}).
     */
    @Override
    public void checkpoint(StateVisitor state) {
        step = state.scalar("step", step);
        continuousFrom = state.scalar("continuous_from", continuousFrom);
        for (PopulationRuntime p : populations) {
            state.part("population_" + p.name, p);
        }
        for (int t = 0; t < traces.length; t++) {
            state.part("trace_" + t, traces[t]);
        }
    }

    /** The arrival lists of plastic projections with per-synapse delays, listed again from the restored spikes. */
    @Override
    public void stateRestored() {
        for (ProjectionRuntime p : projections) {
            p.listArrivals(step, continuousFrom);
        }
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
}
