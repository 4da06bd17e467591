package org.hebb.neurons.lif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.hebb.neurons.KernelDriver;
import org.hebb.neurons.NeuronModel;
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

    static Stream<Arguments> exactModels() {
        return Stream.of(
                Arguments.of(IfCurrDelta.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(V_RESET)
                        .vThresh(V_THRESH).tauRefrac(TAU_REFRAC).build()),
                Arguments.of(IfCurrExp.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(V_RESET)
                        .vThresh(V_THRESH).tauRefrac(TAU_REFRAC).tauSynE(3).tauSynI(7).build()),
                Arguments.of(IfCondExp.builder().cm(CM).tauM(TAU_M).vRest(V_REST).vReset(V_RESET)
                        .vThresh(V_THRESH).tauRefrac(TAU_REFRAC)
                        .integration(IfCondExp.Integration.EXPONENTIAL_EULER).build()));
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
        assertTrue(worst < 1e-3, model.name() + ": worst relative error of v - v_rest " + worst);
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
            // On the time grid a spike is seen at the first step end at or after the crossing.
            double gridIsi = TAU_REFRAC + Math.ceil(crossing / DT - 1e-6) * DT;
            assertEquals(gridIsi, isiMs, 1e-3 * gridIsi, model.name() + " at " + current + " nA");
            double continuousIsi = TAU_REFRAC + crossing;
            assertEquals(1 / continuousIsi, 1 / isiMs, (DT / continuousIsi) / continuousIsi,
                    "rate within one step of the continuous f-I curve");
        }
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
