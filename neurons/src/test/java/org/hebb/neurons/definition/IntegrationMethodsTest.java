package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronState;
import org.hebb.neurons.ReceptorKind;
import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.integration.Assignment;
import org.hebb.neurons.definition.integration.SelfUpdate;
import org.hebb.neurons.definition.integration.StepProgram;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.neurons.lif.NalsmLif;
import org.junit.jupiter.api.Test;

/**
 * The integration methods of neuron definitions against analytic solutions: exact integration to float precision,
 * the orders of convergence of euler, rk2 and rk4, exponential Euler, stages and sub-steps, refractoriness, units
 * and receptors.
 */
class IntegrationMethodsTest {
    /** A leaky integrator driven by the injected current, v_inf = v_rest + r_m I_inj. */
    private static NeuronDefinition.Builder leak(IntegrationMethod method) {
        return NeuronDefinition.builder("leak")
                .parameter("tau_m", "ms", 20).parameter("v_rest", "mV", -65).parameter("r_m", "MOhm", 100)
                .equations("dv/dt = (v_rest - v + r_m * I_inj) / tau_m : mV")
                .initial("v", "v_rest").method(method);
    }

    // ---- exact

    @Test
    void exactLeakFollowsTheExponentialApproachAndReachesRestPlusRI() {
        assertFollowsTheLeakSolution(leak(IntegrationMethod.EXACT).build(), roundingBound(-55, 0.1, 20));
    }

    @Test
    void exponentialEulerIsExactForALinearEquationWithConstantInputs() {
        assertFollowsTheLeakSolution(leak(IntegrationMethod.EXPONENTIAL_EULER).build(), roundingBound(-55, 0.1, 20));
    }

    private static void assertFollowsTheLeakSolution(NeuronDefinition definition, double equilibriumTolerance) {
        double dt = 0.1;
        double current = 0.1;
        double vInf = -65 + 100 * current;
        Run run = new Run(definition.model(), dt, 1);
        run.injected[0] = (float) current;
        double largest = 0;
        for (int k = 1; k <= 4000; k++) {
            run.step();
            double expected = vInf + (-65 - vInf) * Math.exp(-k * dt / 20);
            largest = Math.max(largest, Math.abs(run.value("v") - expected));
        }
        assertTrue(largest < roundingBound(65, dt, 20), "largest deviation from the solution " + largest + " mV");
        assertEquals(vInf, run.value("v"), equilibriumTolerance, "equilibrium v_rest + R I");
    }

    /**
     * The float precision of a variable relaxing with time constant tau: each step rounds it by up to half an ulp
     * of values near {@code scale} (and its change by less), and these errors decay by P = exp(-dt / tau) per
     * step, so they add up to less than ulp / (1 - P). Near equilibrium the variable stops moving where its change
     * per step, (1 - P) times its distance from equilibrium, rounds away: the same bound, 7.6e-4 mV at 55 mV with
     * dt = 0.1 ms and tau = 20 ms (a float iteration cannot do better; 1e-5 mV needs 1 - P above 0.4).
     */
    private static double roundingBound(double scale, double dt, double tau) {
        return Math.ulp((float) scale) / (1 - Math.exp(-dt / tau));
    }

    @Test
    void exactCurrentBasedSynapseFollowsTheDifferenceOfExponentials() {
        double tauM = 20;
        double tauS = 5;
        double weight = 2;
        Run run = synapseAfterOneInput(tauM, tauS, weight);
        double largest = 0;
        for (int k = 1; k <= 1000; k++) {
            double t = k * 0.1;
            double current = weight * Math.exp(-t / tauS);
            double v = -65 + weight * tauM * tauS / (tauM - tauS) * (Math.exp(-t / tauM) - Math.exp(-t / tauS));
            assertEquals(current, run.value("i_syn_e"), 1e-6, "i_syn_e at step " + k);
            largest = Math.max(largest, Math.abs(run.value("v") - v));
            run.step();
        }
        assertTrue(largest < roundingBound(65, 0.1, tauM), "largest deviation " + largest + " mV");
    }

