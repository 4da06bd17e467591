package org.hebb.plasticity.definition;

import java.util.Arrays;
import java.util.List;

import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.math.HebbMath;

/**
 * The synapse equations of a rule that solves them lazily ({@link SynapseDefinition#advancesLazily()}) on one
 * projection: the step each synapse was last brought up to date (64-bit: long runs pass step 2^31) and, for each
 * equation that decays, its factor per step and a table of its powers, so that a gap of k steps costs one look-up
 * below {@value #TABLE_LENGTH} steps and one power beyond. Generated code on every backend uses the same table.
 */
final class LazyEquations {
    static final int TABLE_LENGTH = 1 << 12;

    private final List<SynapseEquation> equations;
    private final long[] lastUpdate;
    private final float[][] tables;
    private final double[] perStep;
    /** Per equation: its offset drive / rate (single precision), and whether its drive is not 0 as written. */
    private final float[] offsets;
    private final boolean[] driven;
    private final float[] drives;
    private final float dt;

    LazyEquations(DefinedRule rule, int synapses, double dt) {
        this.equations = rule.definition().synapseEquations();
        this.lastUpdate = new long[synapses];
        this.tables = new float[equations.size()][];
        this.perStep = new double[equations.size()];
        this.offsets = new float[equations.size()];
        this.driven = new boolean[equations.size()];
        this.drives = new float[equations.size()];
        this.dt = (float) dt;
        for (int k = 0; k < equations.size(); k++) {
            SynapseEquation e = equations.get(k);
            // the drive and the offset drive / rate as the generated code computes them: in float, in its order
            drives[k] = rule.evaluateSingle(e.drive(), dt);
            if (Expressions.isZero(e.rate())) {
                continue;
            }
            double rate = rule.evaluate(e.rate(), dt);
            driven[k] = !Expressions.isZero(e.drive());
            offsets[k] = driven[k] ? rule.evaluateSingle(Expressions.divide(e.drive(), e.rate()), dt) : 0f;
            perStep[k] = Math.exp(rate * dt);
            tables[k] = new float[TABLE_LENGTH];
            for (int i = 0; i < TABLE_LENGTH; i++) {
                tables[k][i] = (float) Math.pow(perStep[k], i);
            }
        }
    }

    /** The step each synapse's variables were last brought to. */
    long[] lastUpdate() {
        return lastUpdate;
    }

    /** Per equation: its table of decay factors (null where its rate is zero). */
    float[][] tables() {
        return tables;
    }

    /** Per equation: its decay factor per step, in double precision. */
    double[] perStep() {
        return perStep;
    }

    /** Every synapse was last brought up to date at {@code step}. */
    void restartAt(long step) {
        Arrays.fill(lastUpdate, step);
    }

    /** Whether {@code variable} is solved lazily; its equation's index, or -1. */
    int indexOf(String variable) {
        for (int k = 0; k < equations.size(); k++) {
            if (equations.get(k).name().equals(variable)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * A fresh copy of the values of equation {@code k}'s variable brought to {@code step} (the stored values are
     * those of each synapse's last update), in the arithmetic of the generated code, so that the values equal, bit
     * for bit, those an update at {@code step} would use.
     */
    float[] valuesAt(int k, float[] stored, long step) {
        float[] now = new float[stored.length];
        boolean decays = tables[k] != null;
        for (int j = 0; j < now.length; j++) {
            long gap = step - lastUpdate[j];
            float x = stored[j];
            if (!decays) {
                now[j] = x + drives[k] * ((float) gap * dt);
            } else if (!driven[k]) {
                now[j] = x != 0f ? x * factor(k, gap) : x;
            } else {
                now[j] = (x + offsets[k]) * factor(k, gap) - offsets[k];
            }
        }
        return now;
    }

    private float factor(int k, long gap) {
        return gap < TABLE_LENGTH ? tables[k][(int) gap] : (float) HebbMath.pow(perStep[k], (double) gap);
    }
}
