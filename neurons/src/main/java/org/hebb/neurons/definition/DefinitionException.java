package org.hebb.neurons.definition;

/**
 * A neuron definition that cannot be built: a parse error, a dimension mismatch, an unknown name, a method that
 * does not apply. Raised while the definition is built, never while a simulation runs. Where the error lies in a
 * piece of text, the message quotes the text and marks the position with a caret.
 */
public final class DefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error not tied to a position in a text. */
    public DefinitionException(String message) {
        super(message);
    }

    /** An error not tied to a position in a text, caused by {@code cause}. */
    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An error at {@code position} (0-based, or -1 if unknown) of {@code text}, which is the {@code what} (for
     * example {@code "equation"} or {@code "threshold"}).
     */
    public static DefinitionException at(String what, String text, int position, String message) {
        StringBuilder b = new StringBuilder();
        b.append(what).append(" '").append(text).append("'");
        if (position >= 0) {
            b.append(" at position ").append(position + 1);
        }
        b.append(": ").append(message);
        if (position >= 0 && position <= text.length()) {
            b.append("\n    ").append(text).append("\n    ").append(" ".repeat(position)).append('^');
        }
        return new DefinitionException(b.toString());
    }
}
