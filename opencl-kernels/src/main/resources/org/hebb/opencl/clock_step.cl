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

// ---- Spike lists and delivery ----------------------------------------------------------------------------------
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

// Writes the spikes among neurons [lo, hi) of a population (flags from `flags`, the population's first) in increasing
// order into its list (`list`, the population's first entry, so that neuron lo's block starts at list[lo]); returns
// their number.
inline int compact_range(__global const uchar* restrict flags, __global int* restrict list, int lo, int hi) {
    int count = 0;
    int i = lo;
    // spikes are rare: test eight flags at a time from an aligned position (populations start at multiples of 256)
    for (; i < hi && (i & 7) != 0; i++) {
        if (flags[i]) {
            list[lo + count++] = i;
        }
    }
    for (; i + 8 <= hi; i += 8) {
        if (*((__global const ulong*) (flags + i)) != 0) {
            for (int k = i; k < i + 8; k++) {
                if (flags[k]) {
                    list[lo + count++] = k;
                }
            }
        }
    }
    for (; i < hi; i++) {
        if (flags[i]) {
            list[lo + count++] = i;
        }
    }
    return count;
}

// Compacts the spikes of every block of every population into this step's lists and counts: one work-item per
// block b of all totalBlocks, whose population starts at neuron blockDesc[3b] of the shared buffers and whose neurons
// are [blockDesc[3b + 1], blockDesc[3b + 2]) of that population.
__kernel void compact(const long step, const int totalBlocks, __global const int* blockDesc, const int total,
                      __global const uchar* spiked, __global int* lists, __global int* counts,
                      const int listDepth) {
    int b = get_global_id(0);
    if (b >= totalBlocks) {
        return;
    }
    int slot = (int) (step % listDepth);
    int offset = blockDesc[3 * b];
    counts[slot * totalBlocks + b] = compact_range(spiked + offset, lists + (long) slot * total + offset,
            blockDesc[3 * b + 1], blockDesc[3 * b + 2]);
}

// The same for GPUs: one work-group of SCAN_BLOCK work-items per block (of at most SCAN_BLOCK neurons) numbers its
// spikes with a prefix sum in local memory, so that each is written at its place in increasing order (SCAN_BLOCK
// comes from the build options).
__kernel void compact_scan(const long step, const int size, const int blocks, const int offset,
                           const int blockOffset, const int total, const int totalBlocks,
                           __global const uchar* spiked, __global int* lists, __global int* counts,
                           const int listDepth) {
    __local int scan[SCAN_BLOCK];
    int b = get_group_id(0);
    int l = get_local_id(0);
    int lo = block_start(size, blocks, b);
    int i = lo + l;
    int flag = i < block_start(size, blocks, b + 1) && spiked[offset + i] ? 1 : 0;
    scan[l] = flag;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int d = 1; d < SCAN_BLOCK; d <<= 1) {
        int add = l >= d ? scan[l - d] : 0;
        barrier(CLK_LOCAL_MEM_FENCE);
        scan[l] += add;
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    int slot = (int) (step % listDepth);
    if (flag) {
        lists[(long) slot * total + offset + lo + scan[l] - 1] = i;
    }
    if (l == SCAN_BLOCK - 1) {
        counts[slot * totalBlocks + blockOffset + b] = scan[l];
    }
}

// Delivers the previous step's spikes into block b of a target population's delay ring (receptor-major:
// [receptor][slot][n], n the padded size). Per incoming projection, DESC ints of desc: source offset, source size,
// source blocks, source block offset, receptor, the offset of its row pointers in `rows` (rows[pre] and
// rows[pre + 1] bound row pre in the synapses, flattened over the target's projections: target, weight, delay;
// each row sorted by target), the projection's delay in steps if all its synapses share one (else -1), and 1 if
// they share one weight (then synWeight holds it at every synapse). Row pointer r's row has its synapses onto block b
// at [segments[r * (blocks + 1) + b], segments[r * (blocks + 1) + b + 1]) when the host made that table
// (segmentTable != 0: one cache line per spike), else a binary search finds where the row enters the block.
#define DESC 8
#define ROWS_AHEAD 16

