package org.hebb.simulator.engine;

import java.util.Map;

import org.hebb.neurons.NeuronState;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;

/**
 * What the network needs from an engine: advance by one step of dt, report the step's spikes, bring neuron state
 * up to date for monitors, start the dynamics afresh. The clock-driven engine integrates every neuron each step;
 * the event-driven engine processes, per step, the events that fall in it.
 */
public interface Engine extends AutoCloseable {
    /** Number of threads. */
    int threads();

    /** Index of the next step to run (also the number of steps run so far). */
    long currentStep();

    /** Advances the network by one step. */
    void step();

    /**
     * Advances the network by {@code count} steps. The network asks for more than one only when nothing reads the
     * engine between them (no step callback, no monitor observing the engine after any but the last), so an engine
     * on a device may run them as one command.
     */
    default void steps(int count) {
        for (int s = 0; s < count; s++) {
            step();
        }
    }

    /** The spikes {@code population} emitted in the last completed step. */
    SpikeView lastSpikes(Population population);

    /**
     * How many of the last completed steps' spikes stay readable through {@link #spikes}: the network may run that
     * many steps before handing their spikes to the monitors (an engine on a device then reads them in one go
     * instead of stopping the device every step). 1 for engines that keep only the last step's.
     */
    default int spikeHistorySteps() {
        return 1;
    }

    /**
     * The spikes {@code population} emitted in completed step {@code step}, one of the last
     * {@link #spikeHistorySteps()}.
     */
    default SpikeView spikes(Population population, long step) {
        if (step != currentStep() - 1) {
            throw new IllegalArgumentException("step " + step + " is not readable: this engine keeps only the last "
                    + "completed step's spikes (" + (currentStep() - 1) + ")");
        }
        return lastSpikes(population);
    }

    /**
     * Makes {@code population}'s state arrays hold the state at the end of the last completed step (the
     * clock-driven engine keeps them so; the event-driven engine advances each neuron there for the monitors).
     */
    void synchronizeState(NeuronPopulation population);

    /**
     * Makes the plasticity rules' arrays (weights, traces, rule variables) hold their values at the end of the last
     * completed step. The Java engines keep them so; an engine on a device copies them back.
     */
    default void synchronizeRules() {
    }

    /**
     * Starts the dynamics afresh: applies what is pending from the last step, drops spikes in flight and the
     * spike history, zeroes traces, runs the rules' reset actions and {@code restoreNeuronState}, which puts the
     * neuron variables back. Weights, random streams and the step count carry on.
     */
    void resetDynamics(Runnable restoreNeuronState);

    /**
     * The first NaN or infinite state value of {@code population} (variables in order, then neurons), or null if
     * all are finite. Engines that keep the state arrays current scan them (the default); others scan where the
     * state lives, so that the check costs no copy of the state.
     */
    default NonFiniteValue firstNonFinite(NeuronPopulation population) {
        NeuronState state = population.state();
        for (int v = 0; v < state.variables().size(); v++) {
            int i = state.firstNonFinite(v);
            if (i >= 0) {
                return new NonFiniteValue(v, i, state.get(v, i));
            }
        }
        return null;
    }

    /**
     * The first synapse in [{@code from}, {@code to}) of {@code projection} whose weight is NaN or infinite, with
     * that weight, or null if all are finite. Engines that keep the weights in the projection's arrays during runs
     * scan them (the default); others scan where the weights live, so that the check costs no copy of them.
     *
     * @throws IllegalArgumentException unless 0 &lt;= from &lt;= to &lt;= the projection's synapse count
     */
    default NonFiniteWeight firstNonFiniteWeight(Projection projection, int from, int to) {
        return NonFiniteWeight.firstOnHost(projection, from, to);
    }

    /**
     * The engine's counters by name (for an OpenCL engine {@code bytes_to_host} and {@code bytes_to_device}, the
     * traffic between host and device so far); empty when it keeps none.
     */
    default Map<String, Long> counters() {
        return Map.of();
    }

    /**
     * Called after a checkpoint has been restored into the engine and the network's host arrays (neuron state,
     * weights, rule state): an engine that keeps state elsewhere (on a device) sends them there.
     */
    default void stateRestored() {
    }

    /**
     * Called after user code set {@code population}'s neuron state (through {@code NeuronPopulation.initialize} or
     * {@code set}) once this engine exists (after {@code Network.prepare}, between runs, from a step callback), with
     * {@link #synchronizeState} called just before: an engine that keeps the state elsewhere takes it again.
     */
    default void neuronStateWritten(NeuronPopulation population) {
    }

    /**
     * Called when a run starts: an engine that keeps rule state elsewhere (on a device) takes what user code may
     * have changed between runs (an astrocyte's rate decay).
     */
    default void runStarting() {
    }

    /**
     * Called when a run has done its last step, before the checkers' last scans (which read what it copies and may
     * still stop the run), or when a checker stops the run after an earlier step; not after a step failed. An engine
     * that keeps plastic weights and rule state elsewhere (on a device) copies them back into the rules' arrays here,
     * so that user code between runs reads them.
     */
    default void runEnded() {
    }

    /** A non-finite state value: variable index, neuron index, value. */
    record NonFiniteValue(int variable, int neuron, double value) {
    }

    /** A weight that is not finite: the synapse's index in its projection, and the weight (receptor's unit). */
    record NonFiniteWeight(int synapse, float weight) {
        /**
         * The first synapse in [{@code from}, {@code to}) of {@code projection} whose weight in the projection's
         * arrays (on the host) is NaN or infinite, or null if all are finite.
         */
        public static NonFiniteWeight firstOnHost(Projection projection, int from, int to) {
            int synapse = projection.firstNonFiniteWeight(from, to);
            return synapse < 0 ? null : new NonFiniteWeight(synapse, projection.weightOf(synapse));
        }
    }

    @Override
    void close();
}
