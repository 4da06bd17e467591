package org.hebb.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.hebb.neurons.EventDrivenModel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.simulator.checkpoint.CheckpointFile;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.connect.Connector;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.engine.BackendEngineFactory;
import org.hebb.simulator.engine.ClockDrivenEngine;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.EventDrivenEngine;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.input.CorrelatedPoissonSource;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.monitor.PopulationRateMonitor;
import org.hebb.simulator.monitor.RuleStateMonitor;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.plasticity.PlasticityRegistry;
import org.hebb.simulator.plasticity.PlasticityRule;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.Grid3D;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.population.Positions;
import org.hebb.simulator.random.Seeds;
import org.hebb.simulator.run.FiniteStateChecker;
import org.hebb.simulator.run.ProgressListener;
import org.hebb.simulator.run.RateChecker;
import org.hebb.simulator.run.RunawayDetector;
import org.hebb.simulator.run.SimulationAbortedException;
import org.hebb.simulator.run.StepCallback;
import org.hebb.simulator.run.WeightChecker;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.util.Require;

/**
 * A spiking network: build it (populations, projections, monitors), then {@link #run} it, as often as needed;
 * each run continues where the previous one stopped. The structure (populations and projections) is fixed by the
 * first run; monitors, checkers and callbacks may be added later.
 *
 * <p>Two engines (chosen with {@link Builder#engine}). The clock-driven engine (default) advances every neuron
 * every step of dt, on one or several threads: any model, input and plasticity rule, and its cost grows with
 * neurons x steps. The event-driven engine advances a neuron only when an event reaches it and puts spikes at
 * exact times: only models whose subthreshold dynamics are linear and decay (a closed form between events,
 * generated from the definition: IF_curr_delta, IF_curr_exp, IF_curr_alpha, a model of your own), Poisson and
 * spike-time sources, constant currents, continuous delays, rules from definitions that only pair spikes; its cost
 * grows with the number of spikes and synaptic events, so it wins on sparsely firing networks and where spike
 * times must not carry a grid error.
 * There dt is only the grid on which monitors, callbacks and checkers run.
 *
 * <p>Every random stream (connectivity, weights, initial values, inputs) derives from the one master seed and
 * from names, so the same seed gives the same spikes whatever the number of threads.
 */
public final class Network implements AutoCloseable {
    /**
     * Work per thread (neurons + synapses / 100) below which an extra thread does not pay, when threads are chosen
     * automatically. On COBA on a 2-core virtual machine a second thread won in 4 of 21 whole runs from 2000 to 48,000
     * neurons (86,400 units) and in all 5 at 64,000 (115,200 units), 1.3x to 1.8x (BENCHMARKS.md, "Java backend:
     * one thread against two").
     */
    public static final int AUTO_THREADS_WORK_PER_THREAD = 50_000;

    /** The most warnings {@link #warnings()} keeps. */
    public static final int MAX_WARNINGS = 1000;
    /**
     * The most warnings a network logs; later ones are only kept in (or counted by) {@link #warnings()}, so that a
     * program of many short runs, each warning afresh, does not flood its log.
     */
    public static final int MAX_LOGGED_WARNINGS = 20;

    /**
     * Biological time (ms, on the network's clock) within which every weight that plasticity changes is scanned for
     * NaN and infinity while runs go on, the same on every backend: all of them at every multiple of it during runs
     * (where the engine keeps them: on a device, there), and at the end of every run the next share of them in
     * proportion to the time run since the last scan (all of them after this time or more). Saving a checkpoint
     * scans them all first.
     */
    public static final double WEIGHT_CHECK_CYCLE_MS = 1000.0;

    private final double dt;
    private final long seed;
    private final long startStep;
    private final int threads;
    private final EngineKind engineKind;
    private final EventQueueKind eventQueueKind;
    private final BackendKind backendKind;
    private final String device;
    private final Precision precision;
    private final List<Population> populations = new ArrayList<>();
    private final List<Projection> projections = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final NetworkMonitors monitors = new NetworkMonitors();
    private final Map<String, Checkpointed> userState = new LinkedHashMap<>();
    private final List<WeightChecker> weightCheckers = new ArrayList<>();
    private final List<StepCallback> callbacks = new ArrayList<>();
    private final PlasticityRegistry plasticity = new PlasticityRegistry(p -> populations.contains(p));
    private double finiteCheckIntervalMs = 10.0;
    private boolean runawayWarnings = true;
    private final List<RunawayDetector> runawayDetectors = new ArrayList<>();
    private final NetworkWarnings warnings = new NetworkWarnings();
    private double progressIntervalSeconds = 1.0;
    private Engine engine;
    /** Every neuron variable as it was when the first run started, per population, for {@link #resetState}. */
    private final Map<NeuronPopulation, NeuronState> initialState = new IdentityHashMap<>();
    private RuntimeException brokenBy;
    private boolean closed;
    /** The thread inside {@link #run}, {@link #resetState} or {@link #close} now, or null; see {@link #alone}. */
    private volatile Thread driver;

