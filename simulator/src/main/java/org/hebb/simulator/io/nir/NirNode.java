package org.hebb.simulator.io.nir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph: its name, its type ({@code LIF}, {@code Linear}, ...) and its arrays, each flattened
 * (row-major) with its shape.
 */
record NirNode(String name, String type, Map<String, double[]> values, Map<String, long[]> shapes) {
    /** A node with no arrays yet. */
    static NirNode of(String name, String type) {
        return new NirNode(name, type, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** Adds the array {@code name} with {@code shape}; returns this node. */
    NirNode with(String name, double[] values, long... shape) {
        this.values.put(name, values);
        this.shapes.put(name, shape);
        return this;
    }

    boolean isPopulation() {
        return type.equals("Input") || isNeurons();
    }

    boolean isNeurons() {
        return type.equals("LIF") || type.equals("CubaLIF") || type.equals("IF");
    }

    boolean isWeights() {
        return type.equals("Linear") || type.equals("Affine");
    }

    /** The array {@code name}, or the refusal naming the node and what it lacks. */
    double[] require(String name) {
        double[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("node '" + this.name + "' (" + type + ") has no '" + name + "'");
        }
        return v;
    }

    /** The array {@code name}, or {@code fallback} filled into an array of {@code size} if the node has none. */
    double[] orDefault(String name, int size, double fallback) {
        double[] v = values.get(name);
        if (v != null) {
            return v;
        }
        double[] filled = new double[size];
        java.util.Arrays.fill(filled, fallback);
        return filled;
    }

    /** The number of elements this node's output has (populations: neurons or inputs; weights: rows). */
    int size() {
        return switch (type) {
            case "Input", "Output" -> (int) product(require("shape"));
            case "LIF", "CubaLIF", "IF" -> require("v_threshold").length;
            case "Linear", "Affine" -> (int) shapes.get("weight")[0];
            case "Delay" -> require("delay").length;
            default -> throw new IllegalStateException(type);
        };
    }

    private static long product(double[] shape) {
        long n = 1;
        for (double s : shape) {
            n *= (long) s;
        }
        return n;
    }
}
