package org.hebb.experiments.whatwhen;

import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.hebb.experiments.analysis.Subspaces;
import org.hebb.plasticity.hlop.HebbianSubspace;

/**
 * The subspace neurons learn the principal subspace of the cue-evoked activity from the exposure trials: the
 * subspace the "what" readouts then learn in and whose complement the "when" readouts' updates are projected onto.
 */
final class CueSubspace {
    /** Passes of the subspace neurons' rule over the cue-averaged exposure activity (one batch). */
    static final int PASSES = 2000;

    private CueSubspace() {
    }

    /**
     * Learns {@code rows} rows from the cue-evoked activity: the exposure trials of each cue averaged sample by
     * sample (the trial-to-trial noise, which fills every dimension, averages out), taken relative to their mean
     * (so that the rows span the directions in which the cues' activity varies, not the mean itself); then freezes
     * them.
     *
     * @param exposure per exposure trial, its activity samples (the same number in every trial)
     * @param cues     per exposure trial, the cue it showed
     * @return the largest principal angle between the learned rows and the leading principal subspace of that
     *         activity, degrees
     */
    static double learn(HebbianSubspace subspace, int rows, List<float[][]> exposure, int[] cues) {
        int n = subspace.dimension();
        int perTrial = exposure.get(0).length;
        double[][][] perCue = new double[WhatWhenSettings.CUES][perTrial][n];
        int[] trials = new int[WhatWhenSettings.CUES];
        for (int t = 0; t < exposure.size(); t++) {
            trials[cues[t]]++;
            for (int k = 0; k < perTrial; k++) {
                for (int j = 0; j < n; j++) {
                    perCue[cues[t]][k][j] += exposure.get(t)[k][j];
                }
            }
        }
        double[][] samples = new double[WhatWhenSettings.CUES * perTrial][];
        double[] mean = new double[n];
        for (int c = 0; c < WhatWhenSettings.CUES; c++) {
            for (int k = 0; k < perTrial; k++) {
                double[] x = perCue[c][k];
                for (int j = 0; j < n; j++) {
                    x[j] /= trials[c];
                    mean[j] += x[j] / samples.length;
                }
                samples[c * perTrial + k] = x;
            }
        }
        float[][] batch = new float[samples.length][n];
        for (int k = 0; k < samples.length; k++) {
            for (int j = 0; j < n; j++) {
                samples[k][j] -= mean[j];
                batch[k][j] = (float) samples[k][j];
            }
        }
        subspace.beginTask(rows);
        for (int pass = 0; pass < PASSES; pass++) {
            subspace.learn(batch);
        }
        subspace.endTask();
        RealMatrix learned = new Array2DRowRealMatrix(n, rows);
        double[] h = subspace.weights();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                learned.setEntry(j, r, h[r * n + j]);
            }
        }
        double[] angles = Subspaces.principalAnglesDeg(learned, Subspaces.leadingBasis(samples, rows));
        return angles[angles.length - 1];
    }
}
