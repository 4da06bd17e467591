package org.hebb.simulator;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.Variable;
import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.checkpoint.CheckpointFile;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.plasticity.PlasticityRegistry;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;

/**
 * A network's dynamic state for a checkpoint: the engine's (clock, spikes in flight, traces), every neuron variable
 * with the state a reset returns to, what user code may set on sources, the weights, each rule's state, and what
 * the monitors have recorded, and the program's own state added to checkpoints.
 */
final class NetworkCheckpoint implements Checkpointed {
    private final Engine engine;
    private final List<Population> populations;
    private final List<Projection> projections;
    private final Map<NeuronPopulation, NeuronState> initialState;
    private final List<PlasticityRegistry.Attached> rules;
    private final List<Checkpointed> monitors;
    private final Map<String, Checkpointed> runawayDetectors;
    private final Map<String, Checkpointed> userState;

    /**
     * @param monitors         the monitors whose recordings to save or restore, in order
     * @param runawayDetectors the windows of the runaway detectors, by population (none without runaway warnings)
     * @param userState        state of the program's own, by name
     */
    NetworkCheckpoint(Engine engine, List<Population> populations, List<Projection> projections,
                      Map<NeuronPopulation, NeuronState> initialState, List<PlasticityRegistry.Attached> rules,
                      List<Checkpointed> monitors, Map<String, Checkpointed> runawayDetectors,
                      Map<String, Checkpointed> userState) {
        this.engine = engine;
        this.populations = populations;
        this.projections = projections;
        this.initialState = initialState;
        this.rules = rules;
        this.monitors = monitors;
        this.runawayDetectors = runawayDetectors;
        this.userState = userState;
    }

    /**
     * One line per monitor whose recordings a checkpoint saves: its place, kind, what it watches and how its
     * recordings are laid out ({@link Monitor#recordingLayout}).
     */
    static String describeMonitors(List<Monitor> monitors, List<String> watched) {
        StringBuilder lines = new StringBuilder();
        for (int k = 0; k < monitors.size(); k++) {
            String layout = monitors.get(k).recordingLayout();
            lines.append("monitor ").append(k).append(": ").append(monitors.get(k).getClass().getSimpleName())
                    .append(" of ").append(watched.get(k))
                    .append(layout.isEmpty() ? "" : CheckpointFile.LAYOUT_MARK + layout)
                    .append('\n');
        }
        return lines.toString();
    }

    /**
     * The network's shape, one line per population, projection and rule, each followed by a line per constant it
     * shares that the checkpoint's state does not hold (a model's parameters that are not per neuron, a
     * projection's one weight for all synapses, a rule's parameters), and a projection by a line of its delays (the
     * one delay, or a digest of every synapse's) and one of a digest of its connectivity (which target each synapse
     * has, in which row), which a checkpoint must match to be restored.
     */
    static String describe(List<Population> populations, List<Projection> projections,
                           List<PlasticityRegistry.Attached> rules, EngineKind engine, Precision precision) {
        StringBuilder shape = new StringBuilder("engine " + engine + ", " + precision + "\n");
        for (Population p : populations) {
            shape.append("population ").append(p.name()).append(": ").append(p.size()).append(' ')
                    .append(p instanceof NeuronPopulation np ? np.model().name() : p.getClass().getSimpleName())
                    .append('\n');
            if (p instanceof NeuronPopulation np) {
                Set<String> perNeuron = np.model().variables().stream().map(Variable::name)
                        .collect(Collectors.toSet());
                new TreeMap<>(np.model().parameters()).forEach((name, value) -> {
                    if (!perNeuron.contains(name)) {
                        parameter(shape, "population " + p.name(), name, String.valueOf(value));
                    }
                });
            }
        }
        for (Projection p : projections) {
            shape.append("projection ").append(p.name()).append(": ").append(p.source().name()).append(" -> ")
                    .append(p.target().name()).append(" (").append(p.receptor()).append("), ")
                    .append(p.synapseCount()).append(" synapses\n");
            String owner = "projection " + p.name();
            if (p.hasUniformWeight()) {
                parameter(shape, owner, "weight", String.valueOf(p.rows().uniformWeight()));
            }
            synapses(shape, owner, "delays", !p.hasUniformDelay() ? "per synapse, " + crc(p.delayDigest())
                    : p.hasContinuousDelays() ? p.delayMsOf(0, Double.NaN) + " ms" : p.delayOf(0) + " steps");
            synapses(shape, owner, "connectivity", crc(p.connectivityDigest()));
        }
        for (PlasticityRegistry.Attached a : rules) {
            String rule = "rule " + a.rule() + " on " + a.projection().name();
            shape.append(rule).append('\n');
            a.parameters().forEach((name, value) -> parameter(shape, rule, name, value));
        }
        return shape.toString();
    }

