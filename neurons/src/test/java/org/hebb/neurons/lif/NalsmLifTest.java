package org.hebb.neurons.lif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.KernelDriver;
import org.junit.jupiter.api.Test;

/** NALSM's neuron at dt = 1 ms against the closed forms of its map. */
class NalsmLifTest {
    private static final double KEEP = 63.0 / 64.0;

    @Test
    void synapticSpikeDrivesWithADecayingKernelOfUnitArea() {
        KernelDriver driver = new KernelDriver(NalsmLif.builder().vThresh(1e6).build(), 1, 1.0);
        double w = 3;
        driver.deliver(0, w);
        float[] v = driver.state().array("v");
        double r = Math.exp(-1);
        for (int n = 1; n <= 60; n++) {
            driver.step();
            // v_n = sum_{k<n} w e^-k KEEP^(n-1-k): the kernel w e^-s / tau_syn filtered by the Euler leak
            double expected = w * (Math.pow(KEEP, n) - Math.pow(r, n)) / (KEEP - r);
            assertEquals(expected, v[0], 1e-5 * w, "step " + n);
        }
    }

    @Test
    void leakIsForwardEulerWithTauM() {
        KernelDriver driver = new KernelDriver(NalsmLif.builder().build(), 1, 1.0);
        float[] v = driver.state().array("v");
        v[0] = 15;
        for (int n = 1; n <= 100; n++) {
            driver.step();
            assertEquals(15 * Math.pow(KEEP, n), v[0], 1e-5, "step " + n);
        }
        assertEquals(0, driver.spikeSteps().length);
    }

    @Test
    void directPulseFiresInTheStepItArrives() {
        KernelDriver driver = new KernelDriver(NalsmLif.builder().build(), 1, 1.0);
        driver.deliver(1, 100);
        driver.step();
        assertArrayEquals(new int[] {0}, driver.spikeSteps());
        assertEquals(0, driver.state().array("v")[0], "reset to 0");
        driver.step();
        assertEquals(0, driver.state().array("v")[0], 0.0, "a direct pulse lasts one step");
    }

    @Test
    void refractoryNeuronKeepsIntegratingButFiresOnlyEveryThirdStep() {
        KernelDriver driver = new KernelDriver(NalsmLif.builder().iOffset(30).build(), 1, 1.0);
        float[] v = driver.state().array("v");
        driver.step();
        assertArrayEquals(new int[] {0}, driver.spikeSteps());
        driver.step();
        assertEquals(30, v[0], 1e-5, "integrates while refractory");
        driver.step();
        assertEquals(30 * KEEP + 30, v[0], 1e-4);
        for (int n = 3; n < 30; n++) {
            driver.step();
        }
        int[] spikes = driver.spikeSteps();
        assertEquals(10, spikes.length);
        for (int k = 0; k < spikes.length; k++) {
            assertEquals(3 * k, spikes[k], "2 ms refractory: threshold checks 1 and 2 after a spike skipped");
        }
    }

    @Test
    void finerStepsConvergeToTheContinuousResponse() {
        // tau dv/dt = -v + tau * w e^(-t/tau_s)/tau_s with v(0) = 0 has the peak at a known time; dt -> 0 approaches
        double w = 10;
        double tauM = 64;
        double tauS = 1;
        double t = 5;
        double exact = w * tauM / (tauM - tauS) * (Math.exp(-t / tauM) - Math.exp(-t / tauS));
        double previousError = Double.MAX_VALUE;
        for (double dt : new double[] {0.1, 0.01, 0.001}) {
            KernelDriver driver = new KernelDriver(NalsmLif.builder().vThresh(1e6).build(), 1, dt);
            driver.deliver(0, w);
            for (long n = Math.round(t / dt); n > 0; n--) {
                driver.step();
            }
            double error = Math.abs(driver.state().array("v")[0] - exact);
            assertTrue(error < previousError, "dt = " + dt + ": error " + error + " after " + previousError);
            previousError = error;
        }
        assertTrue(previousError < 0.01 * w, "error " + previousError + " at dt = 0.001 ms");
    }

    @Test
    void badParametersAreRefusedWithTheirNames() {
        IllegalArgumentException reset = assertThrows(IllegalArgumentException.class,
                () -> NalsmLif.builder().vReset(25).build());
        assertTrue(reset.getMessage().contains("v_reset = 25.0"), reset.getMessage());
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> NalsmLif.builder().tauM(1).build().createKernel(NalsmLif.builder().build().createState(1), 1));
        assertTrue(step.getMessage().contains("dt = 1.0"), step.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NalsmLif.builder().tauSyn(0));
    }
}
