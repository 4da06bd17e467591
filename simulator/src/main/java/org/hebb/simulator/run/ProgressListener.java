package org.hebb.simulator.run;

import java.util.Locale;

/**
 * Receives progress reports during a run: always at the start (fraction 0) and at completion (fraction 1), and
 * in between about once per reporting interval of wall-clock time.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Called on the engine's coordinating thread; should return quickly. */
    void onProgress(Progress progress);

    /** A listener that prints one line per report to standard error. */
    static ProgressListener printing(String label) {
        return p -> System.err.printf(Locale.ROOT, "%s: %5.1f%% (%.0f of %.0f ms simulated, %.1f s elapsed, ETA %s)%n",
                label, 100 * p.fraction(), p.simulatedMs(), p.durationMs(), p.elapsedSeconds(),
                Double.isNaN(p.etaSeconds()) ? "unknown" : String.format(Locale.ROOT, "%.1f s", p.etaSeconds()));
    }
}
