package org.hebb.experiments;

/**
 * Whether the program that {@link HebbCommand#execute} runs on this thread has started its work. A program marks
 * the start ({@link #workStarts}) once its checks are done, before it builds, simulates or trains anything: an
 * IllegalArgumentException thrown before then is a command line refused before any work (exit code
 * {@value HebbCommand#EXIT_REFUSED}), one thrown after it a failed run (exit code {@value HebbCommand#EXIT_FAILED}).
 * Outside {@link HebbCommand#execute} (a program called from Java), marking does nothing.
 */
public final class RunPhase {
    /** Per thread, the running command's flag (null outside {@link HebbCommand#execute}). */
    private static final ThreadLocal<boolean[]> STARTED = new ThreadLocal<>();

    private RunPhase() {
    }

    /**
     * Marks that the running program's work starts: from now on an error, whatever its type, is a failure of the
     * run. Call it on the thread that runs the program, once its options, data and output directory are checked.
     */
    public static void workStarts() {
        boolean[] started = STARTED.get();
        if (started != null) {
            started[0] = true;
        }
    }

    /** Starts a command on this thread, its work not yet started; returns the enclosing command's flag. */
    static boolean[] begin() {
        boolean[] enclosing = STARTED.get();
        STARTED.set(new boolean[1]);
        return enclosing;
    }

    /** Whether the command running on this thread has started its work. */
    static boolean hasWorkStarted() {
        boolean[] started = STARTED.get();
        return started != null && started[0];
    }

    /** Ends the command started by {@link #begin}, restoring the enclosing one's flag. */
    static void end(boolean[] enclosing) {
        if (enclosing == null) {
            STARTED.remove();
        } else {
            STARTED.set(enclosing);
        }
    }
}
