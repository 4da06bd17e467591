package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hebb.neurons.definition.analysis.ConstantEvaluator;
import org.hebb.neurons.definition.expression.DefinitionText;
import org.hebb.neurons.definition.expression.Equation;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Comparison;
import org.hebb.neurons.definition.expression.Expression.Logical;
import org.hebb.neurons.definition.expression.Expression.Negate;
import org.hebb.neurons.definition.expression.Expression.Not;
import org.hebb.neurons.definition.expression.Expression.Operator;
import org.hebb.neurons.definition.expression.ExpressionParser;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.integration.MatrixExponential;
import org.hebb.neurons.definition.units.Dimension;
import org.hebb.neurons.definition.units.Unit;
import org.junit.jupiter.api.Test;

/** The expression language: precedence, numbers, comments, printing, units, and the matrix exponential. */
class ExpressionParserTest {
    private static final Map<String, Double> VALUES = Map.of("a", 10.0, "b", 4.0, "c", 2.0, "d", 3.0, "x", 3.0);

    private static Expression parse(String text) {
        return ExpressionParser.parse("test", text);
    }

    private static double value(String text) {
        return ConstantEvaluator.evaluate(parse(text), VALUES::get);
    }

    @Test
    void unaryMinusBindsLooserThanPower() {
        Expression e = parse("-x**2");
        Negate n = assertInstanceOf(Negate.class, e);
        assertEquals(Operator.POWER, assertInstanceOf(Binary.class, n.operand()).operator());
        assertEquals(-9, value("-x**2"));
        assertEquals(9, value("(-x)**2"));
        assertEquals(1.0 / 9, value("x**-2"), 1e-15);
    }

    @Test
    void powersAssociateToTheRight() {
        assertEquals(512, value("2**3**2"));
        assertEquals(512, value("2^3^2"));
        Binary b = assertInstanceOf(Binary.class, parse("2**3**2"));
        assertEquals(Operator.POWER, assertInstanceOf(Binary.class, b.right()).operator());
    }

    @Test
    void subtractionAndDivisionAssociateToTheLeft() {
        assertEquals(4, value("a - b - c"));
        assertEquals(1.25, value("a / b / c"));
        assertEquals(28, value("a + b * c ** 2 + c"));
        assertEquals(5, value("a * b / (c * b)"));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        Logical and = assertInstanceOf(Logical.class, parse("not a > b and c < d"));
        assertTrue(and.and());
        Not not = assertInstanceOf(Not.class, and.left());
        assertEquals(Expression.Relation.GREATER, assertInstanceOf(Comparison.class, not.operand()).relation());
        assertInstanceOf(Comparison.class, and.right());
        Logical or = assertInstanceOf(Logical.class, parse("a > b or c < d and d < c"));
        assertTrue(!or.and() && assertInstanceOf(Logical.class, or.right()).and());
    }

    @Test
    void numbers() {
        assertEquals(1e-3, value("1e-3"));
        assertEquals(0.5, value(".5"));
        assertEquals(2.0, value("2."));
        assertEquals(150, value("1.5E+2"));
        assertEquals(2.5e-4, value("2.5e-4"));
    }

    @Test
    void commentsAreIgnored() {
        assertEquals(14, value("a + b # plus nothing: c"));
        List<Equation> equations = DefinitionText.equations("""
                # a leak
                dv/dt = (v_rest - v) / tau_m : mV  # per ms

                I = i_syn + I_inj : nA # total
                """);
        assertEquals(2, equations.size());
        assertEquals("v", equations.get(0).name());
        assertEquals("mV", equations.get(0).unit());
        assertEquals("nA", equations.get(1).unit());
    }

    @Test
    void aSemicolonInACommentOfStatementsSeparatesNothing() {
        // the ';' in the comment ended the first statement, and 'then adapt' (inside the comment) was read as the
        // second: the reset was refused with "expected 'variable = expression'"
        List<org.hebb.neurons.definition.expression.Statement> statements = DefinitionText.statements("reset",
                "v = v_reset # back to rest; then adapt\nw += b; u = c # done;");
        assertEquals(List.of("v", "w", "u"), statements.stream().map(s -> s.target()).toList());
        assertEquals(List.of("v_reset", "b", "c"), statements.stream().map(s -> Expressions.toText(s.value()))
                .toList());
    }

