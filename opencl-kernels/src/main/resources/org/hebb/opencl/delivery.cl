// ---- Delivery ------------------------------------------------------------------------------------------------
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
