// One clock-driven step of Hebb on an OpenCL device. Every operation mirrors the Java reference kernels in the
// same order and in single precision, so that spike trains are identical: no contraction into fused
// multiply-adds, no fast-math options.
#pragma OPENCL FP_CONTRACT OFF
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double precise_t;
#else
typedef float precise_t;
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

// Word of element i at a step in the stream `tag`, as CounterRandom draws it: element i takes lane i % 4 of the
// Philox words of counter (i / 4, step low, step high, tag).
inline uint word_at(int i, long step, uint tag, uint k0, uint k1) {
    uint4 words = philox4x32((uint) (i >> 2), (uint) step, (uint) (step >> 32), tag, k0, k1);
    int lane = i & 3;
    return lane == 0 ? words.x : lane == 1 ? words.y : lane == 2 ? words.z : words.w;
}

// Bernoulli trial of element i at a step, as CounterRandom.bernoulli: it succeeds when the uniform integer of 63
// bits, the word of stream 0x55AA then the top 31 bits of the word of stream 0x55AB (drawn only when the first
// equals the threshold's top 32 bits), is below `threshold` (round(p 2^63); 2^63 for p = 1).
inline bool bernoulli_at(int i, long step, uint k0, uint k1, ulong threshold) {
    const ulong high = threshold >> 31;
    const ulong word = word_at(i, step, 0x55AAu, k0, k1);
    if (word != high) {
        return word < high;
    }
    return (ulong) (word_at(i, step, 0x55ABu, k0, k1) >> 1) < (threshold & 0x7FFFFFFFUL);
}

// ---- Blocks --------------------------------------------------------------------------------------------------
// Every population is cut into blocks, [size * b / blocks, size * (b + 1) / blocks), as the Java backend cuts it
// among threads. After its update, each block writes its spikes in increasing order into the population's part
// of this step's spike list, and their number into its count; lists and counts are rings of listDepth steps (2,
// or as many as STDP needs to see presynaptic spikes arrive after their delays). Delivery is partitioned by target
// block: one work-item per block of a target population walks the spikes of the previous step, source block by
// source block, and for each adds the weights of the row segment that falls into its block into the delay ring;
// so every target receives its weights in the Java backend's order, and no two work-items write one element.

inline int block_start(int size, int blocks, int b) {
    return (int) ((long) size * b / blocks);
}

// The first synapse of [first, end) (a row, sorted by target) whose target is at least `lowest`.
inline int first_at_least(__global const int* synTarget, int first, int end, int lowest) {
    while (first < end) {
        int middle = (first + end) >> 1;
        if (synTarget[middle] < lowest) {
            first = middle + 1;
        } else {
            end = middle;
        }
    }
    return first;
}

// Waits until `counter` has grown by `target` since it read `base` (unsigned, so it may wrap), then reads it once
// more with an atomic operation: its acquire ordering keeps the loads after it from moving before it (the counter is
// raised by atomic_inc after the work it counts, whose release ordering publishes that work's stores).
inline void await_count(__global volatile uint* counter, uint base, uint target) {
    while (*counter - base < target) {
    }
    atomic_add(counter, 0u);
}
