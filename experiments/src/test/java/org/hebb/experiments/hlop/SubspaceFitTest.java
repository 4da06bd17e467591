package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The fit of learnt rows to the principal subspace of the activity, against cases whose angles and variance
 * fractions are known: rows at a given angle to the plane the activity spans, more rows than directions of activity,
 * no activity at all, and rows of an earlier task removed first.
 */
class SubspaceFitTest {
    private static final double E = 1e-9;

    private static SubspaceFit fitOf(float[]... activity) {
        SubspaceFit fit = new SubspaceFit(activity[0].length);
        for (float[] a : activity) {
            fit.add(a);
        }
        return fit;
    }

    @Test
    void rowsTiltedOutOfTheActivitysPlaneByAKnownAngle() {
        // activity isotropic in the plane of e1 and e2; the rows e1 and e2 turned 30 degrees towards e3
        SubspaceFit fit = fitOf(new float[] {2, 0, 0}, new float[] {0, 2, 0}, new float[] {-2, 0, 0},
                new float[] {0, -2, 0});
        double angle = Math.toRadians(30);
        double[] rows = {1, 0, 0, 0, Math.cos(angle), Math.sin(angle)};
        double[] measures = fit.fit(rows, 2, 0);
        assertArrayEquals(new double[] {30, (1 + Math.cos(angle) * Math.cos(angle)) / 2, 30}, measures, E);
    }

    @Test
    void moreRowsThanDirectionsOfActivityFitWhenTheyHoldThem() {
        // the activity lies along e1 alone: any two rows that hold e1 hold all of it
        SubspaceFit fit = fitOf(new float[] {1, 0, 0}, new float[] {3, 0, 0});
        for (double[] rows : new double[][] {{1, 0, 0, 0, 1, 0}, {1, 0, 0, 0, 0, 1},
                {1, 0, 0, 0, Math.sqrt(0.5), Math.sqrt(0.5)}}) {
            assertArrayEquals(new double[] {0, 1, 0}, fit.fit(rows, 2, 0), E, "rows " + Arrays.toString(rows));
        }
        // and rows that miss it by 60 degrees miss it by 60 degrees, whatever the second row
        double[] tilted = {0.5, Math.sqrt(0.75), 0, 0, 0, 1};
        assertArrayEquals(new double[] {60, 0.25, 60}, fit.fit(tilted, 2, 0), E);
    }

    @Test
    void noActivityHasNoFit() {
        SubspaceFit fit = fitOf(new float[3], new float[3]);
        double[] measures = fit.fit(new double[] {1, 0, 0, 0, 1, 0}, 2, 0);
        for (double m : measures) {
            assertTrue(Double.isNaN(m), "no activity, no angle nor variance fraction: " + Arrays.toString(measures));
        }
    }

    @Test
    void theRowsOfEarlierTasksAreRemovedFirst() {
        // frozen row e1; the activity spans e1 and e2, so what is left for the new row is e2
        SubspaceFit fit = fitOf(new float[] {1, 1, 0}, new float[] {2, -1, 0});
        assertArrayEquals(new double[] {0, 1, 0}, fit.fit(new double[] {1, 0, 0, 0, 1, 0}, 2, 1), E);
        double[] measures = fit.fit(new double[] {1, 0, 0, 0, 0, 1}, 2, 1);
        assertEquals(90, measures[0], E, "a new row along e3 misses it entirely");
        assertEquals(0, measures[1], E);
    }
}
