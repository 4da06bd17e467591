/**
 * Plasticity rules from definitions: a {@link org.hebb.plasticity.definition.SynapseDefinition} declares a rule's
 * parameters, per-synapse variables and equations, traces and event statements once, and Hebb generates the code
 * each engine runs from it.
 */
package org.hebb.plasticity.definition;
