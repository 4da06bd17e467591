package org.hebb.opencl;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.generate.OpenClKernelSource;
import org.hebb.neurons.definition.integration.StepProgram;

/**
 * How a neuron model runs on the device: its kernel, generated from the model's definition (the same step program
 * the Java kernel is printed from, so both compute the same operations on the same constants), and the constants.
 * The kernel takes the common arguments of the neuron kernels (neurons.cl), then every per-neuron array of the
 * model, in the model's order.
 *
 * @param kernel    kernel name ({@code kernel + "_at"} updates one neuron)
 * @param constants the step program's constants (rounded to float in single precision)
 * @param source    the kernel's OpenCL C
 * @param precision the format of the state, the constants and the arithmetic
 */
record DeviceModel(String kernel, double[] constants, String source, Precision precision) {

    /**
     * The device form of {@code model} at step {@code dt} in {@code precision}, or null if the model has no
     * definition.
     */
    static DeviceModel of(NeuronModel model, double dt, Precision precision) {
        if (!(model instanceof DefinedNeuronModel m)) {
            return null;
        }
        StepProgram program = m.program(dt, precision);
        OpenClKernelSource.Kernel kernel = OpenClKernelSource.of(program);
        return new DeviceModel(kernel.name(), program.constants(), kernel.source(), precision);
    }

    /** The OpenCL C type of the state and constants. */
    String type() {
        return precision == Precision.SINGLE ? "float" : "double";
    }

    /** The constants as floats (single precision). */
    float[] floatConstants() {
        float[] k = new float[constants.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) constants[i];
        }
        return k;
    }
}
