package org.hebb.neurons.definition.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hebb.neurons.definition.DefinitionException;
import org.hebb.neurons.definition.expression.Expression;
import org.hebb.neurons.definition.expression.Expressions;
import org.hebb.neurons.definition.units.Unit;
import org.hebb.neurons.definition.units.Units;

/** The names a definition's expressions can use: the definition's own, then unit symbols. */
public final class Scope {
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();

    /** Declares {@code name}; fails if it is declared already or reserved. */
    public void declare(String name, Symbol.Kind kind, Unit unit) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new DefinitionException("name '" + name + "' is not allowed: must be a letter followed by "
                    + "letters, digits or _");
        }
        if (Functions.isFunction(name) || name.equals("and") || name.equals("or") || name.equals("not")) {
            throw new DefinitionException("name '" + name + "' is reserved (a function or keyword)");
        }
        if (GeneratedCodeNames.isReserved(name)) {
            throw new DefinitionException("name '" + name + "' is reserved (a word of Java or OpenCL C, the "
                    + "languages of the generated kernels)");
        }
        Symbol old = symbols.get(name);
        if (old != null) {
            throw new DefinitionException("name '" + name + "' is defined twice: as " + describe(old.kind())
                    + " and as " + describe(kind));
        }
        symbols.put(name, new Symbol(name, kind, unit));
    }

    /** A copy of this scope with the weight {@code weight} of an arriving spike, in {@code unit}. */
    public Scope withWeight(Unit unit) {
        Scope s = new Scope();
        s.symbols.putAll(symbols);
        s.symbols.put("weight", new Symbol("weight", Symbol.Kind.WEIGHT, unit));
        return s;
    }

    /** Whether {@code name} is declared by the definition (unit symbols excluded). */
    public boolean isDeclared(String name) {
        return symbols.containsKey(name);
    }

    /** The symbol {@code name} stands for in {@code text} (the {@code what} of a definition), for messages. */
    public Symbol resolve(Expression.Name name, String what, String text) {
        Symbol s = symbols.get(name.name());
        if (s != null) {
            return s;
        }
        Unit unit = Units.symbol(name.name());
        if (unit != null) {
            return new Symbol(name.name(), Symbol.Kind.UNIT, unit);
        }
        throw DefinitionException.at(what, text, name.start(), "unknown name '" + name.name()
                + "': the defined names are " + new TreeSet<>(symbols.keySet()) + "; units such as mV, ms, nA, "
                + "nF, uS can be used as quantities");
    }

    /**
     * Checks that every name in {@code e} (parsed from {@code text}, the {@code what} of a definition) is of a kind
     * in {@code allowed}; the error names the first that is not and says what may be used: "only " +
     * {@code description}.
     */
    public void requireKinds(Expression e, String what, String text, Set<Symbol.Kind> allowed, String description) {
        Expressions.rewrite(e, node -> {
            if (node instanceof Expression.Name n && !allowed.contains(resolve(n, what, text).kind())) {
                throw DefinitionException.at(what, text, n.start(), "'" + n.name() + "' cannot be used here: "
                        + "only " + description);
            }
            return null;
        });
    }

    /** The symbol declared as {@code name}, or null. */
    public Symbol get(String name) {
        return symbols.get(name);
    }

    /** The declared symbols, in declaration order. */
    public Iterable<Symbol> symbols() {
        return symbols.values();
    }

    /** What a symbol of {@code kind} is, for messages: "a parameter", "a state variable", ... */
    public static String describe(Symbol.Kind kind) {
        return switch (kind) {
            case STATE -> "a state variable";
            case PARAMETER -> "a parameter";
            case NEURON_PARAMETER -> "a per-neuron parameter";
            case SUBEXPRESSION -> "a subexpression";
            case STEP_INPUT -> "a step input";
            case INJECTED -> "the injected current";
            case TIME_STEP -> "the time step";
            case WEIGHT -> "the weight";
            case UNIT -> "a unit";
            case SYNAPSE_VARIABLE -> "a synapse variable";
            case PRESYNAPTIC_TRACE -> "a presynaptic trace";
            case POSTSYNAPTIC_TRACE -> "a postsynaptic trace";
            case MODULATOR -> "a modulator";
        };
    }
}
