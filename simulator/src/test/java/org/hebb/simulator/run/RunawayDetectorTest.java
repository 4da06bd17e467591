package org.hebb.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.LogRecord;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.CheckpointRewrite;
import org.hebb.simulator.testing.LogCapture;
import org.hebb.simulator.testing.StepNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default report of runaway activity: saturated populations warn, once a run; healthy ones do not. */
class RunawayDetectorTest {

    private static Network network(String engine, int threads) {
        return Network.builder().dt(0.1).seed(5).threads(threads).engine(EngineKind.valueOf(engine)).build();
    }

    /**
     * Without a refractory period a neuron driven by a huge current fires every step of 0.1 ms: 10000 Hz, 100% of
     * its saturation rate 1000 / dt; the first window, 0 to 100 ms, is reported, once in the run.
     */
    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @CsvSource({"CLOCK_DRIVEN, 1", "CLOCK_DRIVEN, 2"})
    void aPopulationFiringEveryStepWarnsOnceARun(String engine, int threads) {
        try (Network net = network(engine, threads)) {
            NeuronPopulation cells = net.addNeurons("cortex", 600, IfCurrExp.builder().tauRefrac(0).build());
            cells.inject(Currents.constant(1000));
            net.run(350);
            List<String> warnings = net.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            String w = warnings.get(0);
            assertTrue(w.contains("population 'cortex' (600 neurons, IF_curr_exp) fired at a mean rate of 10000.0 Hz "
                    + "over the 100.0 ms from t = 0.0 to 100.0 ms, 100% of its saturation rate 10000.0 Hz "
                    + "(1000 / max(refractory period 0.0 ms, dt 0.1 ms))"), w);
            assertTrue(w.endsWith("; the run goes on"), w);
            net.run(150);
            assertEquals(2, net.warnings().size(), "one more in the second run");
            assertTrue(net.warnings().get(1).contains("from t = 300.0 to 400.0 ms"), net.warnings().get(1));
        }
    }