    @Test
    void exactCurrentBasedSynapseWithEqualTimeConstantsFollowsTheAlphaShape() {
        double tau = 10;
        double weight = 2;
        Run run = synapseAfterOneInput(tau, tau, weight);
        double largest = 0;
        for (int k = 1; k <= 1000; k++) {
            double t = k * 0.1;
            largest = Math.max(largest, Math.abs(run.value("v") - (-65 + weight * t * Math.exp(-t / tau))));
            run.step();
        }
        assertTrue(largest < 1e-4, "largest deviation " + largest + " mV");
    }

    /** IF_curr_exp (cm = 1 nF, no threshold in reach) after one input of {@code weight} nA and one step. */
    private static Run synapseAfterOneInput(double tauM, double tauS, double weight) {
        Run run = new Run(IfCurrExp.DEFINITION.model().with("tau_m", tauM).with("tau_syn_E", tauS)
                .with("v_thresh", 1000), 0.1, 1);
        run.input[0][0] = (float) weight;
        run.step();
        return run;
    }

    @Test
    void exactCoupledLinearSystemFollowsTheDampedRotation() {
        NeuronDefinition d = NeuronDefinition.builder("rotation")
                .parameter("tau", "ms", 50).parameter("period", "ms", 5).parameter("x0", "mV", 10)
                .equations("""
                        dx/dt = -x / tau - y / period : mV
                        dy/dt = x / period - y / tau : mV
                        """)
                .initial("x", "x0").method(IntegrationMethod.EXACT).build();
        Run run = new Run(d.model(), 0.1, 1);
        double largest = 0;
        for (int k = 1; k <= 2000; k++) {
            run.step();
            double t = k * 0.1;
            double decay = 10 * Math.exp(-t / 50);
            largest = Math.max(largest, Math.abs(run.value("x") - decay * Math.cos(t / 5)));
            largest = Math.max(largest, Math.abs(run.value("y") - decay * Math.sin(t / 5)));
        }
        assertTrue(largest < roundingBound(10, 0.1, 50), "largest deviation " + largest + " mV");
    }

    // ---- orders of convergence

    @Test
    void eulerConvergesWithOrderOne() {
        assertOrder(IntegrationMethod.EULER, 0.004, 2, 1.8, 2.2);
    }

    @Test
    void rk2ConvergesWithOrderTwo() {
        assertOrder(IntegrationMethod.RK2, 0.02, 4, 3.5, 4.5);
    }

    @Test
    void rk4ConvergesWithOrderFour() {
        assertOrder(IntegrationMethod.RK4, 0.1, 16, 12, 20);
    }

    /**
     * dx/dt = x^2 / (1 mV ms) from x = 1 mV to t = 0.8 ms, where x = 1 / (1 - t) = 5 mV; the error at dt, dt/2
     * and dt/4 (large enough that float rounding does not dominate) shrinks by 2^order each halving.
     */
    private static void assertOrder(IntegrationMethod method, double dt, double expectedRatio, double low,
                                    double high) {
        NeuronDefinition d = NeuronDefinition.builder("blow_up").parameter("x_s", "mV", 1)
                .parameter("tau", "ms", 1).equations("dx/dt = x * x / (x_s * tau) : mV").initial("x", "x_s")
                .method(method).build();
        double[] errors = new double[3];
        for (int h = 0; h < 3; h++) {
            double step = dt / (1 << h);
            Run run = new Run(d.model(), step, 1);
            long steps = Math.round(0.8 / step);
            for (long k = 0; k < steps; k++) {
                run.step();
            }
            errors[h] = Math.abs(run.value("x") - 5);
        }
        for (int h = 0; h < 2; h++) {
            double ratio = errors[h] / errors[h + 1];
            assertTrue(ratio > low && ratio < high, method.label() + ": errors " + errors[0] + ", " + errors[1]
                    + ", " + errors[2] + " mV shrink by " + ratio + ", expected about " + expectedRatio);
        }
    }

    // ---- exponential Euler

