// One clock-driven step of Hebb on an OpenCL device. Every operation mirrors the Java reference kernels in the
// same order and in single precision, so that spike trains are identical: no contraction into fused
// multiply-adds, no fast-math options.
#pragma OPENCL FP_CONTRACT OFF
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

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

// ---- Neuron models -------------------------------------------------------------------------------------------
// Every model kernel takes the same leading arguments; k holds the model's step constants (its StepConstants or
// Propagators record, then threshold, reset and refractory steps for LIF models); the state variables follow, in
// the model's variable order. Input of receptor r for neuron i: INPUT(r).

#define NEURON_ARGS const long step, const int size, const int depth, const int stride, __global uchar* flags, \
    const int offset, __global const int* inPointer, __global const int* inPre, __global const int* inDelay, \
    __global const float* inWeight, __global const float* injected, __global const float* k

#define INPUT(r) arriving(inPointer[(r) * size + i], inPointer[(r) * size + i + 1], step, depth, stride, inPre, \
    inDelay, inWeight, flags)

inline void emit(__global uchar* flags, long step, int depth, int stride, int offset, int i, uchar spike) {
    flags[(long) (step % depth) * stride + offset + i] = spike;
}

// LIF threshold, reset and start of the refractory period (LifModel.thresholdAndReset); k[t] = v_thresh,
// k[t + 1] = v_reset, k[t + 2] = refractory steps.
inline uchar lif_fire(float* vNew, float* refractoryNew, __global const float* k, int t) {
    if (*vNew >= k[t]) {
        *vNew = k[t + 1];
        *refractoryNew = k[t + 2];
        return 1;
    }
    return 0;
}

// IF_curr_exp, exact (IfCurrExp.Propagators: decay, resistance, restPlusBias, fromE, fromI, decayE, decayI).
__kernel void if_curr_exp(NEURON_ARGS, __global float* v, __global float* refractory, __global float* iE,
                          __global float* iI) {
    int i = get_global_id(0);
    if (i >= size) {
        return;
    }
    float e = iE[i] + INPUT(0);
    float in = iI[i] + INPUT(1);
    float vi = v[i];
    float remaining = refractory[i];
    float held = fmin(remaining, 1.0f);
    float target = k[2] + k[1] * injected[i];
    float next = target + (vi - target) * k[0] + k[3] * e + k[4] * in;
    float vNew = vi * held + next * (1.0f - held);
    float refractoryNew = fmax(remaining - 1.0f, 0.0f);
    iE[i] = e * k[5];
    iI[i] = in * k[6];
    uchar spike = lif_fire(&vNew, &refractoryNew, k, 7);
    v[i] = vNew;
    refractory[i] = refractoryNew;
    emit(flags, step, depth, stride, offset, i, spike);
}

// IF_cond_exp (IfCondExp.StepConstants: gLeak, dtOverCm, restWithBias, revE, revI, decayE, decayI); forward
// Euler when exponential == 0, else exponential Euler (exp in double where the device has it, as Java does).
__kernel void if_cond_exp(NEURON_ARGS, const int exponential, __global float* v, __global float* refractory,
                          __global float* gE, __global float* gI) {
    int i = get_global_id(0);
    if (i >= size) {
        return;
    }
    float ge = gE[i] + INPUT(0);
    float gi = gI[i] + INPUT(1);
    float vi = v[i];
    float remaining = refractory[i];
    float held = fmin(remaining, 1.0f);
    float next;
    if (exponential == 0) {
        float current = k[0] * (k[2] - vi) + ge * (k[3] - vi) + gi * (k[4] - vi) + injected[i];
        next = vi + k[1] * current;
    } else {
        float total = k[0] + ge + gi;
        float target = (k[0] * k[2] + ge * k[3] + gi * k[4] + injected[i]) / total;
#ifdef cl_khr_fp64
        float decay = (float) exp((double) (-k[1] * total));
#else
        float decay = exp(-k[1] * total);
#endif
        next = target + (vi - target) * decay;
    }
    float vNew = vi * held + next * (1.0f - held);
    float refractoryNew = fmax(remaining - 1.0f, 0.0f);
    gE[i] = ge * k[5];
    gI[i] = gi * k[6];
    uchar spike = lif_fire(&vNew, &refractoryNew, k, 7);
    v[i] = vNew;
    refractory[i] = refractoryNew;
    emit(flags, step, depth, stride, offset, i, spike);
}

// IF_curr_delta (IfCurrDelta.StepConstants: decay, resistance, restPlusBias): weights jump v; lost while refractory.
__kernel void if_curr_delta(NEURON_ARGS, __global float* v, __global float* refractory) {
    int i = get_global_id(0);
    if (i >= size) {
        return;
    }
    float jumps = INPUT(0) + INPUT(1);
    float vi = v[i];
    float remaining = refractory[i];
    float held = fmin(remaining, 1.0f);
    float target = k[2] + k[1] * injected[i];
    float next = target + (vi - target) * k[0] + jumps;
    float vNew = vi * held + next * (1.0f - held);
    float refractoryNew = fmax(remaining - 1.0f, 0.0f);
    uchar spike = lif_fire(&vNew, &refractoryNew, k, 3);
    v[i] = vNew;
    refractory[i] = refractoryNew;
    emit(flags, step, depth, stride, offset, i, spike);
}

// Izhikevich (Izhikevich.StepConstants: step, half, inverseDt, bias, peak); paper numerics when paper != 0.
__kernel void izhikevich(NEURON_ARGS, const int paper, __global float* v, __global float* u,
                         __global const float* a, __global const float* b, __global const float* c,
                         __global const float* d) {
    int i = get_global_id(0);
    if (i >= size) {
        return;
    }
    float current = k[3] + injected[i] + (INPUT(0) + INPUT(1)) * k[2];
    float vi = v[i];
    float ui = u[i];
    float vNew;
    if (paper != 0) {
        vNew = vi + k[1] * (0.04f * vi * vi + 5.0f * vi + 140.0f - ui + current);
        vNew = vNew + k[1] * (0.04f * vNew * vNew + 5.0f * vNew + 140.0f - ui + current);
        ui = ui + k[0] * a[i] * (b[i] * vNew - ui);
    } else {
        vNew = vi + k[0] * (0.04f * vi * vi + 5.0f * vi + 140.0f - ui + current);
        ui = ui + k[0] * a[i] * (b[i] * vi - ui);
    }
    uchar spike = 0;
    if (vNew >= k[4] && vNew <= FLT_MAX) {
        vNew = c[i];
        ui += d[i];
        spike = 1;
    }
    v[i] = vNew;
    u[i] = ui;
    emit(flags, step, depth, stride, offset, i, spike);
}

// The lowest index whose value is NaN or infinite, into *first (set to INT_MAX before): the finite-state check,
// without copying the state to the host.
__kernel void first_non_finite(const int size, __global const float* values, __global int* first) {
    int i = get_global_id(0);
    if (i < size && !isfinite(values[i])) {
        atomic_min(first, i);
    }
}

// Clears a byte buffer (spike flags after a reset).
__kernel void clear_bytes(const long size, __global uchar* bytes) {
    long i = get_global_id(0);
    if (i < size) {
        bytes[i] = 0;
    }
}