    private Network(Builder builder) {
        this.dt = builder.dt;
        this.seed = builder.seed;
        this.startStep = builder.startStep;
        this.threads = builder.threads;
        this.engineKind = builder.engine;
        this.eventQueueKind = builder.eventQueue;
        this.backendKind = builder.backend;
        this.device = builder.device;
        this.precision = builder.precision;
    }

    /** A builder: clock-driven, dt 0.1 ms, seed 1, threads chosen automatically. */
    public static Builder builder() {
        return new Builder();
    }

    /** The time step, ms. */
    public double dt() {
        return dt;
    }

    /** The precision of the neuron state and of the models' arithmetic. */
    public Precision precision() {
        return precision;
    }

    /** The master seed. */
    public long seed() {
        return seed;
    }

    /** The clock, ms: the start of the next step ({@link #stepsRun()} * dt). */
    public double timeMs() {
        return stepsRun() * dt;
    }

    /**
     * The clock in steps: the index of the next step, which is the number of steps run so far plus the clock's
     * first step ({@link Builder#startStep}, usually 0).
     */
    public long stepsRun() {
        return engine == null ? startStep : engine.currentStep();
    }

    /** The populations, in creation order. */
    public List<Population> populations() {
        return List.copyOf(populations);
    }

    /** The projections, in creation order. */
    public List<Projection> projections() {
        return List.copyOf(projections);
    }

    /** Adds a population of {@code size} neurons of {@code model}. */
    public NeuronPopulation addNeurons(String name, int size, NeuronModel model) {
        requireBuilding("addNeurons");
        Require.notNull("model", model);
        if (engineKind == EngineKind.EVENT_DRIVEN) {
            String why = model instanceof EventDrivenModel m ? m.whyNoClosedForm(dt).orElse(null)
                    : model.name() + " has no closed form between events";
            if (why != null) {
                throw EventDrivenEngine.unsupported("population '" + name + "': " + why);
            }
        }
        if (backendKind == BackendKind.JAVA && engineKind == EngineKind.CLOCK_DRIVEN) {
            model.prepareKernel(dt, precision);
        }
        return register(new NeuronPopulation(name, size, model, seed, precision));
    }

    /** Adds {@code size} Poisson sources firing at {@code rateHz} each (changeable later, per source). */
    public PoissonSource addPoissonSource(String name, int size, double rateHz) {
        requireBuilding("addPoissonSource");
        return register(new PoissonSource(name, size, rateHz, dt));
    }

    /**
     * Adds {@code size} Poisson sources at {@code rateHz} each whose spike counts have pairwise correlation
     * {@code correlation} in (0, 1] (a multiple interaction process).
     */
    public CorrelatedPoissonSource addCorrelatedPoissonSource(String name, int size, double rateHz,
                                                              double correlation) {
        requireBuilding("addCorrelatedPoissonSource");
        if (engineKind == EngineKind.EVENT_DRIVEN) {
            throw EventDrivenEngine.unsupported("correlated Poisson sources are defined per step");
        }
        return register(new CorrelatedPoissonSource(name, size, rateHz, correlation, dt));
    }

    /** Adds {@code size} Bernoulli sources (probability per step, initially 0): the pixel encoder. */
    public BernoulliSource addBernoulliSource(String name, int size) {
        requireBuilding("addBernoulliSource");
        if (engineKind == EngineKind.EVENT_DRIVEN) {
            throw EventDrivenEngine.unsupported("Bernoulli sources fire with a probability per step");
        }
        return register(new BernoulliSource(name, size));
    }

    /** Adds sources that fire at given times: {@code timesMs[i]} are source i's spike times in ms. */
    public SpikeTimesSource addSpikeTimes(String name, double[][] timesMs) {
        requireBuilding("addSpikeTimes");
        SpikeTimesSource source = new SpikeTimesSource(name, timesMs);
        // refuses what the engine cannot fire: two times in one step on a clock, equal times on exact times
        if (engineKind == EngineKind.EVENT_DRIVEN) {
            source.createEventTimes(0);
        } else {
            source.createGenerator(dt, 0);
        }
        return register(source);
    }

    private <P extends Population> P register(P population) {
        Require.that(names.add(population.name()), "name = '" + population.name()
                + "' is not allowed: a population or projection of that name exists already");
        populations.add(population);
        return population;
    }

    /**
     * Places populations on {@code grid}, each grid point used once: with {@code shuffle}, elements are assigned
     * to points at random (the stream derives from the master seed), otherwise in x-fastest order. The
     * populations' sizes must add up to the grid's size.
     */
    public void placeOnGrid(Grid3D grid, boolean shuffle, Population... members) {
        Require.notNull("grid", grid);
        Require.notNull("populations", members);
        int total = 0;
        for (int i = 0; i < members.length; i++) {
            requireMember(members[i]);
            for (int j = 0; j < i; j++) {
                Require.that(members[j] != members[i], "population '" + members[i].name() + "' is listed twice: "
                        + "each population takes its points once");
            }
            total += members[i].size();
        }
        Require.that(total == grid.size(), "populations have " + total + " elements in all: must equal the grid's "
                + grid.size() + " points");
        Positions points = shuffle ? grid.shuffledPoints(Seeds.generator(seed, "grid:" + names(members)))
                : grid.points();
        int offset = 0;
        for (Population p : members) {
            p.place(points.slice(offset, offset + p.size()));
            offset += p.size();
        }
    }

