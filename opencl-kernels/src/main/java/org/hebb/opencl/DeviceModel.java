package org.hebb.opencl;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.generate.OpenClKernelSource;
import org.hebb.neurons.definition.integration.StepProgram;

/**
 * How a neuron model runs on the device: its kernel, generated from the model's definition (the same step program
 * the Java kernel is printed from, so both compute the same operations on the same constants), and the constants.
 * The kernel takes the common arguments of clock_step.cl's kernels, then every per-neuron array of the model, in
 * the model's order.
 *
 * @param kernel    kernel name ({@code kernel + "_at"} updates one neuron)
 * @param constants the step program's constants
 * @param source    the kernel's OpenCL C
 */
record DeviceModel(String kernel, float[] constants, String source) {

    /** The device form of {@code model} at step {@code dt}, or null if the model has no definition. */
    static DeviceModel of(NeuronModel model, double dt) {
        if (!(model instanceof DefinedNeuronModel m)) {
            return null;
        }
        StepProgram program = m.program(dt);
        OpenClKernelSource.Kernel kernel = OpenClKernelSource.of(program);
        return new DeviceModel(kernel.name(), program.constants(), kernel.source());
    }
}
