package org.hebb.neurons.lif;

import java.util.Map;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.util.Require;

/**
 * The leaky integrate-and-fire neuron of the neuron-astrocyte liquid state machine (Ivanov and Michmizos 2021),
 * a forward-Euler map in which refractoriness blocks spiking but not integration:
 *
 * <pre>
 * v    &lt;- v + dt (-v / tau_m + drive + i_offset + I_inj) + direct input     (mV)
 * drive = sum over arrived spikes of w exp(-s / tau_syn) / tau_syn            (mV/ms, s = ms since arrival)
 * </pre>
 * A spike is emitted when v >= v_thresh and the neuron is not refractory; v is then set to v_reset and the next
 * {@code round(tau_refrac / dt)} threshold checks are skipped while v keeps integrating. At dt = 1 ms with the
 * defaults (tau_m 64 ms, tau_syn 1 ms, threshold 20 mV, reset 0 mV, refractory 2 ms) this is NALSM's neuron.
 *
 * <p>Its refractoriness is NALSM's code's, not the convention of the other LIF models ({@link LifModel}: v held,
 * free again tau_refrac after the spike, as in Brian2): NALSM sets its countdown to t_rfr at a spike and blocks the
 * threshold while the countdown is positive, so with tau_refrac = 2 ms a neuron can fire again 3 steps (3 ms)
 * after a spike, not 2. The model reproduces that code, whose liquid rates, branching factor and accuracies it is
 * compared with, so it keeps it.
 *
 * <p>Receptors: {@code synaptic} (weights in mV, either sign, through the decaying drive: a spike arriving in a
 * step adds w / tau_syn to that step's drive) and {@code direct} (weights in mV added to v in the step they arrive,
 * like NALSM's input pulses). The drive sums the kernels of every arrived spike; NALSM keeps only the latest spike
 * of each presynaptic neuron, which differs when a neuron fires again while its previous kernel is still
 * noticeable (at the 3 ms minimum interval, by e^-3 of the previous spike's kernel).
 */
public final class NalsmLif extends DefinedNeuronModel {
    /**
     * NALSM's neuron as a definition: v by forward Euler from the drive at the start of the step, then the drive
     * decays exactly; the refractory period tau_refrac + dt (NALSM skips round(tau_refrac / dt) threshold checks
     * after the spike's own step) blocks the threshold only.
     */
    public static final NeuronDefinition DEFINITION = NeuronDefinition.builder("NALSM_LIF")
            .parameter("tau_m", "ms", 64).parameter("tau_syn", "ms", 1).parameter("v_thresh", "mV", 20)
            .parameter("v_reset", "mV", 0).parameter("tau_refrac", "ms", 2).parameter("i_offset", "mV/ms", 0)
            .requires("tau_m > 0").requires("tau_syn > 0").requires("tau_refrac >= 0")
            .requires("v_reset < v_thresh")
            .injectedCurrent("mV/ms")
            .equations("""
                    dv/dt = -v / tau_m + drive + i_offset + I_inj : mV
                    ddrive/dt = -drive / tau_syn : mV/ms
                    """)
            .threshold("v >= v_thresh").reset("v = v_reset").refractory("tau_refrac + dt")
            .receptor(Receptor.of("synaptic", "mV", "drive += weight / tau_syn"))
            .receptor(Receptor.of("direct", "mV", "v += weight").actingAfterIntegration())
            .stage(IntegrationMethod.EULER, 1, "v")
            .method(IntegrationMethod.EXACT)
            .build();

    /** Index of {@code v} (mV). */
    public static final int V = 0;
    /** Index of {@code drive} (mV/ms), the synaptic drive of the membrane potential. */
    public static final int DRIVE = 1;
    /** Index of {@code refractory_steps}: steps in which the threshold is not checked. */
    public static final int REFRACTORY = 2;

    private NalsmLif(Builder b) {
        super(DEFINITION, Map.of("tau_m", b.tauM, "tau_syn", b.tauSyn, "v_thresh", b.vThresh, "v_reset", b.vReset,
                "tau_refrac", b.tauRefrac, "i_offset", b.iOffset));
    }

    /** A builder with NALSM's parameters. */
    public static Builder builder() {
        return new Builder();
    }

    /** Refuses a step the forward-Euler membrane cannot take (dt >= tau_m), then makes the kernel. */
    @Override
    public NeuronKernel createKernel(NeuronState state, double dt, boolean injectedCurrent,
                                     boolean[] receivedDirectly) {
        double tauM = parameter("tau_m");
        Require.that(dt < tauM, "dt = " + dt + " ms is not allowed for " + name() + ": must be below tau_m = "
                + tauM + " ms (forward Euler)");
        return super.createKernel(state, dt, injectedCurrent, receivedDirectly);
    }

    /** Builder for {@link NalsmLif}, starting from NALSM's values. */
    public static final class Builder {
        double tauM = 64;
        double tauSyn = 1;
        double vThresh = 20;
        double vReset = 0;
        double tauRefrac = 2;
        double iOffset = 0;

        /** Membrane time constant {@code tau_m} in ms (> 0; NALSM 64). */
        public Builder tauM(double ms) {
            tauM = Require.positive("tau_m", ms, "ms");
            return this;
        }

        /** Time constant {@code tau_syn} of the synaptic drive in ms (> 0; NALSM 1). */
        public Builder tauSyn(double ms) {
            tauSyn = Require.positive("tau_syn", ms, "ms");
            return this;
        }

        /** Threshold {@code v_thresh} in mV (NALSM 20). */
        public Builder vThresh(double mV) {
            vThresh = Require.finite("v_thresh", mV, "mV");
            return this;
        }

        /** Reset potential {@code v_reset} in mV, below v_thresh (NALSM 0). */
        public Builder vReset(double mV) {
            vReset = Require.finite("v_reset", mV, "mV");
            return this;
        }

        /** Refractory period {@code tau_refrac} in ms (>= 0; NALSM 2), rounded to whole steps. */
        public Builder tauRefrac(double ms) {
            tauRefrac = Require.nonNegative("tau_refrac", ms, "ms");
            return this;
        }

        /** Constant drive {@code i_offset} in mV/ms (NALSM's bias b, 0). */
        public Builder iOffset(double mVPerMs) {
            iOffset = Require.finite("i_offset", mVPerMs, "mV/ms");
            return this;
        }

        /** Validates the parameters together and creates the model. */
        public NalsmLif build() {
            return new NalsmLif(this);
        }
    }
}
