package org.hebb.benchmarks.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.hebb.neurons.math.HebbMath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-precision e^x over an array, as the exponential-Euler update of a conductance-based LIF population calls
 * it once per neuron and step: {@link HebbMath#exp(float)} against {@code (float) Math.exp(x)}. Scores are ns per
 * element. The arguments lie in [-2, 0], the range of {@code -dt g / C} in a COBA network.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ExpBenchmark {
    private static final int ELEMENTS = 4096;

    private final float[] x = new float[ELEMENTS];
    private final float[] y = new float[ELEMENTS];

    @Setup
    public void fill() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < ELEMENTS; i++) {
            x[i] = (float) random.nextDouble(-2, 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public float[] hebbExp() {
        for (int i = 0; i < ELEMENTS; i++) {
            y[i] = HebbMath.exp(x[i]);
        }
        return y;
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public float[] mathExp() {
        for (int i = 0; i < ELEMENTS; i++) {
            y[i] = (float) Math.exp(x[i]);
        }
        return y;
    }
}
