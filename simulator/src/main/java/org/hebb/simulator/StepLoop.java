package org.hebb.simulator;

import java.util.List;
import java.util.function.Consumer;

import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.run.Checker;
import org.hebb.simulator.run.Progress;
import org.hebb.simulator.run.ProgressListener;
import org.hebb.simulator.run.SimulationAbortedException;
import org.hebb.simulator.run.StepCallback;

/**
 * The steps of one run of a network, or of one interval of a run with checkpoints: the engine advances in batches
 * that end where a monitor observes it, the monitors record every completed step, then the step callbacks and the
 * checkers follow, and progress is reported about every interval. The monitors end their run even when it fails.
 */
final class StepLoop {
    private final Engine engine;
    private final double dt;
    private final MonitorEntry[] recorders;
    private final StepCallback[] afterStep;
    private final Checker[] checks;
    private final Consumer<RuntimeException> onStepFailure;

    /**
     * @param onStepFailure told of a failure inside an engine step (before it is thrown), which leaves partitions
     *                      out of step
     */
    StepLoop(Engine engine, double dt, List<MonitorEntry> monitors, List<StepCallback> callbacks,
             List<Checker> checkers, Consumer<RuntimeException> onStepFailure) {
        this.engine = engine;
        this.dt = dt;
        this.recorders = monitors.toArray(new MonitorEntry[0]);
        this.afterStep = callbacks.toArray(new StepCallback[0]);
        this.checks = checkers.toArray(new Checker[0]);
        this.onStepFailure = onStepFailure;
    }

    /**
     * Runs {@code steps} steps, reporting progress to {@code listener} (may be null) about every
     * {@code progressIntervalSeconds} of wall-clock time.
     *
     * @throws SimulationAbortedException if a checker stops the run
     */
    void run(long steps, ProgressListener listener, double progressIntervalSeconds) {
        for (Checker checker : checks) {
            // a report left by a run that a failing monitor ended first belongs to that run
            checker.takeViolation();
        }
        engine.runStarting();
        long start = System.nanoTime();
        long firstStep = engine.currentStep();
        report(listener, 0, steps, start);
        long nextReport = start + (long) (progressIntervalSeconds * 1e9);
        Throwable failure = null;
        try {
            // without step callbacks, monitors may take a batch of steps at once (see Engine.spikeHistorySteps)
            int batch = afterStep.length == 0 ? Math.max(1, engine.spikeHistorySteps()) : 1;
            int pending = 0;
            long nextClockCheck = 256;
            for (long s = 0; s < steps; ) {
                int run = unobservedRun((int) Math.min(batch - pending, steps - s));
                advance(run);
                s += run;
                pending += run;
                if (pending == batch || s == steps || observed(engine.currentStep() - 1)) {
                    afterSteps(pending);
                    pending = 0;
                }
                if (listener != null && s >= nextClockCheck) {
                    nextClockCheck = s + 256;
                    if (System.nanoTime() >= nextReport) {
                        report(listener, engine.currentStep() - firstStep, steps, start);
                        nextReport = System.nanoTime() + (long) (progressIntervalSeconds * 1e9);
                    }
                }
            }
            engine.runEnded();
            for (Checker checker : checks) {
                checker.runEnding(engine.currentStep() - 1);
            }
            stopOnViolation(false);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            endRun(failure);
        }
        report(listener, steps, steps, start);
    }

    /**
     * Engine steps; a failure inside one goes to {@code onStepFailure} first.
     *
     * @param count steps, after all but the last of which no monitor observes the engine
     */
    private void advance(int count) {
        try {
            engine.steps(count);
        } catch (RuntimeException e) {
            onStepFailure.accept(e);
            throw e;
        }
    }

    /** Lets every monitor flush, even when one fails; failures after the first are attached to it. */
    private void endRun(Throwable primary) {
        RuntimeException first = null;
        for (MonitorEntry m : recorders) {
            try {
                m.monitor().runEnded();
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * How many steps to run before the engine is next observed: the steps up to and including the first one after
     * which a monitor observes it, at most {@code limit}.
     */
    private int unobservedRun(int limit) {
        long first = engine.currentStep();
        for (int k = 0; k < limit - 1; k++) {
            if (observed(first + k)) {
                return k + 1;
            }
        }
        return limit;
    }

    private boolean observed(long step) {
        for (MonitorEntry m : recorders) {
            if (m.monitor().observesEngineAfter(step)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands the last {@code count} completed steps, in order, to the monitors and the step callbacks (only ever
     * one step when there are callbacks), then lets the checkers stop the run. The engine is as it was after the
     * last of them only, so a batch always ends at a step a monitor observes the engine after.
     */
    private void afterSteps(int count) {
        long last = engine.currentStep() - 1;
        RuntimeException failed = null;
        for (long completed = last - count + 1; completed <= last; completed++) {
            for (MonitorEntry m : recorders) {
                if (m.monitor().readsStateAfter(completed)) {
                    engine.synchronizeState((NeuronPopulation) m.population());
                }
                if (m.monitor().readsRulesAfter(completed)) {
                    engine.synchronizeRules();
                }
                // a monitor that fails (a full disk) does not cost the others the steps they would miss after it
                try {
                    m.monitor().record(completed, engine.spikes(m.population(), completed));
                } catch (RuntimeException e) {
                    if (failed == null) {
                        failed = e;
                    } else if (failed != e) {
                        failed.addSuppressed(e);
                    }
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        double timeMs = engine.currentStep() * dt;
        for (StepCallback callback : afterStep) {
            callback.afterStep(last, timeMs);
        }
        stopOnViolation(true);
    }

    /**
     * Throws the first violation a checker found, at the time the engine has reached; where the run stops before its
     * last step ({@code endsEngineRun}), the engine ends the run first, so that the rules' arrays hold the state at
     * that step on every backend, as between any two runs.
     */
    private void stopOnViolation(boolean endsEngineRun) {
        for (int c = 0; c < checks.length; c++) {
            String violation = checks[c].takeViolation();
            if (violation != null) {
                SimulationAbortedException stop = new SimulationAbortedException(violation, engine.currentStep() * dt);
                // the other checkers' reports of this step go with it, so that none is left to stop the next run
                for (int other = c + 1; other < checks.length; other++) {
                    String also = checks[other].takeViolation();
                    if (also != null) {
                        stop.addSuppressed(new SimulationAbortedException(also, engine.currentStep() * dt));
                    }
                }
                if (endsEngineRun) {
                    try {
                        engine.runEnded();
                    } catch (RuntimeException e) {
                        stop.addSuppressed(e);
                    }
                }
                throw stop;
            }
        }
    }

    private void report(ProgressListener listener, long done, long total, long startNanos) {
        if (listener == null) {
            return;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double fraction = (double) done / total;
        double eta = done == 0 ? Double.NaN : elapsed * (total - done) / done;
        listener.onProgress(new Progress(fraction, done * dt, total * dt, elapsed, eta));
    }
}
