package org.hebb.plasticity.hlop;

import static org.hebb.plasticity.hlop.SubspaceFixtures.largestPrincipalAngleDegrees;
import static org.hebb.plasticity.hlop.SubspaceFixtures.rowSpace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;

/** Oja's subspace rule, as the module applies it, finds the principal subspace of low-rank data. */
class HebbianSubspacePrincipalSubspaceTest {
    private static final int DIMENSION = 50;
    private static final double[] SD = {3.0, 2.5, 2.0, 1.5, 1.0};
    private static final double NOISE_SD = 0.05;

    @Test
    void rowsConvergeToTopSingularSubspaceOfTheData() {
        ContinuousSampler gaussian = SubspaceFixtures.gaussian(11);
        RealMatrix basis = SubspaceFixtures.randomOrthonormalColumns(DIMENSION, SD.length, gaussian);
        float[][] data = SubspaceFixtures.lowRankSamples(basis, SD, NOISE_SD, 2000, gaussian);
        RealMatrix top = SubspaceFixtures.leftSingularSubspace(data, SD.length);

        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 7);
        subspace.beginTask(SD.length);
        double before = largestPrincipalAngleDegrees(rowSpace(subspace.weights(), SD.length, DIMENSION), top);
        SubspaceFixtures.learnEpochs(subspace, data, 20, 10);
        RealMatrix learned = rowSpace(subspace.weights(), SD.length, DIMENSION);
        double after = largestPrincipalAngleDegrees(learned, top);
        double afterTrue = largestPrincipalAngleDegrees(learned, basis);
        double orthonormality = SubspaceFixtures.orthonormalityError(subspace);
        System.out.printf("principal subspace (N=%d, M=%d, 10 epochs x 100 batches of 20): largest principal angle"
                + " to top-%d singular subspace %.2f deg before, %.3f deg after (%.3f deg to the generating basis);"
                + " max |H H^T - I| = %.2e%n", DIMENSION, SD.length, SD.length, before, after, afterTrue,
                orthonormality);

        assertTrue(before > 45, "random initial rows should be far from the data subspace: " + before + " deg");
        assertTrue(after < 5, "largest principal angle after learning: " + after + " deg");
        assertTrue(orthonormality < 0.05, "Oja's rule should leave the rows near orthonormal: " + orthonormality);
    }

    @Test
    void learningOneVectorEqualsLearningABatchOfOne() {
        ContinuousSampler gaussian = SubspaceFixtures.gaussian(3);
        RealMatrix basis = SubspaceFixtures.randomOrthonormalColumns(DIMENSION, SD.length, gaussian);
        float[][] data = SubspaceFixtures.lowRankSamples(basis, SD, NOISE_SD, 50, gaussian);
        HebbianSubspace single = HebbianSubspace.create(DIMENSION, 5);
        HebbianSubspace batched = HebbianSubspace.create(DIMENSION, 5);
        single.beginTask(3);
        batched.beginTask(3);
        for (float[] x : data) {
            single.learn(x);
            batched.learn(new float[][] {x});
        }
        assertArrayEquals(batched.weights(), single.weights(), 0.0);
    }

    @Test
    void sameSeedGivesSameRowsAndDifferentSeedsDiffer() {
        HebbianSubspace a = HebbianSubspace.create(DIMENSION, 42);
        HebbianSubspace b = HebbianSubspace.create(DIMENSION, 42);
        HebbianSubspace c = HebbianSubspace.create(DIMENSION, 43);
        a.beginTask(4);
        b.beginTask(4);
        c.beginTask(4);
        assertArrayEquals(a.weights(), b.weights(), 0.0);
        assertTrue(a.weights()[0] != c.weights()[0], "different seeds should give different initial rows");
        assertTrue(SubspaceFixtures.orthonormalityError(a) < 1e-12, "initial rows must be orthonormal");
    }
}
