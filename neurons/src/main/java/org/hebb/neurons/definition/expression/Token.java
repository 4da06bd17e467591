package org.hebb.neurons.definition.expression;

/** A token of the definition language: a number, a name, a symbol, or the end of the text. */
record Token(Kind kind, String text, int start) {
    enum Kind {
        NUMBER, NAME, SYMBOL, END
    }

    int end() {
        return start + text.length();
    }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String describe() {
        return kind == Kind.END ? "the end of the expression" : "'" + text + "'";
    }
}