    @Test
    void exponentialEulerUsesBrian2sFormulaWithTheOtherVariablesAtTheStartOfTheStep() {
        NeuronDefinition d = NeuronDefinition.builder("conductance")
                .parameter("tau_m", "ms", 20).parameter("v_rest", "mV", -65).parameter("cm", "nF", 0.2)
                .parameter("e_rev", "mV", 0).parameter("tau_g", "ms", 5)
                .equations("""
                        dv/dt = (v_rest - v) / tau_m + g * (e_rev - v) / cm : mV
                        dg/dt = -g / tau_g : uS
                        """)
                .initial("v", "v_rest").method(IntegrationMethod.EXPONENTIAL_EULER).build();
        double dt = 0.5;
        StepProgram program = d.model().program(dt);
        double v = -60;
        double g = 0.05;
        Map<String, Double> next = evaluate(program, Map.of("v", v, "g", g));
        double a = -1 / 20.0 - g / 0.2;
        double b = -65 / 20.0 + g * 0 / 0.2;
        double expected = -b / a + (v + b / a) * Math.exp(a * dt);
        assertEquals(expected, next.get("v"), 1e-5 * Math.abs(expected), "v");
        assertEquals(g * Math.exp(-dt / 5), next.get("g"), 1e-7, "g");
        double gEnd = g * Math.exp(-dt / 5);
        double aEnd = -1 / 20.0 - gEnd / 0.2;
        double withNewG = -b / aEnd + (v + b / aEnd) * Math.exp(aEnd * dt);
        assertTrue(Math.abs(withNewG - expected) > 1e-2, "the test tells the start of the step from its end");
    }

    /**
     * A membrane without leak, dv/dt = (g (e_rev - v) + I_inj) / cm: while the conductance g is 0, the coefficient of v
     * is 0 and v rises as a capacitor's, by I_inj / cm per ms, which exponential Euler gives exactly. Brian2's
     * -b / a + (v + b / a) e^(a dt) is 0 / 0 there (and b / a overflows where g is tiny), which made v NaN; the same
     * holds for a leak per neuron set to 0 and for one of the population set to 0, which was refused.
     */
    @Test
    void exponentialEulerIntegratesLikeACapacitorWhereTheCoefficientOfTheVariableVanishes() {
        double dt = 0.1;
        double current = 0.1;
        double cm = 0.2;
        List<NeuronDefinition> capacitors = new ArrayList<>();
        for (String g : List.of("0*uS", "1e-40*uS")) {
            capacitors.add(NeuronDefinition.builder("without_leak")
                    .parameter("cm", "nF", cm).parameter("e_rev", "mV", 0).parameter("tau_g", "ms", 5)
                    .equations("""
                            dv/dt = (g * (e_rev - v) + I_inj) / cm : mV
                            dg/dt = -g / tau_g : uS
                            """)
                    .initial("v", "-65*mV").initial("g", g).method(IntegrationMethod.EXPONENTIAL_EULER).build());
        }
        for (boolean perNeuron : new boolean[] {true, false}) {
            NeuronDefinition.Builder b = NeuronDefinition.builder("leak_of_zero")
                    .parameter("cm", "nF", cm).parameter("e_l", "mV", -65);
            (perNeuron ? b.neuronParameter("g_l", "uS", 0) : b.parameter("g_l", "uS", 0))
                    .equations("dv/dt = (g_l * (e_l - v) + I_inj) / cm : mV")
                    .initial("v", "e_l").method(IntegrationMethod.EXPONENTIAL_EULER);
            capacitors.add(b.build());
        }
        int steps = 100;
        for (NeuronDefinition d : capacitors) {
            Run run = new Run(d.model(), dt, 1);
            run.injected[0] = (float) current;
            for (int k = 0; k < steps; k++) {
                run.step();
            }
            double expected = -65 + current / cm * steps * dt;
            assertEquals(expected, run.value("v"), steps * Math.ulp(65f) / 2, d.name() + ": v after " + steps
                    + " steps");
        }
    }

