package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.lif.IfCurrDelta;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interspike interval of unconnected LIF neurons under constant currents against the closed form: from v_reset
 * the membrane reaches threshold after T = tau_m ln((R I + v_rest - v_reset) / (R I + v_rest - v_thresh)),
 * R = tau_m / cm, so a neuron fires every tau_refrac + T. The event-driven engine gives that interval to 1e-9 ms.
 * The clock-driven engine stamps a spike at the start of the step in which v crosses and lets the neuron integrate
 * again tau_refrac after the stamp, as Brian2 does, so its interval lies in (tau_refrac + T - dt, tau_refrac + T],
 * on any number of threads; a current that crosses in the first free step gives exactly tau_refrac.
 */
class RefractoryPeriodTest {
    private static final double DT = 0.1;
    private static final double CM = 0.25;
    private static final double TAU_M = 10;
    private static final double V_REST = -65;
    private static final double V_RESET = -70;
    private static final double V_THRESH = -50;
    private static final double TAU_REFRAC = 2;
    private static final int N = 40;
    /** Crosses threshold within 0.01 ms of leaving v_reset: far less than a step. */
    private static final float SATURATING_NA = 1000;

    static Stream<Arguments> modelsAndEngines() {
        NeuronModel exp = IfCurrExp.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(V_RESET).vThresh(V_THRESH)
                .tauRefrac(TAU_REFRAC).build();
        NeuronModel delta = IfCurrDelta.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(V_RESET)
                .vThresh(V_THRESH).tauRefrac(TAU_REFRAC).build();
        return Stream.of(Named.of("IF_curr_exp", exp), Named.of("IF_curr_delta", delta)).flatMap(model -> Stream.of(
                Arguments.of(model, EngineKind.CLOCK_DRIVEN, 1), Arguments.of(model, EngineKind.CLOCK_DRIVEN, 2),
                Arguments.of(model, EngineKind.EVENT_DRIVEN, 1)));
    }

    @ParameterizedTest(name = "{0}, {1}, {2} threads")
    @MethodSource("modelsAndEngines")
    void interspikeIntervalIsTauRefracPlusTimeToThreshold(NeuronModel model, EngineKind engine, int threads) {
        float[] currents = new float[N];
        for (int i = 0; i < N - 1; i++) {
            currents[i] = (float) (0.5 + 4.5 * i / (N - 2));
        }
        currents[N - 1] = SATURATING_NA;
        double[] times;
        int[] neurons;
        try (Network net = Network.builder().engine(engine).dt(DT).threads(threads).build()) {
            NeuronPopulation cells = net.addNeurons("cells", N, model);
            cells.inject(Currents.perNeuron(currents));
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(300);
            times = spikes.times();
            neurons = spikes.neurons();
        }
        boolean clock = engine == EngineKind.CLOCK_DRIVEN;
        double[] last = new double[N];
        int[] intervals = new int[N];
        Arrays.fill(last, Double.NaN);
        for (int s = 0; s < times.length; s++) {
            int i = neurons[s];
            double vInf = V_REST + currents[i] * TAU_M / CM;
            double isi = TAU_REFRAC + TAU_M * Math.log((vInf - V_RESET) / (vInf - V_THRESH));
            double measured = times[s] - last[i];
            last[i] = times[s];
            if (!Double.isNaN(measured)) {
                int k = ++intervals[i];
                String what = "neuron " + i + " at " + currents[i] + " nA, interval " + k + ": " + measured
                        + " ms against tau_refrac + T = " + isi + " ms";
                if (!clock) {
                    assertEquals(isi, measured, 1e-9, what);
                } else if (i == N - 1) {
                    assertEquals(TAU_REFRAC, measured, 1e-9, what);
                } else {
                    assertTrue(measured > isi - DT && measured <= isi + 1e-9, what);
                }
            }
        }
        for (int i = 0; i < N; i++) {
            assertTrue(intervals[i] >= 10, "neuron " + i + " at " + currents[i] + " nA: " + intervals[i]
                    + " intervals");
        }
    }
}
