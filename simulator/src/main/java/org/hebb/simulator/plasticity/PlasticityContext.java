package org.hebb.simulator.plasticity;

import org.hebb.simulator.EngineKind;
import org.hebb.simulator.connect.IncomingSynapses;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.GlobalUpdate;
import org.hebb.simulator.engine.SpikeEventUpdate;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.engine.Transmission;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * What a {@link PlasticityRule} gets when it attaches to a projection: the projection (with a weight per synapse),
 * dt, seeds, shared traces and spike histories, the transposed index, and the slots where its per-step work runs.
 */
public final class PlasticityContext {
    private final Projection projection;
    private final double dt;
    private final long masterSeed;
    private final long startStep;
    private final EngineKind engine;
    private final PlasticityRegistry registry;

    PlasticityContext(Projection projection, double dt, long masterSeed, long startStep, EngineKind engine,
                      PlasticityRegistry registry) {
        this.projection = projection;
        this.dt = dt;
        this.masterSeed = masterSeed;
        this.startStep = startStep;
        this.engine = engine;
        this.registry = registry;
    }

    /** The engine the network runs on (a rule supporting both registers different work for each). */
    public EngineKind engine() {
        return engine;
    }

    /** Event-driven engine: runs {@code update} at the projection's spike arrivals and postsynaptic spikes. */
    public void onSpikeEvents(SpikeEventUpdate update) {
        registry.eventUpdate(projection, update);
    }

    /** The projection the rule attaches to; it stores a weight per synapse. */
    public Projection projection() {
        return projection;
    }

    /** The time step, ms. */
    public double dt() {
        return dt;
    }

    /** The network clock's first step (0 unless the network was built to start later). */
    public long startStep() {
        return startStep;
    }

    /** A seed for a random stream of this rule on this projection, derived from the master seed. */
    public long seed(String purpose) {
        return Seeds.derive(masterSeed, "plasticity:" + projection.name() + ":" + purpose);
    }

    /**
     * The trace of {@code population} with time constant {@code tauMs} (decay exp(-dt / tau) per step), shared with
     * every rule that asks for the same one, keeping at least {@code historySteps} values per neuron.
     *
     * @param tauMs the time constant, ms: above 0, and above dt / (150 ln 2) so that the decay per step is not 0 in
     *              single precision
     */
    public Trace trace(Population population, double tauMs, float increment, Trace.Pairing pairing,
                       int historySteps) {
        Require.positive("trace tau", tauMs, "ms");
        float decay = (float) Math.exp(-dt / tauMs);
        Require.that(decay > 0, "trace tau = " + tauMs + " ms is not allowed: the trace decays by exp(-dt / tau) "
                + "per step of dt = " + dt + " ms, which is 0 in single precision; must be > "
                + shortestTraceTauMs(dt) + " ms");
        return trace(population, decay, increment, pairing, historySteps);
    }

    /**
     * The time constant (ms) below which a trace's decay per step of {@code dt} ms, exp(-dt / tau) in single
     * precision, is 0: dt / (150 ln 2).
     */
    public static float shortestTraceTauMs(double dt) {
        return (float) (dt / (150 * Math.log(2)));
    }

    /** Like {@link #trace(Population, double, float, Trace.Pairing, int)} with the decay per step given. */
    public Trace trace(Population population, float decayPerStep, float increment, Trace.Pairing pairing,
                       int historySteps) {
        return registry.trace(population, decayPerStep, increment, pairing, historySteps);
    }

    /**
     * Whether {@code population} belongs to the network the rule attaches to: {@link #trace} and {@link #spikes}
     * refuse any other.
     */
    public boolean belongs(Population population) {
        return registry.belongs(population);
    }

    /** The spikes of {@code population} kept for the last {@code steps} steps. */
    public SpikeHistory spikes(Population population, int steps) {
        return registry.spikes(population, steps);
    }

    /** The projection's transposed index: the incoming synapses of each target neuron. */
    public IncomingSynapses incoming() {
        return projection.incoming();
    }

    /** Runs {@code update} each step on every thread, on the synapses onto its targets, after delivery. */
    public void onSynapses(SynapseUpdate update) {
        registry.synapseUpdate(projection, update);
    }

    /**
     * Runs {@code action} whenever the network's dynamics are reset ({@code Network.resetState}), after traces
     * are zeroed: it returns the rule's dynamic variables (not its weights) to their initial values.
     */
    public void onReset(Runnable action) {
        registry.resetAction(action);
    }

    /**
     * Clock-driven engine: before each step's spikes of the projection's source are delivered, runs {@code
     * transmission} on every thread, and delivers what it transmits instead of the weights (one per projection).
     */
    public void onTransmission(Transmission transmission) {
        registry.transmission(projection, transmission);
    }

    /** Runs {@code update} each step on the coordinating thread, after every thread's synapse updates. */
    public void afterSynapseUpdates(GlobalUpdate update) {
        registry.globalUpdate(update);
    }
}
