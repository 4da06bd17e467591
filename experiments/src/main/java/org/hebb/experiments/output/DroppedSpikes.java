package org.hebb.experiments.output;

import java.util.List;

import java.util.Locale;
import org.hebb.simulator.monitor.SpikeMonitor;

/**
 * The spikes that bounded spike monitors counted but did not store ({@link SpikeMonitor#droppedSpikes()}): a raster
 * drawn from the stored spikes goes silent where a monitor filled up, so summaries and raster titles say so.
 *
 * @param count  spikes counted but not stored, over all the monitors
 * @param fromMs the earliest time after which a monitor stored no more spikes, ms (NaN when none were dropped)
 */
public record DroppedSpikes(long count, double fromMs) {
    /** Nothing dropped. */
    public static final DroppedSpikes NONE = new DroppedSpikes(0, Double.NaN);

    /** What {@code monitors} dropped. */
    public static DroppedSpikes of(List<SpikeMonitor> monitors) {
        long count = 0;
        double fromMs = Double.NaN;
        for (SpikeMonitor m : monitors) {
            if (m.droppedSpikes() > 0) {
                count += m.droppedSpikes();
                double[] times = m.times();
                double full = times.length == 0 ? 0 : times[times.length - 1];
                fromMs = Double.isNaN(fromMs) ? full : Math.min(fromMs, full);
            }
        }
        return count == 0 ? NONE : new DroppedSpikes(count, fromMs);
    }

    /** Whether any spike was dropped. */
    public boolean any() {
        return count > 0;
    }

    /** A note for a plot's title: empty when nothing was dropped. */
    public String note() {
        return any() ? String.format(Locale.ROOT, " [%d spikes after %.1f ms not stored: spike monitor full]", count,
                fromMs) : "";
    }
}