    private static String names(Population... members) {
        StringBuilder s = new StringBuilder();
        for (Population p : members) {
            s.append(p.name()).append(',');
        }
        return s.toString();
    }

    /**
     * Connects {@code source} to a receptor of {@code target}. The projection is named
     * {@code source->target.receptor} unless {@link Synapses#named} gives a name; its random streams derive from
     * the name and the master seed.
     */
    public Projection connect(Population source, NeuronPopulation target, Connector connector, Synapses synapses) {
        requireBuilding("connect");
        requireMember(source);
        requireMember(target);
        Require.notNull("synapses", synapses);
        String name = synapses.describeName(source, target);
        Require.that(!names.contains(name), "projection name = '" + name + "' is not allowed: it exists already; "
                + "give this projection its own name with Synapses.named(...)");
        Projection projection = Projection.build(name, source, target, connector, synapses, dt, seed,
                engineKind == EngineKind.EVENT_DRIVEN, buildThreads());
        names.add(name);
        projections.add(projection);
        return projection;
    }

    /**
     * Runs {@code update} on {@code projection}'s synapses in every step, right after the projection's spikes are
     * delivered (the slot of plasticity rules); the projection then stores a weight per synapse.
     */
    public void afterDelivery(Projection projection, SynapseUpdate update) {
        requireBuilding("afterDelivery");
        requireOwn(projection);
        if (engineKind == EngineKind.EVENT_DRIVEN) {
            throw EventDrivenEngine.unsupported("afterDelivery runs once per step");
        }
        plasticity.userSynapseUpdate(projection, update);
    }

    /**
     * Attaches a plasticity rule to {@code projection} (which then stores a weight per synapse); rules run in the
     * order attached. Refused, naming the rule, if it does not support this network's engine and backend.
     *
     * @return the rule's state on the projection: weights, traces, modulators, for monitors and user code
     */
    public <S extends RuleState> S addPlasticity(Projection projection, PlasticityRule<S> rule) {
        requireBuilding("addPlasticity");
        requireOwn(projection);
        return plasticity.attach(projection, rule, dt, seed, startStep, engine(), backend());
    }

    /** The engine this network runs on. */
    public EngineKind engine() {
        return engineKind;
    }

    /** The backend this network runs on. */
    public BackendKind backend() {
        return backendKind;
    }

    private void requireOwn(Projection projection) {
        Require.that(projections.contains(Require.notNull("projection", projection)), "projection '"
                + projection.name() + "' does not belong to this network");
    }

    /** Records the spikes of {@code population} (all neurons, spike times stored up to the default bound). */
    public SpikeMonitor monitorSpikes(Population population) {
        return monitorSpikes(population, SpikeMonitor.settings());
    }

    /** Records the spikes of {@code population} with the given settings (subset, counts only, bound, file). */
    public SpikeMonitor monitorSpikes(Population population, SpikeMonitor.Settings settings) {
        requireOpen("monitorSpikes");
        requireMember(population);
        Require.notNull("settings", settings);
        return addMonitor(population, SpikeMonitor.create(population, settings, dt, seed, warnings::warn));
    }

    /**
     * Samples {@code variables} of the neurons {@code neurons} of {@code population} every {@code intervalMs}
     * (rounded to whole steps, at least one); each variable and each neuron listed once.
     */
    public StateMonitor monitorState(NeuronPopulation population, String[] variables, int[] neurons,
                                     double intervalMs) {
        return monitorState(population, variables, neurons, intervalMs, StateMonitor.settings());
    }

    /**
     * Like {@link #monitorState(NeuronPopulation, String[], int[], double)}, with {@code settings}: a bound on
     * stored values, a CSV file every sample is streamed to.
     */
    public StateMonitor monitorState(NeuronPopulation population, String[] variables, int[] neurons,
                                     double intervalMs, StateMonitor.Settings settings) {
        requireOpen("monitorState");
        requireMember(population);
        Require.notNull("variables", variables);
        Require.notNull("neurons", neurons);
        Require.notNull("settings", settings);
        int interval = Require.steps("interval", intervalMs, dt);
        return addMonitor(population, new StateMonitor(population, variables, neurons, interval, dt, seed,
                settings));
    }

    /**
     * Samples {@code variable} of a plasticity rule's state (as {@link #addPlasticity} returned it) for the given
     * elements (synapse indices, neuron indices, or {0} for a global variable) every {@code intervalMs} ms (rounded
     * to whole steps, at least one). On a device backend each sample first copies the rules' state back from the
     * device, which costs a transfer of every plastic weight: sample sparingly there.
     */
    public RuleStateMonitor monitorRule(RuleState state, String variable, int[] elements, double intervalMs) {
        requireOpen("monitorRule");
        Require.notNull("state", state);
        Projection projection = plasticity.projectionOf(state);
        Require.that(projection != null, "state = " + state + " is not allowed: it was not returned by "
                + "addPlasticity of this network");
        RuleState.find(state.variables(), Require.notNull("variable", variable));
        int interval = Require.steps("interval", intervalMs, dt);
        return addMonitor(projection.target(), new RuleStateMonitor(state, variable, elements, interval, dt,
                StateMonitor.DEFAULT_MAX_VALUES));
    }

