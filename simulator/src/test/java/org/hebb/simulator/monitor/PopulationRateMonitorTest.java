package org.hebb.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.Network;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.input.SpikeTimesSource;
import org.junit.jupiter.api.Test;

/** PopulationRateMonitor: bins of whole steps, rates per neuron in Hz, bin start times. */
class PopulationRateMonitorTest {
    /** Four sources; per 1 ms bin: 2, 0, 4, 1 spikes (then 3 in the bin from 4 ms). */
    private static final double[][] TIMES = {
            {0.0, 2.0, 4.5},
            {0.9, 2.1, 4.0},
            {2.2, 3.5, 4.9},
            {2.9}};

    private static Network network() {
        return Network.builder().dt(0.1).seed(1).threads(1).build();
    }

    @Test
    void ratesPerBinAreSpikesPerNeuronPerSecond() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            PopulationRateMonitor monitor = net.monitorRate(source, 1.0);
            assertEquals(1.0, monitor.binMs(), 1e-12);
            net.run(3.5);
            // Spikes per neuron per second: count / (4 neurons x 1 ms).
            assertArrayEquals(new double[] {500, 0, 1000}, monitor.ratesHz(), 1e-9, "only completed bins");
            assertArrayEquals(new double[] {0, 1, 2}, monitor.binStartsMs(), 1e-9);
            net.run(1.5);
            assertArrayEquals(new double[] {500, 0, 1000, 250, 750}, monitor.ratesHz(), 1e-9,
                    "a bin may span two runs");
            assertArrayEquals(new double[] {0, 1, 2, 3, 4}, monitor.binStartsMs(), 1e-9);
            assertEquals(8L * 5, monitor.memoryBytes());
        }
    }

    /** A bin may hold more spikes than an int does (here 2.5e9). */
    @Test
    void aBinOfBillionsOfSpikesIsCountedRight() {
        try (Network net = network()) {
            PopulationRateMonitor monitor = new PopulationRateMonitor(net.addBernoulliSource("big", 300_000),
                    10_000, 0.1);
            SpikeView busy = SpikeView.filledOnDemand(new int[250_000], new int[] {250_000}, () -> { });
            for (long step = 0; step < 10_000; step++) {
                monitor.record(step, busy);
            }
            assertArrayEquals(new double[] {2.5e9 / 300_000}, monitor.ratesHz(), 1e-6);
        }
    }

    @Test
    void binWidthIsRoundedToWholeSteps() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            PopulationRateMonitor monitor = net.monitorRate(source, 2.04);
            assertEquals(2.0, monitor.binMs(), 1e-9);
            net.run(5);
            assertArrayEquals(new double[] {2 / (4 * 0.002), 5 / (4 * 0.002)}, monitor.ratesHz(), 1e-9);
        }
    }

    @Test
    void binsStartWhenTheMonitorIsAdded() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            net.run(1.5);
            PopulationRateMonitor monitor = net.monitorRate(source, 1.0);
            net.run(3.5);
            // Bins [1.5, 2.5): 3 spikes (2.0, 2.1, 2.2); [2.5, 3.5): 1 (2.9); [3.5, 4.5): 2 (3.5, 4.0; the
            // spike at 4.5 ms starts the next bin).
            assertArrayEquals(new double[] {1.5, 2.5, 3.5}, monitor.binStartsMs(), 1e-9);
            assertArrayEquals(new double[] {750, 250, 500}, monitor.ratesHz(), 1e-9);
        }
    }

    @Test
    void poissonRateIsMeasured() {
        try (Network net = network()) {
            PoissonSource source = net.addPoissonSource("poisson", 500, 40);
            PopulationRateMonitor monitor = net.monitorRate(source, 50);
            net.run(500);
            double[] rates = monitor.ratesHz();
            assertEquals(10, rates.length);
            // Per bin: 500 x 500 draws with p = 0.004, divided by 500 x 0.05 s.
            double sigma = Math.sqrt(250_000 * 0.004 * 0.996) / 25;
            for (int b = 0; b < rates.length; b++) {
                assertEquals(40, rates[b], 5 * sigma, "bin " + b);
            }
        }
    }

    @Test
    void nonPositiveBinIsRefused() {
        try (Network net = network()) {
            SpikeTimesSource source = net.addSpikeTimes("src", TIMES);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.monitorRate(source, -1));
            assertTrue(e.getMessage().contains("bin = -1.0 ms"), e.getMessage());
        }
    }
}
