package org.hebb.simulator.monitor;

import java.nio.file.Path;
import java.util.Optional;

import org.hebb.simulator.engine.SpikeView;

/**
 * Records something about one population after every step. Monitors run on the engine's coordinating thread,
 * after all partitions have finished the step, and must not change the simulation.
 */
public interface Monitor {
    /**
     * Records the step just completed.
     *
     * @param step   the step's index (its start time is step * dt)
     * @param spikes the spikes the monitored population emitted in that step
     */
    void record(long step, SpikeView spikes);

    /**
     * Whether {@link #record} of {@code step} reads the population's state arrays; the event-driven engine then
     * brings them to the end of the step first (it otherwise updates a neuron only at its events).
     */
    default boolean readsStateAfter(long step) {
        return false;
    }

    /**
     * Whether {@link #record} of {@code step} looks at the engine as it is right after that step (its state, by
     * any means), so that the network must call it before running the next step instead of handing it a batch of
     * steps later (see {@link org.hebb.simulator.engine.Engine#spikeHistorySteps()}).
     */
    default boolean observesEngineAfter(long step) {
        return readsStateAfter(step) || readsRulesAfter(step);
    }

    /**
     * Whether {@link #record} of {@code step} reads plasticity rules' state, so that an engine that keeps it
     * elsewhere (on a device) must copy it into the rules' arrays first.
     */
    default boolean readsRulesAfter(long step) {
        return false;
    }

    /** Memory held by recorded data, in bytes. */
    long memoryBytes();

    /**
     * How the recordings are laid out, in words (how many neurons or elements, variables, interval, bin): what a
     * monitor that restores them from a checkpoint must share besides its kind and population, or "" if nothing.
     * Lists of indices, which can be long, are not part of it: a monitor saves them with its recordings and refuses
     * other ones on a restore (the built-in spike, state and rule-state monitors do).
     */
    default String recordingLayout() {
        return "";
    }

    /**
     * Drops everything recorded so far, as if the monitor had just been added. The network calls it when it restores
     * a checkpoint that does not hold this monitor's recordings (a monitor added after the saved network's, or one
     * whose recordings are not saved), before {@link #restored}: a monitor that goes on from what it recorded before
     * the restore would mix two runs (a rate checker would judge a window of both). A stream file is left to
     * {@link #restored}. Nothing by default.
     */
    default void dropRecordings() {
    }

    /** Called once when a run ends (normally or not): flush buffered output. */
    default void runEnded() {
    }

    /** Called when the network is closed: release files. */
    default void close() {
    }

    /**
     * Called after the network restored a checkpoint taken with its clock at {@code nextStep} (the index of the
     * next step): a monitor streaming to a file goes on with what that file held up to then.
     */
    default void restored(long nextStep) {
    }

    /** The file this monitor streams to, if any. */
    default Optional<Path> streamFile() {
        return Optional.empty();
    }

    /**
     * Where a built-in monitor streaming to {@code file} writes as a run goes, before the run's end copies it to the
     * file: {@code <file>.partial} beside it.
     */
    static Path partialCopyOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }
}