    /**
     * One step of {@code program} in double precision from {@code state} (values in Hebb's units, no inputs): the
     * new value of every state variable. Runs the program as printed, without compiling it.
     */
    private static Map<String, Double> evaluate(StepProgram program, Map<String, Double> state) {
        Map<String, Double> values = new HashMap<>(state);
        values.put("I_inj", 0.0);
        for (int k = 0; k < program.constants().length; k++) {
            values.put("_k" + k, (double) program.constants()[k]);
        }
        for (Assignment a : program.temporaries()) {
            values.put(a.name(), ConstantEvaluator.evaluate(a.value(), values::get));
        }
        Map<String, Double> next = new HashMap<>();
        for (Map.Entry<String, Expression> e : program.nextValues().entrySet()) {
            next.put(e.getKey(), ConstantEvaluator.evaluate(e.getValue(), values::get));
        }
        for (SelfUpdate u : program.selfUpdates()) {
            Map<String, Double> own = new HashMap<>(values);
            for (Assignment a : u.temporaries()) {
                own.put(a.name(), ConstantEvaluator.evaluate(a.value(), own::get));
            }
            next.put(u.variable(), ConstantEvaluator.evaluate(u.next(), own::get));
        }
        return next;
    }

    // ---- stages and sub-steps

    @Test
    void stageOfTwoEulerHalfStepsFeedsTheLaterStage() {
        NeuronDefinition d = NeuronDefinition.builder("two_stages")
                .parameter("a", "1", 0.02).parameter("b", "1", 0.2).parameter("i_ext", "mV", 10)
                .equations("""
                        dv/dt = (0.04 * v * v / mV + 5 * v + 140 * mV - u + i_ext) / ms : mV
                        du/dt = a * (b * v - u) / ms : mV
                        """)
                .initial("v", "-65*mV").initial("u", "-13*mV")
                .stage(IntegrationMethod.EULER, 2, "v").method(IntegrationMethod.EULER).build();
        Run run = new Run(d.model(), 1.0, 1);
        float v = -65f;
        float u = -13f;
        for (int k = 0; k < 5; k++) {
            float v1 = v + 0.5f * ((0.04f * v * v + 5f * v + 140f - u + 10f));
            float v2 = v1 + 0.5f * ((0.04f * v1 * v1 + 5f * v1 + 140f - u + 10f));
            float u1 = u + 0.02f * (0.2f * v2 - u);
            if (k == 0) {
                float fullStep = v + (0.04f * v * v + 5f * v + 140f - u + 10f);
                float fromOldV = u + 0.02f * (0.2f * v - u);
                assertTrue(Math.abs(fullStep - v2) > 0.1 && Math.abs(fromOldV - u1) > 1e-3,
                        "half-steps and stage order must matter for this test");
            }
            run.step();
            v = v2;
            u = u1;
            assertEquals(v, run.value("v"), 1e-5 * Math.abs(v), "v after step " + k);
            assertEquals(u, run.value("u"), 1e-5 * Math.abs(u), "u after step " + k);
        }
    }

    // ---- refractoriness

