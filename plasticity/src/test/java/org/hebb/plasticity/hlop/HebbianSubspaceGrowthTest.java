package org.hebb.plasticity.hlop;

import static org.hebb.plasticity.hlop.SubspaceFixtures.largestPrincipalAngleDegrees;
import static org.hebb.plasticity.hlop.SubspaceFixtures.rowRange;
import static org.hebb.plasticity.hlop.SubspaceFixtures.rowSpace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;

/**
 * A second task grows the subspace: the first task's rows stay frozen bit for bit, the new rows capture what they
 * do not reconstruct, and together they span both tasks' input subspaces.
 */
class HebbianSubspaceGrowthTest {
    private static final int DIMENSION = 50;
    private static final int RANK = 3;
    private static final double[] SD = {2.0, 1.5, 1.0};
    private static final double NOISE_SD = 0.02;
    /** Cosine of every principal angle between the two tasks' subspaces (53.1 degrees). */
    private static final double OVERLAP = 0.6;

    @Test
    void secondTaskGrowsTheSubspaceAndLeavesFrozenRowsUnchanged() {
        ContinuousSampler gaussian = SubspaceFixtures.gaussian(21);
        RealMatrix both = SubspaceFixtures.randomOrthonormalColumns(DIMENSION, 2 * RANK, gaussian);
        RealMatrix basisA = both.getSubMatrix(0, DIMENSION - 1, 0, RANK - 1);
        RealMatrix newDirections = both.getSubMatrix(0, DIMENSION - 1, RANK, 2 * RANK - 1);
        RealMatrix basisB = SubspaceFixtures.tiltedSubspace(basisA, newDirections, OVERLAP, gaussian);
        float[][] taskA = SubspaceFixtures.lowRankSamples(basisA, SD, NOISE_SD, 1000, gaussian);
        float[][] taskB = SubspaceFixtures.lowRankSamples(basisB, SD, NOISE_SD, 1000, gaussian);

        HebbianSubspace subspace = HebbianSubspace.create(DIMENSION, 9);
        subspace.beginTask(RANK);
        SubspaceFixtures.learnEpochs(subspace, taskA, 20, 20);
        subspace.endTask();
        double[] frozen = subspace.weights();
        double angleA = largestPrincipalAngleDegrees(rowSpace(frozen, RANK, DIMENSION), basisA);

        subspace.beginTask(RANK);
        assertEquals(2 * RANK, subspace.rows());
        assertEquals(RANK, subspace.frozenRows());
        SubspaceFixtures.learnEpochs(subspace, taskB, 20, 20);
        assertArrayEquals(frozen, rowRange(subspace.weights(), DIMENSION, 0, RANK), 0.0,
                "frozen rows changed while the next task learned");
        // Measured before the merge, which would itself orthogonalise the new rows against A.
        double angleNew = largestPrincipalAngleDegrees(
                rowSpace(rowRange(subspace.weights(), DIMENSION, RANK, 2 * RANK), RANK, DIMENSION), newDirections);
        subspace.endTask();
        assertArrayEquals(frozen, rowRange(subspace.weights(), DIMENSION, 0, RANK), 0.0,
                "frozen rows changed when the next task merged");

        double[] grown = subspace.weights();
        double angleSum = largestPrincipalAngleDegrees(rowSpace(grown, 2 * RANK, DIMENSION),
                SubspaceFixtures.sumOfSubspaces(basisA, basisB));
        double angleBInGrown = largestPrincipalAngleDegrees(basisB, rowSpace(grown, 2 * RANK, DIMENSION));
        System.out.printf("growth (N=%d, tasks of rank %d at %.1f deg from each other): task A rows to A %.3f deg;"
                + " grown %d rows to A+B %.3f deg; new rows (before merging) to B's part orthogonal to A %.3f deg;"
                + " B inside grown %.3f deg%n", DIMENSION, RANK, Math.toDegrees(Math.acos(OVERLAP)), angleA,
                2 * RANK, angleSum, angleNew, angleBInGrown);

        assertTrue(angleA < 5, "task A rows to A: " + angleA + " deg");
        assertTrue(angleSum < 5, "grown rows to A+B: " + angleSum + " deg");
        assertTrue(angleNew < 5, "new rows to the part of B orthogonal to A: " + angleNew + " deg");
        assertTrue(SubspaceFixtures.orthonormalityError(subspace) < 1e-9,
                "merged rows must be orthonormal: " + SubspaceFixtures.orthonormalityError(subspace));
    }
}