    /** Records the population rate of {@code population} in bins of {@code binMs} (rounded to whole steps). */
    public PopulationRateMonitor monitorRate(Population population, double binMs) {
        requireOpen("monitorRate");
        requireMember(population);
        return addMonitor(population, new PopulationRateMonitor(population, Require.steps("bin", binMs, dt), dt));
    }

    /** Adds a monitor of the user's own for {@code population}. */
    public <M extends Monitor> M addMonitor(Population population, M monitor) {
        requireOpen("addMonitor");
        requireMember(population);
        return monitors.add(population, Require.notNull("monitor", monitor));
    }

    /**
     * Saves and restores {@code state} with every checkpoint of this network, under {@code /state/user_<name>}:
     * what a program keeps around its runs (a training loop's position, the results so far), so that a program
     * that restores a checkpoint goes on where it was. A restoring network must have added state under the same
     * names.
     *
     * @param name letters, digits, '_' and '-', not used before
     * @return {@code state}
     */
    public <C extends Checkpointed> C addCheckpointed(String name, C state) {
        Require.that(name != null && name.matches("[A-Za-z0-9_-]+"), "checkpointed state name '" + name + "' is not "
                + "allowed: use letters, digits, '_' and '-'");
        Require.that(!userState.containsKey(name), "checkpointed state name '" + name + "' is not allowed: it is "
                + "taken; use another");
        userState.put(name, Require.notNull("state", state));
        return state;
    }

    /** Stops every run in which {@code population}'s rate over {@code windowMs} leaves [minHz, maxHz]. */
    public RateChecker checkRate(Population population, double minHz, double maxHz, double windowMs) {
        return addMonitor(population, new RateChecker(population, minHz, maxHz, windowMs, dt));
    }

    /**
     * How often (biological ms) neuron states are scanned for NaN and infinity; default 10 ms. They are also
     * scanned when every run ends. The weights that plasticity changes are scanned as
     * {@link #WEIGHT_CHECK_CYCLE_MS} says.
     */
    public void setFiniteCheckInterval(double intervalMs) {
        requireBuilding("setFiniteCheckInterval");
        Require.steps("finite check interval", intervalMs, dt);
        finiteCheckIntervalMs = intervalMs;
    }

    /**
     * Whether runaway activity is reported (default true): every neuron population is watched over consecutive
     * windows of 100 ms on the clock, and the first window of a run in which a population's mean rate is at least
     * 80% of its saturation rate 1000 / max(t_ref, dt) Hz (t_ref, ms, the smallest refractory period of its neurons,
     * 0 for a model without one) is given as a warning naming the population, the rate, the saturation rate and
     * the window, kept in {@link #warnings()} and logged (the first {@link #MAX_LOGGED_WARNINGS}, the first of them
     * with what to do about it, {@link RunawayDetector#ADVICE}); the run goes on ({@link #checkRate} stops runs). A
     * population of a few neurons driven to its highest rate on purpose (an f-I curve) is reported too; call this
     * with false then.
     * A run with checkpoints ({@link #run(double, double, Path)}) is one run, which a network restored from one of
     * its checkpoints goes on with: checkpoints save each window under way and whether the run has warned. Before
     * the first run (or {@link #prepare()}) only.
     */
    public void setRunawayWarnings(boolean enabled) {
        requireBuilding("setRunawayWarnings");
        runawayWarnings = enabled;
    }

    /**
     * The warnings this network has given so far, oldest first (runaway activity, see
     * {@link #setRunawayWarnings}; a spike monitor's first spike beyond its bound), for programs to write into their
     * results; at most {@link #MAX_WARNINGS}, then a last entry saying how many more were given but left out. The
     * first {@link #MAX_LOGGED_WARNINGS} are also logged. A checkpoint saves them, and a network restored from it
     * takes them as its own, so a resumed run reports what the uninterrupted run would. An unmodifiable snapshot.
     */
    public List<String> warnings() {
        return warnings.snapshot();
    }

    /** How often (wall-clock seconds) progress listeners are called between start and completion; default 1 s. */
    public void setProgressInterval(double seconds) {
        progressIntervalSeconds = Require.positive("progress interval", seconds, "s");
    }

    /** Runs {@code callback} after every step, after monitors. */
    public void afterEachStep(StepCallback callback) {
        callbacks.add(Require.notNull("callback", callback));
    }

    /**
     * Copies the plasticity rules' current state into their arrays ({@link RuleState#values}, a rule's weights),
     * as it is at the end of the last completed step. Between runs the arrays are always current; during a run, in
     * a step callback, they are current on the Java backend, while on a device backend they hold the values of the
     * end of the last run until this is called (it copies every plastic weight back from the device).
     */
    public void synchronizeRuleState() {
        if (engine != null) {
            engine.synchronizeRules();
        }
    }

