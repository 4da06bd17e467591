package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.SpikeTimesSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** The event-driven engine on small networks whose spike times are known in closed form. */
class EventDrivenEngineTest {
    private static final double CM = 0.25;
    private static final double TAU_M = 10;
    private static final double V_REST = -65;
    private static final double V_RESET = -70;
    private static final double V_THRESH = -50;
    private static final double TAU_REFRAC = 2;
    private static final double CURRENT = 1.6;

    static IfCurrExp expLif(double tauSynE) {
        return expLif(tauSynE, V_RESET);
    }

    static IfCurrExp expLif(double tauSynE, double vReset) {
        return IfCurrExp.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(vReset).vThresh(V_THRESH)
                .tauRefrac(TAU_REFRAC).tauSynE(tauSynE).tauSynI(3).build();
    }

    static Network.Builder eventDriven() {
        return Network.builder().engine(EngineKind.EVENT_DRIVEN);
    }

    /**
     * With tau_syn = tau_m / 2 the response to a current pulse w arriving at t_a on a neuron at rest crosses
     * threshold where y^2 - y + k = 0, y = exp(-(t - t_a) / tau_m), k = (v_thresh - v_rest) cm / (w tau_m).
     */
    static double pulseSpikeTime(double arrivalMs, double weightNa) {
        double k = (V_THRESH - V_REST) * CM / (weightNa * TAU_M);
        return arrivalMs - TAU_M * Math.log((1 + Math.sqrt(1 - 4 * k)) / 2);
    }

