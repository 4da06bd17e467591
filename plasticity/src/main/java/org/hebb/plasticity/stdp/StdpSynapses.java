package org.hebb.plasticity.stdp;

import org.hebb.simulator.plasticity.RuleState;

/** {@link Stdp} on one projection: its weights and traces, for monitors and user code. */
public interface StdpSynapses extends RuleState {
    /** The live weight array (synapse order of the projection). */
    float[] weights();
}
