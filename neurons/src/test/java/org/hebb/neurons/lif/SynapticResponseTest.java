package org.hebb.neurons.lif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.KernelDriver;
import org.junit.jupiter.api.Test;

/** Responses to one synaptic event against their closed forms. */
class SynapticResponseTest {
    private static final double DT = 0.1;

    @Test
    void exponentialCurrentGivesTheAlphaDifferenceOfExponentials() {
        double cm = 0.2;
        double tauM = 20;
        double tauSyn = 5;
        double weight = 1.5;
        IfCurrExp model = IfCurrExp.builder().cm(cm).tauM(tauM).tauSynE(tauSyn).vRest(-65).vThresh(0).build();
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.deliver(0, weight);
        float[] v = driver.state().array("v");
        double peak = weight / cm * tauM * tauSyn / (tauM - tauSyn);
        for (int step = 1; step <= 1500; step++) {
            driver.step();
            double t = step * DT;
            double expected = -65 + weight / cm * tauM * tauSyn / (tauSyn - tauM)
                    * (Math.exp(-t / tauSyn) - Math.exp(-t / tauM));
            assertEquals(expected, v[0], 1e-3 * peak, "t = " + t + " ms");
        }
    }

    @Test
    void equalTimeConstantsUseTheLimitForm() {
        double cm = 0.2;
        double tau = 10;
        IfCurrExp model = IfCurrExp.builder().cm(cm).tauM(tau).tauSynI(tau).vRest(-65).vThresh(0).build();
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.deliver(1, -1.0);
        float[] v = driver.state().array("v");
        for (int step = 1; step <= 500; step++) {
            driver.step();
            double t = step * DT;
            double expected = -65 - 1.0 / cm * t * Math.exp(-t / tau);
            assertEquals(expected, v[0], 1e-3 * (tau / cm), "t = " + t + " ms");
        }
    }

    @Test
    void deltaSynapseJumpsThenDecays() {
        IfCurrDelta model = IfCurrDelta.builder().tauM(10).vRest(-65).vThresh(-50).build();
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.deliver(0, 2.0);
        driver.step();
        float[] v = driver.state().array("v");
        assertEquals(-63.0, v[0], 1e-5, "the jump is added after the step's decay");
        for (int step = 1; step <= 100; step++) {
            driver.step();
        }
        assertEquals(-65 + 2.0 * Math.exp(-100 * DT / 10), v[0], 1e-4);
    }

    /**
     * One conductance event on each receptor against an independent solution: dv/dt = (v_rest - v) / tau_m +
     * g (e_rev - v) / cm with g = w exp(-t / tau_syn), integrated in double by RK4 with steps of 1 us. The kernel
     * holds g at its start-of-step value over each 0.1 ms step (exponential Euler), so the traces agree to within
     * 2% of the excursion, where a wrong weight, capacitance, reversal potential or time constant (each by 30% or
     * more) misses by several times that.
     */
    @Test
    void conductanceDrivesTowardsItsReversalPotential() {
        double cm = 0.2;
        double tauM = 20;
        double vRest = -60;
        IfCondExp model = IfCondExp.builder().cm(cm).tauM(tauM).vRest(vRest).vThresh(10).eRevE(0).tauSynE(4)
                .eRevI(-80).tauSynI(10).build();
        double[][] receptors = {{0, 0.012, 0, 4}, {1, 0.05, -80, 10}};
        for (double[] r : receptors) {
            KernelDriver driver = new KernelDriver(model, 1, DT);
            driver.deliver((int) r[0], r[1]);
            float[] v = driver.state().array("v");
            float[] g = driver.state().array(r[0] == 0 ? "g_e" : "g_i");
            driver.step();
            assertEquals(r[1] * Math.exp(-DT / r[3]), g[0], 1e-7, "conductance decays exactly");
            double[] reference = conductanceResponse(cm, tauM, vRest, r[1], r[2], r[3], 600);
            double excursion = 0;
            for (double x : reference) {
                excursion = Math.max(excursion, Math.abs(x - vRest));
            }
            assertTrue(excursion > 5, "test setup: an excursion of " + excursion + " mV");
            assertEquals(vRest, reference[0], 0.0);
            for (int step = 2; step <= 600; step++) {
                driver.step();
                assertEquals(reference[step], v[0], 0.02 * excursion, "receptor " + (int) r[0] + ", t = "
                        + step * DT + " ms");
            }
        }
    }

    /** v at the end of each 0.1 ms step up to {@code steps}, by RK4 with steps of 1 us, v(0) = v_rest. */
    private static double[] conductanceResponse(double cm, double tauM, double vRest, double weight, double eRev,
                                                double tauSyn, int steps) {
        double[] v = new double[steps + 1];
        v[0] = vRest;
        double h = 0.001;
        int sub = (int) Math.round(DT / h);
        double x = vRest;
        for (int k = 0; k < steps * sub; k++) {
            double t = k * h;
            double k1 = conductanceDerivative(t, x, cm, tauM, vRest, weight, eRev, tauSyn);
            double k2 = conductanceDerivative(t + h / 2, x + h / 2 * k1, cm, tauM, vRest, weight, eRev, tauSyn);
            double k3 = conductanceDerivative(t + h / 2, x + h / 2 * k2, cm, tauM, vRest, weight, eRev, tauSyn);
            double k4 = conductanceDerivative(t + h, x + h * k3, cm, tauM, vRest, weight, eRev, tauSyn);
            x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            if ((k + 1) % sub == 0) {
                v[(k + 1) / sub] = x;
            }
        }
        return v;
    }

    private static double conductanceDerivative(double t, double v, double cm, double tauM, double vRest,
                                                 double weight, double eRev, double tauSyn) {
        return (vRest - v) / tauM + weight * Math.exp(-t / tauSyn) * (eRev - v) / cm;
    }

    /**
     * A spike in step 0 (time 0) with tau_refrac = 20 steps: v is held in steps 1-19, and the jump arriving in
     * step 20, tau_refrac after the spike, counts.
     */
    @Test
    void refractoryNeuronHoldsResetAndIgnoresJumps() {
        IfCurrDelta model = IfCurrDelta.builder().tauM(10).vRest(-65).vReset(-70).vThresh(-50).tauRefrac(2).build();
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.deliver(0, 20);
        driver.step();
        assertEquals(1, driver.spikeSteps().length);
        float[] v = driver.state().array("v");
        for (int step = 1; step < 20; step++) {
            driver.deliver(0, 5);
            driver.step();
            assertEquals(-70f, v[0], "held at v_reset in step " + step + ", before tau_refrac has passed");
        }
        driver.deliver(0, 5);
        driver.step();
        assertTrue(v[0] > -70f, "integrates again in step 20, tau_refrac after the spike");
    }
}