// For the spikes list[0..n) (n <= ROWS_AHEAD): where each one's row (rows[pre], row pointer rowBase + pre) has its
// synapses onto block b, and the first of their targets (INT_MAX for none). Loaded for a few spikes together, so that
// their cache misses overlap rather than come one after the other.
inline void row_segments(__global const int* list, int n, int rowBase, __global const int* rows,
                         __global const int* synTarget, int segmentTable, __global const int* segments, int blocks,
                         int b, int lowest, int* firsts, int* ends, int* heads) {
    for (int k = 0; k < n; k++) {
        int pre = list[k];
        if (segmentTable) {
            __global const int* segment = segments + (long) (rowBase + pre) * (blocks + 1) + b;
            firsts[k] = segment[0];
            ends[k] = segment[1];
        } else {
            ends[k] = rows[pre + 1];
            firsts[k] = b == 0 ? rows[pre] : first_at_least(synTarget, rows[pre], ends[k], lowest);
        }
        heads[k] = firsts[k] < ends[k] ? synTarget[firsts[k]] : INT_MAX;
    }
}

inline void deliver_block(const long step, const int b, const int size, const int targetSize, const int blocks,
                          const int depth, const int projections, __global const int* desc,
                          __global const int* rows, __global const int* synTarget, __global const float* synWeight,
                          __global const int* synDelay, const int total, const int totalBlocks,
                          __global const int* lists, __global const int* counts, __global float* ring,
                          const int listDepth, const int segmentTable, __global const int* segments) {
    int previous = (int) ((step - 1) % listDepth);
    int base = (int) ((step - 1) % depth);
    int lowest = block_start(targetSize, blocks, b);
    int beyond = block_start(targetSize, blocks, b + 1);
    for (int q = 0; q < projections; q++) {
        __global const int* d = desc + DESC * q;
        int sourceSize = d[1];
        int sourceBlocks = d[2];
        __global float* receptorRing = ring + (long) d[4] * depth * size;
        __global const int* table = rows + d[5];
        __global const int* list = lists + (long) previous * total + d[0];
        int sharedDelay = d[6];
        __global float* sharedSlot = 0;
        if (sharedDelay >= 0) {
            int slot = base + sharedDelay;
            sharedSlot = receptorRing + (long) (slot >= depth ? slot - depth : slot) * size;
        }
        float sharedWeight = d[7] ? synWeight[table[0]] : 0.0f;
        bool shared = sharedSlot != 0 && d[7];
        for (int sb = 0; sb < sourceBlocks; sb++) {
            int lo = block_start(sourceSize, sourceBlocks, sb);
            int count = counts[previous * totalBlocks + d[3] + sb];
            for (int chunk = 0; chunk < count; chunk += ROWS_AHEAD) {
                int n = min(ROWS_AHEAD, count - chunk);
                int firsts[ROWS_AHEAD];
                int ends[ROWS_AHEAD];
                int heads[ROWS_AHEAD];
                row_segments(list + lo + chunk, n, d[5], table, synTarget, segmentTable, segments, blocks, b, lowest,
                        firsts, ends, heads);
                for (int k = 0; k < n; k++) {
                    if (heads[k] >= beyond) {
                        continue;
                    }
                    int first = firsts[k];
                    int end = ends[k];
                    if (shared) {
                        for (int j = first; j < end && synTarget[j] < beyond; j++) {
                            sharedSlot[synTarget[j]] += sharedWeight;
                        }
                    } else if (sharedSlot != 0) {
                        for (int j = first; j < end && synTarget[j] < beyond; j++) {
                            sharedSlot[synTarget[j]] += synWeight[j];
                        }
                    } else {
                        for (int j = first; j < end && synTarget[j] < beyond; j++) {
                            int slot = base + synDelay[j];
                            if (slot >= depth) {
                                slot -= depth;
                            }
                            receptorRing[(long) slot * size + synTarget[j]] += synWeight[j];
                        }
                    }
                }
            }
        }
    }
}

// The delivery into one target population: one work-item per target block.
__kernel void deliver(const long step, const int size, const int targetSize, const int blocks, const int depth,
                      const int projections, __global const int* desc, __global const int* rows,
                      __global const int* synTarget, __global const float* synWeight, __global const int* synDelay,
                      const int total, const int totalBlocks, __global const int* lists, __global const int* counts,
                      __global float* ring, const int listDepth, const int segmentTable,
                      __global const int* segments) {
    int b = get_global_id(0);
    if (b < blocks && step != 0) {
        deliver_block(step, b, size, targetSize, blocks, depth, projections, desc, rows, synTarget, synWeight,
                synDelay, total, totalBlocks, lists, counts, ring, listDepth, segmentTable, segments);
    }
}

