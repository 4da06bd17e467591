package org.hebb.experiments.analysis;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hebb.util.Require;

/** Principal subspaces of activity and principal angles between subspaces. */
public final class Subspaces {
    private Subspaces() {
    }

    /**
     * The leading principal directions of {@code samples} (rows: observations, columns: dimensions, centred here)
     * that together explain at least {@code varianceFraction} of the variance, as orthonormal columns.
     */
    public static RealMatrix principalBasis(double[][] samples, double varianceFraction) {
        Require.inRange("variance fraction", varianceFraction, 0, 1, null);
        SingularValueDecomposition svd = secondMoment(samples, true);
        double[] variance = svd.getSingularValues();
        double total = 0;
        for (double v : variance) {
            total += v;
        }
        double explained = 0;
        int keep = 0;
        while (keep < variance.length && explained < varianceFraction * total) {
            explained += variance[keep];
            keep++;
        }
        return leading(svd, Math.max(1, keep));
    }

    /**
     * The {@code k} leading right singular vectors of {@code samples} (rows: observations), not centred, as
     * orthonormal columns: the subspace Oja's subspace rule converges to on these samples.
     */
    public static RealMatrix leadingBasis(double[][] samples, int k) {
        Require.inRange("k", k, 1, samples[0].length);
        return leading(secondMoment(samples, false), k);
    }

    private static RealMatrix leading(SingularValueDecomposition svd, int k) {
        return svd.getV().getSubMatrix(0, svd.getV().getRowDimension() - 1, 0, k - 1);
    }

    /** The SVD of the samples' second-moment matrix (their covariance when {@code centre}). */
    private static SingularValueDecomposition secondMoment(double[][] samples, boolean centre) {
        Require.that(samples.length >= 2, "at least 2 samples are needed, got " + samples.length);
        int n = samples[0].length;
        double[] mean = new double[n];
        if (centre) {
            for (double[] row : samples) {
                for (int i = 0; i < n; i++) {
                    mean[i] += row[i] / samples.length;
                }
            }
        }
        double[][] moment = new double[n][n];
        double[] centred = new double[n];
        for (double[] row : samples) {
            for (int i = 0; i < n; i++) {
                centred[i] = row[i] - mean[i];
            }
            for (int i = 0; i < n; i++) {
                double ci = centred[i];
                if (ci != 0) {
                    double[] out = moment[i];
                    for (int j = 0; j < n; j++) {
                        out[j] += ci * centred[j];
                    }
                }
            }
        }
        // symmetric and positive semi-definite: its singular vectors are its eigenvectors
        return new SingularValueDecomposition(new Array2DRowRealMatrix(moment, false));
    }

    /**
     * The principal angles (degrees, smallest first) between the column spaces of {@code a} and {@code b}, each
     * given by any spanning columns (orthonormalised here).
     */
    public static double[] principalAnglesDeg(RealMatrix a, RealMatrix b) {
        Require.that(a.getRowDimension() == b.getRowDimension(), "subspaces of different dimensions: "
                + a.getRowDimension() + " and " + b.getRowDimension());
        RealMatrix qa = orthonormalColumns(a);
        RealMatrix qb = orthonormalColumns(b);
        double[] cosines = new SingularValueDecomposition(qa.transpose().multiply(qb)).getSingularValues();
        double[] angles = new double[cosines.length];
        for (int k = 0; k < cosines.length; k++) {
            angles[k] = Math.toDegrees(Math.acos(Math.min(1, cosines[k])));
        }
        return angles;
    }

    /**
     * The smallest principal angle (degrees) between the spans of {@code k} and {@code k} independent Gaussian
     * vectors in {@code dimension} dimensions, {@code samples} times: the null distribution for a measured angle.
     */
    public static double[] randomSmallestAnglesDeg(int dimension, int k, int samples, UniformRandomProvider random) {
        Require.atLeast("dimension", dimension, 1);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        double[] angles = new double[samples];
        for (int s = 0; s < samples; s++) {
            double[][] a = new double[dimension][k];
            double[][] b = new double[dimension][k];
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] = gaussian.sample();
                    b[i][j] = gaussian.sample();
                }
            }
            angles[s] = principalAnglesDeg(new Array2DRowRealMatrix(a, false),
                    new Array2DRowRealMatrix(b, false))[0];
        }
        return angles;
    }

    private static RealMatrix orthonormalColumns(RealMatrix m) {
        SingularValueDecomposition svd = new SingularValueDecomposition(m);
        int rank = svd.getRank();
        Require.that(rank > 0, "a subspace spanned by zero vectors has no angles");
        return svd.getU().getSubMatrix(0, m.getRowDimension() - 1, 0, rank - 1);
    }
}