    /**
     * Prepares the network for running now, as NEST's {@code Prepare} does: what the first {@link #run} would
     * otherwise do before its first step. The structure is fixed from then on (no more populations, projections,
     * rules or inputs), the engine lays out its run-time structures and makes its kernels, and on a device backend
     * the device programs are built and the network copied there. Neuron state set after it (with
     * {@code initialize}) is still what the first run starts from and what {@link #resetState} returns to. Optional,
     * and done once: a later call does nothing. A program calls it to learn of a failing device before it starts
     * simulating, or to time its runs apart from this setup.
     *
     * @throws IllegalStateException as {@link #run}: during a run, from another thread, or once closed
     */
    public void prepare() {
        alone("prepare", () -> {
            requireRunnable();
            compile();
        });
    }

    /** Simulates {@code durationMs} more milliseconds (rounded to whole steps). */
    public void run(double durationMs) {
        run(durationMs, null);
    }

    /**
     * Simulates {@code durationMs} more milliseconds (rounded to whole steps), reporting progress to
     * {@code listener} (may be null).
     *
     * @throws SimulationAbortedException if a checker stops the run; the network keeps the state at that step
     * @throws IllegalStateException       if called during a run of this network (from a step callback, monitor or
     *                                     listener) or while another thread runs it: one thread drives a network
     *                                     at a time
     */
    public void run(double durationMs, ProgressListener listener) {
        long steps = steps(durationMs);
        alone("run", () -> runSteps(steps, listener, true));
    }

    /**
     * The whole steps of {@code durationMs}, refused unless at least one and within the clock's range. Messages are
     * made only for a refusal: a program that runs a step at a time calls this every step.
     */
    private long steps(double durationMs) {
        Require.positive("duration", durationMs, "ms");
        long steps = Math.round(durationMs / dt);
        if (steps < 1) {
            throw new IllegalArgumentException("duration = " + durationMs + " ms is not allowed: must be at least one "
                    + "step (dt = " + dt + " ms)");
        }
        if (steps > Builder.MAX_START_STEP) {
            throw new IllegalArgumentException("duration = " + durationMs + " ms is not allowed: must be at most 2^62 "
                    + "steps of dt = " + dt + " ms (" + Builder.MAX_START_STEP * dt + " ms), the clock's range");
        }
        return steps;
    }

    /**
     * Simulates {@code durationMs} more milliseconds, saving a checkpoint to {@code file} (see
     * {@link #saveCheckpoint}) after every {@code checkpointEveryMs} of simulated time (rounded to whole steps, at
     * least one) and at the end, each save replacing the previous one atomically. A run killed on the way loses at
     * most one interval: build the network again, {@link #restoreCheckpoint restore} the file and run the rest, with
     * the result of an uninterrupted run.
     * Before the first step it fails if the network cannot be checkpointed or the file's directory is not writable.
     */
    public void run(double durationMs, double checkpointEveryMs, Path file) {
        long steps = steps(durationMs);
        Require.positive("checkpoint interval", checkpointEveryMs, "ms");
        Require.notNull("checkpoint file", file);
        long interval = Math.max(1, Math.round(checkpointEveryMs / dt));
        alone("run", () -> {
            requireRunnable();
            begin();
            checkpoint().requireSupported();
            requireWritable("checkpoint file", file);
            boolean saved = false;
            try {
                for (long done = 0; done < steps; done += interval) {
                    long part = Math.min(interval, steps - done);
                    runSteps(part, null, done + part == steps);
                    requireFiniteWeights();
                    CheckpointFile.save(file, checkpointHeader(), checkpoint());
                }
                saved = true;
            } finally {
                if (!saved) {
                    // a checkpoint that could not be saved ends the run, as a failing step does
                    runawayDetectors.forEach(RunawayDetector::programRunEnded);
                }
            }
        });
    }

    /**
     * Runs {@code steps} steps: the whole of a run of the program, or unless {@code endsRun} one of the intervals
     * of a run with checkpoints, after which the run goes on. A failure inside an engine step leaves partitions out
     * of step, so the network refuses to go on after it.
     */
    private void runSteps(long steps, ProgressListener listener, boolean endsRun) {
        requireRunnable();
        begin();
        boolean finished = false;
        try {
            new StepLoop(engine, dt, monitors.all(), callbacks, monitors.checkers(), failure -> brokenBy = failure)
                    .run(steps, listener, progressIntervalSeconds);
            finished = true;
        } finally {
            if (endsRun || !finished) {
                runawayDetectors.forEach(RunawayDetector::programRunEnded);
            }
        }
    }

    /**
     * Starts the dynamics afresh between runs, as for a new trial or sample: every neuron variable returns to its
     * value when the first run started, spikes in flight and the spike history are dropped, plasticity traces are
     * zeroed and rules reset their dynamic variables (an astrocyte's rates). The plasticity of the last step run is
     * applied first. Weights, monitors, random streams and the clock carry on. Refused during a run, as
     * {@link #run} is.
     */
    public void resetState() {
        alone("resetState", () -> {
            requireRunnable();
            begin();
            engine.resetDynamics(() -> initialState.forEach((population, values) -> population.state()
                    .restore(values)));
        });
    }

