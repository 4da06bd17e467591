package org.hebb.neurons;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/** Runs one model's Java kernel on its own, with a constant injected current, for physics tests. */
public final class KernelDriver {
    private final NeuronState state;
    private final NeuronKernel kernel;
    private final float[][] input;
    private final float[] injected;
    private final int[] spikes;
    private final IntArrayList spikeSteps = new IntArrayList();
    private long step;

    public KernelDriver(NeuronModel model, int size, double dt) {
        this.state = model.createState(size);
        this.kernel = model.createKernel(state, dt);
        this.input = new float[model.receptors().size()][size];
        this.injected = new float[size];
        this.spikes = new int[size];
    }

    public NeuronState state() {
        return state;
    }

    /** Sets the injected current of every neuron. */
    public void inject(double current) {
        java.util.Arrays.fill(injected, (float) current);
    }

    /** Adds a synaptic weight arriving at the start of the next step on receptor {@code r} of neuron 0. */
    public void deliver(int receptor, double weight) {
        input[receptor][0] += (float) weight;
    }

    /** Runs one step; records the step index whenever neuron 0 fires. */
    public void step() {
        int count = kernel.step(0, state.size(), input, injected, spikes);
        for (int k = 0; k < count; k++) {
            if (spikes[k] == 0) {
                spikeSteps.add((int) step);
            }
        }
        step++;
    }

    /** Steps in which neuron 0 fired. */
    public int[] spikeSteps() {
        return spikeSteps.toArray();
    }
}
