package org.hebb.experiments.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlotsTest {
    private static final List<Plots.RasterGroup> ONE_SPIKE = List.of(new Plots.RasterGroup("all",
            new double[] {1.5}, new double[] {0}, Color.BLACK));

    @Test
    void aRasterSaysWhenItsMonitorsDroppedSpikes() {
        assertEquals("raster [25 spikes after 12.5 ms not stored: spike monitor full]",
                Plots.rasterChart("raster", ONE_SPIKE, 20, new DroppedSpikes(25, 12.5)).getTitle());
        assertEquals("raster", Plots.rasterChart("raster", ONE_SPIKE, 20, DroppedSpikes.NONE).getTitle());
    }
}
