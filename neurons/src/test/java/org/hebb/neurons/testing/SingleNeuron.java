package org.hebb.neurons.testing;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;

/** One neuron of a model driven step by step through its kernel, for tests of a model's physics. */
public final class SingleNeuron {
    private final NeuronState state;
    private final NeuronKernel kernel;
    private final float[][] input;
    private final float[] injected = new float[1];
    private final int[] spikes = new int[1];

    /** The neuron at its initial state, stepped with {@code dt} ms. */
    public SingleNeuron(NeuronModel model, double dt) {
        this(model, dt, Precision.SINGLE);
    }

    /** The neuron at its initial state in {@code precision}, stepped with {@code dt} ms. */
    public SingleNeuron(NeuronModel model, double dt, Precision precision) {
        state = model.createState(1, precision);
        kernel = model.createKernel(state, dt);
        input = new float[model.receptors().size()][1];
    }

    /** Adds {@code weight} to what arrives at {@code receptor} in the next step. */
    public void receive(int receptor, double weight) {
        input[receptor][0] += (float) weight;
    }

    /** Sets the injected current of the coming steps (in the model's current unit). */
    public void inject(double current) {
        injected[0] = (float) current;
    }

    /** Advances one step; true if the neuron spiked. */
    public boolean step() {
        return kernel.step(0, 1, input, injected, spikes) == 1;
    }

    /** The current value of {@code variable} (single precision). */
    public float value(String variable) {
        return state.array(variable)[0];
    }

    /** The current value of {@code variable}, in the state's precision. */
    public double exactValue(String variable) {
        return state.get(state.indexOf(variable), 0);
    }
}