// The same delivery for GPUs: one work-item per target neuron reads all its incoming synapses (transposed index:
// per projection, starts[q * (size + 1) + i] to the next, presynaptic neurons in increasing order) and adds the
// weights of those whose source spiked in the previous step, projection by projection: the order of pushing, so
// the sums are identical. Padding neurons have no incoming synapses.
__kernel void gather(const long step, const int size, const int depth, const int projections,
                     __global const int* receptors, __global const int* starts, __global const int* inSynapse,
                     __global const int* inSource, __global const uchar* spiked, __global const float* synWeight,
                     __global const int* synDelay, __global float* ring) {
    int i = get_global_id(0);
    if (step == 0) {
        return;
    }
    int base = (int) ((step - 1) % depth);
    for (int q = 0; q < projections; q++) {
        __global float* receptorRing = ring + (long) receptors[q] * depth * size;
        __global const int* start = starts + (long) q * (size + 1);
        for (int c = start[i]; c < start[i + 1]; c++) {
            if (spiked[inSource[c]]) {
                int j = inSynapse[c];
                int slot = base + synDelay[j];
                if (slot >= depth) {
                    slot -= depth;
                }
                receptorRing[(long) slot * size + i] += synWeight[j];
            }
        }
    }
}

// The arguments every plasticity kernel takes first (OpenClEngine.RuleLaunch sets them): the spike lists, the
// source's and target's places among them, the projection's rows (row pointers from rowBase, targets) and the
// delivery's table of row segments per block (see deliver_block).
#define RULE_ARGS const long step, const int targetSize, const int blocks, const int listDepth, const int total, \
    const int totalBlocks, __global const int* lists, __global const int* counts, const int sourceOffset, \
    const int sourceSize, const int sourceBlocks, const int sourceBlockOffset, const int targetOffset, \
    const int targetBlockOffset, const int rowBase, __global const int* rows, __global const int* synTarget, \
    const int segmentTable, __global const int* segments
#define RULE_NAMES step, targetSize, blocks, listDepth, total, totalBlocks, lists, counts, sourceOffset, sourceSize, \
    sourceBlocks, sourceBlockOffset, targetOffset, targetBlockOffset, rowBase, rows, synTarget, segmentTable, \
    segments

