// ---- Traces --------------------------------------------------------------------------------------------------
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
