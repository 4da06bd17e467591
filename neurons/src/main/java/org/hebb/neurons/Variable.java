package org.hebb.neurons;

/**
 * A per-neuron quantity of a model: a state variable that the update changes, or a per-neuron parameter that it
 * only reads (for heterogeneous populations).
 *
 * @param name      name used by monitors and initialisers, for example {@code "v"}
 * @param unit      unit of the stored values, for example {@code "mV"}
 * @param parameter true for a per-neuron parameter, false for a state variable
 */
public record Variable(String name, String unit, boolean parameter) {
    /** A state variable. */
    public static Variable state(String name, String unit) {
        return new Variable(name, unit, false);
    }

    /** A per-neuron parameter. */
    public static Variable parameter(String name, String unit) {
        return new Variable(name, unit, true);
    }
}
