package org.hebb.simulator.run;

import java.util.Locale;
import java.util.function.Function;

import org.hebb.neurons.NeuronState;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * Scans every variable of a neuron population for NaN or infinity every {@code intervalSteps} steps and at the end
 * of every run; the network installs one per neuron population.
 */
public final class FiniteStateChecker extends Checker {
    private final NeuronPopulation population;
    private final Function<NeuronPopulation, Engine.NonFiniteValue> scan;
    private final int intervalSteps;
    private final double dt;

    /** Checks {@code population} every {@code intervalSteps} steps with {@code scan} (the engine's). */
    public FiniteStateChecker(NeuronPopulation population, Function<NeuronPopulation, Engine.NonFiniteValue> scan,
                              int intervalSteps, double dt) {
        this.population = population;
        this.scan = scan;
        this.intervalSteps = intervalSteps;
        this.dt = dt;
    }

    /**
     * Under the event-driven engine the state arrays hold each neuron's values as of its last event, which is
     * where a non-finite value would first appear, so no exact synchronisation is asked for.
     */
    @Override
    public boolean observesEngineAfter(long step) {
        return (step + 1) % intervalSteps == 0;
    }

    @Override
    public void record(long step, SpikeView spikes) {
        if (observesEngineAfter(step)) {
            scan(step);
        }
    }

    /** {@inheritDoc} Scans then, unless the interval's check has just scanned. */
    @Override
    public void runEnding(long lastStep) {
        if (!observesEngineAfter(lastStep)) {
            scan(lastStep);
        }
    }

    private void scan(long step) {
        Engine.NonFiniteValue found = scan.apply(population);
        if (found != null) {
            NeuronState state = population.state();
            flag(String.format(Locale.ROOT, "%s = %s %s in neuron %d of population '%s' (%s) is not finite "
                    + "(found by the check at t = %.3f ms); a smaller dt or smaller weights may help",
                    state.variable(found.variable()).name(), found.value(), state.variable(found.variable()).unit(),
                    found.neuron(), population.name(), population.model().name(), (step + 1) * dt));
        }
    }
}
