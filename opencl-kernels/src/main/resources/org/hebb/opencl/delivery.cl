// ---- Delivery ------------------------------------------------------------------------------------------------
// Delivers the previous step's spikes into block b of a target population's delay ring (receptor-major:
// [receptor][slot][n], n the padded size). Per incoming projection, DESC ints of desc: source offset, source size,
// source blocks, source block offset, receptor, the offset of its row pointers in `rows` (rows[pre] and
// rows[pre + 1] bound row pre in the synapses, flattened over the target's projections: target, weight, delay;
// each row sorted by target), the projection's delay in steps if all its synapses share one (else -1), 1 if they
// share one weight (then synWeight holds it at every synapse), and the ring row of the target variable if the
// receptor receives directly (its weights are then added straight to the variable, one by one; else -1). Row
// pointer r's row has its synapses onto block b at [segments[r * (blocks + 1) + b], segments[r * (blocks + 1) + b +
// 1]) when the host made that table (segmentTable != 0: one cache line per spike), else a binary search finds where
// the row enters the block.
#define DESC 9
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
        if (d[8] >= 0) {
            sharedSlot = ring + (long) d[8] * size;
        } else if (sharedDelay >= 0) {
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

// The ring row a weight is added to: the target variable's where the receptor receives directly (directRow >= 0),
// else the receptor's delay slot `slot` (base + delay, wrapped into the ring's depth).
inline long ring_row(int directRow, int receptor, int slot, int depth) {
    if (directRow >= 0) {
        return directRow;
    }
    return (long) receptor * depth + (slot >= depth ? slot - depth : slot);
}

// The same delivery for GPUs: one work-item per target neuron reads all its incoming synapses (transposed index:
// per projection, starts[q * (size + 1) + i] to the next, presynaptic neurons in increasing order) and adds the
// weights of those whose source spiked in the previous step, projection by projection: the order of pushing, so
// the sums are identical. Padding neurons have no incoming synapses. directRows[q] is the ring row of the target
// variable where projection q's receptor receives directly, else -1.
__kernel void gather(const long step, const int size, const int depth, const int projections,
                     __global const int* receptors, __global const int* directRows, __global const int* starts,
                     __global const int* inSynapse, __global const int* inSource, __global const uchar* spiked,
                     __global const float* synWeight, __global const int* synDelay, __global float* ring) {
    int i = get_global_id(0);
    if (step == 0) {
        return;
    }
    int base = (int) ((step - 1) % depth);
    for (int q = 0; q < projections; q++) {
        __global const int* start = starts + (long) q * (size + 1);
        for (int c = start[i]; c < start[i + 1]; c++) {
            if (spiked[inSource[c]]) {
                int j = inSynapse[c];
                ring[ring_row(directRows[q], receptors[q], base + synDelay[j], depth) * size + i] += synWeight[j];
            }
        }
    }
}

// ---- Delivery driven by the spikes (gpu shape) ---------------------------------------------------------------
// Work proportional to the spikes and their synapses, not to all synapses, and sums still in the Java backend's
// order. push_arrivals lists, for each target neuron, the flattened index of every synapse on which a spike of the
// previous step arrives (in no particular order: an atomic counter per target hands out the places); take_arrivals
// then sorts each target's list and adds the weights in increasing synapse index, which is the order of pushing
// (projection by projection, presynaptic neurons in increasing order, a row's synapses in order), so the sums are
// bit for bit those of the Java backend. A target's list has room for its in-degree: no synapse arrives twice in a
// step.

// One work-group per (incoming projection q, block sb of its source, chunk c of C), pushBlocks[4 g] to [4 g + 3]: the
// work-items of the C work-groups of (q, sb) share each spike's row, so that a long row is not walked by one
// work-group alone.
inline void push_arrivals_group(const long step, const int g, __global const int* desc,
                                __global const int* pushBlocks, __global const int* rows,
                                __global const int* synTarget, const int total, const int totalBlocks,
                                __global const int* lists, __global const int* counts, const int listDepth,
                                __global const int* arrivalStart, __global int* arrivalCount,
                                __global int* arrivals) {
    __global const int* d = desc + DESC * pushBlocks[4 * g];
    int sb = pushBlocks[4 * g + 1];
    int first = pushBlocks[4 * g + 2] * (int) get_local_size(0) + (int) get_local_id(0);
    int stride = pushBlocks[4 * g + 3] * (int) get_local_size(0);
    int previous = (int) ((step - 1) % listDepth);
    int count = counts[previous * totalBlocks + d[3] + sb];
    __global const int* list = lists + (long) previous * total + d[0] + block_start(d[1], d[2], sb);
    __global const int* table = rows + d[5];
    for (int k = 0; k < count; k++) {
        int pre = list[k];
        int end = table[pre + 1];
        for (int j = table[pre] + first; j < end; j += stride) {
            int t = synTarget[j];
            arrivals[arrivalStart[t] + atomic_inc(arrivalCount + t)] = j;
        }
    }
}

__kernel void push_arrivals(const long step, __global const int* desc, __global const int* pushBlocks,
                            __global const int* rows, __global const int* synTarget, const int total,
                            const int totalBlocks, __global const int* lists, __global const int* counts,
                            const int listDepth, __global const int* arrivalStart, __global int* arrivalCount,
                            __global int* arrivals) {
    if (step == 0) {
        return;
    }
    push_arrivals_group(step, get_group_id(0), desc, pushBlocks, rows, synTarget, total, totalBlocks, lists, counts,
            listDepth, arrivalStart, arrivalCount, arrivals);
}

// Sorts a[0..n) ascending: insertion sort over gaps of Ciura's sequence (a shell sort), in place.
inline void sort_ints(__global int* a, int n) {
    const int gaps[8] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (int g = 0; g < 8; g++) {
        int gap = gaps[g];
        for (int k = gap; k < n; k++) {
            int value = a[k];
            int m = k;
            while (m >= gap && a[m - gap] > value) {
                a[m] = a[m - gap];
                m -= gap;
            }
            a[m] = value;
        }
    }
}

// Target neuron i's arrivals of this step, sorted, added to the delay ring of their receptors; bases[q] is the first
// flattened synapse of incoming projection q (bases[projections] their total).
inline void take_arrivals_at(const int i, const long step, const int size, const int depth, __global const int* bases,
                             __global const int* receptors, __global const int* directRows,
                             __global const float* synWeight, __global const int* synDelay,
                             __global const int* arrivalStart, __global int* arrivalCount, __global int* arrivals,
                             __global float* ring) {
    int n = arrivalCount[i];
    if (n == 0) {
        return;
    }
    arrivalCount[i] = 0;
    __global int* a = arrivals + arrivalStart[i];
    sort_ints(a, n);
    int base = (int) ((step - 1) % depth);
    int q = 0;
    for (int k = 0; k < n; k++) {
        int j = a[k];
        while (j >= bases[q + 1]) {
            q++;
        }
        ring[ring_row(directRows[q], receptors[q], base + synDelay[j], depth) * size + i] += synWeight[j];
    }
}

// One work-item per target neuron.
__kernel void take_arrivals(const long step, const int size, const int depth, __global const int* bases,
                            __global const int* receptors, __global const int* directRows,
                            __global const float* synWeight, __global const int* synDelay,
                            __global const int* arrivalStart, __global int* arrivalCount, __global int* arrivals,
                            __global float* ring) {
    int i = get_global_id(0);
    if (step == 0 || i >= size) {
        return;
    }
    take_arrivals_at(i, step, size, depth, bases, receptors, directRows, synWeight, synDelay, arrivalStart,
            arrivalCount, arrivals, ring);
}
