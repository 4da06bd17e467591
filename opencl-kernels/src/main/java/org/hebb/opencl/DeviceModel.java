package org.hebb.opencl;

import java.util.List;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.generate.OpenClKernelSource;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.DirectInput;
import org.hebb.simulator.population.NeuronPopulation;

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
 * @param direct    per receptor, whether it {@link DirectInput receives directly} (its target variable then lives
 *                  in the ring buffer, after the delay slots, at row receptors * depth + receptor)
 */
record DeviceModel(String kernel, double[] constants, String source, Precision precision, boolean[] direct) {

    /**
     * The device form of {@code population}'s model at step {@code dt}, given every projection of the network, or
     * null if the model has no definition.
     */
    static DeviceModel of(NeuronPopulation population, List<Projection> projections, double dt) {
        if (!(population.model() instanceof DefinedNeuronModel m)) {
            return null;
        }
        Precision precision = population.state().precision();
        boolean[] direct = DirectInput.receptors(population, projections);
        OpenClKernelSource.Kernel kernel = m.openClKernel(dt, precision, direct);
        return new DeviceModel(kernel.name(), m.program(dt, precision).constants(), kernel.source(), precision,
                direct);
    }

    /** Whether any receptor receives directly. */
    boolean anyDirect() {
        for (boolean d : direct) {
            if (d) {
                return true;
            }
        }
        return false;
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
