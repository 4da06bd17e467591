// ---- Spike sources --------------------------------------------------------------------------------------------

// Bernoulli and Poisson sources: element i fires in this step with probability threshold[i] / 2^63 (a Bernoulli
// trial, as BernoulliSource). Like the neuron kernels, it runs over the population padded to a whole number of
// work-groups (padding elements have threshold 0, padding neurons are never compacted), so no work-item tests a
// bound.
inline void bernoulli_source_at(const int i, const long step, __global uchar* restrict spiked, const int offset,
                                const uint k0, const uint k1, __global const ulong* restrict threshold) {
    spiked[offset + i] = bernoulli_at(i, step, k0, k1, threshold[i]) ? 1 : 0;
}

__kernel void bernoulli_source(const long step, const int size, __global uchar* restrict spiked, const int offset,
                               const uint k0, const uint k1, __global const ulong* restrict threshold) {
    bernoulli_source_at(get_global_id(0), step, spiked, offset, k0, k1, threshold);
}

// ---- Poisson input onto a receptor ----------------------------------------------------------------------------

// SplitMix64's output function (Stafford's mix 13), as PoissonInput.Injector.
inline ulong splitmix64_mix(ulong z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    return z ^ (z >> 31);
}

// Adds neuron i's Poisson count of `step` times `weight` to its input `row[i]`, the count drawn as
// PoissonInput.Injector draws it: 53 bits of SplitMix64 at index step x size + i of the stream `key`, then the first
// bound they do not exceed (the last bound is LONG_MAX, so the search ends).
inline void poisson_input_at(const int i, const long step, const int size, const ulong key,
                             __global const long* restrict bounds, const float weight, __global float* restrict row) {
    const ulong index = (ulong) step * (ulong) size + (ulong) i;
    const long m = (long) (splitmix64_mix(key + index * 0x9E3779B97F4A7C15UL) >> 11);
    int count = 0;
    while (m > bounds[count]) {
        count++;
    }
    row[i] += (float) count * weight;
}

// One input for one neuron per work-item; `row` is the first input of the step's slot of the receptor's ring.
__kernel void poisson_input(const long step, const int size, const ulong key, __global const long* restrict bounds,
                            const float weight, __global float* restrict ring, const long row) {
    const int i = get_global_id(0);
    if (i < size) {
        poisson_input_at(i, step, size, key, bounds, weight, ring + row);
    }
}
