package org.hebb.simulator.engine;

import java.util.List;

import org.hebb.simulator.connect.Projection;

/**
 * A synapse update generated from a rule's definition, described for a device backend: the OpenCL C it was
 * generated as and the arguments its kernel takes. A backend runs it without knowing the rule.
 *
 * <p>{@link #openClSource()} defines {@code void NAME_block(const int b, RULE_ARGS, ...)}, the rule's work on
 * target block {@code b} in the step after spike step {@code step - 1}, and {@code __kernel void NAME(RULE_ARGS,
 * ...)}, which runs it for every block (RULE_ARGS as in the backend's kernels). The arguments after RULE_ARGS are
 * {@link #deviceArguments()}, in order.
 */
public interface DeviceRule extends SynapseUpdate {
    /** The projection whose synapses the rule changes. */
    Projection projection();

    /** The name NAME of the functions in {@link #openClSource()}; equal sources have equal names. */
    String openClName();

    /** The OpenCL C of the rule. */
    String openClSource();

    /** The arguments the kernel takes after RULE_ARGS. */
    List<DeviceArgument> deviceArguments();

    /**
     * {@link #openClSource()} also defines the gpu shape's kernel {@code NAME_post}, with NAME's arguments: NAME's
     * postsynaptic work with a work-group per target block, whose work-items share each spiking neuron's incoming
     * synapses. Whether it defines, besides, {@code NAME_pushed}, to run before it: the presynaptic work with a
     * work-group per block of the source, whose work-items share each spike's row.
     */
    default boolean splitsPresynapticWork() {
        return false;
    }

    /**
     * Whether {@code NAME_post} has work to do (postsynaptic or per-step work): a rule that acts on presynaptic
     * spikes alone launches {@code NAME_pushed} alone in the gpu shape.
     */
    default boolean hasPostsynapticWork() {
        return true;
    }
}
