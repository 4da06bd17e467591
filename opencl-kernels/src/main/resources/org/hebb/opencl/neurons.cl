// The input of receptor r arriving at neuron i at this step (ring slot `slot`), consumed (as
// ArrayLoops.addAndClear).
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

// INT_MAX minus the lowest index whose value is NaN or infinite, into first[at] (zeroed before, so that 0 means none):
// the finite-state check, without copying the state to the host.
__kernel void first_non_finite(const int size, __global const float* values, __global int* first, const int at) {
    int i = get_global_id(0);
    if (i < size && !isfinite(values[i])) {
        atomic_max(first + at, INT_MAX - i);
    }
}

#ifdef cl_khr_fp64
// The same check over a double-precision state.
__kernel void first_non_finite_d(const int size, __global const double* values, __global int* first, const int at) {
    int i = get_global_id(0);
    if (i < size && !isfinite(values[i])) {
        atomic_max(first + at, INT_MAX - i);
    }
}
#endif

// Zeroes a buffer of 32-bit words (delay rings and spike counts after a reset).
__kernel void clear_words(const long size, __global int* words) {
    long i = get_global_id(0);
    if (i < size) {
        words[i] = 0;
    }
}
