package org.hebb.simulator.engine;

/**
 * What a kernel generated from a rule's definition is given, by meaning: the backend binds each to its own buffers
 * and values ({@link DeviceRule}, {@link DeviceTransmission}).
 */
public sealed interface DeviceArgument {
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

    /**
     * Where the projection's deliveries read what each synapse sends ({@code __global float*}, indexed by the
     * backend's synapse index): the amounts a transmission sets, read back into {@code host}.
     */
    record Sent(float[] host) implements DeviceArgument {
    }

    /**
     * The step of each synapse's latest presynaptic spike ({@code __global long*}, indexed by synapse index minus
     * the synapse base), Long.MIN_VALUE before its first and after a reset; kept by the backend, and read back
     * into, or sent from, {@code perSource}: the same steps per presynaptic neuron, as the rule keeps them.
     */
    record LastSpikes(long[] perSource) implements DeviceArgument {
    }

    /**
     * Values host code sets between steps ({@code __global const float*}: one value, or one per postsynaptic
     * neuron), written to the device before every step's run of the rule.
     */
    record Modulator(float[] host) implements DeviceArgument {
    }

    /**
     * A per-synapse step the rule keeps ({@code __global long*}, indexed by synapse index minus the synapse base),
     * uploaded before a run, read back after and uploaded again when the dynamics restart.
     */
    record SynapseSteps(long[] host) implements DeviceArgument {
    }

    /**
     * Powers of a decay factor per step: the table ({@code __global const float*}), its length ({@code const int})
     * and the factor ({@code const precise_t}: double where the device has doubles).
     */
    record DecayTable(float[] table, double perStep) implements DeviceArgument {
    }
}
