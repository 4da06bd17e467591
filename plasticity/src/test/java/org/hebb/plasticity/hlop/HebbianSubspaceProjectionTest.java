package org.hebb.plasticity.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;

/** The projection x - H_f^T H_f x: what it keeps, what it removes, and which rows it uses. */
class HebbianSubspaceProjectionTest {
    private static final int DIMENSION = 30;
    private static final double[] SD = {2.0, 1.5, 1.0};

    @Test
    void isTheIdentityUntilATaskEnds() {
        ContinuousSampler gaussian = SubspaceFixtures.gaussian(1);
        float[] x = randomVector(gaussian);
        float[] out = new float[DIMENSION];
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 2);
        subspace.project(x, out);
        assertArrayEquals(x, out, 0f, "no rows: identity");
        subspace.beginTask(3);
        subspace.learn(x);
        subspace.project(x, out);
        assertArrayEquals(x, out, 0f, "rows of the task in progress must not constrain updates");
    }

    @Test
    void removesTheLearnedSubspaceAndKeepsItsComplement() {
        ContinuousSampler gaussian = SubspaceFixtures.gaussian(4);
        RealMatrix both = SubspaceFixtures.randomOrthonormalColumns(DIMENSION, 6, gaussian);
        RealMatrix learnedBasis = both.getSubMatrix(0, DIMENSION - 1, 0, 2);
        RealMatrix otherBasis = both.getSubMatrix(0, DIMENSION - 1, 3, 5);
        HebbianSubspace subspace = trained(learnedBasis, gaussian);

        float[] inside = SubspaceFixtures.lowRankSamples(learnedBasis, SD, 0, 1, gaussian)[0];
        float[] outside = SubspaceFixtures.lowRankSamples(otherBasis, SD, 0, 1, gaussian)[0];
        float[] out = new float[DIMENSION];
        subspace.project(inside, out);
        double insideKept = norm(out) / norm(inside);
        subspace.project(outside, out);
        double outsideLost = distance(out, outside) / norm(outside);

        float[] x = randomVector(gaussian);
        float[] once = new float[DIMENSION];
        float[] twice = new float[DIMENSION];
        subspace.project(x, once);
        subspace.project(once, twice);
        double idempotence = distance(once, twice) / norm(once);
        System.out.printf("projection: |P x|/|x| inside the learned subspace %.2e; |P x - x|/|x| outside %.2e;"
                + " |P P x - P x|/|P x| %.2e%n", insideKept, outsideLost, idempotence);

        assertTrue(insideKept < 0.02, "inputs in the learned subspace should be removed: " + insideKept);
        assertTrue(outsideLost < 0.02, "inputs orthogonal to it should pass: " + outsideLost);
        assertTrue(idempotence < 1e-5, "merged rows are orthonormal, so P is a projector: " + idempotence);
    }

    @Test
    void inPlaceAndCallerScratchGiveTheSameResult() {
        ContinuousSampler gaussian = SubspaceFixtures.gaussian(5);
        RealMatrix basis = SubspaceFixtures.randomOrthonormalColumns(DIMENSION, 3, gaussian);
        HebbianSubspace subspace = trained(basis, gaussian);
        float[] x = randomVector(gaussian);
        float[] separate = new float[DIMENSION];
        subspace.project(x, separate);
        float[] withScratch = new float[DIMENSION];
        subspace.project(x, withScratch, new double[subspace.frozenRows()]);
        subspace.project(x, x);
        assertArrayEquals(separate, x, 0f);
        assertArrayEquals(separate, withScratch, 0f);
    }

    @Test
    void mergeWithoutOrthonormalisationFreezesRowsAsLearned() {
        ContinuousSampler gaussian = SubspaceFixtures.gaussian(6);
        RealMatrix basis = SubspaceFixtures.randomOrthonormalColumns(DIMENSION, 3, gaussian);
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 8,
                SubspaceLearningSettings.defaults().withOrthonormalizeOnMerge(false));
        subspace.beginTask(3);
        SubspaceFixtures.learnEpochs(subspace, SubspaceFixtures.lowRankSamples(basis, SD, 0, 200, gaussian), 20, 5);
        double[] learned = subspace.weights();
        subspace.endTask();
        assertArrayEquals(learned, subspace.weights(), 0.0);
    }

    private static HebbianSubspace trained(RealMatrix basis, ContinuousSampler gaussian) {
        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 3);
        subspace.beginTask(basis.getColumnDimension());
        SubspaceFixtures.learnEpochs(subspace, SubspaceFixtures.lowRankSamples(basis, SD, 0, 500, gaussian), 20, 20);
        subspace.endTask();
        return subspace;
    }

    private static float[] randomVector(ContinuousSampler gaussian) {
        float[] x = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            x[j] = (float) gaussian.sample();
        }
        return x;
    }

    private static double norm(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(sum);
    }
}
