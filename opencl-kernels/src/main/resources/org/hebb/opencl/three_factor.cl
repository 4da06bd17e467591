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
                            decayPerStep) - aMinus * (xPost[synTarget[j]] * postDecay);
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
