package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * Every error of a definition is raised while it is built, with a message that says what is wrong and where: the
 * text, the 1-based position with a caret under it, the offending term, the units, the names that exist.
 */
class DefinitionErrorsTest {
    private static final String LEAK = "dv/dt = (v_rest - v) / tau_m : mV";

    /** A leaky integrator's parameters, threshold and reset, without equations. */
    private static NeuronDefinition.Builder lif() {
        return NeuronDefinition.builder("test_lif")
                .parameter("tau_m", "ms", 20).parameter("v_rest", "mV", -65).parameter("r_m", "MOhm", 100)
                .parameter("v_thresh", "mV", -50).parameter("v_reset", "mV", -65).parameter("tau_refrac", "ms", 2)
                .parameter("i_syn", "nA", 0.5);
    }

    private static String error(Supplier<NeuronDefinition> definition) {
        return assertThrows(DefinitionException.class, definition::get).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message lacks '" + part + "':\n" + message);
        }
    }

    /** The message quotes {@code text}, names the 1-based position of {@code at} and puts a caret under it. */
    private static void assertCaret(String message, String what, String text, int at) {
        assertContains(message, what + " '" + text + "' at position " + (at + 1) + ":",
                "\n    " + text + "\n    " + " ".repeat(at) + "^");
    }

    /** A program that defines several models learns which one is wrong: every message begins with its name. */
    @Test
    void everyErrorNamesTheModelFirst() {
        String line = "dv/dt = (v - : mV";
        assertTrue(error(() -> lif().equations(line).build()).startsWith("model 'test_lif': equation '" + line
                + "' at position "));
        assertTrue(error(() -> lif().equations(LEAK + "\ndv/dt = -v / tau_m : mV").build())
                .startsWith("model 'test_lif': "));
        String named = error(() -> NeuronDefinition.builder("empty").parameter("tau", "ms", 1).build());
        assertTrue(named.startsWith("model 'empty' has no differential equation"), "named once: " + named);
    }

    /** The units of a step input and of the injected current are parsed when given, and their errors name the model. */
    @Test
    void unitErrorsOfStepInputsAndTheInjectedCurrentNameTheModelFirst() {
        String input = assertThrows(DefinitionException.class, () -> lif().stepInput("drive", "furlong"))
                .getMessage();
        assertTrue(input.startsWith("model 'test_lif': unit of step input drive"), input);
        String injected = assertThrows(DefinitionException.class, () -> lif().injectedCurrent("furlong"))
                .getMessage();
        assertTrue(injected.startsWith("model 'test_lif': unit of the injected current"), injected);
    }

    // ---- parse errors

    @Test
    void missingOperandNamesTheEquationAndThePosition() {
        String line = "dv/dt = (v - : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf(':'));
        assertContains(m, "expected an operand");
    }

    @Test
    void unclosedParenthesisIsReportedAsSuch() {
        String line = "dv/dt = (v_rest - v / tau_m : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf(':'));
        assertContains(m, "expected ')'");
    }

    @Test
    void unmatchedClosingParenthesisIsReportedAsSuch() {
        String line = "dv/dt = (v_rest - v)) / tau_m : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("))") + 1);
        assertContains(m, "')' without a matching '('");
    }

    @Test
    void unknownCharacterIsQuoted() {
        String line = "dv/dt = (v_rest - v) $ tau_m : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf('$'));
        assertContains(m, "unexpected character '$'");
    }

    @Test
    void aDigitOtherThanZeroToNineIsAnUnexpectedCharacter() {
        // Character.isDigit takes the Arabic-Indic three for a digit, which Java and C do not read as a number
        String line = "dv/dt = (v_rest - v) / tau_m * \u0663 : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf('\u0663'));
        assertContains(m, "unexpected character '\u0663'");
    }

    @Test
    void missingUnitAsksForOne() {
        String line = "dv/dt = (v_rest - v) / tau_m";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.length());
        assertContains(m, "expected ': unit'", "': 1'");
    }

    @Test
    void badLeftHandSideSaysWhatIsExpected() {
        String line = "v/dt = (v_rest - v) / tau_m : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, 0);
        assertContains(m, "'dx/dt'", "subexpression");
    }

    @Test
    void unknownFlagNamesTheOnlyFlag() {
        String line = LEAK + " (unless spiking)";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("unless"));
        assertContains(m, "unknown flag 'unless spiking'", "'unless refractory'");
    }

    @Test
    void unitWithParenthesesIsNotTakenForAFlag() {
        assertDoesNotThrow(() -> lif().parameter("k", "1/(mV*ms)", 1)
                .equations("dv/dt = (v_rest - v) / tau_m + k * v * v * ms / ms : mV\n"
                        + "dx/dt = k * v * x : 1/(mV*ms)").method(IntegrationMethod.EULER).build());
    }

    @Test
    void unknownUnitNamesWhereItIsWritten() {
        String m = error(() -> lif().equations("dv/dt = (v_rest - v) / tau_m : mVolt").build());
        assertContains(m, "dv/dt = (v_rest - v) / tau_m : mVolt", "unknown unit 'mVolt'", "mV");
        String p = error(() -> lif().parameter("c", "pFarad", 1).equations(LEAK).build());
        assertContains(p, "unit of parameter c 'pFarad'", "unknown unit 'pFarad'", "pF");
    }

    @Test
    void anExpressionNestedDeeperThanTheKernelsCompileIsRefused() {
        StringBuilder sum = new StringBuilder("(v_rest - v) / tau_m");
        for (int k = 0; k < 300; k++) {
            sum.append(" + v * v / (mV * ms * ").append(k + 1000).append(')');
        }
        String line = "dv/dt = " + sum + " : mV";
        String m = error(() -> lif().equations(line).method(IntegrationMethod.EULER).build());
        assertContains(m, "equation 'dv/dt = (v_rest - v) / tau_m + v * v", "nests more than "
                + org.hebb.neurons.definition.expression.ExpressionParser.MAX_DEPTH + " operations deep");
        String parentheses = "(".repeat(20000) + "v" + ")".repeat(20000);
        assertContains(error(() -> lif().equations(LEAK).threshold(parentheses + " > v_thresh").build()),
                "threshold '(((", "nests more than");
        assertContains(error(() -> lif().equations(LEAK).threshold("v > " + "-".repeat(20000) + "v_thresh")
                .build()), "nests more than");
    }

    @Test
    void theDeepestExpressionAllowedCompilesWithEveryMethod() {
        StringBuilder sum = new StringBuilder("(v_rest - v) / tau_m");
        for (int k = 4; k < org.hebb.neurons.definition.expression.ExpressionParser.MAX_DEPTH; k++) {
            // the first term nests 3 deep, the sum with the second 5, each further term one more: 100 in all
            sum.append(" + v * v / (mV * ms * ").append(k + 1000).append(')');
        }
        for (IntegrationMethod method : new IntegrationMethod[] {IntegrationMethod.EULER, IntegrationMethod.RK2,
            IntegrationMethod.RK4}) {
            DefinedNeuronModel model = lif().equations("dv/dt = " + sum + " : mV").method(method).build().model();
            for (org.hebb.neurons.Precision precision : org.hebb.neurons.Precision.values()) {
                assertDoesNotThrow(() -> model.createKernel(model.createState(2, precision), 0.1), method.label());
            }
        }
    }

    /**
     * Subexpressions s1 = v + v, s2 = s1 + v, ..., s{n} = s{n-1} + v: substituted, s{k} nests k + 1 deep, each line
     * alone at most 3.
     */
    private static String chain(int n) {
        StringBuilder lines = new StringBuilder("s1 = v + v : mV\n");
        for (int k = 2; k <= n; k++) {
            lines.append('s').append(k).append(" = s").append(k - 1).append(" + v : mV\n");
        }
        return lines.toString();
    }

    @Test
    void aChainOfSubexpressionsNestedDeeperThanTheKernelsCompileIsRefused() {
        int max = org.hebb.neurons.definition.expression.ExpressionParser.MAX_DEPTH;
        // dv/dt = (s{n} - v) / tau_m nests n + 3 deep once s{n} is substituted
        String deepest = "dv/dt = (s" + (max - 3) + " - v) / tau_m : mV";
        for (IntegrationMethod method : new IntegrationMethod[] {IntegrationMethod.EULER, IntegrationMethod.RK4}) {
            DefinedNeuronModel model = lif().equations(chain(max - 3) + deepest).method(method).build().model();
            assertDoesNotThrow(() -> model.createKernel(model.createState(2, org.hebb.neurons.Precision.SINGLE),
                    0.1), method.label());
        }
        String deeper = "dv/dt = (s" + (max - 2) + " - v) / tau_m : mV";
        assertContains(error(() -> lif().equations(chain(max - 2) + deeper).build()), "equation '" + deeper + "'",
                "model 'test_lif'", "nests " + (max + 1) + " operations deep once its subexpressions are "
                + "substituted, more than " + max);
        // a chain that would nest 300 deep is refused at the first link deeper than the limit
        assertContains(error(() -> lif().equations(chain(300) + "dv/dt = (s300 - v) / tau_m : mV").build()),
                "equation 's" + max + " = s" + (max - 1) + " + v : mV'", "nests " + (max + 1) + " operations deep");
        String threshold = "s" + (max - 1) + " > v_thresh";
        assertContains(error(() -> lif().equations(chain(max - 1) + LEAK).threshold(threshold).build()),
                "threshold '" + threshold + "'", "nests " + (max + 1));
        assertContains(error(() -> lif().equations(chain(max - 1) + LEAK).threshold("v > v_thresh")
                .reset("v = s" + (max - 1) + " - v").build()), "reset 'v = s" + (max - 1) + " - v'",
                "nests " + (max + 1));
    }

    /**
     * A threshold of parameters, dt and units alone holds in every step or in none (every neuron spiking whenever it
     * is not refractory, or never): refused, naming the model and the threshold. One that reads a state variable,
     * also through a subexpression, or an input (a relay of what arrives) is a model.
     */
    @Test
    void aThresholdThatReadsNoStateVariableOrInputIsRefused() {
        for (String constant : new String[] {"v_thresh > -60*mV", "1 > 0", "tau_refrac >= dt"}) {
            assertContains(error(() -> lif().equations(LEAK).threshold(constant).reset("v = v_reset").build()),
                    "threshold '" + constant + "'", "model 'test_lif'", "reads no state variable, step input, "
                    + "I_inj or per-neuron parameter", "every neuron would spike in every step, or never");
            // with a refractory period a constant threshold makes a pacemaker
            assertDoesNotThrow(() -> lif().equations(LEAK).threshold(constant).reset("v = v_reset")
                    .refractory("tau_refrac").build());
        }
        // user code may set a per-neuron parameter during runs: a spike source it controls
        assertDoesNotThrow(() -> lif().neuronParameter("on", "1", 0).equations(LEAK).threshold("on > 0").build());
        assertContains(error(() -> lif().equations(LEAK + "\nbar = v_thresh + 1*mV : mV").threshold("bar > 0*mV")
                .build()), "threshold 'bar > 0*mV'", "reads no state variable");
        assertDoesNotThrow(() -> lif().equations(LEAK + "\nabove = v - v_thresh : mV").threshold("above > 0*mV")
                .build());
        assertDoesNotThrow(() -> lif().equations(LEAK).threshold("I_inj > 0*nA").build());
    }

    /**
     * A chain of subexpressions that each name the one before twice doubles at every link: 30 links write out
     * billions of terms, which building walked for hours (20 links: 19 s); refused at the first link past the
     * limit.
     */
    @Test
    void aChainOfSubexpressionsThatDoublesIsRefusedBeforeItGrows() {
        String m = error(() -> lif().equations(doublingChain(30)).build());
        assertContains(m, "model 'test_lif': equation 's12 = (s11 + s11) / 2 : mV'", "terms once its "
                + "subexpressions are substituted, more than " + NeuronDefinition.Builder.MAX_SUBSTITUTED_TERMS);
        assertDoesNotThrow(() -> lif().equations(doublingChain(11)).threshold("v > v_thresh").build());
    }

    /** v relaxing towards s{links}, where s0 = v and each s{k} = (s{k-1} + s{k-1}) / 2. */
    private static String doublingChain(int links) {
        StringBuilder chain = new StringBuilder("dv/dt = (s" + links + " - v) / tau_m : mV\ns0 = v : mV");
        for (int k = 1; k <= links; k++) {
            chain.append("\ns").append(k).append(" = (s").append(k - 1).append(" + s").append(k - 1)
                    .append(") / 2 : mV");
        }
        return chain.toString();
    }

    @Test
    void anEmptyOrBlankReceptorNameIsRefused() {
        for (String name : new String[] {"", " ", "\t"}) {
            assertContains(error(() -> lif().equations(LEAK).receptor(Receptor.of(name, "nA", "v += r_m * weight"))
                    .build()), "model 'test_lif': receptor name '" + name + "' is not allowed",
                    "must not be empty or blank");
        }
    }

    /**
     * A model without a requirement on its refractory period, at values that make the period negative (or, where it
     * reads dt, at a dt that does), is refused when it is made or when its kernel is, naming the period, the values
     * and what is allowed: it would otherwise run as no refractoriness at all.
     */
    @Test
    void aNegativeRefractoryPeriodIsRefusedWithoutARequirement() {
        DefinedNeuronModel model = lif().equations(LEAK).threshold("v >= v_thresh").reset("v = v_reset")
                .refractory("tau_refrac").build().model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.with("tau_refrac", -2));
        assertContains(e.getMessage(), "refractory period 'tau_refrac' of model 'test_lif' is not allowed with "
                + "tau_refrac = -2.0 ms: it is -2.0 ms; must be a finite number >= 0 ms");
        assertDoesNotThrow(() -> model.with("tau_refrac", 0).program(0.1));
        DefinedNeuronModel stepsShorter = lif().equations(LEAK).threshold("v >= v_thresh").reset("v = v_reset")
                .refractory("tau_refrac - 3 * dt").method(IntegrationMethod.EXACT).build().model()
                .with("tau_refrac", 0.2);
        assertDoesNotThrow(() -> stepsShorter.program(0.05));
        assertContains(assertThrows(IllegalArgumentException.class, () -> stepsShorter.program(0.1)).getMessage(),
                "refractory period 'tau_refrac - 3 * dt'", "tau_refrac = 0.2 ms", "dt = 0.1 ms", ">= 0 ms");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> stepsShorter.createEventKernel(stepsShorter.createState(2), 0.1)).getMessage(),
                "refractory period 'tau_refrac - 3 * dt'", "dt = 0.1 ms");
    }

    // ---- dimensions

    @Test
    void derivativeInTheWrongUnitNamesBothUnits() {
        String line = "dv/dt = i_syn / tau_m : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("i_syn"));
        assertContains(m, "dv/dt is in mV/ms", "'i_syn / tau_m' is in nA/ms");
    }

    @Test
    void sumOfVoltageAndCurrentNamesBothTermsAndUnits() {
        String line = "dv/dt = (v_rest - v + i_syn) / tau_m : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("i_syn"));
        assertContains(m, "'v_rest - v' in mV", "'i_syn' in nA", "cannot be added");
    }

    @Test
    void exponentialOfAQuantityWithAUnit() {
        String line = "dv/dt = (v_rest - v) / tau_m + exp(v) * mV / ms : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("v) *"));
        assertContains(m, "exp needs a pure number", "'v' is in mV");
    }

    @Test
    void nonIntegerPowerOfAQuantityWithAUnit() {
        String line = "dv/dt = (v_rest - v) / tau_m + v**0.5 * mV**0.5 / ms : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("0.5"));
        assertContains(m, "'v' is in mV", "integer");
    }

    @Test
    void thresholdThatIsNotACondition() {
        String m = error(() -> lif().equations(LEAK).threshold("v - v_thresh").build());
        assertCaret(m, "threshold", "v - v_thresh", 0);
        assertContains(m, "expected a condition", "'v - v_thresh'");
    }

    @Test
    void comparisonUsedAsANumberInAnEquationIsRefused() {
        // Java has no arithmetic on booleans: built, this kernel would not compile (and OpenCL C would take 1 for true)
        String line = "dv/dt = (v_rest - v) / tau_m + (v < v_thresh) * 1*mV/ms : mV";
        String m = error(() -> lif().equations(line).method(IntegrationMethod.EULER).build());
        assertCaret(m, "equation", line, line.indexOf("v < v_thresh"));
        assertContains(m, "'v < v_thresh' is a condition where a value is expected");
    }

    @Test
    void conditionsUsedAsValuesAreRefusedWherever() {
        error(() -> lif().equations("dv/dt = (v_rest - v) / tau_m - (not v > v_rest) * mV/ms : mV")
                .method(IntegrationMethod.EULER).build());
        error(() -> lif().equations("dv/dt = (v_rest - v) / tau_m + abs(v > v_rest and v < v_thresh) * mV/ms : mV")
                .method(IntegrationMethod.EULER).build());
        error(() -> lif().equations(LEAK).threshold("(v > v_thresh) > 0").build());
        error(() -> lif().equations(LEAK + "\nspiking = v > v_thresh : 1").build());
        error(() -> lif().equations(LEAK).threshold("v >= v_thresh").reset("v = v_reset + (v > v_rest) * mV")
                .build());
        error(() -> lif().equations(LEAK).initial("v", "v_rest > v_reset").build());
    }

    @Test
    void resetAssigningACurrentToAVoltage() {
        String m = error(() -> lif().equations(LEAK).threshold("v >= v_thresh").reset("v = i_syn").build());
        assertCaret(m, "reset", "v = i_syn", 4);
        assertContains(m, "v is in mV", "'i_syn' is in nA");
    }

    @Test
    void refractoryPeriodThatIsNotATime() {
        String m = error(() -> lif().equations(LEAK).threshold("v >= v_thresh").refractory("v_rest").build());
        assertCaret(m, "refractory", "v_rest", 0);
        assertContains(m, "the refractory period is in ms", "'v_rest' is in mV");
    }

    @Test
    void initialValueInTheWrongUnit() {
        String m = error(() -> lif().equations(LEAK).initial("v", "i_syn").build());
        assertCaret(m, "initial value of v", "i_syn", 0);
        assertContains(m, "v is in mV", "'i_syn' is in nA");
    }

    @Test
    void receptorWeightInTheWrongUnitForItsTarget() {
        String m = error(() -> lif().equations(LEAK).receptor(Receptor.of("excitatory", "nA", "v += weight"))
                .build());
        assertCaret(m, "receptor excitatory", "v += weight", 5);
        assertContains(m, "'v' in mV", "'weight' in nA");
    }

    // ---- unknown names

    @Test
    void unknownNameInAnEquationListsTheDefinedNames() {
        String line = "dv/dt = (v_rest - v) / tau_mem : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("tau_mem"));
        assertContains(m, "unknown name 'tau_mem'", "tau_m, tau_refrac", "v_rest");
    }

    @Test
    void unknownNameInTheThresholdListsTheDefinedNames() {
        String m = error(() -> lif().equations(LEAK).threshold("v >= v_th").build());
        assertCaret(m, "threshold", "v >= v_th", 5);
        assertContains(m, "unknown name 'v_th'", "v_thresh");
    }

    @Test
    void unknownNameInAResetListsTheDefinedNames() {
        String m = error(() -> lif().equations(LEAK).threshold("v >= v_thresh").reset("v = v_rst").build());
        assertCaret(m, "reset", "v = v_rst", 4);
        assertContains(m, "unknown name 'v_rst'", "v_reset");
    }

    @Test
    void unknownTargetOfAResetListsTheStateVariables() {
        String m = error(() -> lif().equations(LEAK).threshold("v >= v_thresh").reset("v = v_reset; w += 1*mV")
                .build());
        assertCaret(m, "reset", "v = v_reset; w += 1*mV", 13);
        assertContains(m, "'w'", "the state variables are [v]");
    }

    @Test
    void unknownNameInAReceptorStatementListsTheDefinedNames() {
        String m = error(() -> lif().equations(LEAK).receptor(Receptor.of("excitatory", "mV", "v += weigth"))
                .build());
        assertCaret(m, "receptor excitatory", "v += weigth", 5);
        assertContains(m, "unknown name 'weigth'", "weight", "v_rest");
    }

    @Test
    void unknownFunctionListsTheFunctions() {
        String line = "dv/dt = (v_rest - v) / tau_m + expo(1) * mV / ms : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("expo"));
        assertContains(m, "unknown function 'expo'", "exp", "tanh", "clip");
    }

    @Test
    void wrongNumberOfArguments() {
        String line = "dv/dt = (v_rest - v) / tau_m + max(v) / ms : mV";
        String m = error(() -> lif().equations(line).build());
        assertCaret(m, "equation", line, line.indexOf("max"));
        assertContains(m, "max takes 2 arguments, not 1");
    }

    // ---- names

    @Test
    void parameterDeclaredTwice() {
        String m = error(() -> lif().parameter("tau_m", "ms", 10).equations(LEAK).build());
        assertContains(m, "'tau_m'", "twice");
    }

    @Test
    void stateVariableWithTheNameOfAParameter() {
        String m = error(() -> lif().equations(LEAK + "\ndtau_m/dt = -tau_m / tau_m : ms").build());
        assertContains(m, "'tau_m' is defined twice", "a parameter", "a state variable");
    }

    @Test
    void reservedNamesAreRefused() {
        assertContains(error(() -> lif().parameter("weight", "mV", 1).equations(LEAK).build()),
                "'weight' is reserved");
        assertContains(error(() -> lif().equations(LEAK + "\ndrefractory_steps/dt = 0 : 1").build()),
                "'refractory_steps' is reserved");
        assertContains(error(() -> lif().parameter("exp", "1", 1).equations(LEAK).build()),
                "'exp' is reserved", "function");
    }

    @Test
    void namesOfTheGeneratedCodeAreRefusedAtDefinition() {
        for (String keyword : new String[] {"new", "float", "int", "class", "Math", "global"}) {
            String m = error(() -> lif().parameter(keyword, "mV", 1)
                    .equations("dv/dt = (v_rest - v + " + keyword + ") / tau_m : mV").build());
            assertContains(m, "'" + keyword + "' is reserved");
        }
    }

    @Test
    void macrosOfOpenClCAreRefusedAtDefinition() {
        // the preprocessor would replace a variable of such a name, and the device kernel would not build
        for (String macro : new String[] {"INFINITY", "NAN", "NULL", "MAXFLOAT", "M_PI", "M_PI_F", "FLT_MAX",
            "DBL_EPSILON", "CHAR_BIT", "INT_MAX", "CLK_GLOBAL_MEM_FENCE", "CL_VERSION_1_2", "cl_khr_fp64",
            "vec_step"}) {
            String m = error(() -> lif().equations(LEAK + "\nd" + macro + "/dt = -" + macro + " / tau_m : 1")
                    .build());
            assertContains(m, "'" + macro + "' is reserved", "OpenCL C");
        }
        assertDoesNotThrow(() -> lif().parameter("E_L", "mV", -70).parameter("M", "1", 1).parameter("CL", "1", 1)
                .equations("dv/dt = (E_L - v) * M * CL / tau_m : mV").build());
    }

    @Test
    void namesMustStartWithALetter() {
        assertContains(error(() -> lif().parameter("_x", "mV", 1).equations(LEAK).build()),
                "'_x' is not allowed", "letter");
        assertContains(error(() -> lif().equations(LEAK + "\nd_w/dt = -_w / tau_m : mV").build()),
                "'_w' is not allowed", "letter");
        assertContains(error(() -> lif().stepInput("2x", "nA").equations(LEAK).build()),
                "'2x' is not allowed", "letter");
    }

    @Test
    void initialValueOfSomethingThatIsNotAStateVariable() {
        String m = error(() -> lif().equations(LEAK).initial("tau_m", "10*ms").build());
        assertContains(m, "'tau_m' is not a state variable", "the state variables are [v]");
    }

    @Test
    void initialValueThatTheParametersMakeNonFiniteIsRefusedBeforeARun() {
        DefinedNeuronModel model = lif().parameter("v_scale", "1", 0).equations(LEAK)
                .initial("v", "v_rest / v_scale").build().model();
        for (org.hebb.neurons.Precision precision : org.hebb.neurons.Precision.values()) {
            String m = assertThrows(IllegalArgumentException.class, () -> model.createState(2, precision))
                    .getMessage();
            assertContains(m, "test_lif with parameters", "v_scale=0.0", "initial value of v, 'v_rest / v_scale', is "
                    + "-Infinity mV", "must be finite");
        }
        String single = assertThrows(IllegalArgumentException.class, () -> model.with("v_scale", 1e-40)
                .createState(2, org.hebb.neurons.Precision.SINGLE)).getMessage();
        assertContains(single, "v_scale=1.0E-40", "mV, beyond the range of single precision");
        assertDoesNotThrow(() -> model.with("v_scale", 1e-40).createState(2, org.hebb.neurons.Precision.DOUBLE));
    }

    @Test
    void initialValueMayNotReadAStateVariable() {
        String m = error(() -> lif().equations(LEAK + "\ndw/dt = -w / tau_m : mV").initial("w", "v").build());
        assertContains(m, "initial value of w", "'v' cannot be used here", "parameters");
    }

    @Test
    void stageNamingAnUnknownVariable() {
        String m = error(() -> lif().equations(LEAK).stage(IntegrationMethod.EULER, 2, "w").build());
        assertContains(m, "stage euler names 'w'", "the state variables are [v]");
    }

    @Test
    void stageOfTooManySubStepsOrANullVariableAndANullParameterName() {
        int max = NeuronDefinition.Builder.MAX_SUBSTEPS;
        lif().equations(LEAK).stage(IntegrationMethod.EULER, max, "v").build();
        assertEquals("substeps = " + (max + 1) + " is not allowed: must be in [1, " + max + "] (each sub-step is "
                + "written out in the kernel; for more, use a smaller dt)", assertThrows(IllegalArgumentException.class,
                () -> lif().stage(IntegrationMethod.EULER, max + 1, "v")).getMessage());
        assertEquals("substeps = 0 is not allowed: must be in [1, " + max + "] (each sub-step is written out in the "
                + "kernel; for more, use a smaller dt)", assertThrows(IllegalArgumentException.class,
                () -> lif().stage(IntegrationMethod.EULER, 0, "v")).getMessage());
        assertEquals("variables[1] of the stage is null: a value is required", assertThrows(
                IllegalArgumentException.class, () -> lif().stage(IntegrationMethod.EULER, 2, "v", null))
                .getMessage());
        assertEquals("parameter name is null: a value is required", assertThrows(IllegalArgumentException.class,
                () -> lif().parameter(null, "mV", 1)).getMessage());
    }

    @Test
    void variableInTwoStages() {
        String m = error(() -> lif().equations(LEAK).stage(IntegrationMethod.EULER, 2, "v")
                .stage(IntegrationMethod.RK2, 1, "v").build());
        assertContains(m, "'v' is in two stages");
    }

    @Test
    void subexpressionsInACycle() {
        String m = error(() -> lif().equations(LEAK.replace("(v_rest - v)", "a") + "\na = b + v_rest : mV"
                + "\nb = a - v : mV").build());
        assertContains(m, "cycle", "a -> b -> a");
    }

    @Test
    void resetWithoutThreshold() {
        String m = error(() -> lif().equations(LEAK).reset("v = v_reset").build());
        assertContains(m, "reset 'v = v_reset'", "no threshold");
    }

    @Test
    void refractoryWithoutThreshold() {
        String m = error(() -> lif().equations(LEAK).refractory("tau_refrac").build());
        assertContains(m, "refractory 'tau_refrac'", "no threshold");
    }

    @Test
    void receptorWithoutStatement() {
        String m = error(() -> lif().equations(LEAK).receptor(Receptor.of("excitatory", "mV", " # nothing"))
                .build());
        assertContains(m, "receptor excitatory does nothing", "+= weight");
    }

    @Test
    void receptorAssigningInsteadOfAdding() {
        String m = error(() -> lif().equations(LEAK).receptor(Receptor.of("excitatory", "mV", "v = weight"))
                .build());
        assertCaret(m, "receptor excitatory", "v = weight", 0);
        assertContains(m, "'v += ...'");
    }

    @Test
    void receptorDeclaredTwice() {
        String m = error(() -> lif().equations(LEAK).receptor(Receptor.of("excitatory", "mV", "v += weight"))
                .receptor(Receptor.of("excitatory", "mV", "v -= weight")).build());
        assertContains(m, "receptor 'excitatory' is declared twice");
    }

    @Test
    void modelWithoutDifferentialEquation() {
        String m = error(() -> lif().equations("i = i_syn : nA").build());
        assertContains(m, "no differential equation");
    }

    // ---- methods

    @Test
    void exactOnANonlinearEquationNamesTheTermAndTheOtherMethods() {
        String line = "dv/dt = (v_rest - v) / tau_m + v * v / (tau_m * mV) : mV";
        String m = error(() -> lif().equations(line).method(IntegrationMethod.EXACT).build());
        assertCaret(m, "equation", line, line.indexOf("v * v"));
        assertContains(m, "method exact", "'v * v'", "exponential_euler, euler, rk2 or rk4");
    }

    @Test
    void exactOnAnExponentialNamesTheCall() {
        String line = "dv/dt = (v_rest - v) / tau_m + exp((v - v_thresh) / mV) * mV / ms : mV";
        String m = error(() -> lif().equations(line).method(IntegrationMethod.EXACT).build());
        assertCaret(m, "equation", line, line.indexOf("exp"));
        assertContains(m, "'exp((v - v_thresh) / mV)'", "euler");
    }

    @Test
    void exactWithACoefficientDependingOnAStateVariableNamesIt() {
        String m = error(() -> lif().parameter("e_rev", "mV", 0)
                .equations(LEAK.replace("/ tau_m", "/ tau_m + g * (e_rev - v) / (tau_m * uS)")
                        + "\ndg/dt = -g / tau_m : uS").method(IntegrationMethod.EXACT).build());
        assertContains(m, "method exact", "'g * (e_rev - v)'", "g (a state variable)");
    }

    @Test
    void exactWithACoefficientDependingOnAPerNeuronParameterNamesIt() {
        String m = error(() -> lif().neuronParameter("tau_n", "ms", 10)
                .equations("dv/dt = (v_rest - v) / tau_n : mV").method(IntegrationMethod.EXACT).build());
        assertContains(m, "method exact", "tau_n (a per-neuron parameter)", "exponential_euler");
    }

    @Test
    void exactAcceptsUnitsWrittenAsQuantities() {
        NeuronDefinition d = assertDoesNotThrow(() -> lif()
                .equations("dv/dt = (-70*mV - v) / tau_m + 0.5*mV/ms : mV").method(IntegrationMethod.EXACT)
                .build());
        assertDoesNotThrow(() -> d.model().program(0.1));
    }

    @Test
    void exponentialEulerOnAnEquationNonlinearInItsVariableNamesTheTerm() {
        String line = "dv/dt = (v_rest - v) / tau_m + v * v / (tau_m * mV) : mV";
        String m = error(() -> lif().equations(line).method(IntegrationMethod.EXPONENTIAL_EULER).build());
        assertCaret(m, "equation", line, line.indexOf("v * v"));
        assertContains(m, "method exponential_euler", "linear in v", "'v * v'", "euler, rk2 or rk4");
    }

    @Test
    void exponentialEulerAcceptsCoefficientsOfOtherVariables() {
        assertDoesNotThrow(() -> lif().parameter("e_rev", "mV", 0)
                .equations(LEAK.replace("/ tau_m", "/ tau_m + g * (e_rev - v) / (tau_m * uS)")
                        + "\ndg/dt = -g / tau_m : uS").method(IntegrationMethod.EXPONENTIAL_EULER).build());
    }
}
