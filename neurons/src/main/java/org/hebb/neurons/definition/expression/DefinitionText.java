package org.hebb.neurons.definition.expression;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.units.Units;

/** Parses the texts of a definition that are more than one expression: equations and statements. */
public final class DefinitionText {
    private DefinitionText() {
    }

    /**
     * Parses equations, one per line ({@code #} starts a comment):
     * <pre>
     * dv/dt = (v_rest - v) / tau_m + I / cm : mV (unless refractory)
     * I = i_syn + i_offset + I_inj : nA
     * </pre>
     */
    public static List<Equation> equations(String text) {
        List<Equation> equations = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = stripComment(raw).strip();
            if (!line.isEmpty()) {
                equations.add(equation(line));
            }
        }
        return equations;
    }

    private static Equation equation(String line) {
        List<Token> tokens = Tokenizer.tokens("equation", line);
        int equals = indexOf(tokens, "=");
        if (equals < 0) {
            throw DefinitionException.at("equation", line, line.length(),
                    "expected 'dx/dt = expression : unit' or 'name = expression : unit'");
        }
        String name;
        boolean differential;
        if (equals == 1 && tokens.get(0).kind() == Token.Kind.NAME) {
            name = tokens.get(0).text();
            differential = false;
        } else if (equals == 3 && tokens.get(0).kind() == Token.Kind.NAME && tokens.get(0).text().startsWith("d")
                && tokens.get(0).text().length() > 1 && tokens.get(1).is("/")
                && tokens.get(2).kind() == Token.Kind.NAME && tokens.get(2).text().equals("dt")) {
            name = tokens.get(0).text().substring(1);
            differential = true;
        } else {
            throw DefinitionException.at("equation", line, 0,
                    "the left-hand side must be 'dx/dt' for a variable x, or a name for a subexpression");
        }
        int colon = lastTopLevel(tokens, ":");
        if (colon < 0) {
            // an unbalanced parenthesis hides the unit's colon; the expression's parser then reports the parenthesis
            colon = lastIndexOf(tokens, ":");
        }
        if (colon < 0) {
            throw DefinitionException.at("equation", line, line.length(),
                    "expected ': unit' after the expression (use ': 1' for a dimensionless quantity)");
        }
        int unitStart = tokens.get(colon).end();
        int unitEnd = line.length();
        boolean unlessRefractory = false;
        int flags = flagsStart(line, unitStart);
        if (flags >= 0) {
            String flag = line.substring(flags + 1, line.length() - 1).strip();
            if (!flag.equals("unless refractory")) {
                throw DefinitionException.at("equation", line, flags + 1,
                        "unknown flag '" + flag + "': the only flag is 'unless refractory'");
            }
            if (!differential) {
                throw DefinitionException.at("equation", line, flags + 1,
                        "'unless refractory' applies to differential equations only");
            }
            unlessRefractory = true;
            unitEnd = flags;
        }
        String unit = line.substring(unitStart, unitEnd).strip();
        if (unit.isEmpty()) {
            throw DefinitionException.at("equation", line, unitStart, "expected a unit after ':'");
        }
        Units.parse("equation", line, unitStart, unitEnd);
        Expression right = ExpressionParser.parse("equation", line, tokens.get(equals).end(), tokens.get(colon).start());
        return new Equation(name, differential, right, unit, unlessRefractory, line);
    }

    /**
     * Parses statements separated by {@code ;} or new lines: {@code v = v_reset; w += b}. Operators: =, +=, -=,
     * *=, /=.
     *
     * @param what what the statements are, for messages (for example {@code "reset"})
     */
    public static List<Statement> statements(String what, String text) {
        List<Statement> statements = new ArrayList<>();
        int from = 0;
        while (from <= text.length()) {
            int to = from;
            boolean comment = false;
            while (to < text.length() && (comment || text.charAt(to) != ';') && text.charAt(to) != '\n') {
                // a ';' in a comment separates nothing: the comment runs to the line's end
                comment |= text.charAt(to) == '#';
                to++;
            }
            if (!stripComment(text.substring(from, to)).isBlank()) {
                statements.add(statement(what, text, from, to));
            }
            from = to + 1;
        }
        return statements;
    }

    private static Statement statement(String what, String text, int from, int to) {
        List<Token> tokens = Tokenizer.tokens(what, text);
        tokens.removeIf(t -> t.start() < from || t.start() >= to);
        if (tokens.size() < 2 || tokens.get(0).kind() != Token.Kind.NAME) {
            throw DefinitionException.at(what, text, tokens.isEmpty() ? from : tokens.get(0).start(),
                    "expected 'variable = expression' (or +=, -=, *=, /=)");
        }
        Token op = tokens.get(1);
        Expression.Operator operator = switch (op.text()) {
            case "=" -> null;
            case "+=" -> Expression.Operator.ADD;
            case "-=" -> Expression.Operator.SUBTRACT;
            case "*=" -> Expression.Operator.MULTIPLY;
            case "/=" -> Expression.Operator.DIVIDE;
            default -> throw DefinitionException.at(what, text, op.start(),
                    "expected '=', '+=', '-=', '*=' or '/=' after '" + tokens.get(0).text() + "'");
        };
        Expression value = ExpressionParser.parse(what, text, op.end(), to);
        return new Statement(tokens.get(0).text(), operator, value, text, tokens.get(0).start());
    }

    private static int indexOf(List<Token> tokens, String symbol) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the flags of an equation start: the '(' of a group that ends the line and follows the unit, not one
     * that is part of the unit (as in {@code 1/(mV*ms)}); -1 if there are none.
     */
    private static int flagsStart(String line, int unitStart) {
        int open = line.lastIndexOf('(');
        if (open < unitStart || !line.endsWith(")")) {
            return -1;
        }
        String before = line.substring(unitStart, open).strip();
        return before.isEmpty() || "*/^".indexOf(before.charAt(before.length() - 1)) >= 0 ? -1 : open;
    }

    private static int lastIndexOf(List<Token> tokens, String symbol) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (tokens.get(i).is(symbol)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastTopLevel(List<Token> tokens, String symbol) {
        int depth = 0;
        int found = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.is(symbol)) {
                found = i;
            }
        }
        return found;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
