package org.hebb.neurons.definition.units;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.ExpressionParser;

/** The unit symbols a definition can use, and the parsing of unit texts. */
public final class Units {
    private static final Map<String, Unit> SYMBOLS = new HashMap<>();

    static {
        Dimension capacitance = new Dimension(-1, 1, 1, 0);
        Dimension conductance = new Dimension(-1, 0, 1, 0);
        Dimension resistance = new Dimension(1, 0, -1, 0);
        Dimension frequency = new Dimension(0, -1, 0, 0);
        add(Dimension.VOLTAGE, 1, "mV", 1e3, "V", 1e-3, "uV");
        add(Dimension.TIME, 1, "ms", 1e3, "s", 1e-3, "us");
        add(Dimension.CURRENT, 1, "nA", 1e-3, "pA", 1e3, "uA", 1e6, "mA", 1e9, "A");
        add(capacitance, 1, "nF", 1e-3, "pF", 1e3, "uF", 1e9, "F");
        add(conductance, 1, "uS", 1e-3, "nS", 1e3, "mS", 1e6, "S");
        add(resistance, 1, "MOhm", 1e3, "GOhm", 1e-3, "kOhm", 1e-6, "Ohm");
        add(frequency, 1e-3, "Hz", 1, "kHz");
        add(Dimension.LENGTH, 1, "um", 1e3, "mm", 1e4, "cm", 1e6, "m");
        SYMBOLS.put("cm2", new Unit("cm2", Dimension.LENGTH.power(2), 1e8));
        SYMBOLS.put("um2", new Unit("um2", Dimension.LENGTH.power(2), 1));
    }

    /** The unit of a projection's weights, {@code weight}, for synapse definitions. */
    public static final Unit WEIGHT = new Unit("weight", Dimension.WEIGHT, 1);

    private Units() {
    }

    private static void add(Dimension dimension, Object... factorsAndSymbols) {
        for (int i = 0; i < factorsAndSymbols.length; i += 2) {
            String symbol = (String) factorsAndSymbols[i + 1];
            SYMBOLS.put(symbol, new Unit(symbol, dimension, ((Number) factorsAndSymbols[i]).doubleValue()));
        }
    }

    /** The unit named {@code symbol}, or null. */
    public static Unit symbol(String symbol) {
        return SYMBOLS.get(symbol);
    }

    /** Parses a unit text: symbols combined with *, / and integer powers, or {@code 1}. */
    public static Unit parse(String text) {
        return parse("unit", text);
    }

    /**
     * Parses a unit text, naming it in messages as {@code what} (for example {@code "unit of parameter cm"}).
     */
    public static Unit parse(String what, String text) {
        return parse(what, text, 0, text.length());
    }

    /**
     * Parses the unit written in {@code text[from, to)}, the {@code what} of a definition (for example an equation);
     * messages quote the whole text and point into it.
     */
    public static Unit parse(String what, String text, int from, int to) {
        return parse(what, text, from, to, Map.of());
    }

    /**
     * Parses a unit text that may also use the symbols of {@code extra} (for example {@link #WEIGHT} in synapse
     * definitions), as {@link #parse(String, String, int, int)}.
     */
    public static Unit parse(String what, String text, int from, int to, Map<String, Unit> extra) {
        Expression e = ExpressionParser.parse(what, text, from, to);
        Unit u = new Parsing(what, text, extra).evaluate(e);
        return new Unit(text.substring(from, to).strip(), u.dimension(), u.factor());
    }

    /** The evaluation of one unit text, for messages. */
    private record Parsing(String what, String text, Map<String, Unit> extra) {
        private Unit evaluate(Expression e) {
            if (e instanceof Expression.Literal l && l.value() == 1) {
                return Unit.ONE;
            }
            if (e instanceof Expression.Name n) {
                Unit u = SYMBOLS.getOrDefault(n.name(), extra.get(n.name()));
                if (u == null) {
                    Set<String> known = new TreeSet<>(SYMBOLS.keySet());
                    known.addAll(extra.keySet());
                    throw DefinitionException.at(what, text, n.start(), "unknown unit '" + n.name()
                            + "': must be built from " + known + " or 1");
                }
                return u;
            }
            if (e instanceof Expression.Binary b) {
                Unit left = evaluate(b.left());
                switch (b.operator()) {
                    case MULTIPLY -> {
                        Unit right = evaluate(b.right());
                        return new Unit(text, left.dimension().times(right.dimension()),
                                left.factor() * right.factor());
                    }
                    case DIVIDE -> {
                        Unit right = evaluate(b.right());
                        return new Unit(text, left.dimension().dividedBy(right.dimension()),
                                left.factor() / right.factor());
                    }
                    case POWER -> {
                        int p = integerExponent(b.right());
                        return new Unit(text, left.dimension().power(p), Math.pow(left.factor(), p));
                    }
                    default -> {
                    }
                }
            }
            throw DefinitionException.at(what, text, Math.max(e.start(), 0),
                    "a unit is made of unit symbols, *, / and integer powers (for example mV/ms, uS/cm^2, 1)");
        }

        private int integerExponent(Expression e) {
            if (e instanceof Expression.Literal l && l.value() == Math.rint(l.value())) {
                return (int) l.value();
            }
            if (e instanceof Expression.Negate n && n.operand() instanceof Expression.Literal l
                    && l.value() == Math.rint(l.value())) {
                return -(int) l.value();
            }
            throw DefinitionException.at(what, text, Math.max(e.start(), 0), "a unit's power must be an integer");
        }
    }
}
