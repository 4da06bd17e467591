// ---- Plasticity: what every rule kernel shares ----------------------------------------------------------------
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

// In the gpu shape's kernel NAME_pushed, the statements between FOR_EACH_PUSHED_SYNAPSE(slot) and
// END_FOR_EACH_PUSHED_SYNAPSE run for every synapse j (presynaptic neuron pre) in the rows of the spikes of source
// block sb listed in step slot `slot`, the work-items of the work-group sharing each row.
#define FOR_EACH_PUSHED_SYNAPSE(slot) \
    { \
        int count_ = counts[(slot) * totalBlocks + sourceBlockOffset + sb]; \
        __global const int* list_ = lists + (long) (slot) * total + sourceOffset \
                + block_start(sourceSize, sourceBlocks, sb); \
        for (int k_ = 0; k_ < count_; k_++) { \
            int pre = list_[k_]; \
            for (int j = rows[pre] + (int) get_local_id(0); j < rows[pre + 1]; j += (int) get_local_size(0)) {
#define END_FOR_EACH_PUSHED_SYNAPSE }}}

// The statements between FOR_EACH_SYNAPSE_ONTO_A_SPIKE(slot, first, stride) and END_FOR_EACH_SYNAPSE_ONTO_A_SPIKE
// run for synapses j (position c in the transposed index, source inSource[c]) onto a neuron i of this target block
// that spiked in the step whose lists are in slot: positions first, first + stride, ... of each such neuron's
// incoming synapses (0 and 1: all of them; a work-group's items share them with their local id and size).
#define FOR_EACH_SYNAPSE_ONTO_A_SPIKE(slot, first, stride) \
    { \
        int count_ = counts[(slot) * totalBlocks + targetBlockOffset + b]; \
        __global const int* list_ = lists + (long) (slot) * total + targetOffset \
                + block_start(targetSize, blocks, b); \
        for (int k_ = 0; k_ < count_; k_++) { \
            int i = list_[k_]; \
            for (int c = inStart[i] + (first); c < inStart[i + 1]; c += (stride)) { \
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

// The factor by which a lazily solved synapse variable decaying by perStep each step decays over gap steps: the
// host's table of powers below its length, beyond it Hebb's power, as the Java backend computes it (OpenCL's pow may
// differ from it by several ulps; in single precision, without cl_khr_fp64, it differs from Java's double).
inline float lazy_decay(__global const float* table, const int length, const precise_t perStep, const long gap) {
#ifdef cl_khr_fp64
    return gap < length ? table[gap] : (float) hebb_pow_d(perStep, (double) gap);
#else
    return gap < length ? table[gap] : hebb_pow_f(perStep, (float) gap);
#endif
}

// The weight check of synapses [from, from + count) of a projection whose weights start at element `base` of its
// delivery's weights: each weight that is not finite raises *first to INT_MAX minus its synapse's index, so that
// *first ends naming the first such synapse (0 while all are finite).
__kernel void first_non_finite_weight(const int from, const int count, const int base,
                                      __global const float* weights, __global int* first) {
    // size_t: the launch is rounded up to whole work-groups, past INT_MAX for the largest projections
    size_t i = get_global_id(0);
    if (i < (size_t) count && !isfinite(weights[(size_t) base + (size_t) from + i])) {
        atomic_max(first, INT_MAX - (from + (int) i));
    }
}
