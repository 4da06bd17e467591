package org.hebb.simulator.plasticity;

import java.util.List;

/**
 * The state a plasticity rule keeps on one projection, by name, for monitors and user code: per synapse (indexed
 * like the projection's synapses, weights included), per neuron (presynaptic or postsynaptic population), or
 * global (one value). Arrays returned are live: read them between runs or from step callbacks, never write them.
 * On a device backend (OpenCL) the state lives on the device during a run: the arrays hold its values at the end
 * of the last run, or at the last {@code Network.synchronizeRuleState()}, which a step callback calls to read
 * current ones ({@code Network.monitorRule} does so itself).
 */
public interface RuleState {
    /** Where a variable lives. */
    enum Scope { SYNAPSE, PRESYNAPTIC_NEURON, POSTSYNAPTIC_NEURON, GLOBAL }

    /**
     * A declared variable.
     *
     * @param name  its name, e.g. "weight"
     * @param unit  its unit, e.g. "uS", or "1" for dimensionless
     * @param scope where it lives
     */
    record Variable(String name, String unit, Scope scope) {
    }

    /** Every variable the rule declares. */
    List<Variable> variables();

    /**
     * The values of a variable: one per synapse or neuron, or a single element for a global variable.
     *
     * @throws IllegalArgumentException naming the variable and the declared ones if it is not declared
     */
    float[] values(String variable);

    /** Helper for implementations: the declared variable called {@code name}, or a clear error. */
    static Variable find(List<Variable> variables, String name) {
        for (Variable v : variables) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("variable = '" + name + "' is not allowed: the rule declares "
                + variables.stream().map(Variable::name).toList());
    }
}
