package org.hebb.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkers that stop runs (non-finite state, rate bounds), progress reports, and runs that continue. */
class CheckersTest {

    private static Network network() {
        return Network.builder().dt(0.1).seed(17).threads(1).build();
    }

    /**
     * A huge current makes Izhikevich's v overflow with PAPER numerics (the second half-step squares 1e29); an
     * overflowed v is not taken for a spike, so the state check reports it. (With EULER numerics v stays finite,
     * about dt * I, and the neuron fires every step: runaway activity for a rate checker.)
     */
    @Test
    void nonFiniteStateAbortsTheRunNamingVariableAndPopulation() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("cortex", 10,
                    Izhikevich.builder().numerics(Izhikevich.Numerics.PAPER).build());
            pop.inject(Currents.constant(1e30));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(50));
            String m = e.getMessage();
            assertTrue(m.contains("v = NaN mV in neuron 0") || m.contains("v = Infinity mV in neuron 0"), m);
            assertTrue(m.contains("population 'cortex' (Izhikevich)"), m);
            assertTrue(m.contains("is not finite"), m);
            // The default check runs every 10 ms.
            assertEquals(10.0, e.timeMs(), 1e-9);
            assertEquals(10.0, net.timeMs(), 1e-9, "the network keeps the state of the step that stopped");
            assertFalse(Float.isFinite(pop.state().array("v")[0]));
        }
    }

    @Test
    void finiteCheckIntervalIsConfigurableAndFindsTheBadNeuron() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("cortex", 6,
                    Izhikevich.builder().numerics(Izhikevich.Numerics.EULER).build());
            pop.inject(Currents.function((t, n) -> n == 3 && t > 2.25 ? Double.NaN : 0));
            net.setFiniteCheckInterval(0.5);
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(50));
            assertEquals(2.5, e.timeMs(), 1e-9, "first check after the NaN entered (step 23 starts at 2.3 ms)");
            assertTrue(e.getMessage().contains("v = NaN mV in neuron 3 of population 'cortex'"), e.getMessage());
            assertEquals(25, net.stepsRun());
        }
    }

    /** A run shorter than the check interval is checked when it ends, on one thread and on two. */
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void aShortRunIsCheckedWhenItEnds(int threads) {
        try (Network net = Network.builder().dt(0.1).threads(threads).build()) {
            NeuronPopulation pop = net.addNeurons("cortex", 6, IfCurrExp.builder().build());
            pop.inject(Currents.function((t, n) -> n == 4 && t >= 1 ? Double.NaN : 0));
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(5));
            assertTrue(e.getMessage().contains("v = NaN mV in neuron 4 of population 'cortex' (IF_curr_exp) is not "
                    + "finite (found by the check at t = 5.000 ms)"), e.getMessage());
            assertEquals(5.0, e.timeMs(), 1e-9);
            assertEquals(50, net.stepsRun());
        }
    }

    /** The event-driven engine's runs are checked when they end too: here a NaN initial value. */
    @Test
    void aShortEventDrivenRunIsCheckedWhenItEnds() {
        try (Network net = Network.builder().dt(0.1).engine(EngineKind.EVENT_DRIVEN).build()) {
            NeuronPopulation pop = net.addNeurons("cortex", 6, IfCurrExp.builder().build());
            pop.state().array("v")[2] = Float.NaN;
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(5));
            assertTrue(e.getMessage().contains("v = NaN mV in neuron 2 of population 'cortex'"), e.getMessage());
            assertEquals(5.0, e.timeMs(), 1e-9);
        }
    }

    @Test
    void finiteStateRunsToTheEnd() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("cortex", 6, Izhikevich.builder().build());
            pop.inject(Currents.constant(10));
            net.setFiniteCheckInterval(0.1);
            net.run(50);
            assertEquals(500, net.stepsRun());
        }
    }

    @Test
    void rateCheckerStopsARunawayPopulation() {
        try (Network net = network()) {
            PoissonSource input = net.addPoissonSource("drive", 100, 300);
            net.checkRate(input, 0, 100, 20);
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(200));
            String m = e.getMessage();
            assertTrue(m.contains("rate of population 'drive'"), m);
            assertTrue(m.contains("outside the allowed [0.0, 100.0] Hz"), m);
            assertEquals(20.0, e.timeMs(), 1e-9, "checked when the first 20 ms window fills");
            assertEquals(200, net.stepsRun(), "stopped after the step that filled the window");
        }
    }

    /**
     * Two checkers that find a violation in the same step stop the run once, with the first one's report (the
     * other's attached); the next run starts clean: a run within the next window checks nothing and runs to its end.
     */
    @Test
    void aSecondViolationOfTheStoppingStepDoesNotStopTheNextRun() {
        try (Network net = network()) {
            PoissonSource left = net.addPoissonSource("left", 100, 300);
            PoissonSource right = net.addPoissonSource("right", 100, 300);
            net.checkRate(left, 0, 100, 20);
            net.checkRate(right, 0, 100, 20);
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(200));
            assertTrue(e.getMessage().contains("rate of population 'left'"), e.getMessage());
            assertEquals(1, e.getSuppressed().length, "the second checker's report is attached");
            assertTrue(e.getSuppressed()[0].getMessage().contains("rate of population 'right'"),
                    e.getSuppressed()[0].getMessage());
            net.run(5);
            assertEquals(250, net.stepsRun(), "no window ended within the second run");
        }
    }

    /** A run that a failing monitor ends leaves no checker's report of its last step to stop the next run. */
    @Test
    void aViolationOfARunEndedByAFailingMonitorDoesNotStopTheNextRun() {
        try (Network net = network()) {
            PoissonSource input = net.addPoissonSource("drive", 100, 300);
            net.checkRate(input, 0, 100, 20);
            net.addMonitor(input, new org.hebb.simulator.monitor.Monitor() {
                @Override
                public void record(long step, SpikeView spikes) {
                    if (step == 199) {
                        throw new IllegalStateException("disk full");
                    }
                }

                @Override
                public long memoryBytes() {
                    return 0;
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.run(200));
            assertEquals("disk full", e.getMessage());
            net.run(5);
            assertEquals(250, net.stepsRun(), "no window ended within the second run");
        }
    }

    @Test
    void rateWindowsFollowTheClockAndAPartOfOneIsNotChecked() {
        try (Network net = Network.builder().dt(0.1).seed(1).startStep(150).build()) {
            PoissonSource input = net.addPoissonSource("drive", 100, 300);
            net.checkRate(input, 0, 100, 20);
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(200));
            assertEquals(40.0, e.timeMs(), 1e-9, "steps 150-199 are part of a window; steps 200-399 fill one");
            assertEquals(400, net.stepsRun());
        }
    }

    @Test
    void rateCheckerStopsASilentPopulation() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("quiet", 20, IfCurrDelta.builder().build());
            net.checkRate(pop, 1, 1000, 5);
            SimulationAbortedException e = assertThrows(SimulationAbortedException.class, () -> net.run(100));
            assertTrue(e.getMessage().contains("rate of population 'quiet' = 0.000 Hz"), e.getMessage());
            assertEquals(5.0, e.timeMs(), 1e-9);
        }
    }

    /** Neurons x window steps may pass 2^31 (300,000 neurons, a 1 s window at dt 0.1 ms). */
    @Test
    void aWindowOfMoreNeuronStepsThanAnIntHoldsIsMeasuredRight() {
        try (Network net = network()) {
            RateChecker checker = new RateChecker(net.addBernoulliSource("big", 300_000), 5, 20, 1000, 0.1);
            SpikeView tenHz = SpikeView.filledOnDemand(new int[300], new int[] {300}, () -> { });
            for (long step = 0; step < 10_000; step++) {
                checker.record(step, tenHz);
            }
            assertNull(checker.takeViolation(), "10 Hz is within [5, 20] Hz");
        }
    }

    @Test
    void rateWithinBoundsDoesNotStopTheRun() {
        try (Network net = network()) {
            PoissonSource input = net.addPoissonSource("drive", 200, 50);
            net.checkRate(input, 20, 100, 50);
            net.run(300);
            assertEquals(300, net.timeMs(), 1e-9);
        }
    }

    @Test
    void progressStartsAtZeroAndEndsAtOne() {
        try (Network net = network()) {
            net.addPoissonSource("drive", 10, 10);
            List<Progress> reports = new ArrayList<>();
            net.setProgressInterval(1e-9);
            net.run(100, reports::add);
            assertTrue(reports.size() >= 3, "expected intermediate reports: " + reports);
            Progress first = reports.get(0);
            Progress last = reports.get(reports.size() - 1);
            assertEquals(0.0, first.fraction());
            assertEquals(0.0, first.simulatedMs());
            assertTrue(Double.isNaN(first.etaSeconds()));
            assertEquals(1.0, last.fraction());
            assertEquals(100.0, last.simulatedMs(), 1e-9);
            assertEquals(100.0, last.durationMs(), 1e-9);
            assertEquals(0.0, last.etaSeconds(), 1e-12);
            for (int k = 1; k < reports.size(); k++) {
                assertTrue(reports.get(k).fraction() >= reports.get(k - 1).fraction(), "fractions must not drop");
                assertTrue(reports.get(k).elapsedSeconds() >= reports.get(k - 1).elapsedSeconds());
            }
            // Intermediate reports come every 256 steps at most, so 1000 steps give at most 3 of them.
            assertTrue(reports.size() <= 5, "too many reports: " + reports.size());
            assertEquals(0.256, reports.get(1).fraction(), 1e-12);
        }
    }

    @Test
    void secondRunReportsItsOwnProgress() {
        try (Network net = network()) {
            net.addPoissonSource("drive", 10, 10);
            net.run(20);
            List<Progress> reports = new ArrayList<>();
            net.run(30, reports::add);
            assertEquals(0.0, reports.get(0).fraction());
            assertEquals(1.0, reports.get(reports.size() - 1).fraction());
            assertEquals(30.0, reports.get(reports.size() - 1).simulatedMs(), 1e-9);
        }
    }

    @Test
    void runsContinueWhereThePreviousStopped() {
        try (Network net = network()) {
            NeuronPopulation pop = net.addNeurons("pop", 3, IfCurrDelta.builder().vThresh(100).build());
            pop.inject(Currents.constant(0.5));
            assertEquals(0, net.timeMs());
            net.run(50);
            assertEquals(50, net.timeMs(), 1e-9);
            float afterFirst = pop.state().array("v")[0];
            net.run(50);
            assertEquals(100, net.timeMs(), 1e-9);
            assertEquals(1000, net.stepsRun());
            float afterSecond = pop.state().array("v")[0];
            assertTrue(afterSecond > afterFirst, "the membrane keeps charging: " + afterFirst + " -> " + afterSecond);
            // Continuous charging towards v_rest + R I = -55 mV: (1 - e^-5) of the way after 100 ms.
            assertEquals(-65 + 10 * (1 - Math.exp(-5)), afterSecond, 1e-3);
        }
    }

    @Test
    void oneRunAndTwoHalfRunsGiveTheSameSpikes() {
        int[][] counts = new int[2][];
        for (int r = 0; r < 2; r++) {
            try (Network net = network()) {
                NeuronPopulation pop = net.addNeurons("pop", 50, IfCurrDelta.builder().tauRefrac(2).build());
                pop.inject(Currents.gaussianNoise(0.8, 1.5));
                var monitor = net.monitorSpikes(pop);
                if (r == 0) {
                    net.run(100);
                } else {
                    net.run(37);
                    net.run(63);
                }
                counts[r] = monitor.counts();
                assertTrue(monitor.totalCount() > 10, "the test needs spikes");
            }
        }
        assertTrue(java.util.Arrays.equals(counts[0], counts[1]));
    }
}
