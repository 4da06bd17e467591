package org.hebb.neurons.izhikevich;

import java.util.Map;

import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.util.Require;

/**
 * The Izhikevich (2003) neuron ({@code Izhikevich}), with per-neuron a, b, c, d for heterogeneous populations.
 *
 * <pre>
 * dv/dt = 0.04 v^2 + 5 v + 140 - u + I     (v in mV, t in ms)
 * du/dt = a (b v - u)
 * if v >= v_peak: v = c, u = u + d
 * </pre>
 * I is in the model's own current unit (mV/ms), the sum of {@code i_offset}, injected current and synaptic input.
 * A synaptic weight w (mV) arriving in a step acts as a current w / dt during that step, so that its effect on v
 * is w whatever dt (and exactly the paper's {@code I = I + sum(S(:, fired))} at dt = 1 ms).
 *
 * <p>{@link Numerics#PAPER} advances v in two half-steps of dt/2 and then u with the new v, as the paper's MATLAB
 * program does at dt = 1 ms; {@link Numerics#EULER} advances both with one forward-Euler step from the old values.
 * The model has no refractory period.
 */
public final class Izhikevich extends DefinedNeuronModel {
    /** Index of {@code v} (mV). */
    public static final int V = 0;
    /** Index of {@code u} (mV/ms). */
    public static final int U = 1;
    /** Index of the per-neuron parameter {@code a} (1/ms). */
    public static final int A = 2;
    /** Index of the per-neuron parameter {@code b} (1/ms). */
    public static final int B = 3;
    /** Index of the per-neuron parameter {@code c} (mV). */
    public static final int C = 4;
    /** Index of the per-neuron parameter {@code d} (mV/ms). */
    public static final int D = 5;

    private static final NeuronDefinition EULER = definition(false);
    private static final NeuronDefinition PAPER = definition(true);

    /** How v and u are advanced over a step. */
    public enum Numerics {
        /** One forward-Euler step for v and u from the values at the start of the step. */
        EULER,
        /** v in two half-steps of dt/2, then u in one step using the new v (Izhikevich 2003's program). */
        PAPER
    }

    private final Numerics numerics;

    private Izhikevich(Builder builder) {
        super(builder.numerics == Numerics.PAPER ? PAPER : EULER, Map.of("a", builder.a, "b", builder.b, "c",
                builder.c, "d", builder.d, "v_peak", builder.vPeak, "v_init", builder.vInit, "i_offset",
                builder.iOffset));
        this.numerics = builder.numerics;
    }

    /**
     * Izhikevich's neuron as a definition: {@code paper} advances v in two Euler half-steps and then u with the new
     * v (the 2003 program), else both in one Euler step. Weights (mV) act as a current w / dt for one step. It
     * requires {@code c < v_peak} (a neuron reset at or above its peak would fire in every step); a may be negative,
     * as in Izhikevich (2004)'s inhibition-induced spiking (a = -0.02).
     */
    public static NeuronDefinition definition(boolean paper) {
        NeuronDefinition.Builder b = NeuronDefinition.builder("Izhikevich")
                .neuronParameter("a", "1/ms", 0.02).neuronParameter("b", "1/ms", 0.2)
                .neuronParameter("c", "mV", -65).neuronParameter("d", "mV/ms", 8)
                .parameter("v_peak", "mV", 30).parameter("v_init", "mV", -65).parameter("i_offset", "mV/ms", 0)
                .requires("c < v_peak")
                .stepInput("I_syn", "mV/ms")
                .injectedCurrent("mV/ms")
                .equations("""
                        dv/dt = 0.04/ms/mV * v * v + 5/ms * v + 140*mV/ms - u + I : mV
                        du/dt = a * (b * v - u) : mV/ms
                        I = i_offset + I_inj + I_syn : mV/ms
                        """)
                .initial("v", "v_init").initial("u", "b * v_init")
                .threshold("v >= v_peak").reset("v = c; u += d")
                .receptor(Receptor.of("excitatory", "mV", "I_syn += weight / dt"))
                .receptor(Receptor.of("inhibitory", "mV", "I_syn += weight / dt"))
                .method(IntegrationMethod.EULER);
        if (paper) {
            b.stage(IntegrationMethod.EULER, 2, "v");
        }
        return b.build();
    }

    /** A builder with the regular-spiking parameters (a 0.02, b 0.2, c -65, d 8) and Euler numerics. */
    public static Builder builder() {
        return new Builder();
    }

    /** The numerics. */
    public Numerics numerics() {
        return numerics;
    }

    /** Builder for {@link Izhikevich}. Named presets set a, b, c, d to the 2003 paper's cell classes. */
    public static final class Builder {
        double a = 0.02;
        double b = 0.2;
        double c = -65;
        double d = 8;
        double vPeak = 30;
        double vInit = -65;
        double iOffset = 0;
        Numerics numerics = Numerics.EULER;

        /** Regular spiking: a 0.02, b 0.2, c -65, d 8. */
        public Builder regularSpiking() {
            return abcd(0.02, 0.2, -65, 8);
        }

        /** Intrinsically bursting: a 0.02, b 0.2, c -55, d 4. */
        public Builder intrinsicallyBursting() {
            return abcd(0.02, 0.2, -55, 4);
        }

        /** Chattering: a 0.02, b 0.2, c -50, d 2. */
        public Builder chattering() {
            return abcd(0.02, 0.2, -50, 2);
        }

        /** Fast spiking: a 0.1, b 0.2, c -65, d 2. */
        public Builder fastSpiking() {
            return abcd(0.1, 0.2, -65, 2);
        }

        /** Low-threshold spiking: a 0.02, b 0.25, c -65, d 2. */
        public Builder lowThresholdSpiking() {
            return abcd(0.02, 0.25, -65, 2);
        }

        /**
         * Sets a (1/ms; negative in some of Izhikevich (2004)'s regimes), b (1/ms), c (mV, below v_peak) and d
         * (mV/ms) for every neuron of the population.
         */
        public Builder abcd(double a, double b, double c, double d) {
            this.a = Require.finite("a", a, "1/ms");
            this.b = Require.finite("b", b, "1/ms");
            this.c = Require.finite("c", c, "mV");
            this.d = Require.finite("d", d, "mV/ms");
            return this;
        }

        /** Spike cut-off {@code v_peak} in mV (default 30). */
        public Builder vPeak(double mV) {
            vPeak = Require.finite("v_peak", mV, "mV");
            return this;
        }

        /** Initial membrane potential in mV (default -65); u starts at b * v_init. */
        public Builder vInit(double mV) {
            vInit = Require.finite("v_init", mV, "mV");
            return this;
        }

        /** Constant bias current {@code i_offset} in mV/ms. */
        public Builder iOffset(double current) {
            iOffset = Require.finite("i_offset", current, "mV/ms");
            return this;
        }

        /** The numerics (default {@link Numerics#EULER}). */
        public Builder numerics(Numerics choice) {
            numerics = Require.notNull("numerics", choice);
            return this;
        }

        /** Validates the parameters together and creates the model. */
        public Izhikevich build() {
            return new Izhikevich(this);
        }
    }
}
