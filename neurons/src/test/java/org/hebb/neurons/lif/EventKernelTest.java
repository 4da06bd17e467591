package org.hebb.neurons.lif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.EventDrivenKernel;
import org.hebb.neurons.KernelDriver;
import org.hebb.neurons.NeuronState;
import org.junit.jupiter.api.Test;

/** The event-driven kernels of the LIF models, generated from their definitions, against spike times solved by hand. */
class EventKernelTest {
    private static final double CM = 0.25;
    private static final double TAU_M = 10;
    private static final double V_REST = -65;
    private static final double V_RESET = -70;
    private static final double V_THRESH = -50;
    private static final double TAU_REFRAC = 2;

    private static EventDrivenKernel start(IfCurrExp model, double current) {
        NeuronState state = model.createState(1);
        EventDrivenKernel kernel = model.createEventKernel(state, 0.1);
        kernel.load(0, new float[] {(float) current});
        return kernel;
    }

    private static IfCurrExp.Builder lif() {
        return IfCurrExp.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(V_RESET).vThresh(V_THRESH)
                .tauRefrac(TAU_REFRAC);
    }

    private static IfCurrDelta deltaLif() {
        return IfCurrDelta.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(V_RESET).vThresh(V_THRESH)
                .tauRefrac(TAU_REFRAC).build();
    }

    /**
     * With tau_syn = tau_m / 2 the response to a current pulse w at rest is v - v_rest = (w tau_m / cm) y (1 - y),
     * y = exp(-t / tau_m): threshold is reached where y^2 - y + k = 0, k = (v_thresh - v_rest) cm / (w tau_m).
     */
    @Test
    void singleInputCrossingMatchesQuadraticSolution() {
        IfCurrExp model = lif().tauSynE(TAU_M / 2).tauSynI(3).build();
        for (double w : new double[] {1.6, 2.0, 5.0, 40.0}) {
            EventDrivenKernel kernel = start(model, 0);
            double t0 = 3.25;
            kernel.receive(0, t0, 0, w);
            double k = (V_THRESH - V_REST) * CM / (w * TAU_M);
            double y = (1 + Math.sqrt(1 - 4 * k)) / 2;
            double expected = t0 - TAU_M * Math.log(y);
            assertEquals(expected, kernel.nextThresholdTime(0), 1e-11, "w = " + w + " nA");
        }
    }

    @Test
    void subthresholdPulseNeverCrosses() {
        IfCurrExp model = lif().tauSynE(TAU_M / 2).build();
        EventDrivenKernel kernel = start(model, 0);
        double wAtThreshold = 4 * (V_THRESH - V_REST) * CM / TAU_M;
        kernel.receive(0, 1, 0, wAtThreshold * 0.999);
        assertEquals(Double.POSITIVE_INFINITY, kernel.nextThresholdTime(0));
    }

    /**
     * A pulse whose response peaks below threshold, (w tau_m / cm) / 4 at most with tau_syn_E = tau_m / 2, is known
     * never to cross from the cheap bound alone, as long as that peak stays below threshold by more than rounding:
     * else the engine queues a check (and a search) for every subthreshold input. (With tau_syn_I = tau_m the
     * response is one term of the basis, whose peak the bound knows.) A pulse that reaches threshold keeps a finite
     * bound, not after its crossing.
     */
    @Test
    void cheapBoundKnowsASubthresholdPulseNeverCrosses() {
        IfCurrExp model = lif().tauSynE(TAU_M / 2).tauSynI(TAU_M).build();
        double wAtThreshold = 4 * (V_THRESH - V_REST) * CM / TAU_M;
        for (double fraction : new double[] {0.1, 0.5, 0.8, 0.95, 0.999999}) {
            EventDrivenKernel kernel = start(model, 0);
            kernel.receive(0, 1, 0, wAtThreshold * fraction);
            assertEquals(Double.POSITIVE_INFINITY, kernel.thresholdTimeLowerBound(0), "peak at " + fraction
                    + " of the way to threshold");
        }
        for (double fraction : new double[] {1.001, 1.5, 4}) {
            EventDrivenKernel kernel = start(model, 0);
            kernel.receive(0, 1, 0, wAtThreshold * fraction);
            double crossing = kernel.nextThresholdTime(0);
            double bound = kernel.thresholdTimeLowerBound(0);
            assertTrue(crossing < Double.POSITIVE_INFINITY && bound <= crossing, "w at " + fraction + " of the"
                    + " threshold's: bound " + bound + " ms, crossing " + crossing + " ms");
        }
    }

    /** A suprathreshold constant current fires every tau_refrac + tau_m ln((v_inf - v_reset) / (v_inf - v_thresh)). */
    @Test
    void constantCurrentPeriodMatchesClosedForm() {
        double current = 2.0;
        double vInf = V_REST + current * TAU_M / CM;
        double period = TAU_REFRAC + TAU_M * Math.log((vInf - V_RESET) / (vInf - V_THRESH));
        double first = TAU_M * Math.log((vInf - V_REST) / (vInf - V_THRESH));
        EventDrivenKernel exp = start(lif().tauSynE(5).tauSynI(7).build(), current);
        IfCurrDelta delta = deltaLif();
        EventDrivenKernel del = delta.createEventKernel(delta.createState(1), 0.1);
        del.load(0, new float[] {(float) current});
        for (EventDrivenKernel kernel : new EventDrivenKernel[] {exp, del}) {
            for (int n = 0; n < 50; n++) {
                double t = kernel.nextThresholdTime(0);
                assertEquals(first + n * period, t, 1e-9, "spike " + n);
                kernel.fire(0, t);
            }
        }
    }

