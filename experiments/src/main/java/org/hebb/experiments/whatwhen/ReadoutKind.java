package org.hebb.experiments.whatwhen;

/** The three "when" readouts trained side by side on the same reservoir activity. */
public enum ReadoutKind {
    /** Hebb's three-factor rule: error x attention gate x presynaptic trace, never reset. */
    THREE_FACTOR("three-factor"),
    /** FORCE (recursive least squares), P never reset. */
    FORCE_NO_RESET("FORCE, no reset"),
    /** FORCE with P reset to I / alpha at every block change. */
    FORCE_RESET("FORCE, reset at block changes");

    private final String label;

    ReadoutKind(String label) {
        this.label = label;
    }

    /** A label for plots and tables. */
    public String label() {
        return label;
    }
}
