package org.hebb.simulator.engine;

import java.util.List;

import org.hebb.simulator.connect.Projection;

/**
 * A {@link Transmission} generated from a rule's definition, described for a device backend as {@link DeviceRule}
 * describes a synapse update: {@link #openClSource()} defines {@code void NAME_block(const int b, RULE_ARGS, ...)},
 * which sets what the synapses onto target block {@code b} send for the spikes of step {@code step - 1}, before
 * they are delivered, and {@code __kernel void NAME(RULE_ARGS, ...)}, which runs it for every block.
 */
public interface DeviceTransmission extends Transmission {
    /** The projection whose synapses transmit. */
    Projection projection();

    /** The name NAME of the functions in {@link #openClSource()}; equal sources have equal names. */
    String openClName();

    /** The OpenCL C of the transmission. */
    String openClSource();

    /** The arguments the kernel takes after RULE_ARGS. */
    List<DeviceArgument> deviceArguments();
}
