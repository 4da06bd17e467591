package org.hebb.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.StepNetworks;
import org.junit.jupiter.api.Test;
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
                    + "(1000 / (refractory period 0.0 ms + dt 0.1 ms))"), w);
            assertTrue(w.contains("checkRate") && w.contains("setRunawayWarnings(false)"), w);
            net.run(150);
            assertEquals(2, net.warnings().size(), "one more in the second run");
            assertTrue(net.warnings().get(1).contains("from t = 300.0 to 400.0 ms"), net.warnings().get(1));
        }
    }

    /**
     * With tau_refrac = 2 ms a huge current makes a neuron fire again in the first step it is free, every 20 steps
     * (docs: v is held in steps s+1 .. s+19): 500 Hz, 105% of 1000 / (2 + 0.1) = 476.2 Hz. On the event-driven engine
     * it fires just after each refractory period ends, a little more often than every 2 ms.
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
            assertTrue(w.contains("saturation rate 476.2 Hz (1000 / (refractory period 2.0 ms + dt 0.1 ms))"), w);
            if (engine.equals("CLOCK_DRIVEN")) {
                assertTrue(w.contains("mean rate of 500.0 Hz") && w.contains("105% of"), w);
            }
        }
    }

    /**
     * The mean rate over the population is judged: of 10 neurons with tau_refrac = 2 ms, 9 at 500 Hz and one silent
     * fire at a mean 450 Hz, 94.5% of 476.2 Hz, and warn; 8 of them, at a mean 400 Hz, 84%, do not.
     */
    @ParameterizedTest(name = "{0} of 10 driven")
    @CsvSource({"9, 1", "8, 0"})
    void theMeanRateIsJudgedAtNinetyPercent(int driven, int expectedWarnings) {
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
            assertEquals(List.of(), net.warnings());
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
