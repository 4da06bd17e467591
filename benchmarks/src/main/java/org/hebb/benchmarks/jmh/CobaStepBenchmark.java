package org.hebb.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One clock-driven step (dt 0.1 ms) of the COBA network in its self-sustained state (about 20 Hz), one thread,
 * Euler membrane: the time of {@code run(dt)}, which adds about 0.1 us of bookkeeping to the step itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CobaStepBenchmark {
    @Param({"4000", "16000"})
    int neurons;

    private Network network;

    @Setup(Level.Trial)
    public void build() {
        network = CobaNetwork.build(neurons, 1, 1, IfCondExp.Integration.EULER).network();
        network.run(200);
    }

    @Benchmark
    public void step() {
        network.run(0.1);
    }

    @TearDown(Level.Trial)
    public void close() {
        network.close();
    }
}
