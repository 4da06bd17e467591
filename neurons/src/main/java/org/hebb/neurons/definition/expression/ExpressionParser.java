package org.hebb.neurons.definition.expression;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.expression.Expression.Binary;
import org.hebb.neurons.definition.expression.Expression.Call;
import org.hebb.neurons.definition.expression.Expression.Comparison;
import org.hebb.neurons.definition.expression.Expression.Literal;
import org.hebb.neurons.definition.expression.Expression.Logical;
import org.hebb.neurons.definition.expression.Expression.Name;
import org.hebb.neurons.definition.expression.Expression.Negate;
import org.hebb.neurons.definition.expression.Expression.Not;
import org.hebb.neurons.definition.expression.Expression.Operator;
import org.hebb.neurons.definition.expression.Expression.Relation;

/**
 * Parses the expression language of neuron definitions:
 *
 * <pre>
 * condition  := and ('or' and)*
 * and        := negation ('and' negation)*
 * negation   := 'not' negation | comparison
 * comparison := sum (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') sum)?
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/') unary)*
 * unary      := ('-' | '+') unary | power
 * power      := primary (('**' | '^') unary)?
 * primary    := number | name | name '(' condition (',' condition)* ')' | '(' condition ')'
 * </pre>
 * As in Python and Brian2, {@code -x**2} is {@code -(x**2)} and powers associate to the right. An expression
 * nests at most {@link #MAX_DEPTH} operations deep (a sum of n terms nests n levels deep).
 */
public final class ExpressionParser {
    /**
     * How deep an expression may nest operations: the generated kernels nest their parentheses as deep, and
     * Janino fails to compile a kernel nested about 200 deep on a thread of the default stack size.
     */
    public static final int MAX_DEPTH = 100;

    private final String what;
    private final String text;
    private final List<Token> tokens;
    /** The span of each parenthesised node including its parentheses, so that messages quote whole terms. */
    private final Map<Expression, int[]> parenthesised = new IdentityHashMap<>();
    /** How deep each node nests operations (1 for a number or a name). */
    private final Map<Expression, Integer> depths = new IdentityHashMap<>();
    /** How many parentheses, calls, signs, 'not's and exponents enclose the token being parsed. */
    private int open;
    private int next;

    private ExpressionParser(String what, String text) {
        this.what = what;
        this.text = text;
        this.tokens = Tokenizer.tokens(what, text);
    }

    /**
     * Parses {@code text}, the {@code what} of a definition (named in error messages, for example
     * {@code "threshold"}), as an expression or condition.
     */
    public static Expression parse(String what, String text) {
        ExpressionParser parser = new ExpressionParser(what, text);
        Expression e = parser.condition();
        parser.expectEnd();
        return e;
    }

    /** Parses {@code text[from, to)} as an expression, with positions relative to the whole text. */
    public static Expression parse(String what, String text, int from, int to) {
        ExpressionParser parser = new ExpressionParser(what, text);
        parser.tokens.removeIf(t -> t.start() < from || t.start() >= to);
        parser.tokens.add(new Token(Token.Kind.END, "", to));
        if (parser.tokens.size() == 1) {
            throw DefinitionException.at(what, text, Math.min(from, text.length()), "expected an expression");
        }
        Expression e = parser.condition();
        parser.expectEnd();
        return e;
    }

    private Expression condition() {
        Expression left = conjunction();
        while (peekWord("or")) {
            next++;
            Expression right = conjunction();
            left = nested(new Logical(false, left, right, start(left), end(right)), left, right);
        }
        return left;
    }

    private Expression conjunction() {
        Expression left = negation();
        while (peekWord("and")) {
            next++;
            Expression right = negation();
            left = nested(new Logical(true, left, right, start(left), end(right)), left, right);
        }
        return left;
    }

    private Expression negation() {
        if (peekWord("not")) {
            enter(tokens.get(next));
            int start = tokens.get(next++).start();
            Expression operand = negation();
            open--;
            return nested(new Not(operand, start, end(operand)), operand);
        }
        return comparison();
    }

    private Expression comparison() {
        Expression left = sum();
        Token t = tokens.get(next);
        for (Relation r : Relation.values()) {
            if (t.is(r.symbol())) {
                next++;
                Expression right = sum();
                return nested(new Comparison(r, left, right, start(left), end(right)), left, right);
            }
        }
        return left;
    }

    private Expression sum() {
        Expression left = product();
        while (peek("+") || peek("-")) {
            Operator op = tokens.get(next++).is("+") ? Operator.ADD : Operator.SUBTRACT;
            Expression right = product();
            left = nested(new Binary(op, left, right, start(left), end(right)), left, right);
        }
        return left;
    }

