package org.hebb.simulator.run;

import org.hebb.neurons.NeuronState;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * Scans every variable of a neuron population for NaN or infinity every {@code intervalSteps} steps; the
 * network installs one per neuron population.
 */
public final class FiniteStateChecker extends Checker {
    private final NeuronPopulation population;
    private final int intervalSteps;
    private final double dt;

    /** Checks {@code population} every {@code intervalSteps} steps. */
    public FiniteStateChecker(NeuronPopulation population, int intervalSteps, double dt) {
        this.population = population;
        this.intervalSteps = intervalSteps;
        this.dt = dt;
    }

    /**
     * Under the event-driven engine the state arrays hold each neuron's values as of its last event, which is
     * where a non-finite value would first appear, so no exact synchronisation is asked for.
     */
    @Override
    public void record(long step, SpikeView spikes) {
        if ((step + 1) % intervalSteps != 0) {
            return;
        }
        NeuronState state = population.state();
        for (int v = 0; v < state.variables().size(); v++) {
            float[] values = state.array(v);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    flag(String.format("%s = %s %s in neuron %d of population '%s' (%s) is not finite "
                            + "(found by the check at t = %.3f ms); a smaller dt or smaller weights may help",
                            state.variable(v).name(), values[i], state.variable(v).unit(), i, population.name(),
                            population.model().name(), (step + 1) * dt));
                    return;
                }
            }
        }
    }
}
