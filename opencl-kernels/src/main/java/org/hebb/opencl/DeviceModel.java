package org.hebb.opencl;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.generate.OpenClKernelSource;
import org.hebb.neurons.definition.integration.StepProgram;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.LifModel;
import org.hebb.neurons.lif.NalsmLif;

/**
 * How a neuron model runs on the device: its kernel in {@code clock_step.cl}, the model's own single-precision
 * step constants (the same record its Java kernel uses, so both compute from the same numbers), and the kernel's
 * integer options. The kernel takes every state variable of the model, in the model's order.
 *
 * @param kernel    kernel name
 * @param constants step constants, then threshold, reset and, for LIF models, the refractory steps a spike leaves
 *                  ({@link LifModel#refractoryStepsAfterSpike}; NALSM's neuron: its threshold checks to skip)
 * @param options   integer arguments between the common ones and the state variables
 * @param exact     whether the kernel reproduces the Java kernel bit for bit (false where a transcendental
 *                  function differs between the JVM and the device)
 * @param source    the generated OpenCL C of a defined model's kernel, or null for the kernels of clock_step.cl
 */
record DeviceModel(String kernel, float[] constants, int[] options, boolean exact, String source) {

    /** The device form of {@code model} at step {@code dt}, or null if the device does not run it yet. */
    static DeviceModel of(NeuronModel model, double dt) {
        if (model instanceof DefinedNeuronModel m) {
            StepProgram program = m.program(dt);
            OpenClKernelSource.Kernel kernel = OpenClKernelSource.of(program);
            return new DeviceModel(kernel.name(), program.constants(), new int[0], true, kernel.source());
        }
        if (model instanceof IfCurrExp m) {
            IfCurrExp.Propagators p = m.propagators(dt);
            return lif("if_curr_exp", m, dt, new int[0], true, null, p.decay(), p.resistance(), p.restPlusBias(),
                    p.fromE(), p.fromI(), p.decayE(), p.decayI());
        }
        if (model instanceof IfCondExp m) {
            IfCondExp.StepConstants k = m.stepConstants(dt);
            boolean euler = m.integration() == IfCondExp.Integration.EULER;
            return lif(euler ? "if_cond_exp_euler" : "if_cond_exp_exponential_euler", m, dt, new int[0], euler, null,
                    k.gLeak(), k.dtOverCm(),
                    k.restWithBias(), k.revE(), k.revI(), k.decayE(), k.decayI());
        }
        if (model instanceof IfCurrDelta m) {
            IfCurrDelta.StepConstants k = m.stepConstants(dt);
            return lif("if_curr_delta", m, dt, new int[0], true, null, k.decay(), k.resistance(), k.restPlusBias());
        }
        if (model instanceof NalsmLif m) {
            NalsmLif.StepConstants k = m.stepConstants(dt);
            return new DeviceModel("nalsm_lif", new float[] {k.step(), k.keep(), k.perArrival(), k.driveDecay(),
                    k.bias(), k.threshold(), k.reset(), k.refractorySteps()}, new int[0], true, null);
        }
        if (model instanceof Izhikevich m) {
            Izhikevich.StepConstants k = m.stepConstants(dt);
            return new DeviceModel("izhikevich", new float[] {k.step(), k.half(), k.inverseDt(), k.bias(), k.peak()},
                    new int[] {m.numerics() == Izhikevich.Numerics.PAPER ? 1 : 0}, true, null);
        }
        return null;
    }

    private static DeviceModel lif(String kernel, LifModel model, double dt, int[] options, boolean exact,
                                   String source, float... step) {
        float[] constants = java.util.Arrays.copyOf(step, step.length + 3);
        constants[step.length] = (float) model.vThresh();
        constants[step.length + 1] = (float) model.vReset();
        constants[step.length + 2] = model.refractoryStepsAfterSpike(dt);
        return new DeviceModel(kernel, constants, options, exact, source);
    }
}
