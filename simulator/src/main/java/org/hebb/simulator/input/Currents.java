package org.hebb.simulator.input;

import java.util.Arrays;

import org.hebb.simulator.random.CounterRandom;
import org.hebb.util.Require;

/**
 * Factories of {@link CurrentSource}: constant, per neuron, step, arbitrary function of time, Gaussian noise.
 * Amplitudes, means and standard deviations are in the unit of the model's injected current {@code I_inj}
 * ({@code NeuronDefinition.Builder.injectedCurrent}): nA unless the model's definition declares another, as
 * Izhikevich's model and the NALSM neuron do (mV/ms). Times are in ms.
 */
public final class Currents {
    /** How error messages name the unit of a value: the model's, nA or mV/ms. */
    private static final String UNIT = "in the model's unit of I_inj";

    private Currents() {
    }

    /** A current of {@code amplitude} into every neuron at all times. */
    public static CurrentSource constant(double amplitude) {
        Require.finiteFloat("amplitude", amplitude, UNIT);
        final float value = (float) amplitude;
        return new CurrentSource() {
            @Override
            public Injector createInjector(double dt, int size, long key) {
                return (step, from, to, current) -> {
                    for (int i = from; i < to; i++) {
                        current[i] += value;
                    }
                };
            }

            @Override
            public String describe() {
                return "constant(" + amplitude + ")";
            }

            @Override
            public float[] constantAmplitudes(int size) {
                float[] values = new float[size];
                Arrays.fill(values, value);
                return values;
            }
        };
    }

    /** A constant current per neuron ({@code amplitudes.length} must equal the population size). */
    public static CurrentSource perNeuron(float[] amplitudes) {
        Require.notNull("amplitudes", amplitudes);
        Require.allFinite("amplitudes", amplitudes, UNIT);
        final float[] values = amplitudes.clone();
        return new CurrentSource() {
            @Override
            public Injector createInjector(double dt, int size, long key) {
                Require.that(values.length == size, "amplitudes has length " + values.length
                        + ": must be the population size " + size);
                return (step, from, to, current) -> {
                    for (int i = from; i < to; i++) {
                        current[i] += values[i];
                    }
                };
            }

            @Override
            public String describe() {
                return "perNeuron";
            }

            @Override
            public float[] constantAmplitudes(int size) {
                Require.that(values.length == size, "amplitudes has length " + values.length
                        + ": must be the population size " + size);
                return values.clone();
            }
        };
    }

    /**
     * A piecewise-constant current: {@code amplitudes[k]} from {@code timesMs[k]} until the next time (0 before
     * the first). Times must increase strictly.
     */
    public static CurrentSource step(double[] timesMs, double[] amplitudes) {
        Require.notNull("times", timesMs);
        Require.notNull("amplitudes", amplitudes);
        Require.that(timesMs.length == amplitudes.length && timesMs.length > 0, "times has length "
                + timesMs.length + " and amplitudes " + amplitudes.length + ": must be equal and non-zero");
        for (int k = 0; k < timesMs.length; k++) {
            Require.nonNegative("times[" + k + "]", timesMs[k], "ms");
            Require.finiteFloat("amplitudes[" + k + "]", amplitudes[k], UNIT);
            Require.that(k == 0 || timesMs[k] > timesMs[k - 1], "times[" + k + "] = " + timesMs[k]
                    + " ms is not allowed: times must increase strictly");
        }
        final double[] times = timesMs.clone();
        final double[] values = amplitudes.clone();
        return new CurrentSource() {
            @Override
            public Injector createInjector(double dt, int size, long key) {
                long[] startSteps = new long[times.length];
                for (int k = 0; k < times.length; k++) {
                    startSteps[k] = Math.round(times[k] / dt);
                    if (k > 0 && startSteps[k] == startSteps[k - 1]) {
                        throw new IllegalArgumentException("times[" + k + "] = " + times[k] + " ms is not allowed at "
                                + "dt = " + dt + " ms: it starts in the same step as times[" + (k - 1) + "] = "
                                + times[k - 1] + " ms");
                    }
                }
                return (step, from, to, current) -> {
                    int k = Arrays.binarySearch(startSteps, step);
                    int index = k >= 0 ? k : -k - 2;
                    if (index < 0) {
                        return;
                    }
                    float value = (float) values[index];
                    for (int i = from; i < to; i++) {
                        current[i] += value;
                    }
                };
            }

            @Override
            public String describe() {
                return "step(" + Arrays.toString(times) + " ms, " + Arrays.toString(values) + ")";
            }
        };
    }

