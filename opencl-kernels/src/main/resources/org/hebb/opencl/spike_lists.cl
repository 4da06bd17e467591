// ---- Spike lists -------------------------------------------------------------------------------------------
// The sum of `value` over work-items 0 to l of the work-group (of SCAN_BLOCK work-items, l the caller's local id), by
// prefix sums in `scan`, whose last entry then holds the sum over the whole work-group. Every work-item calls it.
inline int prefix_sum_local(__local int* scan, const int l, const int value) {
    scan[l] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int d = 1; d < SCAN_BLOCK; d <<= 1) {
        int add = l >= d ? scan[l - d] : 0;
        barrier(CLK_LOCAL_MEM_FENCE);
        scan[l] += add;
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    return scan[l];
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
// comes from the build options). The block is [lo, hi) of the population at `offset` in the shared buffers, and its
// count goes to entry `countIndex` of the step's counts.
inline void compact_scan_block(const long step, const int lo, const int hi, const int offset, const int countIndex,
                               const int total, const int totalBlocks, __global const uchar* spiked,
                               __global int* lists, __global int* counts, const int listDepth,
                               __local int* scan) {
    int l = get_local_id(0);
    int i = lo + l;
    int flag = i < hi && spiked[offset + i] ? 1 : 0;
    int upToHere = prefix_sum_local(scan, l, flag);
    int slot = (int) (step % listDepth);
    if (flag) {
        lists[(long) slot * total + offset + lo + upToHere - 1] = i;
    }
    if (l == SCAN_BLOCK - 1) {
        counts[slot * totalBlocks + countIndex] = upToHere;
    }
}

// One population's blocks, a work-group each.
__kernel void compact_scan(const long step, const int size, const int blocks, const int offset,
                           const int blockOffset, const int total, const int totalBlocks,
                           __global const uchar* spiked, __global int* lists, __global int* counts,
                           const int listDepth) {
    __local int scan[SCAN_BLOCK];
    int b = get_group_id(0);
    compact_scan_block(step, block_start(size, blocks, b), block_start(size, blocks, b + 1), offset, blockOffset + b,
            total, totalBlocks, spiked, lists, counts, listDepth, scan);
}

// Every population's blocks in one launch, a work-group each: block b is [blockDesc[3b + 1], blockDesc[3b + 2]) of
// the population at neuron blockDesc[3b] of the shared buffers (as for compact).
__kernel void compact_scan_all(const long step, const int totalBlocks, __global const int* blockDesc,
                               const int total, __global const uchar* spiked, __global int* lists,
                               __global int* counts, const int listDepth) {
    __local int scan[SCAN_BLOCK];
    int b = get_group_id(0);
    compact_scan_block(step, blockDesc[3 * b + 1], blockDesc[3 * b + 2], blockDesc[3 * b], b, total, totalBlocks,
            spiked, lists, counts, listDepth, scan);
}

// The spike lists of steps first .. first + steps - 1 of one population (its `blocks` blocks of `size` neurons at
// neuron `offset` of the shared buffers, their counts from entry `blockOffset` of each step's counts) one after
// another into `gathered`, step by step and block by block: one work-group of SCAN_BLOCK work-items takes SCAN_BLOCK
// (step, block) pairs at a time, numbers their counts with a prefix sum in local memory, and each work-item copies its
// pair's list. One launch instead of a copy command per non-empty list.
__kernel void gather_lists(const long first, const int steps, const int size, const int blocks, const int offset,
                           const int blockOffset, const int total, const int totalBlocks,
                           __global const int* lists, __global const int* counts, const int listDepth,
                           __global int* gathered) {
    __local int scan[SCAN_BLOCK];
    int l = get_local_id(0);
    int pairs = steps * blocks;
    int base = 0;
    for (int firstPair = 0; firstPair < pairs; firstPair += SCAN_BLOCK) {
        int p = firstPair + l;
        int slot = 0;
        int b = 0;
        int n = 0;
        if (p < pairs) {
            slot = (int) ((first + p / blocks) % listDepth);
            b = p % blocks;
            n = counts[slot * totalBlocks + blockOffset + b];
        }
        int at = base + prefix_sum_local(scan, l, n) - n;
        __global const int* list = lists + (long) slot * total + offset + block_start(size, blocks, b);
        for (int i = 0; i < n; i++) {
            gathered[at + i] = list[i];
        }
        base += scan[SCAN_BLOCK - 1];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}

// The spikes of every population in every slot of the count rings, so that the host can count a batch's spikes
// without reading block counts or lists: totals[slot * groups + g] sums the counts of population g's blocks
// (blockStarts[g] to blockStarts[g + 1] - 1) in that slot. One work-item per slot and population.
__kernel void population_totals(const long step, const int groups, const int listDepth, const int totalBlocks,
                                __global const int* blockStarts, __global const int* counts,
                                __global int* totals) {
    int i = get_global_id(0);
    if (i >= groups * listDepth) {
        return;
    }
    int slot = i / groups;
    int g = i % groups;
    int sum = 0;
    for (int b = blockStarts[g]; b < blockStarts[g + 1]; b++) {
        sum += counts[slot * totalBlocks + b];
    }
    totals[i] = sum;
}
