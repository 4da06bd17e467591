package org.hebb.neurons.definition.expression;

import java.util.List;

/**
 * A node of an expression's syntax tree. {@code start} and {@code end} locate the node in the text it was parsed
 * from (end exclusive); nodes made by Hebb itself (integration, simplification) have -1 for both.
 */
public sealed interface Expression {
    /** Offset of the node's first character in its source text, or -1. */
    int start();

    /** Offset after the node's last character in its source text, or -1. */
    int end();

    /** A number, dimensionless. */
    record Literal(double value, int start, int end) implements Expression {
    }

    /** A reference to a parameter, variable, subexpression, input, unit or {@code dt}. */
    record Name(String name, int start, int end) implements Expression {
    }

    /** Arithmetic negation. */
    record Negate(Expression operand, int start, int end) implements Expression {
    }

    /** {@code left op right} for + - * / and power. */
    record Binary(Operator operator, Expression left, Expression right, int start, int end) implements Expression {
    }

    /** A function call, such as {@code exp(x)}. */
    record Call(String function, List<Expression> arguments, int start, int end) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** A comparison, true or false. */
    record Comparison(Relation relation, Expression left, Expression right, int start, int end)
            implements Expression {
    }

    /** {@code left and right}, {@code left or right}. */
    record Logical(boolean and, Expression left, Expression right, int start, int end) implements Expression {
    }

    /** {@code not operand}. */
    record Not(Expression operand, int start, int end) implements Expression {
    }

    /** A choice made by Hebb's generators: {@code condition ? ifTrue : ifFalse}, evaluating both sides. */
    record Select(Expression condition, Expression ifTrue, Expression ifFalse) implements Expression {
        @Override
        public int start() {
            return -1;
        }

        @Override
        public int end() {
            return -1;
        }
    }

    /** Arithmetic operators. */
    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POWER("**");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written. */
        public String symbol() {
            return symbol;
        }
    }

    /** Comparison operators. */
    enum Relation {
        LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!=");

        private final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        /** The relation as written. */
        public String symbol() {
            return symbol;
        }
    }
}
