package org.hebb.neurons.lif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;
import java.util.stream.Stream;

import org.hebb.neurons.KernelDriver;
import org.hebb.neurons.NeuronModel;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact LIF integrators against the closed form of the membrane equation with a constant current:
 * v(t) = v_inf + (v0 - v_inf) exp(-t / tau_m), v_inf = v_rest + I tau_m / cm.
 */
class LifClosedFormTest {
    private static final double DT = 0.1;
    private static final double CM = 0.25;
    private static final double TAU_M = 15;
    private static final double V_REST = -70;
    private static final double V_RESET = -68;
    private static final double V_THRESH = -55;
    private static final double TAU_REFRAC = 2;

    /** The exact models, each as a function of tau_refrac (ms). */
    static Stream<Named<DoubleFunction<NeuronModel>>> exactModelsByTauRefrac() {
        return Stream.of(
                Named.of("IF_curr_delta", tauRefrac -> IfCurrDelta.builder().cm(CM).tauM(TAU_M).vRest(V_REST)
                        .vReset(V_RESET).vThresh(V_THRESH).tauRefrac(tauRefrac).build()),
                Named.of("IF_curr_exp", tauRefrac -> IfCurrExp.builder().cm(CM).tauM(TAU_M).vRest(V_REST)
                        .vReset(V_RESET).vThresh(V_THRESH).tauRefrac(tauRefrac).tauSynE(3).tauSynI(7).build()),
                Named.of("IF_cond_exp", tauRefrac -> IfCondExp.builder().cm(CM).tauM(TAU_M).vRest(V_REST)
                        .vReset(V_RESET).vThresh(V_THRESH).tauRefrac(tauRefrac)
                        .integration(IfCondExp.Integration.EXPONENTIAL_EULER).build()));
    }

    static Stream<Arguments> exactModels() {
        return exactModelsByTauRefrac()
                .map(m -> Arguments.of(Named.of(m.getName(), m.getPayload().apply(TAU_REFRAC))));
    }

    @ParameterizedTest
    @MethodSource("exactModels")
    void subthresholdTrajectoryMatchesClosedForm(NeuronModel model) {
        double current = 0.2;
        double vInf = V_REST + current * TAU_M / CM;
        assertTrue(vInf < V_THRESH, "test setup: current must stay subthreshold");
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.inject(current);
        float[] v = driver.state().array("v");
        double worst = 0;
        for (int step = 1; step <= 1000; step++) {
            driver.step();
            double expected = vInf + (V_REST - vInf) * Math.exp(-step * DT / TAU_M);
            worst = Math.max(worst, Math.abs(v[0] - expected) / Math.abs(expected - V_REST));
        }
        assertTrue(worst < 1e-4, model.name() + ": worst relative error of v - v_rest " + worst);
    }