    /**
     * A membrane that barely leaks (tau_m of 10^12 and 10^20 ms, so that v_inf = v_rest + I tau_m / cm lies far
     * away) under a constant current integrates it almost perfectly: the first spike is at
     * -tau_m ln(1 - (v_thresh - v_rest) / (v_inf - v_rest)), about cm (v_thresh - v_rest) / I, and every later one
     * tau_refrac - tau_m ln(1 - (v_thresh - v_reset) / (v_inf - v_reset)) after the one before. The distant
     * equilibrium may not cost the state its increments.
     */
    @Test
    void barelyLeakingMembraneFiresAsThePerfectIntegrator() {
        double current = 2.0;
        for (double tauM : new double[] {1e12, 1e20}) {
            IfCurrExp exp = lif().tauM(tauM).tauSynE(5).tauSynI(7).build();
            IfCurrDelta delta = IfCurrDelta.builder().cm(CM).tauM(tauM).vRest(V_REST).vReset(V_RESET)
                    .vThresh(V_THRESH).tauRefrac(TAU_REFRAC).build();
            EventDrivenKernel del = delta.createEventKernel(delta.createState(1), 0.1);
            del.load(0, new float[] {(float) current});
            double above = current * tauM / CM;
            double first = -tauM * Math.log1p(-(V_THRESH - V_REST) / above);
            double period = TAU_REFRAC - tauM * Math.log1p(-(V_THRESH - V_RESET) / (above + V_REST - V_RESET));
            assertEquals(CM * (V_THRESH - V_REST) / current, first, 1e-10, "test setup: a perfect integrator");
            for (EventDrivenKernel kernel : new EventDrivenKernel[] {start(exp, current), del}) {
                for (int n = 0; n < 20; n++) {
                    double t = kernel.nextThresholdTime(0);
                    assertEquals(first + n * period, t, 1e-11, "tau_m = " + tauM + " ms, spike " + n);
                    kernel.fire(0, t);
                }
            }
        }
    }

    @Test
    void deltaInputFiresAtArrivalAndIsDiscardedWhileRefractory() {
        IfCurrDelta model = deltaLif();
        NeuronState state = model.createState(1);
        EventDrivenKernel kernel = model.createEventKernel(state, 0.1);
        kernel.load(0, new float[1]);
        kernel.receive(0, 4.5, 0, 10);
        assertEquals(Double.POSITIVE_INFINITY, kernel.nextThresholdTime(0));
        double v = V_REST + 10 * Math.exp(-0.5 / TAU_M);
        kernel.receive(0, 5.0, 0, V_THRESH - v);
        assertEquals(5.0, kernel.nextThresholdTime(0));
        kernel.fire(0, 5.0);
        kernel.receive(0, 6.9, 0, 100);
        kernel.publish(6.9);
        assertEquals(V_RESET, state.array("v")[0], 1e-5, "input during the refractory period is lost");
        kernel.receive(0, 7.0, 0, 1);
        kernel.publish(7.0);
        assertEquals(V_RESET + 1, state.array("v")[0], 1e-5, "input at the end of the refractory period counts");
    }

    /**
     * A neuron that fired in the clock-driven kernel's step 0 (time 0) and is taken over by the exact kernel at the
     * end of that step stays refractory until tau_refrac after its spike, as in either engine alone, and the exact
     * kernel then publishes the refractory_steps that the clock-driven kernel would hold.
     */
    @Test
    void clockStateHandsTheRefractoryPeriodOverToTheExactKernel() {
        double dt = 0.1;
        IfCurrDelta model = deltaLif();
        KernelDriver clock = new KernelDriver(model, 1, dt);
        clock.deliver(0, 100);
        clock.step();
        assertArrayEquals(new int[] {0}, clock.spikeSteps());
        NeuronState state = clock.state();
        EventDrivenKernel kernel = model.createEventKernel(state, dt);
        kernel.load(dt, new float[1]);
        kernel.publish(1.0);
        assertEquals(TAU_REFRAC / dt - 10, state.array("refractory_steps")[0], 1e-4,
                "after step 9: steps still to be held");
        kernel.receive(0, TAU_REFRAC - 0.01, 0, 100);
        kernel.publish(TAU_REFRAC - 0.01);
        assertEquals(V_RESET, state.array("v")[0], 1e-5, "input before tau_refrac has passed is lost");
        kernel.receive(0, TAU_REFRAC + 1e-9, 0, 1);
        kernel.publish(TAU_REFRAC + 1e-9);
        assertEquals(V_RESET + 1, state.array("v")[0], 1e-5, "input once tau_refrac has passed counts");
    }
}
