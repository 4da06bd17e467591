package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import org.hebb.simulator.engine.ThreeFactorUpdate;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * The three-factor rule on one projection: eligibility (paired) on the device, modulators and gate set by host
 * code each step and sent before the rule runs (4 bytes per postsynaptic neuron per step).
 */
final class ThreeFactorLaunch extends RuleLaunch {
    /** The kernel's decayPerStep (double where the device has doubles), and its apply flag (etaDtGate next). */
    static final int DECAY_ARGUMENT = OWN_ARGUMENTS + 8;
    static final int APPLY_ARGUMENT = OWN_ARGUMENTS + 24;
    final ThreeFactorUpdate rule;
    final cl_mem modulators;
    final cl_mem eligibility;
    final cl_mem eligibilityStep;
    private final HostArray modulatorsHost;
    /** The rule's eligibilities on the host (null unless paired). */
    private final HostArray eligibilityHost;
    private final HostArray eligibilityStepHost;
    private final int[] apply = new int[1];
    private final float[] etaDtGate = new float[1];
    private final Pointer applyPointer = Pointer.to(apply);
    private final Pointer etaDtGatePointer = Pointer.to(etaDtGate);

    ThreeFactorLaunch(DeviceNetwork network, ThreeFactorUpdate rule) {
        super(network, "three_factor", rule.projection(), rule.weights());
        this.rule = rule;
        boolean paired = rule.paired();
        DeviceTrace pre = network.trace(rule.presynapticTrace());
        DeviceTrace post = paired ? network.trace(rule.postsynapticTrace()) : pre;
        modulators = session.floats(rule.modulators());
        eligibility = session.floats(paired ? rule.eligibility() : new float[0]);
        eligibilityStep = session.longs(paired ? rule.eligibilityStep() : new long[0]);
        modulatorsHost = HostArray.of(rule.modulators());
        eligibilityHost = paired ? HostArray.of(rule.eligibility()) : null;
        eligibilityStepHost = paired ? HostArray.of(rule.eligibilityStep()) : null;
        float[] table = paired ? rule.eligibilityDecayTable() : new float[] {1f};
        launch.args(OWN_ARGUMENTS, delivery.delays(), delivery.weights(), synapseBase, paired ? 1 : 0,
                eligibility, eligibilityStep, session.floats(table), table.length);
        double decayPerStep = paired ? rule.eligibilityDecayPerStep() : 1;
        if (session.doubles) {
            clSetKernelArg(launch.kernel, DECAY_ARGUMENT, Sizeof.cl_double,
                    Pointer.to(new double[] {decayPerStep}));
        } else {
            launch.arg(DECAY_ARGUMENT, (float) decayPerStep);
        }
        launch.args(DECAY_ARGUMENT + 1, rule.aPlus(), rule.aMinus(), projection.minDelay(), projection.maxDelay(),
                post.ring, post.trace.depth(), post.stride, post.trace.decay(), pre.ring, pre.trace.depth(),
                pre.stride, inStart, inSynapse, inSource, modulators);
        launch.args(APPLY_ARGUMENT + 2, rule.minWeight(), rule.maxWeight());
    }

    /** Sends the modulators and the gate host code set, then runs the rule. */
    @Override
    void run() {
        session.write(modulators, modulatorsHost);
        float gate = rule.gate();
        apply[0] = gate != 0f ? 1 : 0;
        etaDtGate[0] = rule.etaDt() * gate;
        clSetKernelArg(launch.kernel, APPLY_ARGUMENT, Sizeof.cl_int, applyPointer);
        clSetKernelArg(launch.kernel, APPLY_ARGUMENT + 1, Sizeof.cl_float, etaDtGatePointer);
        launch.run();
    }

    @Override
    void download() {
        super.download();
        if (rule.paired()) {
            session.read(eligibility, eligibilityHost);
            session.read(eligibilityStep, eligibilityStepHost);
        }
    }

    /** As its reset action does on the host, the paired eligibilities go to zero. */
    @Override
    void restarted() {
        if (rule.paired() && rule.eligibility().length > 0) {
            network.clearing().clear(Pointer.to(eligibility), rule.eligibility().length);
        }
    }
}
