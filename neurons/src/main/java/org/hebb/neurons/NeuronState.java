package org.hebb.neurons;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The per-neuron data of one population in struct-of-arrays layout: one {@code float[]} of length {@link #size()}
 * per {@link Variable} of the model, in the model's declared order. Kernels hold the arrays directly.
 */
public final class NeuronState {
    private final List<Variable> variables;
    private final float[][] arrays;
    private final int size;

    /** Allocates zeroed arrays for {@code size} neurons. */
    public NeuronState(List<Variable> variables, int size) {
        this.variables = List.copyOf(variables);
        this.size = size;
        this.arrays = new float[variables.size()][size];
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

    /** The live array of the named variable (writes change the simulation). */
    public float[] array(String name) {
        return arrays[indexOf(name)];
    }

    /** The live array of variable {@code index}. */
    public float[] array(int index) {
        return arrays[index];
    }

    /** The variable at {@code index}. */
    public Variable variable(int index) {
        return variables.get(index);
    }
}
