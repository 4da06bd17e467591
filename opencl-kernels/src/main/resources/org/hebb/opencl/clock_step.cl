// One clock-driven step of Hebb on an OpenCL device. Every operation mirrors the Java reference kernels in the
// same order and in single precision, so that spike trains are identical: no contraction into fused
// multiply-adds, no fast-math options.
#pragma OPENCL FP_CONTRACT OFF

// ---- Philox4x32-10, as org.hebb.simulator.random.Philox -------------------------------------------------------

inline uint4 philox4x32(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1) {
    for (int round = 0; round < 10; round++) {
        ulong p0 = (ulong) 0xD2511F53u * c0;
        ulong p1 = (ulong) 0xCD9E8D57u * c2;
        uint n0 = (uint) (p1 >> 32) ^ c1 ^ k0;
        uint n1 = (uint) p1;
        uint n2 = (uint) (p0 >> 32) ^ c3 ^ k1;
        uint n3 = (uint) p0;
        c0 = n0;
        c1 = n1;
        c2 = n2;
        c3 = n3;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return (uint4) (c0, c1, c2, c3);
}

// A uniform float on [0, 1) with 24 random bits, as Philox.toUnitFloat.
inline float unit_float(uint word) {
    return (float) (word >> 8) * 0x1.0p-24f;
}

// Uniform number of element i at a step, as CounterRandom.uniforms (stream tag 0x55AA).
inline float uniform_at(int i, long step, uint k0, uint k1) {
    uint4 words = philox4x32((uint) (i >> 2), (uint) step, (uint) (step >> 32), 0x55AAu, k0, k1);
    int lane = i & 3;
    uint word = lane == 0 ? words.x : lane == 1 ? words.y : lane == 2 ? words.z : words.w;
    return unit_float(word);
}

// ---- Spike sources --------------------------------------------------------------------------------------------

// Bernoulli and Poisson sources: element i fires in this step with probability p[i] (u < p, as BernoulliSource).
__kernel void bernoulli_source(const long step, const int size, const int depth, const int stride,
                               const uint k0, const uint k1, __global const float* probability,
                               __global uchar* flags, const int offset) {
    int i = get_global_id(0);
    if (i >= size) {
        return;
    }
    int slot = (int) (step % depth);
    flags[(long) slot * stride + offset + i] = uniform_at(i, step, k0, k1) < probability[i] ? 1 : 0;
}

// ---- Synaptic input -------------------------------------------------------------------------------------------

// The weights arriving at neuron i on one receptor at this step: its incoming synapses in the order the Java
// reference adds them into its delay ring (delay descending, then projection, presynaptic neuron and row
// position), each counted when its presynaptic neuron spiked delay steps ago. flags: ring of `depth` steps, each
// `stride` bytes (every population's spikes at its offset).
inline float arriving(int first, int end, long step, int depth, int stride, __global const int* pre,
                      __global const int* delay, __global const float* weight, __global const uchar* flags) {
    float sum = 0.0f;
    for (int k = first; k < end; k++) {
        long emitted = step - delay[k];
        int slot = (int) (((emitted % depth) + depth) % depth);
        if (flags[(long) slot * stride + pre[k]]) {
            sum += weight[k];
        }
    }
    return sum;
}

// ---- IF_curr_exp (exact integration; as IfCurrExp's Java kernel and LifModel's threshold and reset) -----------

__kernel void if_curr_exp(const long step, const int size, const int depth, const int stride,
                          __global float* v, __global float* refractory, __global float* iE, __global float* iI,
                          __global const float* injected,
                          __global const int* inPointer, __global const int* inPre, __global const int* inDelay,
                          __global const float* inWeight, __global uchar* flags, const int offset,
                          const float decay, const float resistance, const float restPlusBias, const float fromE,
                          const float fromI, const float decayE, const float decayI,
                          const float vThresh, const float vReset, const float refractorySteps) {
    int i = get_global_id(0);
    if (i >= size) {
        return;
    }
    float e = iE[i] + arriving(inPointer[i], inPointer[i + 1], step, depth, stride, inPre, inDelay, inWeight, flags);
    float in = iI[i] + arriving(inPointer[size + i], inPointer[size + i + 1], step, depth, stride, inPre, inDelay,
                                inWeight, flags);
    float vi = v[i];
    float remaining = refractory[i];
    float held = fmin(remaining, 1.0f);
    float target = restPlusBias + resistance * injected[i];
    float next = target + (vi - target) * decay + fromE * e + fromI * in;
    float vNew = vi * held + next * (1.0f - held);
    float refractoryNew = fmax(remaining - 1.0f, 0.0f);
    iE[i] = e * decayE;
    iI[i] = in * decayI;
    uchar spike = vNew >= vThresh ? 1 : 0;
    if (spike) {
        vNew = vReset;
        refractoryNew = refractorySteps;
    }
    v[i] = vNew;
    refractory[i] = refractoryNew;
    int slot = (int) (step % depth);
    flags[(long) slot * stride + offset + i] = spike;
}

// Clears a byte buffer (spike flags after a reset).
__kernel void clear_bytes(const long size, __global uchar* bytes) {
    long i = get_global_id(0);
    if (i < size) {
        bytes[i] = 0;
    }
}
