package org.hebb.benchmarks.jmh.baseline;

import java.util.List;
import java.util.Map;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.Precision;
import org.hebb.neurons.ReceptorKind;
import org.hebb.neurons.Variable;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.util.Require;

/**
 * The hand-written Java kernels Hebb had before its models were generated from definitions (commit 9a62398),
 * frozen here as the baseline the generated kernels are timed against. Same passes, same operations, same
 * constants as then; nothing in Hebb runs them.
 */
public final class HandWrittenKernels {
    private HandWrittenKernels() {
    }

    /** {@code model} with its step run by the hand-written IF_cond_exp kernel instead of the generated one. */
    public static NeuronModel handWritten(IfCondExp model) {
        return new NeuronModel() {
            @Override
            public String name() {
                return model.name();
            }

            @Override
            public Map<String, Double> parameters() {
                return model.parameters();
            }

            @Override
            public List<String> receptors() {
                return model.receptors();
            }

            @Override
            public ReceptorKind receptorKind(String receptor) {
                return model.receptorKind(receptor);
            }

            @Override
            public List<Variable> variables() {
                return model.variables();
            }

            @Override
            public NeuronState createState(int size, Precision precision) {
                Require.that(precision == Precision.SINGLE, "the hand-written kernel is single precision only");
                return model.createState(size, precision);
            }

            @Override
            public NeuronKernel createKernel(NeuronState state, double dt) {
                return ifCondExp(state, model.integration() == IfCondExp.Integration.EULER, dt, model.cm(),
                        model.tauM(), model.parameter("v_rest"), model.parameter("i_offset"),
                        model.parameter("e_rev_E"), model.parameter("e_rev_I"), model.parameter("tau_syn_E"),
                        model.parameter("tau_syn_I"), model.vThresh(), model.vReset(),
                        model.program(dt).refractoryStepsAfterSpike());
            }
        };
    }

    /**
     * IF_cond_exp over {@code state} (v, refractory_steps, g_e, g_i) with Euler or exponential Euler
     * ({@code (float) Math.exp}) membranes, conductances decaying exactly.
     */
    public static NeuronKernel ifCondExp(NeuronState state, boolean euler, double dt, double cm, double tauM,
                                         double vRest, double iOffset, double eRevE, double eRevI, double tauSynE,
                                         double tauSynI, double vThresh, double vReset, float heldAfterSpike) {
        float[] v = state.array(0);
        float[] refractory = state.array(1);
        float[] gE = state.array(2);
        float[] gI = state.array(3);
        float gLeak = (float) (cm / tauM);
        float dtOverCm = (float) (dt / cm);
        float restWithBias = (float) (vRest + iOffset * tauM / cm);
        float revE = (float) eRevE;
        float revI = (float) eRevI;
        float decayE = (float) Math.exp(-dt / tauSynE);
        float decayI = (float) Math.exp(-dt / tauSynI);
        float threshold = (float) vThresh;
        float reset = (float) vReset;
        return (from, to, input, injected, spikes) -> {
            addAndClear(from, to, gE, input[0]);
            addAndClear(from, to, gI, input[1]);
            if (euler) {
                for (int i = from; i < to; i++) {
                    float vi = v[i];
                    float remaining = refractory[i];
                    float held = Math.min(remaining, 1f);
                    float current = gLeak * (restWithBias - vi) + gE[i] * (revE - vi) + gI[i] * (revI - vi)
                            + injected[i];
                    float next = vi + dtOverCm * current;
                    v[i] = vi * held + next * (1f - held);
                    refractory[i] = Math.max(remaining - 1f, 0f);
                }
            } else {
                for (int i = from; i < to; i++) {
                    float vi = v[i];
                    float remaining = refractory[i];
                    float held = Math.min(remaining, 1f);
                    float ge = gE[i];
                    float gi = gI[i];
                    float total = gLeak + ge + gi;
                    float target = (gLeak * restWithBias + ge * revE + gi * revI + injected[i]) / total;
                    float next = target + (vi - target) * (float) Math.exp(-dtOverCm * total);
                    v[i] = vi * held + next * (1f - held);
                    refractory[i] = Math.max(remaining - 1f, 0f);
                }
            }
            scale(from, to, gE, decayE, gI, decayI);
            return thresholdAndReset(from, to, v, refractory, threshold, reset, heldAfterSpike, spikes);
        };
    }

