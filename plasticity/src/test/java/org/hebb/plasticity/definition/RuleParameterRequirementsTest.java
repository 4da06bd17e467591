package org.hebb.plasticity.definition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.shortterm.TsodyksMarkram;
import org.hebb.plasticity.stdp.InhibitoryStdp;
import org.hebb.plasticity.stdp.StdpDefinition;
import org.hebb.plasticity.stdp.TripletStdp;
import org.hebb.plasticity.threefactor.ThreeFactorDefinition;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * Time constants at or below 0 and weight bounds with w_min not below w_max are refused when the rule is attached,
 * before the run and before the rule changes anything, naming the parameter, the value and what is allowed, on
 * either engine; parameters may be set in any order.
 */
class RuleParameterRequirementsTest {
    private static final double WEIGHT = 0.5;

    /** A network of three neurons and a plastic projection onto them. */
    private record Plastic(Network net, Projection projection) implements AutoCloseable {
        @Override
        public void close() {
            net.close();
        }
    }

    private static Plastic network(EngineKind engine) {
        Network net = Network.builder().engine(engine).seed(1).build();
        NeuronPopulation cells = net.addNeurons("cells", 3, IfCurrExp.builder().build());
        Projection projection = net.connect(net.addPoissonSource("in", 10, 50), cells, Connectors.allToAll(false),
                Synapses.onto("excitatory").weights(Values.constant(WEIGHT)));
        return new Plastic(net, projection);
    }

