package org.hebb.experiments.hlop;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.hebb.experiments.analysis.Subspaces;
import org.hebb.plasticity.hlop.HebbianSubspace;

/**
 * How well the rows a subspace module learnt during a task fit the principal subspace of that task's activity: the
 * second moment of the activity vectors it learnt from, with the span of the rows of earlier tasks removed (what
 * the new rows are meant to capture), against the new rows. Reports the largest principal angle between the rows
 * and as many leading eigenvectors, the fraction of the variance those eigenvectors hold that the rows hold, and the
 * largest angle between the {@value #LEADING} leading eigenvectors and the rows' span.
 */
final class SubspaceFit {
    /** The leading eigenvectors whose largest angle to the learnt rows is reported besides all of them. */
    static final int LEADING = 10;
    private final int dimension;
    /** Upper triangle of the sum of x x^T, row-major. */
    private final double[] moment;
    private long samples;

    SubspaceFit(int dimension) {
        this.dimension = dimension;
        this.moment = new double[dimension * dimension];
    }

    void add(float[] activity) {
        for (int i = 0; i < dimension; i++) {
            double xi = activity[i];
            if (xi == 0) {
                continue;
            }
            int row = i * dimension;
            for (int j = i; j < dimension; j++) {
                moment[row + j] += xi * activity[j];
            }
        }
        samples++;
    }

    /**
     * The fit of the rows {@code frozenBefore..rows()} of {@code subspace} (orthonormal, orthogonal to the rows
     * before them, as after a merge): {largest principal angle in degrees, fraction of variance, largest angle of
     * the leading eigenvectors in degrees}.
     */
    double[] fit(HebbianSubspace subspace, int frozenBefore) {
        return fit(subspace.weights(), subspace.rows(), frozenBefore);
    }

    /**
     * The fit of rows {@code frozenBefore..rows - 1} of {@code weights} ({@code rows x dimension}, row-major) to
     * the activity added so far, as {@link #fit(HebbianSubspace, int)}. Where the activity left after removing the
     * earlier rows spans fewer directions (its rank) than the rows, only that many eigenvectors are compared: the
     * others have eigenvalue 0 and are an arbitrary choice, not a principal subspace. With no such activity at all
     * the measures are NaN.
     */
    double[] fit(double[] weights, int rows, int frozenBefore) {
        int fresh = rows - frozenBefore;
        RealMatrix second = secondMoment();
        RealMatrix complement = MatrixUtils.createRealIdentityMatrix(dimension);
        if (frozenBefore > 0) {
            RealMatrix old = new Array2DRowRealMatrix(frozenBefore, dimension);
            for (int r = 0; r < frozenBefore; r++) {
                for (int c = 0; c < dimension; c++) {
                    old.setEntry(r, c, weights[r * dimension + c]);
                }
            }
            complement = complement.subtract(old.transpose().multiply(old));
        }
        RealMatrix residual = complement.multiply(second).multiply(complement);
        // symmetric and positive semi-definite: its singular vectors are its eigenvectors, largest first
        SingularValueDecomposition svd = new SingularValueDecomposition(residual);
        int compared = Math.min(fresh, svd.getRank());
        if (compared == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        RealMatrix leading = svd.getU().getSubMatrix(0, dimension - 1, 0, compared - 1);
        double leadingVariance = 0;
        for (int k = 0; k < compared; k++) {
            leadingVariance += svd.getSingularValues()[k];
        }
        RealMatrix learnt = new Array2DRowRealMatrix(dimension, fresh);
        for (int k = 0; k < fresh; k++) {
            for (int c = 0; c < dimension; c++) {
                learnt.setEntry(c, k, weights[(frozenBefore + k) * dimension + c]);
            }
        }
        double[] angles = Subspaces.principalAnglesDeg(learnt, leading);
        int top = Math.min(LEADING, compared);
        double[] leadingAngles = Subspaces.principalAnglesDeg(learnt, leading.getSubMatrix(0, dimension - 1, 0,
                top - 1));
        double learntVariance = learnt.transpose().multiply(residual).multiply(learnt).getTrace();
        return new double[] {angles[angles.length - 1], learntVariance / leadingVariance,
                leadingAngles[leadingAngles.length - 1]};
    }

    /** The eigenvalues of the second moment of the activity added so far, largest first. */
    double[] eigenvalues() {
        // symmetric and positive semi-definite: its singular values are its eigenvalues
        return new SingularValueDecomposition(secondMoment()).getSingularValues();
    }

    /** The mean of x x^T over the activity vectors added so far. */
    private RealMatrix secondMoment() {
        RealMatrix second = new Array2DRowRealMatrix(dimension, dimension);
        for (int i = 0; i < dimension; i++) {
            for (int j = i; j < dimension; j++) {
                double v = moment[i * dimension + j] / samples;
                second.setEntry(i, j, v);
                second.setEntry(j, i, v);
            }
        }
        return second;
    }
}
