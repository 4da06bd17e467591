package org.hebb.neurons.definition.generate;

/**
 * One pass of a generated Java kernel over a range of neurons (see {@link KernelPasses}). A generated kernel runs
 * its passes through {@link #runAll}, whose call site sees every pass of every model: HotSpot then compiles each
 * pass on its own instead of inlining all of a kernel's loops into one method, which was measured to stop it from
 * vectorising them (IF_curr_exp: 1.8 ns per neuron-step inlined, 0.6 ns compiled apart).
 */
public interface KernelPass {
    /**
     * Runs the pass over neurons [from, to); see {@link org.hebb.neurons.NeuronKernel#step} for the arguments.
     *
     * @return the number of spikes written to {@code spikes} (0 for every pass but the threshold)
     */
    int run(int from, int to, float[][] input, float[] injected, int[] spikes);

    /** Runs {@code passes} in order; the number of spikes. */
    static int runAll(KernelPass[] passes, int from, int to, float[][] input, float[] injected, int[] spikes) {
        int count = 0;
        for (KernelPass pass : passes) {
            count += pass.run(from, to, input, injected, spikes);
        }
        return count;
    }
}