    private static void refused(EngineKind engine, DefinedRule rule, String... parts) {
        try (Plastic plastic = network(engine)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> plastic.net().addPlasticity(plastic.projection(), rule));
            for (String part : parts) {
                assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part
                        + "'");
            }
        }
    }

    private static void refused(DefinedRule rule, String... parts) {
        refused(EngineKind.CLOCK_DRIVEN, rule, parts);
    }

    @Test
    void anInitialValueThatTheValuesMakeNonFiniteIsRefusedOnEitherEngine() {
        SynapseDefinition facilitating = SynapseDefinition.builder("scaled")
                .parameter("U", "1", 0.5).parameter("scale", "1", 1)
                .synapseVariable("u", "1", "U / scale")
                .onPre("w = w * (1 + u)")
                .build();
        for (EngineKind engine : EngineKind.values()) {
            refused(engine, facilitating.rule().with("scale", 0), "synapse definition 'scaled'", "scale=0.0",
                    "initial value of synapse variable u, 'U / scale', is Infinity", "must be finite");
            refused(engine, facilitating.rule().with("scale", 1e-39), "scale=1.0E-39", "'U / scale', is 5.0");
        }
    }

    @Test
    void aTimeConstantOfALazilySolvedEquationMustBePositive() {
        refused(ThreeFactorDefinition.PAIRED_GLOBAL.rule().with("tau_e", -100),
                "tau_e = -100.0 ms is not allowed for synapse definition 'three-factor, paired eligibility",
                "must satisfy tau_e > 0");
        refused(ThreeFactorDefinition.PRESYNAPTIC_PER_NEURON.rule().with("tau_e", 0), "tau_e = 0.0 ms",
                "must satisfy tau_e > 0");
    }

    @Test
    void aTimeConstantOfAnEquationAdvancedAtEachSentSpikeMustBePositive() {
        refused(TsodyksMarkram.DEFINITION.rule().with("tau_f", -50), "tau_f = -50.0 ms is not allowed",
                "must satisfy tau_f > 0");
        refused(TsodyksMarkram.DEFINITION.rule().with("tau_d", -1100), "tau_d = -1100.0 ms is not allowed",
                "must satisfy tau_d > 0");
    }

    /**
     * A definition without requirements whose synapse equation these values make non-finite (a time constant of 0
     * gives an infinite rate and a NaN offset drive / rate; the log of a parameter at or below 0 an infinite or NaN
     * drive) would put NaN into the synapse variables at the first spike: it is refused when the rule is attached,
     * naming the parameters of the equation, their values and the equation, for equations solved lazily and for
     * those advanced at each sent spike.
     */
    @Test
    void anEquationThatTheValuesMakeNonFiniteIsRefusedWithoutARequirement() {
        SynapseDefinition lazy = SynapseDefinition.builder("unchecked eligibility")
                .parameter("U", "1", 0.5).parameter("tau_r", "ms", 50).parameter("c", "1", 1)
                .parameter("A", "weight", 0.01)
                .synapseEquations("du/dt = (U - u) / tau_r : 1\nde/dt = -e / (2 * tau_r) + log(c) / ms : 1")
                .onPre("w = w + A * u * e; u = 0")
                .build();
        refused(lazy.rule().with("tau_r", 0), "U = 0.5, tau_r = 0.0 ms are not allowed",
                "synapse equation 'du/dt = (U - u) / tau_r : 1'", "unchecked eligibility", "must be finite");
        refused(lazy.rule().with("c", 0), "tau_r = 50.0 ms, c = 0.0 are not allowed",
                "'de/dt = -e / (2 * tau_r) + log(c) / ms : 1'", "drive", "-Infinity");
        refused(lazy.rule().with("c", -1), "c = -1.0", "NaN", "must be finite");
        SynapseDefinition transmitting = SynapseDefinition.builder("unchecked facilitation")
                .parameter("U", "1", 0.5).parameter("tau_f", "ms", 50)
                .synapseEquations("du/dt = (U - u) / tau_f : 1")
                .onTransmit("u = u + U * (1 - u); transmitted = w * u")
                .build();
        refused(transmitting.rule().with("tau_f", 0), "U = 0.5, tau_f = 0.0 ms are not allowed",
                "unchecked facilitation", "must be finite");
        try (Plastic plastic = network(EngineKind.CLOCK_DRIVEN)) {
            assertDoesNotThrow(() -> plastic.net().addPlasticity(plastic.projection(), lazy.rule().with("c", 2)));
            plastic.net().run(10);
        }
    }

    private static SynapseDefinition onPre(String statements) {
        return SynapseDefinition.builder("unchecked statement")
                .parameter("scale", "1", 1).parameter("big", "1", 1e20).parameter("A", "weight", 0.01)
                .onPre(statements)
                .build();
    }

    /**
     * A statement whose constant part (parameters, dt, units and numbers) is not finite, or that divides by a
     * constant part of 0, would make every weight it reaches infinite or NaN at the first spike: it is refused when
     * the rule is attached, on either engine, naming the definition, the statement, the part and its value, and the
     * parameters in it with their values, as a neuron definition refuses such constants.
     */
    @Test
    void aStatementWhoseConstantPartIsNotFiniteIsRefusedOnEitherEngine() {
        for (EngineKind engine : EngineKind.values()) {
            refused(engine, onPre("w = w / 0").rule(), "on_pre statement 'w = w / 0' of synapse definition "
                    + "'unchecked statement' is not allowed", "divides by its constant part '0', whose reciprocal is "
                    + "Infinity", "must be finite");
            refused(engine, onPre("w += A * log(0)").rule(), "on_pre statement 'w += A * log(0)'",
                    "its constant part 'log(0)' is -Infinity");
            refused(engine, onPre("w = w * (1 / 0)").rule(), "on_pre statement 'w = w * (1 / 0)'",
                    "its constant part '1 / 0' is Infinity");
            refused(engine, onPre("w /= scale").rule().with("scale", 0), "on_pre statement 'w /= scale'",
                    "not allowed with scale = 0.0", "whose reciprocal is Infinity");
            refused(engine, onPre("w = w * (big * big)").rule(), "with big = 1.0E20",
                    "its constant part 'big * big' is Infinity in single precision");
        }
    }

    @Test
    void everyGroupAndTraceSpikeStatementIsCheckedForNonFiniteConstantParts() {
        SynapseDefinition grouped = SynapseDefinition.builder("unchecked groups")
                .parameter("a", "1", 1).parameter("b", "1", 1).parameter("c", "1", 1).parameter("d", "1", 1)
                .parameter("A", "weight", 0.01)
                .presynapticTrace("dx/dt = -x / (10 * ms) : 1", "x += 1 / d")
                .modulator("M", "1", SynapseDefinition.ModulatorScope.GLOBAL, 0)
                .onPre("w = w + A * x / a")
                .onPost("w = w - A * x * log(b)")
                .onStep("M > 1 / c", "w = w + A * M * x * dt / ms")
                .build();
        refused(grouped.rule().with("a", 0), "on_pre statement 'w = w + A * x / a'", "with a = 0.0");
        refused(grouped.rule().with("b", 0), "on_post statement 'w = w - A * x * log(b)'", "'log(b)' is -Infinity");
        refused(grouped.rule().with("c", 0), "on_step condition 'M > 1 / c'", "with c = 0.0");
        refused(grouped.rule().with("d", 0), "spike statement of trace x 'x += 1 / d'", "with d = 0.0");
        SynapseDefinition transmitting = SynapseDefinition.builder("unchecked transmission")
                .parameter("U", "1", 0.5)
                .onTransmit("transmitted = w * sqrt(U)")
                .build();
        refused(transmitting.rule().with("U", -1), "on_transmit statement 'transmitted = w * sqrt(U)'",
                "'sqrt(U)' is NaN", "with U = -1.0");
        try (Plastic plastic = network(EngineKind.CLOCK_DRIVEN)) {
            assertDoesNotThrow(() -> plastic.net().addPlasticity(plastic.projection(), grouped.rule()));
            plastic.net().run(10);
        }
    }

    @Test
    void aTimeConstantOfATraceMustBePositiveOnEitherEngine() {
        for (EngineKind engine : EngineKind.values()) {
            refused(engine, StdpDefinition.ALL_TO_ALL.rule().with("tau_plus", -20), "tau_plus = -20.0 ms",
                    "must satisfy tau_plus > 0");
            refused(engine, TripletStdp.FULL.rule().with("tau_x", -101), "tau_x = -101.0 ms",
                    "must satisfy tau_x > 0");
            refused(engine, InhibitoryStdp.VOGELS_2011.rule().with("tau_stdp", 0), "tau_stdp = 0.0 ms",
                    "must satisfy tau_stdp > 0");
        }
    }

    @Test
    void aTraceOfADefinitionWithoutRequirementsMustDecayOnEitherEngine() {
        SynapseDefinition unchecked = SynapseDefinition.builder("unchecked STDP")
                .parameter("tau", "ms", 20).parameter("A", "weight", 0.01).parameter("w_max", "weight", 1)
                .presynapticTrace("dx_pre/dt = -x_pre / tau : 1", "x_pre += 1")
                .onPost("w = clip(w + A * x_pre, 0, w_max)")
                .build();
        for (EngineKind engine : EngineKind.values()) {
            refused(engine, unchecked.rule().with("tau", -20), "time constant of trace x_pre = -20.0 ms is not "
                    + "allowed", "unchecked STDP", "must be > 0");
        }
    }

    /**
     * A trace kept per step (clock-driven engine) decays by exp(-dt / tau) in single precision: a time constant so
     * short that this is 0 is refused naming the parameter the user set, its value and the shortest allowed. The
     * event-driven engine decays traces in closed form between events and takes it.
     */
    @Test
    void aTraceTimeConstantWhoseDecayPerStepIsZeroIsRefusedNamingTheParameter() {
        double dt;
        try (Plastic plastic = network(EngineKind.CLOCK_DRIVEN)) {
            dt = plastic.net().dt();
        }
        double shortest = dt / (150 * Math.log(2));
        refused(StdpDefinition.ALL_TO_ALL.rule().with("tau_plus", shortest / 2), "tau_plus = " + shortest / 2
                + " ms is not allowed", "trace x_pre", "must be > " + (float) shortest + " ms");
        refused(StdpDefinition.NEAREST_NEIGHBOUR.rule().with("tau_minus", 1e-30), "tau_minus = 1.0E-30 ms",
                "trace x_post", "must be > " + (float) shortest + " ms");
        SynapseDefinition halved = SynapseDefinition.builder("halved STDP")
                .parameter("tau", "ms", 20).parameter("A", "weight", 0.01).parameter("w_max", "weight", 1)
                .presynapticTrace("dx_pre/dt = -x_pre / (tau / 2) : 1", "x_pre += 1")
                .onPost("w = clip(w + A * x_pre, 0, w_max)")
                .build();
        refused(halved.rule().with("tau", shortest), "time constant of trace x_pre = tau / 2 = " + shortest / 2
                + " ms", "tau = " + shortest + " ms", "must be > " + (float) shortest + " ms");
        try (Plastic plastic = network(EngineKind.CLOCK_DRIVEN)) {
            assertDoesNotThrow(() -> plastic.net().addPlasticity(plastic.projection(),
                    StdpDefinition.ALL_TO_ALL.rule().with("tau_plus", shortest * 1.01)));
            plastic.net().run(10);
        }
        try (Plastic plastic = network(EngineKind.EVENT_DRIVEN)) {
            assertDoesNotThrow(() -> plastic.net().addPlasticity(plastic.projection(),
                    StdpDefinition.ALL_TO_ALL.rule().with("tau_plus", shortest / 2)));
            plastic.net().run(10);
        }
    }

    @Test
    void theLowerWeightBoundMustBeBelowTheUpperOne() {
        refused(StdpDefinition.NEAREST_NEIGHBOUR.rule().with("w_min", 2).with("w_max", 1),
                "w_min = 2.0 weight, w_max = 1.0 weight are not allowed", "must satisfy w_min < w_max");
        refused(ThreeFactorDefinition.PAIRED_PER_NEURON.rule().with("w_min", 1), "w_min = 1.0 weight, "
                + "w_max = 1.0 weight are not allowed", "must satisfy w_min < w_max");
        refused(TripletStdp.MINIMAL.rule().with("w_max", -1), "w_max = -1.0 weight is not allowed",
                "must satisfy w_max > 0");
        refused(InhibitoryStdp.VOGELS_2011.rule().with("w_max", 0), "w_max = 0.0 weight is not allowed",
                "must satisfy w_max > 0");
    }

    /** A utilisation is a fraction (as NEST's tsodyks synapses require), and a target rate is not negative. */
    @Test
    void fractionsAndRatesStayInTheirRanges() {
        refused(TsodyksMarkram.DEFINITION.rule().with("U", 1.5), "U = 1.5 is not allowed", "must satisfy U <= 1");
        refused(TsodyksMarkram.DEFINITION.rule().with("U", -0.1), "U = -0.1 is not allowed", "must satisfy U >= 0");
        refused(InhibitoryStdp.VOGELS_2011.rule().with("rho0", -5), "rho0 = -5.0 Hz is not allowed",
                "must satisfy rho0 >= 0");
    }

    @Test
    void parametersMayBeSetInAnyOrder() {
        try (Plastic plastic = network(EngineKind.CLOCK_DRIVEN)) {
            assertDoesNotThrow(() -> plastic.net().addPlasticity(plastic.projection(),
                    StdpDefinition.ALL_TO_ALL.rule().with("w_min", 2).with("w_max", 3)), "w_min above the default "
                    + "w_max, then w_max above it");
            plastic.net().run(10);
        }
    }
}