    @Test
    void heldVariableKeepsItsResetValueForTheRefractoryPeriodAndOthersKeepIntegrating() {
        NeuronDefinition d = NeuronDefinition.builder("refractory_lif")
                .parameter("tau_m", "ms", 20).parameter("v_rest", "mV", -65).parameter("r_m", "MOhm", 100)
                .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -70).parameter("tau_refrac", "ms", 2)
                .parameter("tau_w", "ms", 30)
                .equations("""
                        dv/dt = (v_rest - v + r_m * I_inj) / tau_m : mV (unless refractory)
                        dw/dt = -w / tau_w : mV
                        """)
                .initial("v", "v_rest").initial("w", "10*mV")
                .threshold("v >= v_thresh").reset("v = v_reset").refractory("tau_refrac")
                .method(IntegrationMethod.EXACT).build();
        double dt = 0.1;
        int n = 20;
        Run run = new Run(d.model(), dt, 1);
        run.injected[0] = 0.3f;
        List<Integer> spikes = new ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            if (run.step() > 0) {
                spikes.add(k);
            }
            assertEquals(10 * Math.exp(-(k + 1) * dt / 30), run.value("w"), 1e-5, "w at step " + k);
            int sinceSpike = spikes.isEmpty() ? -1 : k - spikes.get(spikes.size() - 1);
            if (sinceSpike >= 0 && sinceSpike < n) {
                assertEquals(-70f, run.value("v"), "v is v_reset in step " + sinceSpike + " after a spike");
                assertEquals(n - 1 - sinceSpike, run.value(NeuronDefinition.REFRACTORY_COUNTER),
                        "refractory steps left " + sinceSpike + " steps after a spike");
            } else if (sinceSpike == n) {
                assertTrue(run.value("v") > -70f, "v integrates again " + n + " steps after a spike");
            }
        }
        assertTrue(spikes.size() > 3, "spikes " + spikes);
        for (int s = 1; s < spikes.size(); s++) {
            assertTrue(spikes.get(s) - spikes.get(s - 1) > n, "interval " + spikes);
        }
    }

    @Test
    void thresholdIsNotCheckedWhileRefractoryEvenWithoutHeldVariables() {
        Run run = new Run(NalsmLif.DEFINITION.model().with("i_offset", 100), 1.0, 1);
        List<Integer> spikes = new ArrayList<>();
        boolean aboveWhileRefractory = false;
        for (int k = 0; k < 40; k++) {
            if (run.step() > 0) {
                spikes.add(k);
            } else {
                aboveWhileRefractory |= run.value("v") >= 20;
            }
        }
        assertTrue(aboveWhileRefractory, "v must cross the threshold while refractory for this test");
        assertTrue(spikes.size() > 5, "spikes " + spikes);
        for (int s = 1; s < spikes.size(); s++) {
            assertEquals(3, spikes.get(s) - spikes.get(s - 1), "round((tau_refrac + dt) / dt) steps: " + spikes);
        }
    }

    // ---- units

    @Test
    void parametersAndVariablesInOtherUnitsGiveTheSameTrajectory() {
        String hebb = "dv/dt = (v_rest - v) / tau_m + I_inj / cm : mV";
        Run reference = new Run(lifInUnits("nF", 0.25, hebb).model(), 0.1, 1);
        Run picofarad = new Run(lifInUnits("pF", 250, hebb).model(), 0.1, 1);
        Run volt = new Run(lifInUnits("nF", 0.25, hebb.replace(": mV", ": V")).model(), 0.1, 1);
        assertEquals(-0.065f, volt.value("v"), 1e-9, "v stored in V");
        for (Run r : List.of(reference, picofarad, volt)) {
            r.injected[0] = 1;
        }
        int spikes = 0;
        for (int k = 0; k < 2000; k++) {
            int fired = reference.step();
            spikes += fired;
            assertEquals(fired, picofarad.step(), "spike of the pF model at step " + k);
            assertEquals(fired, volt.step(), "spike of the V model at step " + k);
            assertEquals(reference.value("v"), picofarad.value("v"), 1e-4, "v of the pF model at step " + k);
            assertEquals(reference.value("v"), 1000 * volt.value("v"), 1e-4, "v of the V model at step " + k);
        }
        assertTrue(spikes > 3, "the comparison needs spikes, got " + spikes);
    }

    private static NeuronDefinition lifInUnits(String capacitance, double cm, String equation) {
        return NeuronDefinition.builder("units").parameter("cm", capacitance, cm).parameter("tau_m", "ms", 10)
                .parameter("v_rest", "mV", -65).parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -65)
                .equations(equation).initial("v", "v_rest").threshold("v >= v_thresh").reset("v = v_reset")
                .method(IntegrationMethod.EULER).build();
    }

    // ---- receptors

    @Test
    void receptorsActBeforeIntegrationUnlessTheyActAfterIt() {
        NeuronDefinition d = NeuronDefinition.builder("synapse").parameter("tau_s", "ms", 5)
                .equations("di/dt = -i / tau_s : nA")
                .receptor(Receptor.of("before", "nA", "i += weight"))
                .receptor(Receptor.of("after", "nA", "i += weight").actingAfterIntegration())
                .method(IntegrationMethod.EXACT).build();
        Run run = new Run(d.model(), 0.1, 2);
        run.input[0][0] = 2;
        run.input[1][1] = 2;
        run.step();
        assertEquals(2 * Math.exp(-0.1 / 5), run.value("i"), 1e-6, "input before integration decays in its step");
        assertEquals(2f, run.state.array("i")[1], "input after integration is added to the integrated value");
        assertEquals(0f, run.input[0][0], "input consumed");
        assertEquals(0f, run.input[1][1], "input consumed");
    }

    @Test
    void inputAfterIntegrationIsLostWhileTheVariableIsHeld() {
        NeuronDefinition d = NeuronDefinition.builder("delta_lif")
                .parameter("tau_m", "ms", 20).parameter("v_rest", "mV", -65).parameter("v_thresh", "mV", -50)
                .parameter("v_reset", "mV", -70).parameter("tau_refrac", "ms", 2)
                .equations("dv/dt = (v_rest - v) / tau_m : mV (unless refractory)")
                .initial("v", "v_rest").threshold("v >= v_thresh").reset("v = v_reset").refractory("tau_refrac")
                .receptor(Receptor.of("jump", "mV", "v += weight").actingAfterIntegration())
                .method(IntegrationMethod.EXACT).build();
        Run run = new Run(d.model(), 0.1, 1);
        run.input[0][0] = 5;
        run.step();
        assertEquals(-60, run.value("v"), 1e-5, "a jump at rest");
        run.input[0][0] = 20;
        assertEquals(1, run.step(), "a jump over the threshold");
        assertEquals(-70f, run.value("v"));
        run.input[0][0] = 5;
        run.step();
        assertEquals(-70f, run.value("v"), "a jump while refractory is lost");
    }

    @Test
    void stepInputSumsItsReceptorsInTheirUnitsForOneStep() {
        NeuronDefinition d = NeuronDefinition.builder("step_input").parameter("cm", "nF", 1)
                .stepInput("I_syn", "nA")
                .equations("dv/dt = I_syn / cm : mV")
                .receptor(Receptor.of("a", "nA", "I_syn += weight"))
                .receptor(Receptor.of("b", "nA", "I_syn += weight"))
                .receptor(Receptor.of("small", "pA", "I_syn += weight"))
                .receptor(Receptor.of("g", "uS", "I_syn += weight * 10*mV").nonNegative())
                .method(IntegrationMethod.EULER).build();
        DefinedNeuronModel model = d.model();
        assertEquals(new ReceptorKind("pA", false), model.receptorKind("small"));
        assertEquals(new ReceptorKind("uS", true), model.receptorKind("g"));
        Run run = new Run(model, 0.1, 1);
        run.input[0][0] = 0.3f;
        run.input[1][0] = 0.5f;
        run.step();
        assertEquals(0.1 * 0.8, run.value("v"), 1e-7, "two receptors summed for one step");
        run.step();
        assertEquals(0.1 * 0.8, run.value("v"), 1e-7, "the input lasts one step");
        run.input[2][0] = 500;
        run.step();
        assertEquals(0.1 * 1.3, run.value("v"), 1e-6, "500 pA is 0.5 nA");
        run.input[3][0] = 0.02f;
        run.step();
        assertEquals(0.1 * 1.5, run.value("v"), 1e-6, "0.02 uS times 10 mV is 0.2 nA");
    }

    /** A model's state and kernel for a few neurons, with its input and injected current. */
    private static final class Run {
        final NeuronState state;
        final NeuronKernel kernel;
        final float[][] input;
        final float[] injected;
        final int[] spikes;
        final int size;

        Run(DefinedNeuronModel model, double dt, int size) {
            this.size = size;
            state = model.createState(size);
            kernel = model.createKernel(state, dt);
            input = new float[model.receptors().size()][size];
            injected = new float[size];
            spikes = new int[size];
        }

        /** One step; the number of neurons that fired. */
        int step() {
            return kernel.step(0, size, input, injected, spikes);
        }

        float value(String variable) {
            return state.array(variable)[0];
        }
    }
}
