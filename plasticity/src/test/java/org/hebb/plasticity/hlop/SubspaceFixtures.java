package org.hebb.plasticity.hlop;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/** Random subspaces, low-rank data and principal angles for the subspace tests. Bases are N x k matrices. */
final class SubspaceFixtures {
    private SubspaceFixtures() {
    }

    static ContinuousSampler gaussian(long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        return ZigguratSampler.NormalizedGaussian.of(random);
    }

    /** k orthonormal columns spanning a uniformly random k-dimensional subspace of R^n. */
    static RealMatrix randomOrthonormalColumns(int n, int k, ContinuousSampler gaussian) {
        RealMatrix m = gaussianMatrix(n, k, gaussian);
        return new QRDecomposition(m).getQ().getSubMatrix(0, n - 1, 0, k - 1);
    }

    static RealMatrix gaussianMatrix(int rows, int columns, ContinuousSampler gaussian) {
        RealMatrix m = new Array2DRowRealMatrix(rows, columns);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                m.setEntry(i, j, gaussian.sample());
            }
        }
        return m;
    }

    /** An orthonormal basis (n x rows) of the row space of a flat row-major rows x n matrix. */
    static RealMatrix rowSpace(double[] flat, int rows, int n) {
        RealMatrix transposed = new Array2DRowRealMatrix(n, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                transposed.setEntry(j, i, flat[i * n + j]);
            }
        }
        return new QRDecomposition(transposed).getQ().getSubMatrix(0, n - 1, 0, rows - 1);
    }

    /** Rows {@code from .. to-1} of a flat row-major matrix with n columns. */
    static double[] rowRange(double[] flat, int n, int from, int to) {
        double[] out = new double[(to - from) * n];
        System.arraycopy(flat, from * n, out, 0, out.length);
        return out;
    }

    /** An orthonormal basis of the span of the columns of both bases. */
    static RealMatrix sumOfSubspaces(RealMatrix a, RealMatrix b) {
        int n = a.getRowDimension();
        int k = a.getColumnDimension() + b.getColumnDimension();
        RealMatrix joined = new Array2DRowRealMatrix(n, k);
        joined.setSubMatrix(a.getData(), 0, 0);
        joined.setSubMatrix(b.getData(), 0, a.getColumnDimension());
        return new QRDecomposition(joined).getQ().getSubMatrix(0, n - 1, 0, k - 1);
    }

    /**
     * The largest principal angle, in degrees, between span(q1) and its closest subspace of span(q2) (both
     * orthonormal, q1 with at most as many columns as q2): arccos of the smallest singular value of q1^T q2.
     */
    static double largestPrincipalAngleDegrees(RealMatrix q1, RealMatrix q2) {
        double[] cosines = new SingularValueDecomposition(q1.transpose().multiply(q2)).getSingularValues();
        double smallest = cosines[cosines.length - 1];
        return Math.toDegrees(Math.acos(Math.min(1, smallest)));
    }

    /** The top-k left singular vectors (n x k) of the n x samples matrix whose columns are {@code data}. */
    static RealMatrix leftSingularSubspace(float[][] data, int k) {
        int n = data[0].length;
        RealMatrix m = new Array2DRowRealMatrix(n, data.length);
        for (int s = 0; s < data.length; s++) {
            for (int j = 0; j < n; j++) {
                m.setEntry(j, s, data[s][j]);
            }
        }
        return new SingularValueDecomposition(m).getU().getSubMatrix(0, n - 1, 0, k - 1);
    }

    /** Samples x = basis z + noise, z_i ~ N(0, sd_i^2), noise ~ N(0, noiseSd^2) per element. */
    static float[][] lowRankSamples(RealMatrix basis, double[] sd, double noiseSd, int count,
            ContinuousSampler gaussian) {
        int n = basis.getRowDimension();
        float[][] samples = new float[count][n];
        double[] z = new double[sd.length];
        for (float[] x : samples) {
            for (int i = 0; i < sd.length; i++) {
                z[i] = sd[i] * gaussian.sample();
            }
            for (int j = 0; j < n; j++) {
                double value = noiseSd * gaussian.sample();
                for (int i = 0; i < sd.length; i++) {
                    value += basis.getEntry(j, i) * z[i];
                }
                x[j] = (float) value;
            }
        }
        return samples;
    }

    /**
     * An orthonormal basis at principal angles all equal to arccos(overlap) from {@code a}: columns
     * overlap * a R + sqrt(1 - overlap^2) * c, where R is a random orthogonal k x k matrix and c (n x k) is
     * orthonormal and orthogonal to a.
     */
    static RealMatrix tiltedSubspace(RealMatrix a, RealMatrix c, double overlap, ContinuousSampler gaussian) {
        int k = a.getColumnDimension();
        RealMatrix rotation = randomOrthonormalColumns(k, k, gaussian);
        return a.multiply(rotation).scalarMultiply(overlap).add(c.scalarMultiply(Math.sqrt(1 - overlap * overlap)));
    }

    /** Learns {@code epochs} passes over {@code data} in consecutive batches of {@code batchSize}. */
    static void learnEpochs(HebbianSubspace subspace, float[][] data, int batchSize, int epochs) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int start = 0; start + batchSize <= data.length; start += batchSize) {
                subspace.learn(java.util.Arrays.copyOfRange(data, start, start + batchSize));
            }
        }
    }

    /** Largest |(H H^T - I)_{ik}| over the rows of the subspace. */
    static double orthonormalityError(HebbianSubspace subspace) {
        double[] h = subspace.weights();
        int n = subspace.dimension();
        int m = subspace.rows();
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += h[i * n + j] * h[k * n + j];
                }
                worst = Math.max(worst, Math.abs(dot - (i == k ? 1 : 0)));
            }
        }
        return worst;
    }
}