    /** Pulses far enough apart (400 ms = 40 tau_m) that each finds the neuron at rest, within 1e-16 mV. */
    @Test
    void pulsesThroughDelaysFireAtTheAnalyticTimes() {
        double[] inputTimes = {1.0, 413.37, 800.001};
        double delay = 1.234567;
        double weight = 2.5;
        try (Network net = eventDriven().build()) {
            SpikeTimesSource input = net.addSpikeTimes("input", new double[][] {inputTimes});
            NeuronPopulation cell = net.addNeurons("cell", 1, expLif(TAU_M / 2, V_REST));
            net.connect(input, cell, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(weight)).delays(Delays.ms(delay)));
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(820);
            double[] times = spikes.times();
            assertEquals(inputTimes.length, times.length);
            for (int n = 0; n < times.length; n++) {
                assertEquals(pulseSpikeTime(inputTimes[n] + delay, (float) weight), times[n], 1e-9, "spike " + n);
            }
        }
    }

    /**
     * A constant suprathreshold current: t_n = t_1 + n (tau_refrac + tau_m ln((v_inf - v_reset)/(v_inf - v_th))).
     * Currents are single precision.
     */
    static double[] regularSpikeTimes(int count) {
        double vInf = V_REST + (float) CURRENT * TAU_M / CM;
        double first = TAU_M * Math.log((vInf - V_REST) / (vInf - V_THRESH));
        double period = TAU_REFRAC + TAU_M * Math.log((vInf - V_RESET) / (vInf - V_THRESH));
        double[] t = new double[count];
        for (int n = 0; n < count; n++) {
            t[n] = first + n * period;
        }
        return t;
    }

    static double[] regularFiring(Network.Builder builder, double durationMs) {
        try (Network net = builder.build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, expLif(5));
            cell.inject(Currents.constant(CURRENT));
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(durationMs);
            return spikes.times();
        }
    }

    /**
     * The clock-driven engine puts each spike at the start of the step in which v crosses, and resets there, so
     * its n-th spike may be late or early by up to about n steps; the error must shrink with dt.
     */
    @Test
    void constantCurrentFiresAtTheAnalyticTimesAndClockConvergesToThem() {
        double[] event = regularFiring(eventDriven(), 200);
        double[] exact = regularSpikeTimes(event.length);
        assertTrue(event.length > 10, "test setup: too few spikes " + event.length);
        for (int n = 0; n < event.length; n++) {
            assertEquals(exact[n], event[n], 1e-9, "event-driven spike " + n);
        }
        double previous = Double.POSITIVE_INFINITY;
        int compared = 30;
        StringBuilder table = new StringBuilder("dt (ms) | worst clock-driven spike-time error (ms), first "
                + compared + " spikes\n");
        for (double dt : new double[] {0.1, 0.01, 0.001}) {
            double[] clock = regularFiring(Network.builder().dt(dt).threads(1), 200);
            assertTrue(clock.length >= compared, "dt = " + dt + ": only " + clock.length + " spikes");
            double worst = 0;
            for (int n = 0; n < compared; n++) {
                double error = Math.abs(clock[n] - exact[n]);
                assertTrue(error <= (n + 1) * dt, "dt = " + dt + ", spike " + n + ": error " + error);
                worst = Math.max(worst, error);
            }
            table.append(dt).append(" | ").append(worst).append('\n');
            assertTrue(worst < previous, "dt = " + dt + ": error " + worst + " did not shrink from " + previous);
            previous = worst;
        }
        System.out.print(table);
    }

    @Test
    void deltaSynapsesFireAtTheArrivalThatReachesThreshold() {
        try (Network net = eventDriven().build()) {
            SpikeTimesSource input = net.addSpikeTimes("input", new double[][] {{0.3, 0.9}});
            NeuronPopulation cell = net.addNeurons("cell", 1, IfCurrDelta.builder().vRest(V_REST)
                    .vThresh(V_THRESH).vReset(V_RESET).tauM(TAU_M).build());
            double jump = 8;
            net.connect(input, cell, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(jump)).delays(Delays.ms(0.777)));
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(5);
            double secondJumpReaches = V_REST + jump * Math.exp(-0.6 / TAU_M) + jump;
            assertTrue(secondJumpReaches >= V_THRESH, "test setup");
            assertArrayEquals(new double[] {0.9 + 0.777}, spikes.times(), 1e-12);
        }
    }

    @Test
    void stateMonitorSeesTheClosedFormBetweenEvents() {
        double current = 0.2;
        double vInf = V_REST + (float) current * TAU_M / CM;
        try (Network net = eventDriven().dt(0.5).build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, expLif(5));
            cell.inject(Currents.constant(current));
            StateMonitor v = net.monitorState(cell, new String[] {"v"}, new int[] {0}, 2.0);
            net.run(40);
            double[] times = v.times();
            float[] trace = v.trace("v", 0);
            assertEquals(20, times.length);
            for (int k = 0; k < times.length; k++) {
                double t = times[k];
                assertEquals(vInf + (V_REST - vInf) * Math.exp(-t / TAU_M), trace[k], 1e-4, "sample at " + t);
            }
        }
    }

    @Test
    void resetStartsTheSameTrialAgainAtTheCurrentTime() {
        try (Network net = eventDriven().build()) {
            NeuronPopulation cell = net.addNeurons("cell", 1, expLif(5));
            cell.inject(Currents.constant(CURRENT));
            SpikeMonitor spikes = net.monitorSpikes(cell);
            net.run(50);
            int firstTrial = spikes.times().length;
            net.resetState();
            net.run(50);
            double[] times = spikes.times();
            assertEquals(2 * firstTrial, times.length);
            for (int n = 0; n < firstTrial; n++) {
                assertEquals(times[n] + 50, times[firstTrial + n], 1e-9, "spike " + n + " of trial 2");
            }
        }
    }

    /**
     * A write through {@code NeuronPopulation.set} between runs changes only what it writes: rewriting i_syn_i with
     * the values it holds leaves the other variables in the engine's double precision, so that the spikes after it
     * are those of a run without the write, to the last bit, in the network's single precision state too (every
     * variable of every neuron rounded to float there would move them by about 1e-6 ms).
     */
    @Test
    void aWriteBetweenRunsLeavesWhatItDoesNotChangeInDoublePrecision() {
        double[][] runs = new double[2][];
        for (int write = 0; write < 2; write++) {
            try (Network net = eventDriven().build()) {
                NeuronPopulation cells = net.addNeurons("cells", 3, expLif(5));
                cells.inject(Currents.perNeuron(new float[] {1.6f, 2.3f, 0.9f}));
                SpikeMonitor spikes = net.monitorSpikes(cells);
                net.run(51.3);
                if (write == 1) {
                    cells.set("i_syn_i", new double[3]);
                }
                net.run(48.7);
                runs[write] = spikes.times();
            }
        }
        assertTrue(runs[0].length > 30, "test setup: spikes after the write");
        assertArrayEquals(runs[0], runs[1], 0, "spike times with and without the write");
    }

    @Test
    void poissonDrivenRunsDependOnlyOnTheSeed() {
        double[][] runs = new double[3][];
        long[] seeds = {5, 5, 6};
        for (int r = 0; r < runs.length; r++) {
            try (Network net = eventDriven().seed(seeds[r]).build()) {
                var input = net.addPoissonSource("input", 200, 20);
                NeuronPopulation cells = net.addNeurons("cells", 50, expLif(5));
                net.connect(input, cells, Connectors.fixedProbability(0.2, true), Synapses.onto("excitatory")
                        .weights(Values.uniform(0.5, 1.5)).delays(Delays.uniformMs(0.5, 3)));
                SpikeMonitor spikes = net.monitorSpikes(cells);
                net.run(200);
                runs[r] = spikes.times();
            }
        }
        assertTrue(runs[0].length > 20, "test setup: too few spikes " + runs[0].length);
        assertArrayEquals(runs[0], runs[1], 0);
        assertTrue(runs[0].length != runs[2].length || !java.util.Arrays.equals(runs[0], runs[2]),
                "another seed gave the same spikes");
    }

    @Test
    void whatNeedsAClockIsRefusedNamingTheClockDrivenEngine() {
        try (Network net = eventDriven().build()) {
            assertRefused(() -> net.addNeurons("izh", 10, Izhikevich.builder().build()), "Izhikevich");
            assertRefused(() -> net.addBernoulliSource("pixels", 10), "Bernoulli");
            NeuronPopulation cells = net.addNeurons("cells", 10, expLif(5));
            cells.inject(Currents.gaussianNoise(0, 1));
            assertRefused(() -> net.run(1), "gaussianNoise");
        }
        String threads = assertThrows(IllegalArgumentException.class, () -> eventDriven().threads(2).build())
                .getMessage();
        assertTrue(threads.startsWith("threads = 2 is not allowed"), threads);
    }

    private static void assertRefused(Runnable action, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(named) && e.getMessage().contains("CLOCK_DRIVEN"), e.getMessage());
    }
}
