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

    @Test
    void conductanceDrivesTowardsItsReversalPotential() {
        IfCondExp model = IfCondExp.builder().cm(0.2).tauM(20).vRest(-60).vThresh(-40).eRevI(-80).tauSynI(10)
                .build();
        KernelDriver driver = new KernelDriver(model, 1, DT);
        driver.deliver(1, 0.05);
        float[] v = driver.state().array("v");
        float[] gI = driver.state().array("g_i");
        driver.step();
        assertEquals(0.05 * Math.exp(-DT / 10), gI[0], 1e-7, "conductance decays exactly");
        double min = 0;
        for (int step = 0; step < 1000; step++) {
            driver.step();
            min = Math.min(min, v[0]);
        }
        assertTrue(min < -61 && min > -80, "hyperpolarised towards e_rev_I but not past it: " + min);
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
