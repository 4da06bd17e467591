// ---- Plasticity: astrocyte-modulated STDP (as AstrocyteStdpSynapses and Astrocyte; see AstrocyteStdpUpdate) ---
// In the step after spike step s, with the rates of before the step's global update (rates[0] = P, rates[1] = A):
// presynaptic spikes of s change their row by rate_out * x_post(s - 1), clipped unless the target fired in s too;
// then postsynaptic spikes of s change their incoming synapses by rate_in * x_pre(s - 1) and clip. astrocyte_stdp
// does both per target block; the gpu shape runs astrocyte_stdp_pushed (a work-group per source block, its
// work-items sharing each spike's row), then astrocyte_stdp_post (a work-group per target block, its work-items
// sharing each spiking neuron's incoming synapses).

#define ASTROCYTE_STDP_ARGS RULE_ARGS, __global float* weights, __global const uchar* spiked, \
    __global const float* postTrace, const int postDepth, const int postStride, __global const float* preTrace, \
    const int preDepth, const int preStride, __global const int* inStart, __global const int* inSynapse, \
    __global const int* inSource, const int excitatory, __global const float* rates, const float low, \
    const float high

// Row s of a trace ring of `depth` steps.
inline __global const float* trace_row(__global const float* ring, const int depth, const int stride, const long s) {
    return ring + (long) (((s % depth) + depth) % depth) * stride;
}

// A presynaptic spike's change to synapse j onto neuron i.
inline void astrocyte_on_pre(__global float* weights, const int j, const int i, __global const float* xPost,
                             const bool targetSpiked, const float rateOut, const float low, const float high) {
    float w = weights[j] + rateOut * xPost[i];
    weights[j] = targetSpiked ? w : hebb_java_min_f(high, hebb_java_max_f(low, w));
}

// A postsynaptic spike's change to its incoming synapse j (position c in the transposed index).
inline void astrocyte_on_post(__global float* weights, const int j, const int c, __global const int* inSource,
                              __global const float* xPre, const float rateIn, const float low, const float high) {
    weights[j] = hebb_java_min_f(high, hebb_java_max_f(low, weights[j] + rateIn * xPre[inSource[c]]));
}

__kernel void astrocyte_stdp(ASTROCYTE_STDP_ARGS) {
    int b = get_global_id(0);
    if (b >= blocks || step == 0) {
        return;
    }
    long s = step - 1;
    int lowest = block_start(targetSize, blocks, b);
    int beyond = block_start(targetSize, blocks, b + 1);
    rows += rowBase;
    int slot = (int) (s % listDepth);
    float rateOut = excitatory ? -rates[1] : rates[0];
    __global const float* xPost = trace_row(postTrace, postDepth, postStride, s - 1);
    FOR_EACH_ARRIVING_SYNAPSE(slot)
        int i = synTarget[j];
        astrocyte_on_pre(weights, j, i, xPost, spiked[targetOffset + i], rateOut, low, high);
    END_FOR_EACH_ARRIVING_SYNAPSE
    float rateIn = excitatory ? rates[0] : -rates[1];
    __global const float* xPre = trace_row(preTrace, preDepth, preStride, s - 1);
    FOR_EACH_SYNAPSE_ONTO_A_SPIKE(slot, 0, 1)
        astrocyte_on_post(weights, j, c, inSource, xPre, rateIn, low, high);
    END_FOR_EACH_SYNAPSE_ONTO_A_SPIKE
}

__kernel void astrocyte_stdp_pushed(ASTROCYTE_STDP_ARGS) {
    int sb = get_group_id(0);
    if (sb >= sourceBlocks || step == 0) {
        return;
    }
    long s = step - 1;
    rows += rowBase;
    float rateOut = excitatory ? -rates[1] : rates[0];
    __global const float* xPost = trace_row(postTrace, postDepth, postStride, s - 1);
    FOR_EACH_PUSHED_SYNAPSE((int) (s % listDepth))
        int i = synTarget[j];
        astrocyte_on_pre(weights, j, i, xPost, spiked[targetOffset + i], rateOut, low, high);
    END_FOR_EACH_PUSHED_SYNAPSE
}

__kernel void astrocyte_stdp_post(ASTROCYTE_STDP_ARGS) {
    int b = get_group_id(0);
    if (b >= blocks || step == 0) {
        return;
    }
    long s = step - 1;
    float rateIn = excitatory ? rates[0] : -rates[1];
    __global const float* xPre = trace_row(preTrace, preDepth, preStride, s - 1);
    FOR_EACH_SYNAPSE_ONTO_A_SPIKE((int) (s % listDepth), (int) get_local_id(0), (int) get_local_size(0))
        astrocyte_on_post(weights, j, c, inSource, xPre, rateIn, low, high);
    END_FOR_EACH_SYNAPSE_ONTO_A_SPIKE
}

// The astrocyte's update after spike step s (Astrocyte): rates = {P, A, w_A, bias, decay per step}; the liquid's
// and the input's spike counts of s are summed over their populations' blocks (ranges in liquidBlocks and
// inputBlocks: pairs of first block and block count).
__kernel void astrocyte_update(const long step, const int listDepth, const int totalBlocks,
                               __global const int* counts, const int liquidRanges,
                               __global const int* liquidBlocks, const int inputRanges,
                               __global const int* inputBlocks, const int modulated, const float dt,
                               const float inverseTau, __global float* rates) {
    if (get_global_id(0) != 0 || step == 0) {
        return;
    }
    int slot = (int) ((step - 1) % listDepth);
    int difference = 0;
    for (int r = 0; r < liquidRanges; r++) {
        for (int b = 0; b < liquidBlocks[2 * r + 1]; b++) {
            difference += counts[slot * totalBlocks + liquidBlocks[2 * r] + b];
        }
    }
    for (int r = 0; r < inputRanges; r++) {
        for (int b = 0; b < inputBlocks[2 * r + 1]; b++) {
            difference -= counts[slot * totalBlocks + inputBlocks[2 * r] + b];
        }
    }
    if (modulated) {
        float a = rates[1];
        rates[1] = a + (rates[2] * (float) difference + dt * (rates[3] - a)) * inverseTau;
    }
    float decay = rates[4];
    if (decay != 1.0f) {
        rates[0] *= decay;
        rates[1] *= decay;
        rates[2] *= decay;
        rates[3] *= decay;
    }
}
