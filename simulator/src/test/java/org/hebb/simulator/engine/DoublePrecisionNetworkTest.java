package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.Precision;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * A network in double precision: its state, monitors and reset keep every bit of double, on both engines, so a
 * membrane under a constant current follows its closed form to double's rounding, where single precision errs by
 * float's.
 */
class DoublePrecisionNetworkTest {
    private static final double TAU_M = 10;
    private static final double CM = 0.25;
    private static final double CURRENT = 0.25;

    private static double closedForm(double t) {
        double vInf = -65 + CURRENT * TAU_M / CM;
        return vInf + (-65 - vInf) * Math.exp(-t / TAU_M);
    }

    private static double[] trace(Network.Builder builder, boolean resetAndRepeat) {
        try (Network net = builder.build()) {
            double dt = net.dt();
            NeuronPopulation cell = net.addNeurons("cell", 1, IfCurrExp.builder().cm(CM).tauM(TAU_M).vRest(-65)
                    .vThresh(100).build());
            cell.inject(Currents.constant(CURRENT));
            StateMonitor v = net.monitorState(cell, new String[] {"v"}, new int[] {0}, dt);
            net.run(30);
            double[] first = v.traceDoubles("v", 0);
            if (resetAndRepeat) {
                net.resetState();
                StateMonitor again = net.monitorState(cell, new String[] {"v"}, new int[] {0}, dt);
                net.run(30);
                assertArrayEquals(first, again.traceDoubles("v", 0), 0, "the same trace after resetState");
            }
            return first;
        }
    }

    private static double worstError(double[] trace, double dt) {
        assertEquals(300, trace.length, "samples in 30 ms");
        double worst = 0;
        for (int k = 0; k < trace.length; k++) {
            worst = Math.max(worst, Math.abs(trace[k] - closedForm((k + 1) * dt)));
        }
        return worst;
    }

    @Test
    void clockDrivenDoubleFollowsTheClosedFormToDoubleRounding() {
        double dt = 0.1;
        double[] exact = trace(Network.builder().dt(dt).threads(1).precision(Precision.DOUBLE), true);
        double[] single = trace(Network.builder().dt(dt).threads(1), false);
        assertTrue(worstError(exact, dt) < 1e-11, "double: " + worstError(exact, dt) + " mV");
        assertTrue(worstError(single, dt) > 1e-7, "single: " + worstError(single, dt) + " mV");
    }

    @Test
    void eventDrivenPublishesDoubleState() {
        double dt = 0.1;
        double[] exact = trace(Network.builder().dt(dt).engine(EngineKind.EVENT_DRIVEN)
                .precision(Precision.DOUBLE), false);
        assertTrue(worstError(exact, dt) < 1e-12, "double: " + worstError(exact, dt) + " mV");
    }
}