// In a plasticity kernel, the statements between FOR_EACH_ARRIVING_SYNAPSE(slot) and END_FOR_EACH_ARRIVING_SYNAPSE
// run for every synapse j (presynaptic neuron pre) of this work-item's block [lowest, beyond) in the rows of the
// source spikes listed in step slot `slot`. (A pair of macros rather than one taking the statements: OpenCL C 1.2
// has no variadic macros, and NVIDIA's compiler refuses them.)
#define FOR_EACH_ARRIVING_SYNAPSE(slot) \
    for (int sb_ = 0; sb_ < sourceBlocks; sb_++) { \
        int count_ = counts[(slot) * totalBlocks + sourceBlockOffset + sb_]; \
        __global const int* list_ = lists + (long) (slot) * total + sourceOffset \
                + block_start(sourceSize, sourceBlocks, sb_); \
        for (int chunk_ = 0; chunk_ < count_; chunk_ += ROWS_AHEAD) { \
            int n_ = min(ROWS_AHEAD, count_ - chunk_); \
            int firsts_[ROWS_AHEAD]; \
            int ends_[ROWS_AHEAD]; \
            int heads_[ROWS_AHEAD]; \
            row_segments(list_ + chunk_, n_, rowBase, rows, synTarget, segmentTable, segments, blocks, b, lowest, \
                    firsts_, ends_, heads_); \
            for (int k_ = 0; k_ < n_; k_++) { \
                int pre = list_[chunk_ + k_]; \
                for (int j = firsts_[k_]; heads_[k_] < beyond && j < ends_[k_] && synTarget[j] < beyond; j++) {
#define END_FOR_EACH_ARRIVING_SYNAPSE }}}}

// The statements between FOR_EACH_SYNAPSE_ONTO_A_SPIKE(slot) and END_FOR_EACH_SYNAPSE_ONTO_A_SPIKE run for every
// synapse j (position c in the transposed index, source inSource[c]) onto a neuron i of this target block that
// spiked in the step whose lists are in slot.
#define FOR_EACH_SYNAPSE_ONTO_A_SPIKE(slot) \
    { \
        int count_ = counts[(slot) * totalBlocks + targetBlockOffset + b]; \
        __global const int* list_ = lists + (long) (slot) * total + targetOffset \
                + block_start(targetSize, blocks, b); \
        for (int k_ = 0; k_ < count_; k_++) { \
            int i = list_[k_]; \
            for (int c = inStart[i]; c < inStart[i + 1]; c++) { \
                int j = inSynapse[c];
#define END_FOR_EACH_SYNAPSE_ONTO_A_SPIKE }}}

// ---- Plasticity ------------------------------------------------------------------------------------------------
// Rules from definitions are generated (see DeviceRule): per target block, in the step after spike step s,
// presynaptic spikes arriving in s (emitted in s - d) first, then the incoming synapses of the postsynaptic spikes
// of s. Each weight belongs to one block.

// The slot of step s - d in a ring of `depth` steps, for 0 <= d < depth and sSlot = s % depth (no 64-bit division
// per synapse).
inline int slot_back(int sSlot, int d, int depth) {
    int slot = sSlot - d;
    return slot < 0 ? slot + depth : slot;
}

// ---- Plasticity: astrocyte-modulated STDP (as AstrocyteStdpSynapses and Astrocyte; see AstrocyteStdpUpdate) ---
// In the step after spike step s, per target block, with the rates of before the step's global update (rates[0] =
// P, rates[1] = A): presynaptic spikes of s change their row by rate_out * x_post(s - 1), clipped unless the target
// fired in s too; then postsynaptic spikes of s change their incoming synapses by rate_in * x_pre(s - 1) and clip.

__kernel void astrocyte_stdp(RULE_ARGS, __global float* weights, __global const uchar* spiked,
                             __global const float* postTrace, const int postDepth, const int postStride,
                             __global const float* preTrace, const int preDepth, const int preStride,
                             __global const int* inStart, __global const int* inSynapse, __global const int* inSource,
                             const int excitatory, __global const float* rates, const float low, const float high) {
    int b = get_global_id(0);
    if (b >= blocks || step == 0) {
        return;
    }
    long s = step - 1;
    float rateOut = excitatory ? -rates[1] : rates[0];
    float rateIn = excitatory ? rates[0] : -rates[1];
    int lowest = block_start(targetSize, blocks, b);
    int beyond = block_start(targetSize, blocks, b + 1);
    rows += rowBase;
    __global const float* xPost = postTrace + (long) ((((s - 1) % postDepth) + postDepth) % postDepth) * postStride;
    __global const float* xPre = preTrace + (long) ((((s - 1) % preDepth) + preDepth) % preDepth) * preStride;
    int slot = (int) (s % listDepth);
    FOR_EACH_ARRIVING_SYNAPSE(slot)
        int i = synTarget[j];
        float w = weights[j] + rateOut * xPost[i];
        weights[j] = spiked[targetOffset + i] ? w : fmin(high, fmax(low, w));
    END_FOR_EACH_ARRIVING_SYNAPSE
    FOR_EACH_SYNAPSE_ONTO_A_SPIKE(slot)
        weights[j] = fmin(high, fmax(low, weights[j] + rateIn * xPre[inSource[c]]));
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

// ---- Plasticity: the three-factor rule (as ThreeFactorSynapses; see ThreeFactorUpdate) --------------------------
// Per target block, for spike step s: with paired eligibility, arrivals through synapses of delay d depress their
// eligibility by the postsynaptic trace of s - 1 and postsynaptic spikes potentiate their incoming synapses' by the
// presynaptic trace of s - d (eligibility decays lazily: e(step) = e(last) decay^(step - last)); then, when apply,
// each target with factor = etaDtGate * modulator != 0 moves its incoming weights by factor * eligibility (paired)
// or factor * x_pre(s - d) (presynaptic eligibility), clipped. Eligibility arrays hold the projection's synapses
// only: synapse j of the flattened arrays is entry j - synapseBase. The step of each eligibility's last update is
// 64-bit, as every step is: long runs pass step 2^31.

inline float eligibility_at(__global const float* e, __global const long* at, int j, long step,
                            __global const float* table, int tableLength, precise_t decayPerStep) {
    long elapsed = step - at[j];
    float value = e[j];
    if (elapsed != 0 && value != 0.0f) {
        value *= elapsed < tableLength ? table[elapsed] : (float) pow(decayPerStep, (precise_t) elapsed);
    }
    return value;
}

__kernel void three_factor(RULE_ARGS, __global const int* synDelay, __global float* weights,
                           const int synapseBase, const int paired, __global float* eligibility,
                           __global long* eligibilityStep, __global const float* table, const int tableLength,
                           const precise_t decayPerStep, const float aPlus, const float aMinus, const int minDelay,
                           const int maxDelay, __global const float* postTrace, const int postDepth,
                           const int postStride, const float postDecay, __global const float* preTrace,
                           const int preDepth, const int preStride, __global const int* inStart,
                           __global const int* inSynapse, __global const int* inSource,
                           __global const float* modulators, const int apply, const float etaDtGate, const float low,
                           const float high) {
    int b = get_global_id(0);
    if (b >= blocks) {
        return;
    }
    long s = step - 1;
    int preSlot = (int) (s % preDepth);
    int lowest = block_start(targetSize, blocks, b);
    int beyond = block_start(targetSize, blocks, b + 1);
    rows += rowBase;
    if (paired) {
        __global const float* xPost = postTrace
                + (long) ((((s - 1) % postDepth) + postDepth) % postDepth) * postStride;
        for (int d = minDelay; d <= maxDelay && d <= s; d++) {
            FOR_EACH_ARRIVING_SYNAPSE((int) ((s - d) % listDepth))
                if (synDelay[j] == d) {
                    int own = j - synapseBase;
                    eligibility[own] = eligibility_at(eligibility, eligibilityStep, own, s, table, tableLength,
                            decayPerStep) - aMinus * xPost[synTarget[j]] * postDecay;
                    eligibilityStep[own] = s;
                }
            END_FOR_EACH_ARRIVING_SYNAPSE
        }
        FOR_EACH_SYNAPSE_ONTO_A_SPIKE((int) (s % listDepth))
            int d = synDelay[j];
            if (d <= s) {
                int own = j - synapseBase;
                eligibility[own] = eligibility_at(eligibility, eligibilityStep, own, s, table, tableLength,
                        decayPerStep) + aPlus * preTrace[(long) slot_back(preSlot, d, preDepth) * preStride
                        + inSource[c]];
                eligibilityStep[own] = s;
            }
        END_FOR_EACH_SYNAPSE_ONTO_A_SPIKE
    }
    if (!apply) {
        return;
    }
    for (int i = lowest; i < beyond; i++) {
        float factor = etaDtGate * modulators[i];
        if (factor == 0.0f) {
            continue;
        }
        for (int c = inStart[i]; c < inStart[i + 1]; c++) {
            int j = inSynapse[c];
            float change;
            if (paired) {
                int own = j - synapseBase;
                float value = eligibility_at(eligibility, eligibilityStep, own, s, table, tableLength,
                        decayPerStep);
                eligibility[own] = value;
                eligibilityStep[own] = s;
                change = factor * value;
            } else {
                int d = synDelay[j];
                if (d > s) {
                    continue;
                }
                change = factor * preTrace[(long) slot_back(preSlot, d, preDepth) * preStride + inSource[c]];
            }
            weights[j] = fmin(high, fmax(low, weights[j] + change));
        }
    }
}

// A shared spike trace advanced to spike step s (Trace.advance): x(s) = x(s - 1) decay, plus the increment for a
// neuron that spiked in s (all-to-all) or set to it (nearest-neighbour). The ring keeps `depth` steps.
// `before` and `now` are the ring's rows of s - 1 and s, found once per step rather than per neuron.
inline void trace_advance_at(const int i, __global const float* before, __global float* now,
                             __global const uchar* restrict spiked, const int offset, const float decay,
                             const float increment, const int nearest) {
    float next = before[i] * decay;
    if (spiked[offset + i]) {
        next = nearest ? increment : next + increment;
    }
    now[i] = next;
}

__kernel void trace_advance(const long step, const int size, const int depth, __global float* trace,
                            __global const uchar* spiked, const int offset, const float decay, const float increment,
                            const int nearest) {
    long s = step - 1;
    int slot = (int) (s % depth);
    __global float* now = trace + (long) slot * size;
    __global const float* before = trace + (long) slot_back(slot, 1, depth) * size;
    if (step != 0) {
        trace_advance_at(get_global_id(0), before, now, spiked, offset, decay, increment, nearest);
    }
}

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
