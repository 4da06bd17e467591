package org.hebb.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.EventQueueKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * Where the event-driven engine pays: one network of 10,000 IF_curr_exp neurons (8000 excitatory, 2000
 * inhibitory, 100 recurrent synapses each with delays uniform in 1-5 ms) whose mean rate is set by an independent
 * Poisson drive per neuron strong enough for one input spike to fire a resting neuron. For each drive rate, the
 * event-driven engine (with its calendar queue, and again with a binary heap) and the clock-driven engine at
 * dt = 0.1 ms (all on one thread) run the same network for the same biological time after a 200 ms warm-up,
 * alternating, median of the repeats. Then the clock-driven engine at
 * dt = 0.001 ms on a short run, for the comparison at equal spike-time accuracy. Writes
 * {@code benchmarks/results/event-vs-clock.json}.
 * Usage: {@code EventVersusClock [repeats] [duration_ms] [drive rates in Hz...]}; defaults 3, 2000,
 * 0.1 0.3 1 3 10 30 50.
 */
public final class EventVersusClock {
    static final int N = 10_000;
    /** The master seed of every network measured, recorded in the result file. */
    static final long SEED = 1;
    private static final double CLOCK_DT = 0.1;
    private static final double FINE_DT = 0.001;

    private EventVersusClock() {
    }

    private record Measurement(double seconds, double rateHz) {
    }

    /** Builds the network on {@code engine}, runs a 200 ms warm-up, then times {@code durationMs}. */
    static Measurement run(EngineKind engine, EventQueueKind queue, double dt, double driveHz, double durationMs) {
        try (Network net = Network.builder().engine(engine).eventQueue(queue).dt(dt).seed(SEED).threads(1).build()) {
            IfCurrExp model = IfCurrExp.builder().cm(0.25).tauM(10).vRest(-65).vReset(-65).vThresh(-50)
                    .tauRefrac(2).tauSynE(5).tauSynI(10).build();
            NeuronPopulation exc = net.addNeurons("exc", N * 4 / 5, model);
            NeuronPopulation inh = net.addNeurons("inh", N / 5, model);
            for (NeuronPopulation target : new NeuronPopulation[] {exc, inh}) {
                PoissonSource drive = net.addPoissonSource("drive-" + target.name(), target.size(), driveHz);
                net.connect(drive, target, Connectors.oneToOne(), Synapses.onto("excitatory")
                        .weights(Values.constant(2.0)).delays(Delays.ms(1.0)));
                net.connect(exc, target, Connectors.fixedInDegree(80, false), Synapses.onto("excitatory")
                        .weights(Values.constant(0.1)).delays(Delays.uniformMs(1, 5)));
                net.connect(inh, target, Connectors.fixedInDegree(20, false), Synapses.onto("inhibitory")
                        .weights(Values.constant(-0.4)).delays(Delays.uniformMs(1, 5)));
            }
            SpikeMonitor excSpikes = net.monitorSpikes(exc, SpikeMonitor.settings().countsOnly());
            SpikeMonitor inhSpikes = net.monitorSpikes(inh, SpikeMonitor.settings().countsOnly());
            net.run(200);
            long before = excSpikes.totalCount() + inhSpikes.totalCount();
            long start = System.nanoTime();
            net.run(durationMs);
            double seconds = (System.nanoTime() - start) / 1e9;
            long spikes = excSpikes.totalCount() + inhSpikes.totalCount() - before;
            return new Measurement(seconds, spikes / (N * durationMs / 1000));
        }
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int repeats = Arguments.atLeast(args, 0, "repeats", 1, 3);
        double durationMs = Arguments.duration(args, 1, "duration_ms", CLOCK_DT, 2000);
        // a Poisson source fires at most once per step
        double[] drives = Arguments.numbers(args, 2, "drive rate", "Hz", 0, 1000 / CLOCK_DT, 0.1, 0.3, 1, 3, 10,
                30, 50);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double drive : drives) {
            double[] event = new double[repeats];
            double[] heap = new double[repeats];
            double[] clock = new double[repeats];
            double[] eventRate = new double[repeats];
            double[] clockRate = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                Measurement e = run(EngineKind.EVENT_DRIVEN, EventQueueKind.CALENDAR, CLOCK_DT, drive, durationMs);
                Measurement h = run(EngineKind.EVENT_DRIVEN, EventQueueKind.BINARY_HEAP, CLOCK_DT, drive,
                        durationMs);
                Measurement c = run(EngineKind.CLOCK_DRIVEN, EventQueueKind.CALENDAR, CLOCK_DT, drive, durationMs);
                event[r] = e.seconds;
                heap[r] = h.seconds;
                clock[r] = c.seconds;
                eventRate[r] = e.rateHz;
                clockRate[r] = c.rateHz;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rate_hz", Medians.of(eventRate));
            row.put("clock_rate_hz", Medians.of(clockRate));
            row.put("drive_hz", drive);
            row.put("event_seconds", Medians.of(event) / (durationMs / 1000));
            row.put("event_binary_heap_seconds", Medians.of(heap) / (durationMs / 1000));
            row.put("clock_seconds", Medians.of(clock) / (durationMs / 1000));
            row.put("clock_dt_ms", CLOCK_DT);
            row.put("speedup", Medians.of(clock) / Medians.of(event));
            row.put("calendar_over_heap", Medians.of(heap) / Medians.of(event));
            row.put("n", N);
            rows.add(row);
            System.err.println(row);
        }
        double fineDuration = 20;
        double[] fine = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            fine[r] = run(EngineKind.CLOCK_DRIVEN, EventQueueKind.CALENDAR, FINE_DT, 1, fineDuration).seconds
                    / (fineDuration / 1000);
        }
        Map<String, Object> accuracy = new LinkedHashMap<>();
        accuracy.put("clock_dt_ms", FINE_DT);
        accuracy.put("clock_seconds", Medians.of(fine));
        accuracy.put("drive_hz", 1.0);
        accuracy.put("duration_s_measured", fineDuration / 1000);
        accuracy.put("note", "clock-driven spike times err by up to one step, so matching the event-driven "
                + "engine's 1e-9 ms needs dt near 1e-9 ms: about " + FINE_DT / 1e-9 + " times this cost");
        System.err.println(accuracy);
        JsonOutput.write(Path.of(System.getProperty("hebb.root", ".")).resolve(
                "benchmarks/results/event-vs-clock.json"), result(repeats, durationMs, rows, accuracy));
    }

    /** What the result file holds: how the engines were measured, with which seed, and the measurements. */
    static Map<String, Object> result(int repeats, double durationMs, List<Map<String, Object>> rows,
                                      Map<String, Object> accuracy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "10,000 IF_curr_exp, 100 recurrent synapses each, Poisson drive per neuron; "
                + "event-driven (calendar queue; binary heap) vs clock-driven, one thread each; seconds per "
                + "biological second (medians)");
        out.put("java", System.getProperty("java.version"));
        out.put("seed", SEED);
        out.put("repeats", repeats);
        out.put("duration_s", durationMs / 1000);
        out.put("results", rows);
        out.put("equal_accuracy", accuracy);
        return out;
    }
}