    /**
     * With tau_refrac = 2 ms a huge current makes a neuron fire again in the first step it is free, every 20 steps
     * (docs: v is held in steps s+1 .. s+19): 500 Hz, 100% of its saturation rate 1000 / 2. On the event-driven
     * engine it fires just after each refractory period ends, a little more often than every 2 ms.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"CLOCK_DRIVEN", "EVENT_DRIVEN"})
    void aRefractoryPopulationAtItsHighestRateWarns(String engine) {
        try (Network net = network(engine, 1)) {
            NeuronPopulation cells = net.addNeurons("driven", 50, IfCurrExp.builder().tauRefrac(2).build());
            cells.inject(Currents.constant(1000));
            net.run(120);
            List<String> warnings = net.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            String w = warnings.get(0);
            assertTrue(w.contains("population 'driven' (50 neurons, IF_curr_exp)"), w);
            assertTrue(w.contains("from t = 0.0 to 100.0 ms"), w);
            assertTrue(w.contains("saturation rate 500.0 Hz (1000 / max(refractory period 2.0 ms, dt 0.1 ms))"), w);
            if (engine.equals("CLOCK_DRIVEN")) {
                assertTrue(w.contains("mean rate of 500.0 Hz") && w.contains("100% of"), w);
            }
        }
    }

    /**
     * NALSM's neuron blocks the threshold for its refractory period tau_refrac + dt (3 ms at dt = 1 ms and
     * tau_refrac = 2 ms) and, integrating meanwhile, fires again 3 ms after each spike when driven hard: at its
     * saturation rate 1000 / 3 ms = 333.3 Hz (34 spikes in the first 100 steps, from step 0 on: 102%), where
     * 1000 / (3 + 1) = 250 Hz would put it at 136%.
     */
    @Test
    void aModelWhoseRefractoryPeriodCountsTheSpikesStepSaturatesAtOneSpikePerPeriod() {
        try (Network net = Network.builder().dt(1).seed(5).build()) {
            NeuronPopulation cells = net.addNeurons("liquid", 30, NalsmLif.builder().build());
            cells.inject(Currents.constant(1000));
            net.run(100);
            List<String> warnings = net.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("mean rate of 340.0 Hz over the 100.0 ms from t = 0.0 to 100.0 ms, "
                    + "102% of its saturation rate 333.3 Hz (1000 / max(refractory period 3.0 ms, dt 1.0 ms))"),
                    warnings.get(0));
        }
    }

    /**
     * The mean rate over the population is judged: of 10 neurons with tau_refrac = 2 ms, 9 at 500 Hz and one silent
     * fire at a mean 450 Hz, 90% of 500 Hz, and warn; 7 of them, at a mean 350 Hz, 70%, do not.
     */
    @ParameterizedTest(name = "{0} of 10 driven")
    @CsvSource({"9, 1", "7, 0"})
    void theMeanRateIsJudgedAtEightyPercent(int driven, int expectedWarnings) {
        try (Network net = network("CLOCK_DRIVEN", 1)) {
            NeuronPopulation cells = net.addNeurons("mixed", 10, IfCurrExp.builder().tauRefrac(2).build());
            cells.inject(Currents.function((t, n) -> n < driven ? 1000 : 0));
            net.run(300);
            assertEquals(expectedWarnings, net.warnings().size(), net.warnings().toString());
            if (expectedWarnings > 0) {
                assertTrue(net.warnings().get(0).contains("mean rate of 450.0 Hz"), net.warnings().get(0));
            }
        }
    }

    /** A COBA network at about 20 Hz, and the step-test network with every engine part, do not warn. */
    @Test
    void healthyNetworksDoNotWarn() {
        try (Network net = network("CLOCK_DRIVEN", 2)) {
            IfCondExp model = IfCondExp.builder().cm(0.2).tauM(20).tauRefrac(5).vRest(-60).vReset(-60).vThresh(-50)
                    .tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80).build();
            NeuronPopulation exc = net.addNeurons("exc", 3200, model);
            NeuronPopulation inh = net.addNeurons("inh", 800, model);
            exc.initialize("v", Values.uniform(-60, -50));
            inh.initialize("v", Values.uniform(-60, -50));
            for (NeuronPopulation target : new NeuronPopulation[] {exc, inh}) {
                net.connect(exc, target, Connectors.fixedProbability(0.02, false), Synapses.onto("excitatory")
                        .weights(Values.constant(0.004)).delays(Delays.steps(1)));
                net.connect(inh, target, Connectors.fixedProbability(0.02, false), Synapses.onto("inhibitory")
                        .weights(Values.constant(0.051)).delays(Delays.steps(1)));
            }
            exc.inject(Currents.constant(0.2));
            inh.inject(Currents.constant(0.2));
            SpikeMonitor spikes = net.monitorSpikes(exc, SpikeMonitor.settings().countsOnly());
            net.run(500);
            double rate = spikes.totalCount() / (3200 * 0.5);
            assertTrue(rate > 1 && rate < 100, "test setup: a healthy rate, " + rate + " Hz");
            assertEquals(List.of(), net.warnings());
        }
        try (Network net = network("CLOCK_DRIVEN", 2)) {
            SpikeMonitor exc = StepNetworks.recurrent(net);
            StepNetworks.addClockDrivenParts(net, (NeuronPopulation) exc.population());
            net.run(300);
            // its spike monitors are bounded on purpose, and warn when full
            assertEquals(List.of(), net.warnings().stream().filter(w -> !w.startsWith("the spike monitor")).toList());
        }
    }

    /**
     * A program of many short runs warns in each of them: all are kept in {@code warnings()}, and the log gets the
     * first {@link Network#MAX_LOGGED_WARNINGS}, the first of them with what to do about it, and one line saying that
     * it gets no more. The kept warnings state the facts only: results keep up to a thousand.
     */
    @Test
    void manyRunsWarnEachTimeButTheLogGetsOnlyTheFirstWarnings() {
        int runs = Network.MAX_LOGGED_WARNINGS + 5;
        List<LogRecord> records;
        List<String> kept;
        try (LogCapture log = LogCapture.of(Network.class); Network net = network("CLOCK_DRIVEN", 1)) {
            NeuronPopulation cells = net.addNeurons("driven", 5, IfCurrExp.builder().tauRefrac(0).build());
            cells.inject(Currents.constant(1000));
            for (int run = 0; run < runs; run++) {
                net.run(100);
            }
            kept = net.warnings();
            records = log.records();
        }
        assertEquals(runs, kept.size());
        assertEquals(Network.MAX_LOGGED_WARNINGS + 1, records.size());
        assertTrue(records.get(0).getMessage().startsWith("runaway activity: population 'driven'"),
                records.get(0).getMessage());
        assertEquals(kept.get(0) + "; " + RunawayDetector.ADVICE, records.get(0).getMessage());
        assertEquals(kept.get(1), records.get(1).getMessage());
        assertTrue(kept.get(0).endsWith("the run goes on") && kept.get(0).length() < 300, kept.get(0));
        assertEquals("this network has logged 20 warnings and logs no more: Network.warnings() keeps the first 1000 "
                + "and counts the rest", records.get(Network.MAX_LOGGED_WARNINGS).getMessage());
    }

    /**
     * A checkpoint keeps as many warnings as a network keeps, whatever their length: a thousand of some 200
     * characters each, and the count of those left out, restore into a new network (version 5 wrote them as one
     * attribute, which could not be read back beyond some 59 KB).
     */
    @Test
    void aCheckpointKeepsEveryWarningTheNetworkKept(@TempDir Path directory) {
        Path file = directory.resolve("many.h5");
        List<String> saved;
        try (Network net = network("CLOCK_DRIVEN", 1)) {
            NeuronPopulation cells = net.addNeurons("driven", 5, IfCurrExp.builder().tauRefrac(0).build());
            cells.inject(Currents.constant(1000));
            for (int run = 0; run < Network.MAX_WARNINGS + 3; run++) {
                net.run(100);
            }
            saved = net.warnings();
            net.saveCheckpoint(file);
        }
        assertEquals(Network.MAX_WARNINGS + 1, saved.size(), "test setup: the network keeps 1000 and counts 3");
        assertTrue(String.join("\n", saved).length() > 200_000, "test setup: warnings of some 200 characters");
        assertEquals("3 more warnings were given but not kept", saved.get(Network.MAX_WARNINGS));
        try (Network net = network("CLOCK_DRIVEN", 1)) {
            net.addNeurons("driven", 5, IfCurrExp.builder().tauRefrac(0).build()).inject(Currents.constant(1000));
            net.restoreCheckpoint(file);
            assertEquals(saved, net.warnings());
        }
    }

    /** The opt-out silences the report, and is refused once the network is built. */
    @Test
    void warningsCanBeTurnedOffBeforeTheFirstRun() {
        try (Network net = network("CLOCK_DRIVEN", 1)) {
            NeuronPopulation cells = net.addNeurons("fI", 1, IfCurrExp.builder().tauRefrac(0).build());
            cells.inject(Currents.constant(1000));
            net.setRunawayWarnings(false);
            net.run(300);
            assertEquals(List.of(), net.warnings());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.setRunawayWarnings(true));
            assertTrue(e.getMessage().contains("setRunawayWarnings is not allowed after the first run"),
                    e.getMessage());
        }
    }

    /** 50 neurons with tau_refrac = 2 ms, silent before {@code fromMs} and saturated (500 Hz) from it on. */
    private static Network runawayFrom(double fromMs) {
        Network net = network("CLOCK_DRIVEN", 1);
        NeuronPopulation cells = net.addNeurons("cortex", 50, IfCurrExp.builder().tauRefrac(2).build());
        cells.inject(Currents.function((timeMs, neuron) -> timeMs >= fromMs ? 1000 : 0));
        return net;
    }

    /**
     * A checkpoint saved within a window holds what the detector counted of it, so a network restored from it
     * judges that window and warns as the network that never stopped: saturated from 100 ms on and saved at
     * 150 ms, both report the window from 100 to 200 ms.
     */
    @Test
    void aWindowUnderWayAtACheckpointIsJudgedAfterTheRestore(@TempDir Path directory) {
        List<String> straight;
        try (Network net = runawayFrom(100)) {
            net.run(100);
            net.run(200);
            straight = net.warnings();
        }
        assertEquals(1, straight.size(), straight.toString());
        assertTrue(straight.get(0).contains("from t = 100.0 to 200.0 ms"), straight.get(0));
        Path file = directory.resolve("runaway.h5");
        try (Network net = runawayFrom(100)) {
            net.run(100);
            net.run(50);
            net.saveCheckpoint(file);
        }
        try (Network net = runawayFrom(100)) {
            net.restoreCheckpoint(file);
            net.run(150);
            assertEquals(straight, net.warnings());
        }
    }

    /**
     * A run with checkpoints is one run: it warns once, as the same run without checkpoints; killed after a
     * checkpoint and resumed from it in a new network, the run has already warned and warns no more, and the new
     * network's warnings are the uninterrupted run's (the checkpoint saves them).
     */
    @Test
    void aRunWithCheckpointsWarnsOnceAlsoWhenResumedAfterAKill(@TempDir Path directory) {
        List<String> straight;
        try (Network net = runawayFrom(0)) {
            net.run(300);
            straight = net.warnings();
        }
        assertEquals(1, straight.size(), straight.toString());
        assertTrue(straight.get(0).contains("from t = 0.0 to 100.0 ms"), straight.get(0));
        Path file = directory.resolve("runaway.h5");
        try (Network net = runawayFrom(0)) {
            net.run(300, 150, file);
            assertEquals(straight, net.warnings(), "a run with checkpoints, uninterrupted");
        }
        try (Network net = runawayFrom(0)) {
            net.afterEachStep((step, timeMs) -> {
                if (step == 2000) {
                    throw new IllegalStateException("killed at 200 ms");
                }
            });
            assertThrows(IllegalStateException.class, () -> net.run(300, 150, file));
            assertEquals(straight, net.warnings(), "the killed run had warned");
        }
        try (Network net = runawayFrom(0)) {
            net.restoreCheckpoint(file);
            assertEquals(1500, net.stepsRun(), "test setup: the checkpoint of 150 ms");
            assertEquals(straight, net.warnings(), "restored with the checkpoint");
            net.run(150);
            assertEquals(straight, net.warnings(), "killed after its checkpoint at 150 ms and resumed");
        }
    }

    /**
     * A restore replaces the network's warnings with the checkpoint's: a network that warned before it takes the
     * saved network's none (a file without the warnings attribute).
     */
    @Test
    void aRestoreTakesTheCheckpointsWarningsInsteadOfTheNetworksOwn(@TempDir Path directory) {
        Path file = directory.resolve("quiet.h5");
        try (Network net = runawayFrom(1e9)) {
            net.run(100);
            assertEquals(List.of(), net.warnings());
            net.saveCheckpoint(file);
        }
        try (Network net = runawayFrom(0)) {
            net.run(100);
            assertEquals(1, net.warnings().size(), "test setup: it warned");
            net.restoreCheckpoint(file);
            assertEquals(List.of(), net.warnings());
        }
    }

    /**
     * A run with checkpoints that stops because a checkpoint cannot be saved has ended: the next run reports its
     * first saturated window again, as it does after a run that a failing step stops. Saturated throughout, the
     * stopped run warns of 0 to 100 ms and the next run, from 150 ms, of the window it ends, 100 to 200 ms.
     */
    @Test
    void aRunWithCheckpointsStoppedByAFailedSaveEndsTheRun(@TempDir Path directory) {
        try (Network net = runawayFrom(0)) {
            net.addCheckpointed("unsaveable", state -> {
                if (!state.restoring()) {
                    throw new IllegalStateException("this state cannot be saved");
                }
            });
            assertThrows(IllegalStateException.class, () -> net.run(300, 150, directory.resolve("runaway.h5")));
            assertEquals(1500, net.stepsRun(), "test setup: stopped by the first checkpoint, at 150 ms");
            assertEquals(1, net.warnings().size(), net.warnings().toString());
            net.run(150);
            List<String> warnings = net.warnings();
            assertEquals(2, warnings.size(), "the next run warns again: " + warnings);
            assertTrue(warnings.get(1).contains("from t = 100.0 to 200.0 ms"), warnings.get(1));
        }
    }

    /**
     * The detectors' windows are not the network's dynamics: a checkpoint without them (from a network without
     * runaway warnings, or from a Hebb that did not save them) restores, and the window under way is then not
     * judged; one with them restores into a network without runaway warnings, which passes over them.
     */
    @Test
    void checkpointsWithAndWithoutTheDetectorsWindowsRestore(@TempDir Path directory) {
        Path without = directory.resolve("without.h5");
        Path with = directory.resolve("with.h5");
        try (Network net = runawayFrom(100)) {
            net.setRunawayWarnings(false);
            net.run(150);
            net.saveCheckpoint(without);
        }
        try (Network net = runawayFrom(100)) {
            net.run(150);
            net.saveCheckpoint(with);
        }
        try (Network net = runawayFrom(100)) {
            net.restoreCheckpoint(without);
            net.run(150);
            assertEquals(1, net.warnings().size(), net.warnings().toString());
            assertTrue(net.warnings().get(0).contains("from t = 200.0 to 300.0 ms"), "the window from 100 to 200 ms "
                    + "was seen in part: " + net.warnings().get(0));
        }
        try (Network net = runawayFrom(100)) {
            net.setRunawayWarnings(false);
            net.restoreCheckpoint(with);
            net.run(150);
            assertEquals(List.of(), net.warnings());
        }
    }

    /** A saved flag other than 0 or 1 is refused, naming it, before anything changes. */
    @Test
    void aWarnedFlagOtherThanZeroOrOneIsRefused(@TempDir Path directory) {
        Path file = directory.resolve("runaway.h5");
        Path bad = directory.resolve("bad.h5");
        try (Network net = runawayFrom(0)) {
            net.run(150);
            net.saveCheckpoint(file);
        }
        CheckpointRewrite.rewritten(file, bad, entries -> entries.put("state/runaway_cortex/warned", new long[] {2}));
        try (Network net = runawayFrom(0)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(bad));
            assertTrue(e.getMessage().contains("warned = 2 of the runaway detector of population 'cortex' is not "
                    + "allowed: must be 0 or 1"), e.getMessage());
            assertEquals(0, net.stepsRun(), "nothing restored");
        }
    }

    /** A window the network ran only part of (the clock started inside it) is not judged. */
    @Test
    void aWindowSeenInPartIsNotJudged() {
        try (Network net = Network.builder().dt(0.1).startStep(500).threads(1).build()) {
            NeuronPopulation cells = net.addNeurons("cortex", 10, IfCurrExp.builder().tauRefrac(0).build());
            cells.inject(Currents.constant(1000));
            net.run(100);
            assertEquals(List.of(), net.warnings(), "50 to 100 ms only was seen of the first window");
            net.run(100);
            assertEquals(1, net.warnings().size());
            assertTrue(net.warnings().get(0).contains("from t = 100.0 to 200.0 ms"), net.warnings().get(0));
        }
    }
}
