package org.hebb.simulator.engine;

import java.util.List;

import org.hebb.simulator.population.Population;

/**
 * The global update of astrocyte-modulated STDP, described completely enough for another backend to run it exactly
 * as its Java implementation does in {@link #afterSynapseUpdates}: with state {P, A, w_A, bias} and the step's spike
 * counts, A &lt;- A + (w_A (liquid - input) + dt (bias - A)) / tau_A when modulated, then all four multiplied by the
 * decay per step when it is not 1.
 */
public interface AstrocyteRates extends GlobalUpdate {
    /** The populations whose spikes raise A. */
    List<Population> liquid();

    /** The populations whose spikes lower A. */
    List<Population> input();

    /** Whether the astrocyte sets A (otherwise A only decays). */
    boolean modulated();

    /** dt in ms, as a float. */
    float dt();

    /** 1 / tau_A, per ms. */
    float inverseTau();

    /** The state now: {P, A, w_A, bias, decay per step}. */
    float[] state();

    /** Sets P, A, w_A and the bias from {@code values} (as {@link #state()} gives them; the decay is kept). */
    void setState(float[] values);
}
