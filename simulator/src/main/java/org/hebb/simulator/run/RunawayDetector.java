package org.hebb.simulator.run;

import java.util.Locale;
import java.util.function.Consumer;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.analysis.Symbol;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * Reports, without stopping the run, a neuron population whose activity has run away: its mean rate over a window of
 * {@link #WINDOW_MS} on the clock (steps 0 to n - 1, n to 2n - 1, ..., as {@link RateChecker}'s) is at least
 * {@link #SATURATION} of its saturation rate 1000 / max(t_ref, dt) Hz, where t_ref (ms) is the smallest refractory
 * period of its neurons (0 for a model without one): the rate of a neuron that fires again t_ref after each spike, in
 * the first step its model lets it cross the threshold again, or in every step without one. The network installs one
 * per neuron population (see {@code Network.setRunawayWarnings}); the first saturated window of each run is reported
 * once, to the network's warnings (which logs the first of them). A run with checkpoints
 * ({@code Network.run(duration, checkpointEvery, file)}) is one run, and a network restored from one of its checkpoints
 * goes on with that run. A window the detector saw only part of is not judged. Checkpoints save the spikes and steps of
 * the window under way and whether the run has warned, so that a restored network warns as the saved one would have. It
 * counts spikes only, so it never ends a batch of steps (it does not look at the engine after a step), and allocates
 * nothing per step.
 */
public final class RunawayDetector implements Monitor {
    /** The length of a window, ms. */
    public static final double WINDOW_MS = 100.0;
    /** The fraction of the saturation rate at or above which a window is saturated. */
    public static final double SATURATION = 0.8;
    /**
     * What a user can do about runaway activity. Not part of each warning, which results keep by the thousand: the
     * network logs it once, with its first.
     */
    public static final String ADVICE = "to stop runs with runaway activity add Network.checkRate(population, minHz, "
            + "maxHz, windowMs); to silence these warnings call Network.setRunawayWarnings(false) before the first run";

    private final NeuronPopulation population;
    private final double dt;
    private final SpikeWindow window;
    private final double refractoryMs;
    private final double saturationHz;
    /** The spikes of a window at or above which it is saturated. */
    private final double saturatedSpikes;
    private final Consumer<String> warnings;
    private boolean warnedThisRun;
    /** Whether the last restore set the window under way from the checkpoint. */
    private boolean windowRestored;

    /**
     * @param dt       the time step, ms
     * @param warnings where each warning goes besides the log (the network's list)
     */
    public RunawayDetector(NeuronPopulation population, double dt, Consumer<String> warnings) {
        this.population = population;
        this.dt = dt;
        this.warnings = warnings;
        int windowSteps = (int) Math.max(1, Math.round(WINDOW_MS / dt));
        this.window = new SpikeWindow(windowSteps);
        this.refractoryMs = smallestRefractoryPeriod(population, dt);
        this.saturationHz = saturationHz(population, dt);
        this.saturatedSpikes = SATURATION * saturationHz * population.size() * (windowSteps * dt / 1000.0);
    }

    /** The saturation rate of the population, 1000 / max(t_ref, dt), Hz. */
    public double saturationHz() {
        return saturationHz;
    }

    /**
     * The saturation rate of {@code population} at time step {@code dt} ms, 1000 / max(t_ref, dt) Hz, t_ref its
     * neurons' smallest refractory period (ms; 0 without one): what a detector of it judges windows against.
     */
    public static double saturationHz(NeuronPopulation population, double dt) {
        return 1000.0 / Math.max(smallestRefractoryPeriod(population, dt), dt);
    }

    /**
     * The smallest refractory period of the population's neurons, ms, as the model's definition gives it from the
     * population's parameters (and each neuron's, where it reads per-neuron parameters); 0 without one.
     */
    static double smallestRefractoryPeriod(NeuronPopulation population, double dt) {
        NeuronModel model = population.model();
        if (!(model instanceof DefinedNeuronModel defined) || !defined.definition().hasRefractoryPeriod()) {
            return 0;
        }
        NeuronDefinition definition = defined.definition();
        NeuronState state = population.state();
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.max(1, population.size()); i++) {
            int neuron = i;
            boolean[] perNeuron = new boolean[1];
            double period = ConstantEvaluator.evaluate(definition.refractory(), name -> {
                Symbol s = definition.scope().get(name);
                if (s != null && s.kind() == Symbol.Kind.NEURON_PARAMETER && neuron < population.size()) {
                    perNeuron[0] = true;
                    return state.get(state.indexOf(name), neuron) * s.unit().factor();
                }
                return defined.baseValue(name, dt);
            });
            smallest = Math.min(smallest, period);
            if (!perNeuron[0]) {
                break;
            }
        }
        return Double.isFinite(smallest) ? Math.max(0, smallest) : 0;
    }

    @Override
    public void record(long step, SpikeView view) {
        if (!window.add(step, view.total()) || warnedThisRun || window.spikes() < saturatedSpikes) {
            return;
        }
        warnedThisRun = true;
        int windowSteps = window.windowSteps();
        double windowMs = windowSteps * dt;
        double rate = window.spikes() / (population.size() * windowMs / 1000.0);
        String warning = String.format(Locale.ROOT,
                "runaway activity: population '%s' (%d neurons, %s) fired at a mean rate of "
                + "%.1f Hz over the %.1f ms from t = %.1f to %.1f ms, %.0f%% of its saturation rate %.1f Hz "
                + "(1000 / max(refractory period %s ms, dt %s ms)); the run goes on",
                population.name(), population.size(), population.model().name(), rate, windowMs,
                (step + 1 - windowSteps) * dt, (step + 1) * dt, 100 * rate / saturationHz, saturationHz,
                refractoryMs, dt);
        warnings.accept(warning);
    }

    /** Keeps no recorded data. */
    @Override
    public long memoryBytes() {
        return 0;
    }

    /** The population watched. */
    public NeuronPopulation population() {
        return population;
    }

    /**
     * Called by the network when a run of the program ends (a run with checkpoints at its end, not at each
     * checkpoint): the next run reports its first saturated window again.
     */
    public void programRunEnded() {
        warnedThisRun = false;
    }

    /**
     * {@inheritDoc} Where the checkpoint held no window of this detector (it came from a Hebb that did not save
     * them, or from a network without runaway warnings), the window under way was not seen whole: it is not judged.
     */
    @Override
    public void restored(long nextStep) {
        if (!windowRestored) {
            window.seenInPart();
        }
        windowRestored = false;
    }

    /**
     * Saves or restores the spikes and steps of the window under way and whether this run has warned
     * ({@code warned}, 0 or 1). Not a monitor's recordings: the network saves it beside them (see
     * {@link org.hebb.simulator.checkpoint.Checkpointed}).
     */
    public void checkpoint(StateVisitor state) {
        if (state.checking()) {
            long warned = state.savedScalar("warned", 0);
            if (warned != 0 && warned != 1) {
                throw new IllegalArgumentException("warned = " + warned + " of the runaway detector of population '"
                        + population.name() + "' is not allowed: must be 0 or 1");
            }
        }
        window.checkpoint(state);
        warnedThisRun = state.scalar("warned", warnedThisRun ? 1 : 0) == 1;
        windowRestored = state.restoring() && !state.checking();
    }
}