    /**
     * A membrane that barely leaks (tau_m of 10^5 to 10^12 ms, so that v_inf = v_rest + I tau_m / cm lies far away)
     * under a constant current: each step takes v to the closed form from its value before the step,
     * v + (v_inf - v) (1 - exp(-dt / tau_m)), to float precision. Neither the distant equilibrium nor a propagator
     * exp(-dt / tau_m) that rounds to 1 in float may cost the increment.
     */
    @Test
    void barelyLeakingMembraneStepsAsTheClosedFormToFloatPrecision() {
        float current = 0.3f;
        for (double tauM : new double[] {1e5, 1e7, 1e9, 1e12}) {
            NeuronModel model = IfCurrExp.builder().cm(CM).tauM(tauM).vRest(V_REST).vReset(V_RESET).vThresh(V_THRESH)
                    .tauRefrac(TAU_REFRAC).tauSynE(3).tauSynI(7).build();
            KernelDriver driver = new KernelDriver(model, 1, DT);
            driver.inject(current);
            float[] v = driver.state().array("v");
            for (int step = 1; step <= 100; step++) {
                double before = v[0];
                driver.step();
                double expected = before + (V_REST - before + current * tauM / CM) * -Math.expm1(-DT / tauM);
                assertEquals(expected, v[0], 2 * Math.ulp((float) expected), "tau_m = " + tauM + " ms, step " + step);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("exactModels")
    void firingRateMatchesClosedForm(NeuronModel model) {
        for (double current : new double[] {1.1, 1.5, 2.5, 5.0}) {
            KernelDriver driver = new KernelDriver(model, 1, DT);
            driver.inject(current);
            driver.state().array("v")[0] = (float) V_RESET;
            for (int step = 0; step < 20_000; step++) {
                driver.step();
            }
            int[] spikes = driver.spikeSteps();
            assertTrue(spikes.length > 10, model.name() + " at " + current + " nA fired " + spikes.length);
            double isiMs = (double) (spikes[spikes.length - 1] - spikes[0]) / (spikes.length - 1) * DT;

            double vInf = V_REST + current * TAU_M / CM;
            double crossing = TAU_M * Math.log((vInf - V_RESET) / (vInf - V_THRESH));
            // Free again tau_refrac after the spike (at a step start), the neuron is seen to cross at the end of
            // the step in which it crosses, and the spike is stamped at the start of that step.
            double gridIsi = TAU_REFRAC + (Math.ceil(crossing / DT - 1e-6) - 1) * DT;
            assertEquals(gridIsi, isiMs, 1e-3 * gridIsi, model.name() + " at " + current + " nA");
            double continuousIsi = TAU_REFRAC + crossing;
            assertTrue(isiMs > continuousIsi - DT && isiMs <= continuousIsi + 1e-9, model.name() + " at "
                    + current + " nA: ISI " + isiMs + " ms, not within the step before tau_refrac + T = "
                    + continuousIsi + " ms");
            assertEquals(1 / continuousIsi, 1 / isiMs, (DT / continuousIsi) / continuousIsi,
                    "rate within one step of the continuous f-I curve");
        }
    }

    /**
     * A current so strong that the neuron crosses threshold in its first free step fires every tau_refrac, as in
     * Brian2: a spike in step s holds v in steps s+1 .. s+n-1 (n = round(tau_refrac / dt)), and step s+n fires
     * again; with n = 0 or 1 (tau_refrac 0, below half a step, or one step) it fires in every step. After the
     * spike step {@code refractory_steps} holds the n - 1 steps still to be held, and counts down to 0.
     */
    @ParameterizedTest
    @MethodSource("exactModelsByTauRefrac")
    void saturatingCurrentFiresEveryRefractoryPeriod(DoubleFunction<NeuronModel> models) {
        for (double tauRefrac : new double[] {0, 0.04, DT, 0.26, TAU_REFRAC}) {
            NeuronModel model = models.apply(tauRefrac);
            int period = (int) Math.max(Math.round(tauRefrac / DT), 1);
            KernelDriver driver = new KernelDriver(model, 1, DT);
            driver.inject(1000);
            float[] refractory = driver.state().array("refractory_steps");
            for (int step = 0; step < 10 * period; step++) {
                driver.step();
                assertEquals(period - 1 - step % period, refractory[0], model.name() + ", tau_refrac "
                        + tauRefrac + " ms: refractory_steps after step " + step);
            }
            int[] spikes = driver.spikeSteps();
            assertEquals(10, spikes.length, model.name() + ", tau_refrac " + tauRefrac + " ms");
            for (int k = 0; k < spikes.length; k++) {
                assertEquals(k * period, spikes[k], model.name() + ", tau_refrac " + tauRefrac + " ms: spike " + k
                        + " after " + period + " steps");
            }
        }
    }

    /**
     * A counter of 0 or less means free: 0 (the initial value, and what the last held step leaves), -1 (what every
     * free step leaves) and any other negative value integrate alike; a counter of 1 holds v for one more step even
     * above threshold, and the neuron fires in the step after.
     */
    @ParameterizedTest
    @MethodSource("exactModels")
    void aCounterOfZeroOrLessIsFreeAndAFreeStepLeavesMinusOne(NeuronModel model) {
        KernelDriver driver = new KernelDriver(model, 3, DT);
        driver.inject(0.2);
        float[] v = driver.state().array("v");
        float[] refractory = driver.state().array("refractory_steps");
        refractory[1] = -1;
        refractory[2] = -7;
        for (int step = 0; step < 50; step++) {
            driver.step();
            for (int i = 0; i < 3; i++) {
                assertEquals(-1, refractory[i], model.name() + ": refractory_steps of free neuron " + i);
                assertEquals(v[0], v[i], model.name() + ": v of neuron " + i + " after step " + step);
            }
        }
        assertTrue(v[0] > V_REST + 1, model.name() + ": v integrated: " + v[0]);
        float held = (float) (V_THRESH + 5);
        v[0] = held;
        refractory[0] = 1;
        driver.step();
        assertEquals(held, v[0], model.name() + ": v held in the last refractory step");
        assertEquals(0, refractory[0], model.name() + ": refractory_steps after the last held step");
        assertEquals(0, driver.spikeSteps().length, model.name() + ": no spike while held");
        driver.step();
        assertArrayEquals(new int[] {51}, driver.spikeSteps(), model.name() + ": fires in the first free step");
    }

    @ParameterizedTest
    @MethodSource("exactModels")
    void belowRheobaseNeverFires(NeuronModel model) {
        double rheobase = (V_THRESH - V_REST) * CM / TAU_M;
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.inject(rheobase * 0.99);
        for (int step = 0; step < 20_000; step++) {
            driver.step();
        }
        assertEquals(0, driver.spikeSteps().length);
        driver.inject(rheobase * 1.01);
        for (int step = 0; step < 20_000; step++) {
            driver.step();
        }
        assertTrue(driver.spikeSteps().length > 0, "just above rheobase fires");
    }
}
