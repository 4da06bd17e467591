package org.hebb.simulator;

import java.util.ArrayList;
import java.util.List;

import org.hebb.simulator.run.RunawayDetector;

/**
 * A network's warnings: kept for {@link Network#warnings()} up to {@link Network#MAX_WARNINGS} and counted beyond,
 * logged up to {@link Network#MAX_LOGGED_WARNINGS} (under the network's logger) and then once more to say the log
 * gets no more. The first runaway warning logged carries {@link RunawayDetector#ADVICE}; the kept ones never do.
 */
final class NetworkWarnings {
    private static final System.Logger LOG = System.getLogger(Network.class.getName());

    private final List<String> kept = new ArrayList<>();
    private long leftOut;
    private long logged;
    private boolean runawayAdviceLogged;

    /** Keeps and logs {@code warning}. */
    void warn(String warning) {
        warn(warning, warning);
    }

    /** Keeps and logs a runaway warning, the first one logged with what to do about it. */
    void warnOfRunaway(String warning) {
        boolean first = !runawayAdviceLogged && logged < Network.MAX_LOGGED_WARNINGS;
        runawayAdviceLogged |= first;
        warn(warning, first ? warning + "; " + RunawayDetector.ADVICE : warning);
    }

    private void warn(String warning, String logText) {
        if (logged < Network.MAX_LOGGED_WARNINGS) {
            LOG.log(System.Logger.Level.WARNING, logText);
        } else if (logged == Network.MAX_LOGGED_WARNINGS) {
            LOG.log(System.Logger.Level.WARNING, "this network has logged " + Network.MAX_LOGGED_WARNINGS
                    + " warnings and logs no more: Network.warnings() keeps the first " + Network.MAX_WARNINGS
                    + " and counts the rest");
        }
        logged++;
        keep(warning);
    }

    private void keep(String warning) {
        if (kept.size() < Network.MAX_WARNINGS) {
            kept.add(warning);
        } else {
            leftOut++;
        }
    }

    /** The kept warnings, oldest first, then an entry counting those left out, if any; unmodifiable. */
    List<String> snapshot() {
        List<String> all = new ArrayList<>(kept);
        if (leftOut > 0) {
            all.add(leftOut + " more warnings were given but not kept");
        }
        return List.copyOf(all);
    }

    /** The kept warnings, oldest first, without the count of those left out; unmodifiable. */
    List<String> kept() {
        return List.copyOf(kept);
    }

    /** How many warnings were given beyond those kept. */
    long leftOut() {
        return leftOut;
    }

    /**
     * Takes a saved network's warnings as these, as if given and logged here: a resumed run logs no more than the
     * uninterrupted one would.
     */
    void restore(List<String> savedKept, long savedLeftOut) {
        kept.clear();
        leftOut = savedLeftOut;
        savedKept.forEach(this::keep);
        logged = kept.size() + leftOut;
    }
}