    private Expression product() {
        Expression left = unary();
        while (peek("*") || peek("/")) {
            Operator op = tokens.get(next++).is("*") ? Operator.MULTIPLY : Operator.DIVIDE;
            Expression right = unary();
            left = nested(new Binary(op, left, right, start(left), end(right)), left, right);
        }
        return left;
    }

    private Expression unary() {
        if (peek("-")) {
            enter(tokens.get(next));
            int start = tokens.get(next++).start();
            Expression operand = unary();
            open--;
            return nested(new Negate(operand, start, end(operand)), operand);
        }
        if (peek("+")) {
            enter(tokens.get(next++));
            Expression operand = unary();
            open--;
            return operand;
        }
        return power();
    }

    private Expression power() {
        Expression base = primary();
        if (peek("**") || peek("^")) {
            enter(tokens.get(next++));
            Expression exponent = unary();
            open--;
            return nested(new Binary(Operator.POWER, base, exponent, start(base), end(exponent)), base, exponent);
        }
        return base;
    }

    private Expression primary() {
        Token t = tokens.get(next);
        switch (t.kind()) {
            case NUMBER -> {
                next++;
                return new Literal(Double.parseDouble(t.text()), t.start(), t.end());
            }
            case NAME -> {
                if (t.text().equals("and") || t.text().equals("or") || t.text().equals("not")) {
                    throw error(t, "expected an operand, found '" + t.text() + "'");
                }
                next++;
                if (!peek("(")) {
                    return new Name(t.text(), t.start(), t.end());
                }
                enter(tokens.get(next++));
                List<Expression> arguments = new ArrayList<>();
                if (!peek(")")) {
                    arguments.add(condition());
                    while (peek(",")) {
                        next++;
                        arguments.add(condition());
                    }
                }
                Token close = expect(")");
                open--;
                return nested(new Call(t.text(), arguments, t.start(), close.end()),
                        arguments.toArray(new Expression[0]));
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    enter(tokens.get(next++));
                    Expression inner = condition();
                    open--;
                    Token close = tokens.get(next);
                    if (!close.is(")")) {
                        throw error(close, "expected ')' to close the '(' at position " + (t.start() + 1)
                                + ", found " + close.describe());
                    }
                    next++;
                    parenthesised.put(inner, new int[] {t.start(), close.end()});
                    return inner;
                }
                throw error(t, "expected an operand, found '" + t.text() + "'");
            }
            default -> throw error(t, "expected an operand, found the end of the expression");
        }
    }

    /**
     * {@code node}, one operation deeper than the deepest of {@code operands}; refused where that is deeper than
     * {@link #MAX_DEPTH}, before the parser's own recursion or a generated kernel's parentheses go deeper.
     */
    private Expression nested(Expression node, Expression... operands) {
        int depth = 1;
        for (Expression operand : operands) {
            depth = Math.max(depth, depths.getOrDefault(operand, 1) + 1);
        }
        if (depth > MAX_DEPTH) {
            throw tooDeep(start(node));
        }
        depths.put(node, depth);
        return node;
    }

    /** Enters a parenthesis, call, sign, 'not' or exponent at {@code at}, refused more than MAX_DEPTH deep. */
    private void enter(Token at) {
        if (++open > MAX_DEPTH) {
            throw tooDeep(at.start());
        }
    }

    private DefinitionException tooDeep(int position) {
        return DefinitionException.at(what, text, position, "the expression nests more than " + MAX_DEPTH
                + " operations deep (a sum of n terms nests n levels deep): the generated kernels compile no deeper "
                + "nesting");
    }

    private Token expect(String symbol) {
        Token t = tokens.get(next);
        if (!t.is(symbol)) {
            throw error(t, "expected '" + symbol + "', found " + t.describe());
        }
        next++;
        return t;
    }

    private void expectEnd() {
        Token t = tokens.get(next);
        if (t.is(")")) {
            throw error(t, "')' without a matching '('");
        }
        if (t.kind() != Token.Kind.END) {
            throw error(t, "expected an operator or the end of the expression, found " + t.describe());
        }
    }

    private int start(Expression e) {
        int[] span = parenthesised.get(e);
        return span == null ? e.start() : span[0];
    }

    private int end(Expression e) {
        int[] span = parenthesised.get(e);
        return span == null ? e.end() : span[1];
    }

    private boolean peek(String symbol) {
        return tokens.get(next).is(symbol);
    }

    private boolean peekWord(String word) {
        Token t = tokens.get(next);
        return t.kind() == Token.Kind.NAME && t.text().equals(word);
    }

    private DefinitionException error(Token at, String message) {
        return DefinitionException.at(what, text, at.start(), message);
    }
}
