package org.hebb.plasticity.definition;

import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.units.Unit;
import org.hebb.simulator.engine.Trace;

/**
 * A trace kept per neuron of one side of a projection: it decays as {@code dx/dt = -x / tau} and a spike of its
 * neuron adds {@code increment} to it (all-to-all pairing) or sets it to {@code increment} (nearest-neighbour).
 * Hebb keeps one such trace per population and rule shape and shares it between the projections that use it.
 *
 * @param name         the trace's name in the definition
 * @param presynaptic  whether it follows the presynaptic neurons (else the postsynaptic ones)
 * @param unit         its unit
 * @param tau          the decay time constant, a constant expression in ms
 * @param increment    what a spike adds or sets, a constant expression in {@code unit}
 * @param pairing      all-to-all ({@code x += c}) or nearest-neighbour ({@code x = c})
 */
public record TraceDefinition(String name, boolean presynaptic, Unit unit, Expression tau, Expression increment,
                              Trace.Pairing pairing) {
}
