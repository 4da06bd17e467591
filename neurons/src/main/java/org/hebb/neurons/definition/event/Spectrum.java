package org.hebb.neurons.definition.event;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The eigenvalues of a linear system's matrix, which must be real and negative for the event-driven engine: the
 * diagonal, exactly, when the variables can be ordered so that each depends only on earlier ones (the LIF family:
 * synaptic variables feeding the membrane), otherwise a numerical eigendecomposition.
 */
final class Spectrum {
    private Spectrum() {
    }

    /**
     * The eigenvalues of {@code a} (per ms), repeated as often as they occur.
     *
     * @param variables the names of a's rows and columns, for messages
     * @param model     the model's name, for messages
     * @throws IllegalArgumentException when one is complex (oscillating dynamics) or not negative (no decay)
     */
    static double[] of(double[][] a, List<String> variables, String model) {
        int n = a.length;
        if (triangular(a)) {
            double[] diagonal = new double[n];
            for (int i = 0; i < n; i++) {
                diagonal[i] = a[i][i];
                if (!(diagonal[i] < 0)) {
                    throw new IllegalArgumentException(model + " has no closed form between events: d"
                            + variables.get(i) + "/dt does not decay (its coefficient of " + variables.get(i)
                            + " is " + diagonal[i] + " per ms; the event-driven engine needs every variable to decay)");
                }
            }
            return diagonal;
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(a));
        double[] real = eigen.getRealEigenvalues();
        double[] imaginary = eigen.getImagEigenvalues();
        for (int k = 0; k < n; k++) {
            if (imaginary[k] != 0 || !(real[k] < 0)) {
                throw new IllegalArgumentException(model + " has no closed form between events: the linear system of "
                        + variables + " has the eigenvalue " + real[k] + (imaginary[k] != 0 ? " + " + imaginary[k]
                        + "i" : "") + " per ms; the event-driven engine needs real, negative eigenvalues "
                        + "(dynamics that decay without oscillating): eigenvalues " + Arrays.toString(real));
            }
        }
        return real;
    }

    /** Whether the dependencies between distinct variables have no cycle. */
    private static boolean triangular(double[][] a) {
        int n = a.length;
        boolean[] placed = new boolean[n];
        for (int round = 0; round < n; round++) {
            int next = -1;
            for (int i = 0; i < n && next < 0; i++) {
                if (placed[i]) {
                    continue;
                }
                boolean free = true;
                for (int j = 0; j < n; j++) {
                    free &= j == i || placed[j] || a[i][j] == 0;
                }
                if (free) {
                    next = i;
                }
            }
            if (next < 0) {
                return false;
            }
            placed[next] = true;
        }
        return true;
    }
}