    /** A line of {@link #describe}: one constant of {@code owner}. */
    private static void parameter(StringBuilder shape, String owner, String name, String value) {
        shape.append(CheckpointFile.PARAMETER_MARK).append(owner).append(": ").append(name).append(" = ")
                .append(value).append('\n');
    }

    /** A line of {@link #describe}: the delays or connectivity of projection {@code owner}. */
    private static void synapses(StringBuilder shape, String owner, String name, String value) {
        shape.append(CheckpointFile.SYNAPSES_MARK).append(owner).append(": ").append(name).append(" = ")
                .append(value).append('\n');
    }

    private static String crc(long digest) {
        return "CRC-32C " + HexFormat.of().toHexDigits((int) digest);
    }

    /** The engine, as it saves its state; fails where the engine or a rule cannot be checkpointed. */
    Checkpointed requireSupported() {
        if (!(engine instanceof Checkpointed checkpointed)) {
            throw new CheckpointException("checkpoints are not supported on this engine yet (" + engine.getClass()
                    .getSimpleName() + "): use Network.builder().engine(EngineKind.CLOCK_DRIVEN), whose checkpoints "
                    + "the Java and OpenCL backends both save and restore");
        }
        for (PlasticityRegistry.Attached a : rules) {
            if (!(a.state() instanceof Checkpointed)) {
                throw new CheckpointException("rule " + a.rule() + " on projection '" + a.projection().name()
                        + "' cannot be checkpointed: its state does not support it");
            }
        }
        return checkpointed;
    }

    @Override
    public void checkpoint(StateVisitor state) {
        state.part("engine", requireSupported());
        for (Population p : populations) {
            if (p instanceof NeuronPopulation np) {
                state.part("neurons_" + np.name(), s -> {
                    variables(s, "", np.state());
                    variables(s, "initial_", initialState.get(np));
                });
            } else if (p instanceof Checkpointed source) {
                state.part("source_" + p.name(), source);
            }
        }
        for (Projection p : projections) {
            if (!p.hasUniformWeight()) {
                state.floats("weights_" + p.name(), p.rows().weights());
            }
        }
        for (int r = 0; r < rules.size(); r++) {
            state.part("rule_" + r, (Checkpointed) rules.get(r).state());
        }
        for (int m = 0; m < monitors.size(); m++) {
            try {
                state.part("monitor_" + m, monitors.get(m));
            } catch (IllegalArgumentException e) {
                // as the checkpoint's monitors text names it
                throw new IllegalArgumentException("monitor " + m + ": " + e.getMessage(), e);
            }
        }
        // a checkpoint without a detector's window (older, or saved without runaway warnings) restores, and the
        // detector does not judge the window under way; saved windows this network does not watch are passed over
        for (Population p : populations) {
            if (p instanceof NeuronPopulation) {
                state.optionalPart("runaway_" + p.name(), runawayDetectors.get(p.name()));
            }
        }
        userState.forEach((name, part) -> state.part("user_" + name, part));
    }

    /** Every stored column of {@code values}: the state variables, refractory counters and per-neuron parameters. */
    private static void variables(StateVisitor state, String prefix, NeuronState values) {
        for (int v = 0; v < values.variables().size(); v++) {
            String name = prefix + values.variable(v).name();
            if (values.precision() == Precision.DOUBLE) {
                state.doubles(name, values.doubles(v));
            } else {
                state.floats(name, values.array(v));
            }
        }
    }
}
