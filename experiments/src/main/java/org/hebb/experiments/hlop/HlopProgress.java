package org.hebb.experiments.hlop;

import java.util.Arrays;

import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.random.Seeds;

/**
 * How far a run has got: the training phases done, the test accuracies after each, the wall time so far; saved
 * with the network's checkpoint, together with a digest of the settings that a resumed run must match.
 */
final class HlopProgress implements Checkpointed {
    /**
     * The version of the code that makes a run's inputs and learning, part of the digest a resumed run must match.
     * Bump it when a change makes other spikes or weights from the same settings and data (the network, its
     * dynamics or rules, any random stream); changes that give the same values bit for bit need none. Version 1,
     * before 2026-12-06, drew the pixels' Bernoulli inputs from 24-bit uniforms.
     */
    static final int GENERATOR_VERSION = 2;
    static final int FIT_MEASURES = 6;
    private final int tasks;
    private final int phases;
    private final long settingsDigest;
    private long savedDigest;
    private int phasesDone;
    /** Accuracy on task j after phase i at {@code i * tasks + j}; NaN until measured. */
    private final double[] accuracy;
    private final double[] wallSeconds = new double[1];
    /** Per task, the subspace fit of the input layer, then of the hidden layer ({@link SubspaceFit#fit}). */
    private final double[] fits;

    HlopProgress(HlopSettings settings) {
        this.tasks = settings.tasks();
        this.phases = settings.variant() == HlopVariant.MULTITASK ? 1 : tasks;
        this.settingsDigest = digest(settings, GENERATOR_VERSION);
        this.savedDigest = settingsDigest;
        this.accuracy = new double[phases * tasks];
        Arrays.fill(accuracy, Double.NaN);
        this.fits = new double[tasks * FIT_MEASURES];
        Arrays.fill(fits, Double.NaN);
    }

    /** Keyed by the version less one, so that version 1's digests are those written before versions existed. */
    static long digest(HlopSettings settings, int generatorVersion) {
        return Seeds.derive(generatorVersion - 1L, settings.fingerprint());
    }

    @Override
    public void checkpoint(StateVisitor state) {
        savedDigest = state.scalar("settings_digest", settingsDigest);
        phasesDone = (int) state.scalar("phases_done", phasesDone);
        state.doubles("accuracy", accuracy);
        state.doubles("wall_seconds", wallSeconds);
        state.doubles("subspace_fit", fits);
    }

    /** Refuses a checkpoint written by a run with other settings, or by another version of Hebb's code. */
    void requireSettings(HlopSettings settings) {
        if (savedDigest != settingsDigest) {
            throw new IllegalArgumentException("the checkpoint in the output directory is of a run with other "
                    + "settings than " + settings.fingerprint() + ", or of another generator version than "
                    + GENERATOR_VERSION + " (an earlier Hebb drew other inputs): resume with the settings and the "
                    + "Hebb it was made with, or choose another --out");
        }
    }

    int phases() {
        return phases;
    }

    int phasesDone() {
        return phasesDone;
    }

    void record(int phase, double[] accuracies) {
        System.arraycopy(accuracies, 0, accuracy, phase * tasks, tasks);
        phasesDone = phase + 1;
    }

    /** The accuracies after each phase done, one row per phase. */
    double[][] accuracies() {
        double[][] rows = new double[phasesDone][];
        for (int i = 0; i < phasesDone; i++) {
            rows[i] = Arrays.copyOfRange(accuracy, i * tasks, (i + 1) * tasks);
        }
        return rows;
    }

    void recordFit(int task, double[] fit) {
        System.arraycopy(fit, 0, fits, task * FIT_MEASURES, FIT_MEASURES);
    }

    /** Measure {@code measure} of the subspace fit (see {@link #recordFit}) after each task. */
    double[] fit(int measure) {
        double[] values = new double[tasks];
        for (int k = 0; k < tasks; k++) {
            values[k] = fits[k * FIT_MEASURES + measure];
        }
        return values;
    }

    double wallSeconds() {
        return wallSeconds[0];
    }

    void setWallSeconds(double seconds) {
        wallSeconds[0] = seconds;
    }
}
