package org.hebb.benchmarks;

import java.util.Arrays;

/** The median, the statistic every whole-run comparison reports. */
final class Medians {
    private Medians() {
    }

    static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