    @Test
    void printedExpressionsParseToTheSameTree() {
        for (String text : List.of("-x**2", "(-x)**2", "2**3**2", "(2**3)**2", "a - (b - c)", "a - b - c",
                "a / (b / c)", "a / b / c", "-(a + b) * c", "not a > b and c < d", "not (a > b and c < d)",
                "a > b or c < d and d < c", "(a > b or c < d) and d < c", "max(a, b - c) / exp(-x / a)",
                "clip(a, -1.5, 2.5e-3) ** 3", "a * -b", "-a - -b", "(-2)**x", "(-2.5)**x", "x**-2")) {
            Expression e = parse(text);
            String printed = Expressions.toText(e);
            assertEquals(Expressions.withoutPositions(e), Expressions.withoutPositions(parse(printed)),
                    text + " printed as " + printed);
        }
        assertEquals("-x ** 2", Expressions.toText(parse("-x**2")));
        // a negative number made by folding constants, raised to a power, was printed as -(2 ** x) is, "-2 ** x"
        Expression folded = new Expression.Binary(Expression.Operator.POWER, Expressions.number(-2),
                Expressions.name("x"), -1, -1);
        assertEquals("(-2) ** x", Expressions.toText(folded));
        assertEquals("-2 ** x", Expressions.toText(parse("-(2**x)")));
        assertEquals("a - (b - c)", Expressions.toText(parse("a-(b-c)")));
    }

    @Test
    void units() {
        Unit conductanceDensity = Unit.of("mS/cm^2");
        assertEquals(new Dimension(-1, 0, 1, -2), conductanceDensity.dimension());
        assertEquals(1e-5, conductanceDensity.factor(), 1e-20);
        Unit rate = Unit.of("1/ms");
        assertEquals(new Dimension(0, -1, 0, 0), rate.dimension());
        assertEquals(1, rate.factor());
        Unit capacitanceDensity = Unit.of("uF/cm2");
        assertEquals(new Dimension(-1, 1, 1, -2), capacitanceDensity.dimension());
        assertEquals(1e-5, capacitanceDensity.factor(), 1e-20);
        assertEquals(1e-3, Unit.of("Hz").factor());
        assertEquals(1e-3, Unit.of("pF").factor());
        assertEquals(1e3, Unit.of("V").factor());
        assertEquals(Unit.of("nA").dimension(), Unit.of("uS*mV").dimension());
        assertEquals(Dimension.NONE, Unit.of("1").dimension());
        assertEquals("1/(mV*ms)", Unit.of("1/(mV*ms)").dimension().toString());
    }

    @Test
    void matrixExponentialOfADampedRotation() {
        for (double t : new double[] {0.01, 0.7, 25}) {
            double decay = 0.1;
            double omega = 2;
            double[][] m = {{-decay * t, -omega * t}, {omega * t, -decay * t}};
            double[][] e = MatrixExponential.of(m);
            double scale = Math.exp(-decay * t);
            double[][] expected = {{scale * Math.cos(omega * t), -scale * Math.sin(omega * t)},
                {scale * Math.sin(omega * t), scale * Math.cos(omega * t)}};
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(expected[i][j], e[i][j], 1e-12, "t = " + t + ", entry " + i + j);
                }
            }
            assertEquals(-decay * t, m[0][0], "the argument is left unchanged");
        }
    }

    @Test
    void matrixExponentialOfANilpotentAndADiagonalMatrix() {
        double[][] shear = MatrixExponential.of(new double[][] {{0, 3}, {0, 0}});
        assertEquals(1, shear[0][0]);
        assertEquals(3, shear[0][1], 1e-15);
        assertEquals(0, shear[1][0]);
        assertEquals(1, shear[1][1]);
        double[][] diagonal = MatrixExponential.of(new double[][] {{-5, 0}, {0, 2}});
        assertEquals(Math.exp(-5), diagonal[0][0], 1e-15);
        assertEquals(Math.exp(2), diagonal[1][1], 1e-13);
        assertEquals(0, diagonal[0][1]);
    }
}