    /** IF_curr_exp over {@code state} (v, refractory_steps, i_syn_e, i_syn_i), exact propagation. */
    public static NeuronKernel ifCurrExp(NeuronState state, double dt, double cm, double tauM, double vRest,
                                         double iOffset, double tauSynE, double tauSynI, double vThresh,
                                         double vReset, float heldAfterSpike) {
        float[] v = state.array(0);
        float[] refractory = state.array(1);
        float[] iE = state.array(2);
        float[] iI = state.array(3);
        float decay = (float) Math.exp(-dt / tauM);
        float resistance = (float) (tauM / cm);
        float restPlusBias = (float) (vRest + iOffset * tauM / cm);
        float fromE = (float) currentToVoltage(dt, tauM, tauSynE, cm);
        float fromI = (float) currentToVoltage(dt, tauM, tauSynI, cm);
        float decayE = (float) Math.exp(-dt / tauSynE);
        float decayI = (float) Math.exp(-dt / tauSynI);
        float threshold = (float) vThresh;
        float reset = (float) vReset;
        return (from, to, input, injected, spikes) -> {
            addAndClear(from, to, iE, input[0]);
            addAndClear(from, to, iI, input[1]);
            for (int i = from; i < to; i++) {
                float vi = v[i];
                float remaining = refractory[i];
                float held = Math.min(remaining, 1f);
                float target = restPlusBias + resistance * injected[i];
                float next = target + (vi - target) * decay + fromE * iE[i] + fromI * iI[i];
                v[i] = vi * held + next * (1f - held);
                refractory[i] = Math.max(remaining - 1f, 0f);
            }
            scale(from, to, iE, decayE, iI, decayI);
            return thresholdAndReset(from, to, v, refractory, threshold, reset, heldAfterSpike, spikes);
        };
    }

    /** Izhikevich with Euler numerics over {@code state} (v, u, a, b, c, d). */
    public static NeuronKernel izhikevich(NeuronState state, double dt, double iOffset, double vPeak) {
        float[] v = state.array(0);
        float[] u = state.array(1);
        float[] pa = state.array(2);
        float[] pb = state.array(3);
        float[] pc = state.array(4);
        float[] pd = state.array(5);
        float step = (float) dt;
        float inverseDt = (float) (1 / dt);
        float bias = (float) iOffset;
        float peak = (float) vPeak;
        float[] current = new float[state.size()];
        return (from, to, input, injected, spikes) -> {
            for (int i = from; i < to; i++) {
                current[i] = bias + injected[i] + (input[0][i] + input[1][i]) * inverseDt;
            }
            clear(from, to, input[0], input[1]);
            for (int i = from; i < to; i++) {
                float vi = v[i];
                float ui = u[i];
                v[i] = vi + step * (0.04f * vi * vi + 5f * vi + 140f - ui + current[i]);
                u[i] = ui + step * pa[i] * (pb[i] * vi - ui);
            }
            int spiking = 0;
            for (int i = from; i < to; i++) {
                if (v[i] >= peak && v[i] <= Float.MAX_VALUE) {
                    v[i] = pc[i];
                    u[i] += pd[i];
                    spikes[spiking++] = i;
                }
            }
            return spiking;
        };
    }

    private static double currentToVoltage(double dt, double tauM, double tauSyn, double cm) {
        if (Math.abs(tauM - tauSyn) < 1e-9 * tauM) {
            return dt / cm * Math.exp(-dt / tauM);
        }
        return tauM * tauSyn / (cm * (tauSyn - tauM)) * (Math.exp(-dt / tauSyn) - Math.exp(-dt / tauM));
    }

    private static void addAndClear(int from, int to, float[] target, float[] input) {
        for (int i = from; i < to; i++) {
            target[i] += input[i];
            input[i] = 0f;
        }
    }

    private static void scale(int from, int to, float[] a, float factorA, float[] b, float factorB) {
        for (int i = from; i < to; i++) {
            a[i] *= factorA;
            b[i] *= factorB;
        }
    }

    private static void clear(int from, int to, float[] a, float[] b) {
        for (int i = from; i < to; i++) {
            a[i] = 0f;
            b[i] = 0f;
        }
    }

    private static int thresholdAndReset(int from, int to, float[] v, float[] refractory, float vThresh,
                                         float vReset, float heldAfterSpike, int[] spikes) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (v[i] >= vThresh) {
                v[i] = vReset;
                refractory[i] = heldAfterSpike;
                spikes[count++] = i;
            }
        }
        return count;
    }
}
