package org.hebb.simulator.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.storage.StreamedDataset;

/**
 * Writes spike monitors as a SONATA spike file, the Allen Institute's and Blue Brain's format read by NEST, BMTK,
 * NetPyNE and libsonata: for each monitored population {@code /spikes/<population>/timestamps} (ms, float64; the
 * exact times under the event-driven engine, the step's start under the clock-driven one) and
 * {@code /spikes/<population>/node_ids} (int64, the neuron's index in its population), in time order (attribute
 * {@code sorting = by_time}), with the root attributes {@code magic} and {@code version} of the format and Hebb's
 * {@code hebb_seed} (the master seed) and {@code hebb_dt_ms}. A monitor that stored no spike (none fired) has no
 * group: the HDF5 library Hebb uses writes no empty dataset. Written atomically. Population names follow the rule
 * of {@link SonataNetwork#export}, whose virtual populations replay these groups.
 */
public final class SonataSpikes {
    /** The SONATA files' magic number. */
    static final int MAGIC = 0x0A7A;

    private SonataSpikes() {
    }

    /**
     * Writes the stored spikes of {@code monitors} (one per population) to {@code file}.
     *
     * @throws IllegalArgumentException before anything is written, when a population's name cannot name its group
     *                                  (it holds whitespace, '/' or '\', or is '.'), two monitors watch the same
     *                                  population, one keeps counts only or has dropped spikes beyond its bound, or
     *                                  the monitors come from networks of different seeds or time steps
     */
    public static void write(Path file, SpikeMonitor... monitors) {
        Set<String> populations = new HashSet<>();
        for (SpikeMonitor m : monitors) {
            String name = m.population().name();
            SonataNames.require("population", name, "a SONATA spike file: it names the group /spikes/" + name, null);
            if (!populations.add(name)) {
                throw new IllegalArgumentException("monitors = two monitors of population '" + name + "' is not "
                        + "allowed: a SONATA spike file has one group per population");
            }
            if (m.countsOnly() || m.droppedSpikes() > 0) {
                throw new IllegalArgumentException("monitor of population '" + name + "' is not allowed: it "
                        + (m.countsOnly() ? "keeps counts only" : "dropped " + m.droppedSpikes() + " of its "
                        + m.totalCount() + " spikes (maxStoredSpikes)") + ", and a SONATA file would miss them; "
                        + "store every spike, or stream them with streamTo");
            }
            if (m.seed() != monitors[0].seed() || m.dt() != monitors[0].dt()) {
                throw new IllegalArgumentException("monitors = monitors of networks with seeds " + monitors[0].seed()
                        + " and " + m.seed() + ", dt " + monitors[0].dt() + " and " + m.dt() + " ms is not "
                        + "allowed: one file holds the spikes of one run");
            }
        }
        try {
            AtomicFiles.writeWith(file, temporary -> {
                try (WritableHdfFile out = HdfFile.write(temporary)) {
                    out.putAttribute("magic", new int[] {MAGIC});
                    out.putAttribute("version", new int[] {0, 1});
                    out.putAttribute("hebb_version", HebbVersion.describe());
                    if (monitors.length > 0) {
                        out.putAttribute("hebb_seed", monitors[0].seed());
                        out.putAttribute("hebb_dt_ms", monitors[0].dt());
                    }
                    WritableGroup spikes = out.putGroup("spikes");
                    for (SpikeMonitor m : monitors) {
                        if (m.storedCount() == 0) {
                            continue;
                        }
                        WritableGroup population = spikes.putGroup(m.population().name());
                        population.putAttribute("sorting", "by_time");
                        WritableDataset times = StreamedDataset.put(population, "timestamps", m.times());
                        times.putAttribute("units", "ms");
                        int[] neurons = m.neurons();
                        long[] ids = new long[neurons.length];
                        for (int k = 0; k < ids.length; k++) {
                            ids[k] = neurons[k];
                        }
                        StreamedDataset.put(population, "node_ids", ids);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("SONATA spike file " + file + " could not be written: " + e.getMessage(),
                    e);
        }
    }
}
