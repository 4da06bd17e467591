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

    /** What a device rule's kernel is given, by meaning; the backend supplies its own buffers for each. */
    sealed interface DeviceArgument {
        /** The projection's weights ({@code __global float*}, indexed by the backend's synapse index). */
        record Weights(float[] host) implements DeviceArgument {
        }

        /** The projection's per-synapse delays in steps ({@code __global const int*}). */
        record Delays() implements DeviceArgument {
        }

        /** The shortest and the longest delay in steps ({@code const int} each). */
        record DelayRange() implements DeviceArgument {
        }

        /**
         * The transposed index: start per target neuron, synapse (backend index), source neuron and delay per
         * incoming synapse ({@code __global const int*} each).
         */
        record Incoming() implements DeviceArgument {
        }

        /** The backend's index of the projection's first synapse ({@code const int}). */
        record SynapseBase() implements DeviceArgument {
        }

        /** A shared trace: its ring, steps kept, stride between steps, decay per step. */
        record TraceRing(Trace trace) implements DeviceArgument {
        }

        /**
         * A per-synapse array the rule changes ({@code __global float*}, indexed by synapse index minus the
         * synapse base), uploaded before a run and read back after.
         */
        record SynapseArray(float[] host) implements DeviceArgument {
        }

        /** A constant ({@code const float}). */
        record Constant(float value) implements DeviceArgument {
        }
    }
}