    /**
     * A current given by a function of time (ms, at the start of the step) and neuron index. The function is
     * called once per neuron and step, from the engine's threads: it must be a pure function.
     */
    public static CurrentSource function(CurrentFunction function) {
        Require.notNull("function", function);
        return new CurrentSource() {
            @Override
            public Injector createInjector(double dt, int size, long key) {
                return (step, from, to, current) -> {
                    double time = step * dt;
                    for (int i = from; i < to; i++) {
                        float value = (float) function.current(time, i);
                        if (Float.isInfinite(value)) {
                            // an infinite current would fire and reset the neuron within the step, leaving no
                            // value for the finite-state check to find (a NaN stays in the state, where it does)
                            throw new ArithmeticException("the current function gave " + value + " " + UNIT
                                    + " for neuron " + i + " at t = " + time + " ms: it must give finite currents");
                        }
                        current[i] += value;
                    }
                };
            }

            @Override
            public String describe() {
                return "function";
            }
        };
    }

    /**
     * Gaussian noise drawn anew each step: {@code mean + sd * N(0,1)} per neuron and step, independent across
     * neurons and steps (for example the thalamic input of Izhikevich's 2003 network). {@code sd} is per step and
     * not scaled with dt, so the same sd has a different effect at another dt.
     */
    public static CurrentSource gaussianNoise(double mean, double sd) {
        Require.finiteFloat("sd", Require.nonNegative("sd", sd, UNIT), UNIT);
        return gaussianNoise(mean, null, (float) sd, "gaussianNoise(" + mean + ", " + sd + ")");
    }

    /**
     * Gaussian noise as {@link #gaussianNoise(double, double)} with one standard deviation per neuron
     * ({@code sdPerNeuron.length} must equal the population size).
     */
    public static CurrentSource gaussianNoise(double mean, float[] sdPerNeuron) {
        Require.notNull("sd per neuron", sdPerNeuron);
        for (int i = 0; i < sdPerNeuron.length; i++) {
            Require.finiteFloat("sd[" + i + "]", Require.nonNegative("sd[" + i + "]", sdPerNeuron[i], UNIT), UNIT);
        }
        return gaussianNoise(mean, sdPerNeuron.clone(), 0f, "gaussianNoise(" + mean + ", per neuron)");
    }

    private static CurrentSource gaussianNoise(double mean, float[] sds, float sd, String description) {
        Require.finiteFloat("mean", mean, UNIT);
        final float m = (float) mean;
        return new CurrentSource() {
            @Override
            public Injector createInjector(double dt, int size, long key) {
                if (sds != null) {
                    Require.that(sds.length == size, "sd per neuron has " + sds.length + " values: must have one per "
                            + "neuron, " + size);
                }
                final CounterRandom random = new CounterRandom(key);
                final float[] normals = new float[size];
                return (step, from, to, current) -> {
                    random.normals(step, from, to, normals);
                    if (sds == null) {
                        for (int i = from; i < to; i++) {
                            current[i] += m + sd * normals[i];
                        }
                    } else {
                        for (int i = from; i < to; i++) {
                            current[i] += m + sds[i] * normals[i];
                        }
                    }
                };
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** A current as a pure function of time and neuron. */
    @FunctionalInterface
    public interface CurrentFunction {
        /** The current (in the model's unit of {@code I_inj}) into {@code neuron} during the step that starts at {@code timeMs}. */
        double current(double timeMs, int neuron);
    }
}
