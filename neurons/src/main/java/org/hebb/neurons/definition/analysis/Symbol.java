package org.hebb.neurons.definition.analysis;

import org.hebb.neurons.definition.units.Unit;

/**
 * A name an expression can use, what it stands for, and its unit.
 *
 * @param name the name
 * @param kind what it stands for
 * @param unit its unit (for a unit symbol: the unit itself)
 */
public record Symbol(String name, Kind kind, Unit unit) {
    /** What a name stands for. */
    public enum Kind {
        /** A state variable, integrated by the model's equations. */
        STATE,
        /** A parameter with one value for the whole population. */
        PARAMETER,
        /** A parameter with a value per neuron. */
        NEURON_PARAMETER,
        /** A named subexpression (replaced by its expression). */
        SUBEXPRESSION,
        /** A per-step input: the sum of what receptors add to it in this step, constant during the step. */
        STEP_INPUT,
        /** The current injected into the neuron, constant during a step ({@code I_inj}). */
        INJECTED,
        /** The time step ({@code dt}). */
        TIME_STEP,
        /** The weight of an arriving spike ({@code weight}, in receptor statements only). */
        WEIGHT,
        /** A unit symbol used as a quantity, such as {@code mV} in {@code -70*mV}. */
        UNIT,
        /** A variable with a value per synapse (synapse definitions; the weight {@code w} is one). */
        SYNAPSE_VARIABLE,
        /** A trace with a value per presynaptic neuron (synapse definitions). */
        PRESYNAPTIC_TRACE,
        /** A trace with a value per postsynaptic neuron (synapse definitions). */
        POSTSYNAPTIC_TRACE,
        /** A value set by user code between steps, global or per postsynaptic neuron (synapse definitions). */
        MODULATOR
    }

    /** Whether the value is known when the model is built (one value for all neurons and steps). */
    public boolean isConstant() {
        return kind == Kind.PARAMETER || kind == Kind.TIME_STEP || kind == Kind.UNIT;
    }
}
