// ---- Spike sources --------------------------------------------------------------------------------------------

// Bernoulli and Poisson sources: element i fires in this step with probability p[i] (u < p, as BernoulliSource).
// Like the neuron kernels, it runs over the population padded to a whole number of work-groups (padding elements
// have probability 0, padding neurons are never compacted), so no work-item tests a bound.
inline void bernoulli_source_at(const int i, const long step, __global uchar* restrict spiked, const int offset,
                                const uint k0, const uint k1, __global const float* restrict probability) {
    spiked[offset + i] = uniform_at(i, step, k0, k1) < probability[i] ? 1 : 0;
}

__kernel void bernoulli_source(const long step, const int size, __global uchar* restrict spiked, const int offset,
                               const uint k0, const uint k1, __global const float* restrict probability) {
    bernoulli_source_at(get_global_id(0), step, spiked, offset, k0, k1, probability);
}
