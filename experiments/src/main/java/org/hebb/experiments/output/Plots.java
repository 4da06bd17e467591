package org.hebb.experiments.output;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.storage.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of simulation results (rasters, rates, histograms), written atomically; works without a display. */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** Colour of excitatory neurons in rasters. */
    public static final Color EXCITATORY = new Color(30, 90, 200);
    /** Colour of inhibitory neurons in rasters. */
    public static final Color INHIBITORY = new Color(210, 50, 40);

    /** One group of spikes in a raster: times (ms) and row indices, drawn in one colour. */
    public record RasterGroup(String label, double[] timesMs, double[] rows, Color color) {
        /**
         * The spikes a monitor recorded from its first {@code shown} neurons before {@code untilMs}, drawn in rows
         * {@code rowOffset} onwards.
         */
        public static RasterGroup of(String label, SpikeMonitor monitor, int shown, int rowOffset, double untilMs,
                                     Color color) {
            double[] times = monitor.times();
            int[] neurons = monitor.neurons();
            int kept = 0;
            for (int s = 0; s < neurons.length; s++) {
                kept += neurons[s] < shown && times[s] < untilMs ? 1 : 0;
            }
            double[] x = new double[kept];
            double[] y = new double[kept];
            int k = 0;
            for (int s = 0; s < neurons.length; s++) {
                if (neurons[s] < shown && times[s] < untilMs) {
                    x[k] = times[s];
                    y[k++] = neurons[s] + rowOffset;
                }
            }
            return new RasterGroup(label, x, y, color);
        }
    }

    /**
     * A raster plot: one dot per spike, time on x, neuron row on y; the title says when the spike monitors dropped
     * spikes ({@code dropped}), as the raster is then silent after they filled up.
     */
    public static void raster(Path file, String title, List<RasterGroup> groups, double durationMs,
                              DroppedSpikes dropped) throws IOException {
        save(file, rasterChart(title, groups, durationMs, dropped));
    }

    static XYChart rasterChart(String title, List<RasterGroup> groups, double durationMs, DroppedSpikes dropped) {
        XYChart chart = new XYChartBuilder().width(1200).height(700).title(title + dropped.note())
                .xAxisTitle("time (ms)").yAxisTitle("neuron").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(2);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(durationMs);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (RasterGroup group : groups) {
            double[] x = group.timesMs().length == 0 ? new double[] {Double.NaN} : group.timesMs();
            double[] y = group.rows().length == 0 ? new double[] {Double.NaN} : group.rows();
            XYSeries series = chart.addSeries(group.label(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(group.color());
        }
        return chart;
    }

    /** A line plot of one or more series sharing an x axis. */
    public static void lines(Path file, String title, String xLabel, String yLabel, double[] x,
                             List<String> labels, List<double[]> ys) throws IOException {
        XYChart chart = new XYChartBuilder().width(1200).height(400).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (int k = 0; k < labels.size(); k++) {
            chart.addSeries(labels.get(k), x, ys.get(k)).setMarker(SeriesMarkers.NONE);
        }
        save(file, chart);
    }

    /** A bar chart: one or more series of values over the same categories; a NaN value draws no bar. */
    public static void bars(Path file, String title, String xLabel, String yLabel, List<String> categories,
                            List<String> labels, List<double[]> values) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (int k = 0; k < labels.size(); k++) {
            chart.addSeries(labels.get(k), categories, java.util.Arrays.stream(values.get(k))
                    .mapToObj(v -> Double.isNaN(v) ? null : v).toList());
        }
        save(file, chart);
    }

    /**
     * A heat map of {@code values[row][column]}, rows labelled {@code rows} (bottom to top) and columns
     * {@code columns}, each cell showing its value; NaN cells are left out.
     */
    public static void heatMap(Path file, String title, String xLabel, String yLabel, List<String> columns,
                               List<String> rows, double[][] values, double min, double max) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(800).height(700).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                if (!Double.isNaN(values[r][c])) {
                    cells.add(new Number[] {c, r, values[r][c]});
                }
            }
        }
        chart.addSeries(title, columns, rows, cells);
        save(file, chart);
    }

    private static void save(Path file, Chart<?, ?> chart) throws IOException {
        // tick labels as the summaries write numbers, whatever the JVM's default locale (a heat map's cell values
        // still follow it: XChart formats them with a DecimalFormat of the default locale)
        if (chart.getStyler() instanceof AxesChartStyler axes) {
            axes.setLocale(Locale.ROOT);
        }
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
