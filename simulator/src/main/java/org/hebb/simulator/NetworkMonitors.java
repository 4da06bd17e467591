package org.hebb.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.run.Checker;

/**
 * A network's monitors in the order they were added, the checkers among them, and what a checkpoint keeps of
 * them: their recordings, and where a restore leaves each.
 */
final class NetworkMonitors {
    private final List<MonitorEntry> entries = new ArrayList<>();
    private final List<Checker> checkers = new ArrayList<>();

    /** Adds {@code monitor} of {@code population}, refused when it would stream to another monitor's file. */
    <M extends Monitor> M add(Population population, M monitor) {
        Optional<Path> file = monitor.streamFile();
        for (MonitorEntry e : entries) {
            Optional<Path> other = e.monitor().streamFile();
            if (file.isEmpty() || other.isEmpty()) {
                continue;
            }
            String streaming = "a monitor of " + (e.population() == null ? "a rule"
                    : "population '" + e.population().name() + "'") + " streams to ";
            String refused = "streamTo = '" + file.get() + "' is not allowed: ";
            if (sameFile(other.get(), file.get())) {
                throw new IllegalArgumentException(refused + streaming + "it already");
            }
            if (sameFile(Monitor.partialCopyOf(other.get()), file.get())
                    || sameFile(other.get(), Monitor.partialCopyOf(file.get()))) {
                throw new IllegalArgumentException(refused + streaming + "'" + other.get() + "', and one of the two "
                        + "files is the other's partial copy (<file>.partial)");
            }
        }
        entries.add(new MonitorEntry(population, monitor));
        if (monitor instanceof Checker checker) {
            checkers.add(checker);
        }
        return monitor;
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Every monitor, in the order added (the live list). */
    List<MonitorEntry> all() {
        return entries;
    }

    /** The checkers among the monitors, in the order added (the live list). */
    List<Checker> checkers() {
        return checkers;
    }

    /** The monitors whose recordings a checkpoint keeps, in the order they were added. */
    List<MonitorEntry> recorded() {
        return entries.stream().filter(e -> e.monitor() instanceof Checkpointed).toList();
    }

    /**
     * After a restore at step {@code step} that gave the first {@code restoredRecordings} recording monitors their
     * saved recordings: the other monitors drop what they had recorded, and all go on from that step.
     */
    void restored(long restoredRecordings, long step) {
        long recording = 0;
        for (MonitorEntry e : entries) {
            if (!(e.monitor() instanceof Checkpointed) || recording++ >= restoredRecordings) {
                e.monitor().dropRecordings();
            }
            e.monitor().restored(step);
        }
    }

    /** Memory held by the monitors' recorded data, in bytes. */
    long memoryBytes() {
        long total = 0;
        for (MonitorEntry m : entries) {
            total += m.monitor().memoryBytes();
        }
        return total;
    }

    /** Closes every monitor, then throws the first failure, with the later ones suppressed in it. */
    void closeAll() {
        RuntimeException first = null;
        for (MonitorEntry m : entries) {
            try {
                m.monitor().close();
            } catch (RuntimeException e) {
                if (first == null) {
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
}
