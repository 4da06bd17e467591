package org.hebb.simulator.plasticity;

import java.util.Map;
import java.util.Set;

import org.hebb.simulator.BackendKind;
import org.hebb.simulator.EngineKind;

/**
 * A plasticity rule: a definition (parameters, declared state, supported engines and backends) that attaches to
 * any projection through {@link org.hebb.simulator.Network#addPlasticity}. Attaching asks the context for the
 * shared traces, spike histories and indices it needs, registers its per-step work, and returns the rule's state
 * on that projection ({@code S}), which monitors and user code read.
 *
 * @param <S> the state of the rule on one projection
 */
public interface PlasticityRule<S extends RuleState> {
    /** Short name used in messages, e.g. "STDP". */
    String name();

    /** The engines this rule runs on. */
    Set<EngineKind> engines();

    /** The backends this rule runs on. */
    Set<BackendKind> backends();

    /**
     * Why this rule does not run on {@code backend} (one of those {@link #backends} lacks), for the refusal's
     * message; by default the backends it runs on.
     */
    default String whyNotOn(BackendKind backend) {
        return "it supports " + backends();
    }

    /**
     * The constants the rule's dynamics read and its state does not hold, by name, each with its value (and unit,
     * where it has one) as text, in a fixed order: a checkpoint's description of the network lists them, so that a
     * checkpoint restores only into a rule with the same values. A rule with constants lists every one; empty by
     * default.
     */
    default Map<String, String> parameters() {
        return Map.of();
    }

    /** Attaches the rule to the context's projection (called once, before the first run). */
    S attach(PlasticityContext context);
}
