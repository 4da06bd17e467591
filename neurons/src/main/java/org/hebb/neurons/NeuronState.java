package org.hebb.neurons;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The per-neuron data of one population in struct-of-arrays layout: one array of length {@link #size()} per
 * {@link Variable} of the model, in the model's declared order, {@code float[]} in {@link Precision#SINGLE} and
 * {@code double[]} in {@link Precision#DOUBLE}. Kernels hold the arrays directly; {@link #get} and {@link #set} read
 * and write either.
 */
public final class NeuronState {
    /** Neurons per block of {@link #firstNonFinite}: the block's differences stay in the first-level cache. */
    private static final int SCAN_BLOCK = 1024;
    private static final float[] FLOAT_ZEROS = new float[SCAN_BLOCK];
    private static final double[] DOUBLE_ZEROS = new double[SCAN_BLOCK];

    private final List<Variable> variables;
    private final Precision precision;
    private final float[][] arrays;
    private final double[][] doubles;
    private final int size;
    /** {@code x - x} of the variable last scanned by {@link #firstNonFinite}, made at the first scan. */
    private float[] floatScratch;
    private double[] doubleScratch;

    /** Allocates zeroed single-precision arrays for {@code size} neurons. */
    public NeuronState(List<Variable> variables, int size) {
        this(variables, size, Precision.SINGLE);
    }

    /** Allocates zeroed arrays of {@code precision} for {@code size} neurons. */
    public NeuronState(List<Variable> variables, int size, Precision precision) {
        this.variables = List.copyOf(variables);
        this.size = size;
        this.precision = precision;
        this.arrays = precision == Precision.SINGLE ? new float[variables.size()][size] : null;
        this.doubles = precision == Precision.DOUBLE ? new double[variables.size()][size] : null;
    }

    /** The format of the arrays. */
    public Precision precision() {
        return precision;
    }

    /** Number of neurons. */
    public int size() {
        return size;
    }

    /** The variables, in storage order. */
    public List<Variable> variables() {
        return variables;
    }

    /** Index of the named variable; fails with the list of known names if there is none. */
    public int indexOf(String name) {
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("variable = '" + name + "' is not defined: must be one of "
                + variables.stream().map(Variable::name).collect(Collectors.joining(", ")));
    }

    /** The live array of the named variable (writes change the simulation); single precision only. */
    public float[] array(String name) {
        return array(indexOf(name));
    }

    /** The live array of variable {@code index}; single precision only. */
    public float[] array(int index) {
        if (arrays == null) {
            throw new IllegalStateException("this state holds double precision: read it with doubles(...) or get(...)");
        }
        return arrays[index];
    }

    /** The live array of the named variable (writes change the simulation); double precision only. */
    public double[] doubles(String name) {
        return doubles(indexOf(name));
    }

    /** The live array of variable {@code index}; double precision only. */
    public double[] doubles(int index) {
        if (doubles == null) {
            throw new IllegalStateException("this state holds single precision: read it with array(...) or get(...)");
        }
        return doubles[index];
    }

    /** The value of variable {@code index} of neuron {@code neuron}. */
    public double get(int index, int neuron) {
        return arrays != null ? arrays[index][neuron] : doubles[index][neuron];
    }

    /**
     * The first neuron whose variable {@code index} is NaN or infinite, or -1 when every one is finite. Scans a
     * block of neurons at a time in two vectorised passes: {@code x - x}, which is +0 for every finite x and NaN
     * for NaN and the infinities, into a scratch array, then {@link Arrays#mismatch} of that block against zeros.
     * The scratch array (one value per neuron) is made at the first call; calls on one state are serialised.
     */
    public synchronized int firstNonFinite(int index) {
        if (arrays != null) {
            float[] values = arrays[index];
            if (floatScratch == null) {
                floatScratch = new float[size];
            }
            float[] differences = floatScratch;
            for (int from = 0; from < size; from += SCAN_BLOCK) {
                int to = Math.min(size, from + SCAN_BLOCK);
                // the same index on both sides, so that C2 vectorises the loop whether or not the arrays alias
                for (int i = from; i < to; i++) {
                    differences[i] = values[i] - values[i];
                }
                int found = Arrays.mismatch(differences, from, to, FLOAT_ZEROS, 0, to - from);
                if (found >= 0) {
                    return from + found;
                }
            }
        } else {
            double[] values = doubles[index];
            if (doubleScratch == null) {
                doubleScratch = new double[size];
            }
            double[] differences = doubleScratch;
            for (int from = 0; from < size; from += SCAN_BLOCK) {
                int to = Math.min(size, from + SCAN_BLOCK);
                for (int i = from; i < to; i++) {
                    differences[i] = values[i] - values[i];
                }
                int found = Arrays.mismatch(differences, from, to, DOUBLE_ZEROS, 0, to - from);
                if (found >= 0) {
                    return from + found;
                }
            }
        }
        return -1;
    }

    /** Sets variable {@code index} of neuron {@code neuron} (rounded to float in single precision). */
    public void set(int index, int neuron, double value) {
        if (arrays != null) {
            arrays[index][neuron] = (float) value;
        } else {
            doubles[index][neuron] = value;
        }
    }

    /** Sets variable {@code index} of every neuron to {@code value}. */
    public void fill(int index, double value) {
        if (arrays != null) {
            Arrays.fill(arrays[index], (float) value);
        } else {
            Arrays.fill(doubles[index], value);
        }
    }

    /** A copy of every array, for {@link #restore}. */
    public NeuronState copy() {
        NeuronState copy = new NeuronState(variables, size, precision);
        copy.restore(this);
        return copy;
    }

    /** Sets every array to {@code from}'s (same variables, size and precision, as {@link #copy} gives). */
    public void restore(NeuronState from) {
        if (from.precision != precision || from.size != size || !from.variables.equals(variables)) {
            throw new IllegalArgumentException("cannot restore a state of another shape or precision");
        }
        for (int v = 0; v < variables.size(); v++) {
            if (arrays != null) {
                System.arraycopy(from.arrays[v], 0, arrays[v], 0, size);
            } else {
                System.arraycopy(from.doubles[v], 0, doubles[v], 0, size);
            }
        }
    }

    /** The variable at {@code index}. */
    public Variable variable(int index) {
        return variables.get(index);
    }
}