    /**
     * Saves the network's dynamic state to {@code file} (HDF5, docs/FORMATS.md), atomically: every neuron variable
     * and the state {@link #resetState} returns to, spikes in flight, traces, the clock, source probabilities set
     * by user code, weights and the rules' state, with the network's shape, seed and dt and a checksum. Random
     * streams are functions of the seed and the step, so they need no saving; what the monitors have recorded is
     * saved too. Between runs, on the clock-driven engine; the state is saved in one form for every backend and
     * thread count.
     *
     * @throws org.hebb.simulator.checkpoint.CheckpointException naming what cannot be saved
     * @throws IllegalStateException naming a weight that plasticity made NaN or infinite (nothing is saved)
     */
    public void saveCheckpoint(Path file) {
        Require.notNull("checkpoint file", file);
        alone("saveCheckpoint", () -> {
            requireRunnable();
            begin();
            requireFiniteWeights();
            CheckpointFile.save(file, checkpointHeader(), checkpoint());
        });
    }

    /**
     * Restores the state saved by {@link #saveCheckpoint} into this network, which must be built as the saved one
     * was (same populations, models, projections and rules, in the same order, with the same precision; the
     * backend, device and thread count may differ), with the same seed and dt, and with monitors that begin with
     * the saved network's (they go on recording; the others start empty, even where this network has recorded
     * before: {@link Monitor#dropRecordings}); running on then gives what the saved network would have given, bit
     * for bit. Nothing changes unless the whole file is sound and fits.
     *
     * @throws org.hebb.simulator.checkpoint.CheckpointException naming what is wrong with the file or where the
     *         networks differ
     */
    public void restoreCheckpoint(Path file) {
        Require.notNull("checkpoint file", file);
        alone("restoreCheckpoint", () -> {
            requireRunnable();
            begin();
            CheckpointFile.Header saved = CheckpointFile.restore(file, checkpointHeader(), header -> checkpoint((int)
                    header.monitors().lines().count()));
            long restoredRecordings = saved.monitors().lines().count();
            warnings.restore(saved.warnings(), saved.warningsLeftOut());
            engine.stateRestored();
            monitors.restored(restoredRecordings, stepsRun());
        });
    }

    /** Refuses to save a checkpoint of a weight that plasticity made NaN or infinite, naming it. */
    private void requireFiniteWeights() {
        for (WeightChecker checker : weightCheckers) {
            String report = checker.scanAll(engine.currentStep() - 1);
            if (report != null) {
                throw new IllegalStateException("the checkpoint is not saved: " + report);
            }
        }
    }

