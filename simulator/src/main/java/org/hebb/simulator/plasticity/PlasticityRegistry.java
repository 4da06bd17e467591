package org.hebb.simulator.plasticity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.GlobalUpdate;
import org.hebb.simulator.engine.PlasticityWiring;
import org.hebb.simulator.engine.SpikeEventUpdate;
import org.hebb.simulator.engine.SpikeHistory;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.engine.Trace;
import org.hebb.simulator.engine.Transmission;
import org.hebb.simulator.population.Population;
import org.hebb.util.Require;

/**
 * A network's plasticity before compilation: attached rules, shared traces, requested spike histories and the
 * per-step work, turned into the engine's {@link PlasticityWiring} at the first run.
 */
public final class PlasticityRegistry {
    private final Map<Projection, List<SynapseUpdate>> synapseUpdates = new IdentityHashMap<>();
    /** The projections that user code updates through {@code Network.afterDelivery}, besides any rule. */
    private final Set<Projection> updatedByUser = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Trace> traces = new ArrayList<>();
    private final List<SpikeHistory> histories = new ArrayList<>();
    private final List<GlobalUpdate> globalUpdates = new ArrayList<>();
    private final Map<RuleState, Projection> states = new IdentityHashMap<>();
    private final List<Attached> attached = new ArrayList<>();

    /**
     * A rule attached to a projection, in attachment order.
     *
     * @param rule       the rule's name
     * @param projection the projection
     * @param state      its state on the projection
     * @param parameters the rule's constants, as {@link PlasticityRule#parameters()} gave them when it was attached
     */
    public record Attached(String rule, Projection projection, RuleState state, Map<String, String> parameters) {
    }
    private final List<Runnable> resetActions = new ArrayList<>();
    private final Map<Projection, List<SpikeEventUpdate>> eventUpdates = new IdentityHashMap<>();
    private final Map<Projection, Transmission> transmissions = new IdentityHashMap<>();
    private final Predicate<Population> member;

    /**
     * A registry for one network.
     *
     * @param member whether a population belongs to the network: rules may follow only its populations
     */
    public PlasticityRegistry(Predicate<Population> member) {
        this.member = Require.notNull("member", member);
    }

    /**
     * Attaches {@code rule} to {@code projection} if it supports the engine and backend, else refuses naming them.
     *
     * @param startStep the network clock's first step
     * @return the rule's state on the projection
     */
    public <S extends RuleState> S attach(Projection projection, PlasticityRule<S> rule, double dt, long masterSeed,
                                          long startStep, EngineKind engine, BackendKind backend) {
        Require.notNull("rule", rule);
        Require.that(rule.engines().contains(engine), "rule = " + rule.name() + " is not allowed on the "
                + engine + " engine: it supports " + rule.engines());
        Require.that(rule.backends().contains(backend), "rule = " + rule.name() + " is not allowed on the "
                + backend + " backend: " + rule.whyNotOn(backend));
        projection.storeWeightsPerSynapse();
        S state = Require.notNull(rule.name() + " state", rule.attach(
                new PlasticityContext(projection, dt, masterSeed, startStep, engine, this)));
        states.put(state, projection);
        attached.add(new Attached(rule.name(), projection, state, new LinkedHashMap<>(Require.notNull(
                rule.name() + " parameters", rule.parameters()))));
        return state;
    }

    /** Adds a plain synapse update (a rule's per-step work, or user code in the plasticity slot). */
    public void synapseUpdate(Projection projection, SynapseUpdate update) {
        projection.storeWeightsPerSynapse();
        synapseUpdates.computeIfAbsent(projection, p -> new ArrayList<>()).add(Require.notNull("update", update));
    }

    /** Adds a synapse update of user code ({@code Network.afterDelivery}), which weight reports name as such. */
    public void userSynapseUpdate(Projection projection, SynapseUpdate update) {
        synapseUpdate(projection, update);
        updatedByUser.add(projection);
    }

    void eventUpdate(Projection projection, SpikeEventUpdate update) {
        eventUpdates.computeIfAbsent(projection, p -> new ArrayList<>()).add(Require.notNull("update", update));
    }

    void transmission(Projection projection, Transmission transmission) {
        Require.that(!transmissions.containsKey(projection), "projection '" + projection.name() + "' already has "
                + "a rule that sets what its synapses transmit; it can have one");
        projection.storeWeightsPerSynapse();
        transmissions.put(projection, Require.notNull("transmission", transmission));
    }

    void globalUpdate(GlobalUpdate update) {
        globalUpdates.add(Require.notNull("update", update));
    }

    void resetAction(Runnable action) {
        resetActions.add(Require.notNull("reset action", action));
    }

    Trace trace(Population population, float decay, float increment, Trace.Pairing pairing, int historySteps) {
        requireMember(population);
        for (Trace trace : traces) {
            if (trace.matches(population, decay, increment, pairing)) {
                trace.keepAtLeast(historySteps);
                return trace;
            }
        }
        Trace trace = new Trace(population, decay, increment, pairing);
        trace.keepAtLeast(historySteps);
        traces.add(trace);
        return trace;
    }

    SpikeHistory spikes(Population population, int steps) {
        requireMember(population);
        for (SpikeHistory history : histories) {
            if (history.population() == population && history.depth() == steps) {
                return history;
            }
        }
        SpikeHistory history = new SpikeHistory(population, steps);
        histories.add(history);
        return history;
    }

    boolean belongs(Population population) {
        return member.test(population);
    }

    private void requireMember(Population population) {
        Require.that(member.test(Require.notNull("population", population)), "population '" + population.name()
                + "' does not belong to this network: a rule can follow only the network's own populations");
    }

    /** The rules attached so far, in attachment order. */
    public List<Attached> attached() {
        return List.copyOf(attached);
    }

    /**
     * What may change {@code projection}'s weights during a run, for messages: the names of the rules attached to
     * it, then "an afterDelivery update" where user code updates it too; empty when nothing does.
     */
    public List<String> weightChangers(Projection projection) {
        List<String> changers = new ArrayList<>(attached.stream().filter(a -> a.projection() == projection)
                .map(Attached::rule).toList());
        if (updatedByUser.contains(projection)) {
            changers.add("an afterDelivery update");
        }
        return changers;
    }

    /** The projection whose rule keeps {@code state}, or null if no rule of this network returned it. */
    public Projection projectionOf(RuleState state) {
        return states.get(state);
    }

    /** What the engine runs. */
    public PlasticityWiring wiring() {
        return new PlasticityWiring(synapseUpdates, List.copyOf(traces), List.copyOf(histories),
                List.copyOf(globalUpdates), List.copyOf(resetActions), eventUpdates, transmissions);
    }
}
