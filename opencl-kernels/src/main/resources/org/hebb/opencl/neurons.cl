// The input of receptor r arriving at neuron i at this step (ring slot `slot`), consumed (read
// and cleared, as the generated Java kernels do).
// The slot's row is addressed first and then indexed by i, so that the compiler sees consecutive work-items read
// consecutive floats (one vector load, not a gather).
inline float take_input(__global float* restrict row, int i) {
    float in = row[i];
    row[i] = 0.0f;
    return in;
}

// ---- Neuron models -------------------------------------------------------------------------------------------
// Generated from each model's definition (org.hebb.neurons.definition.generate.OpenClKernelSource) and appended to
// this source: a function NAME_at(i, step, size, spiked, offset, depth, slot, ring, injected, k, arrays...) updating
// neuron i, and a kernel NAME running it for one neuron per work-item. A generated network step (FusedStep) calls
// NAME_at for the neurons of a block in a loop.

// The finite-state check of a population, every variable in one launch, is generated as well
// (NeuronGroup.scanSource): first_non_finite_TYPE_LAYOUT.

// Zeroes a buffer of 32-bit words (delay rings and spike counts after a reset).
__kernel void clear_words(const long size, __global int* words) {
    long i = get_global_id(0);
    if (i < size) {
        words[i] = 0;
    }
}