    /** Fails unless a result could be written atomically to {@code file} (creating its directory). */
    private static void requireWritable(String name, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Require.that(!Files.isDirectory(absolute), name + " = " + file + " is not allowed: it is a directory");
            Files.createDirectories(absolute.getParent());
            AtomicFiles.checkWritable(absolute.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " = " + file + " is not allowed: its directory cannot be "
                    + "written (" + e + ")", e);
        }
    }

    private CheckpointFile.Header checkpointHeader() {
        List<MonitorEntry> recorded = monitors.recorded();
        return new CheckpointFile.Header(NetworkCheckpoint.describe(populations, projections, plasticity.attached(),
                engineKind, precision), backendKind.toString(), NetworkCheckpoint.describeMonitors(recorded.stream()
                .map(MonitorEntry::monitor).toList(), recorded.stream().map(e -> e.population() == null
                ? "a rule" : e.population().name()).toList()), seed, dt, stepsRun(), warnings.kept(),
                warnings.leftOut());
    }

    private NetworkCheckpoint checkpoint() {
        return checkpoint(monitors.recorded().size());
    }

    /** The state to save or restore, with the recordings of the first {@code monitorCount} recording monitors. */
    private NetworkCheckpoint checkpoint(int monitorCount) {
        Map<String, Checkpointed> runaway = new LinkedHashMap<>();
        runawayDetectors.forEach(d -> runaway.put(d.population().name(), d::checkpoint));
        return new NetworkCheckpoint(engine, populations, projections, initialState, plasticity.attached(),
                monitors.recorded().subList(0, monitorCount).stream().map(e -> (Checkpointed) e.monitor()).toList(),
                runaway, userState);
    }

    /**
     * Runs {@code work}, which drives the engine for {@code operation}, with the calling thread as the network's one
     * driver, or refuses: from inside a run (a step callback, monitor or progress listener) the run would go on with
     * its engine moved under it, and from a second thread both would share the engine and its worker threads.
     */
    private void alone(String operation, Runnable work) {
        Thread current = Thread.currentThread();
        synchronized (this) {
            if (driver == current) {
                throw new IllegalStateException(operation + " is not allowed during a run of this network (from a "
                        + "step callback, a monitor or a progress listener): they run between two steps of that run, "
                        + "which would go on with its engine moved under it and run the wrong number of steps; call "
                        + operation + " after run returns");
            }
            if (driver != null) {
                throw new IllegalStateException(operation + " is not allowed while thread '" + driver.getName()
                        + "' runs this network: one thread at a time drives a network (the engine and its worker "
                        + "threads serve one run); call " + operation + " after that run returns");
            }
            driver = current;
        }
        try {
            work.run();
        } finally {
            driver = null;
        }
    }

    private void requireRunnable() {
        if (closed) {
            throw new IllegalStateException("run is not allowed: the network has been closed");
        }
        if (brokenBy != null) {
            throw new IllegalStateException("run is not allowed: an earlier run failed inside step "
                    + engine.currentStep() + " (" + brokenBy + "), which left the state inconsistent; build a new "
                    + "Network", brokenBy);
        }
    }

    private static BackendEngineFactory backendFactory(BackendKind kind) {
        for (BackendEngineFactory factory : ServiceLoader.load(BackendEngineFactory.class)) {
            if (factory.backend() == kind) {
                return factory;
            }
        }
        throw new IllegalStateException("backend = " + kind + " is not available: its module is not on the class "
                + "path (for OPENCL add the dependency org.hebb:hebb-opencl-kernels)");
    }

    private void compile() {
        if (engine != null) {
            return;
        }
        for (Population p : populations) {
            if (p instanceof NeuronPopulation np) {
                np.freeze();
            }
        }
        if (backendKind != BackendKind.JAVA) {
            engine = backendFactory(backendKind).create(dt, seed, startStep, device, populations, projections,
                    plasticity.wiring());
        } else if (engineKind == EngineKind.EVENT_DRIVEN) {
            engine = new EventDrivenEngine(dt, seed, startStep, eventQueueKind, populations, projections,
                    plasticity.wiring());
        } else {
            engine = new ClockDrivenEngine(dt, chooseThreads(), seed, startStep, populations, projections,
                    plasticity.wiring());
        }
        int intervalSteps = Require.steps("finite check interval", finiteCheckIntervalMs, dt);
        NeuronPopulation.StateWrites writes = new NeuronPopulation.StateWrites() {
            @Override
            public void before(NeuronPopulation population) {
                engine.synchronizeState(population);
            }

            @Override
            public void after(NeuronPopulation population) {
                engine.neuronStateWritten(population);
            }
        };
        for (Population p : populations) {
            if (p instanceof NeuronPopulation np) {
                addMonitor(np, new FiniteStateChecker(np, engine::firstNonFinite, intervalSteps, dt));
                if (runawayWarnings) {
                    RunawayDetector detector = new RunawayDetector(np, dt, warnings::warnOfRunaway);
                    runawayDetectors.add(detector);
                    addMonitor(np, detector);
                }
                np.watchStateWrites(writes);
            }
        }
        // not a setting of the user's: at a dt that puts more steps than an int in it, the longest cycle serves
        int weightCycleSteps = (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(WEIGHT_CHECK_CYCLE_MS / dt)));
        for (Projection p : projections) {
            List<String> changers = plasticity.weightChangers(p);
            if (!changers.isEmpty()) {
                weightCheckers.add(addMonitor(p.target(), new WeightChecker(p, changers, engine::firstNonFiniteWeight,
                        weightCycleSteps, engine.currentStep(), dt)));
            }
        }
    }

    /**
     * Makes the engine if {@link #prepare} has not, and the first time the engine serves (a run, a reset, a save or
     * a restore) keeps the neuron state {@link #resetState} returns to, which user code may have set since
     * {@link #prepare}.
     */
    private void begin() {
        compile();
        if (initialState.isEmpty()) {
            for (Population p : populations) {
                if (p instanceof NeuronPopulation np) {
                    initialState.put(np, np.state().copy());
                }
            }
        }
    }

    /**
     * The engine's counters (on the OpenCL backend, {@code bytes_to_host} and {@code bytes_to_device}: traffic
     * between host and device so far); empty before the first run and on engines that keep none.
     */
    public Map<String, Long> engineCounters() {
        return engine == null ? Map.of() : engine.counters();
    }

    /** The number of threads the engine uses (chosen at the first run when set to automatic). */
    public int threads() {
        return engine != null ? engine.threads() : chooseThreads();
    }

    /** The threads that build projections: as set, or every core when chosen automatically. */
    private int buildThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private int chooseThreads() {
        if (engineKind == EngineKind.EVENT_DRIVEN) {
            return 1;
        }
        if (threads > 0) {
            return threads;
        }
        long work = 0;
        for (Population p : populations) {
            work += p.size();
        }
        for (Projection p : projections) {
            work += p.synapseCount() / 100;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return (int) Math.max(1, Math.min(cores, work / AUTO_THREADS_WORK_PER_THREAD));
    }

    /** Memory of all projections' synapse arrays, in bytes. */
    public long synapseMemoryBytes() {
        long total = 0;
        for (Projection p : projections) {
            total += p.memoryBytes();
        }
        return total;
    }

    /** Memory held by all monitors' recorded data, in bytes. */
    public long monitorMemoryBytes() {
        return monitors.memoryBytes();
    }

    private void requireBuilding(String operation) {
        requireOpen(operation);
        if (engine != null) {
            throw new IllegalStateException(operation + " is not allowed after the first run (or prepare()): the "
                    + "network's structure is fixed then; build a new Network instead");
        }
    }

    private void requireOpen(String operation) {
        if (closed) {
            throw new IllegalStateException(operation + " is not allowed: the network has been closed");
        }
    }

    private void requireMember(Population population) {
        Require.notNull("population", population);
        Require.that(populations.contains(population), "population '" + population.name()
                + "' does not belong to this network");
    }

    /**
     * Stops the engine's worker threads and closes monitors' files; the network cannot run, grow or take monitors
     * afterwards. Refused during a run, as {@link #run} is.
     */
    @Override
    public void close() {
        alone("close", this::closeEngineAndMonitors);
    }

    private void closeEngineAndMonitors() {
        if (closed) {
            return;
        }
        closed = true;
        if (engine != null) {
            engine.close();
        }
        monitors.closeAll();
    }

    /** Network settings. */
    public static final class Builder {
        /** The latest first step a clock may have, far from where a long step count overflows. */
        public static final long MAX_START_STEP = 1L << 62;
        private double dt = 0.1;
        private long seed = 1;
        private long startStep;
        private int threads = 0;
        private EngineKind engine = EngineKind.CLOCK_DRIVEN;
        private EventQueueKind eventQueue = EventQueueKind.CALENDAR;
        private BackendKind backend = BackendKind.JAVA;
        private String device;
        private Precision precision = Precision.SINGLE;

        /** Time step in ms (> 0; default 0.1). */
        public Builder dt(double ms) {
            Require.positive("dt", ms, "ms");
            Require.that(ms <= 10, "dt = " + ms + " ms is not allowed: must be <= 10 ms");
            this.dt = ms;
            return this;
        }

        /**
         * The clock's first step (default 0), for example to continue a long run: the first run starts at
         * {@code step * dt} ms, and every step index (of spikes, of random streams keyed by step, of signals and
         * monitors) counts on from there, on every engine and backend. Must be in [0, {@link #MAX_START_STEP}].
         */
        public Builder startStep(long step) {
            Require.that(step >= 0 && step <= MAX_START_STEP, "startStep = " + step + " is not allowed: must be in "
                    + "[0, " + MAX_START_STEP + "] (2^62)");
            this.startStep = step;
            return this;
        }

        /** The master seed every random stream derives from (default 1). */
        public Builder seed(long masterSeed) {
            this.seed = masterSeed;
            return this;
        }

        /**
         * Number of threads (1 to 256), or 0 to choose automatically (default): one thread per
         * {@link Network#AUTO_THREADS_WORK_PER_THREAD} units of work, at most one per core.
         */
        public Builder threads(int count) {
            this.threads = Require.inRange("threads", count, 0, 256);
            return this;
        }

        /**
         * The engine: {@link EngineKind#CLOCK_DRIVEN} (default) or {@link EngineKind#EVENT_DRIVEN}, which runs on
         * one thread and only models, inputs and rules with a closed form between events (see {@link Network}).
         */
        public Builder engine(EngineKind kind) {
            this.engine = Require.notNull("engine", kind);
            return this;
        }

        /**
         * The event-driven engine's queue: {@link EventQueueKind#CALENDAR} (default) or
         * {@link EventQueueKind#BINARY_HEAP}; the same spikes either way, only the speed differs.
         */
        public Builder eventQueue(EventQueueKind kind) {
            this.eventQueue = Require.notNull("eventQueue", kind);
            return this;
        }

        /**
         * Where the clock-driven engine runs: {@link BackendKind#JAVA} (default; threads as set) or
         * {@link BackendKind#OPENCL} (a GPU, or a CPU through PoCL; needs {@code hebb-opencl-kernels} on the class
         * path; see docs/OPENCL.md for what it runs).
         */
        public Builder backend(BackendKind kind) {
            this.backend = Require.notNull("backend", kind);
            return this;
        }

        /**
         * The OpenCL device: an index into the device listing, or a part of a device or platform name
         * (case-insensitive); default: the first GPU, else the first CPU device.
         */
        public Builder device(String selector) {
            this.device = Require.notNull("device", selector);
            return this;
        }

        /**
         * The precision of every population's state and of the models' arithmetic: {@link Precision#SINGLE}
         * (default) or {@link Precision#DOUBLE}, as Brian2 and NEST compute. Weights, delivered inputs and injected
         * currents stay in single precision.
         */
        public Builder precision(Precision format) {
            this.precision = Require.notNull("precision", format);
            return this;
        }

        /** Creates the network. */
        public Network build() {
            Require.that(backend == BackendKind.JAVA || engine == EngineKind.CLOCK_DRIVEN, "backend = " + backend
                    + " is not allowed with the event-driven engine: it runs on the JAVA backend only");
            Require.that(engine == EngineKind.CLOCK_DRIVEN || threads <= 1, "threads = " + threads + " is not "
                    + "allowed with the event-driven engine: it runs on one thread (use 0 or 1)");
            Require.that(backend == BackendKind.JAVA || threads <= 1, "threads = " + threads + " is not allowed "
                    + "with backend = " + backend + ": the device runs the step (use 0 or 1)");
            return new Network(this);
        }
    }
}
