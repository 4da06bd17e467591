package org.hebb.benchmarks.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.hebb.neurons.NeuronKernel;
import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.NeuronState;
import org.hebb.benchmarks.jmh.baseline.HandWrittenKernels;
import org.hebb.neurons.izhikevich.Izhikevich;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.neurons.lif.IfCurrExp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One step of a neuron model's Java kernel over a whole population (integration, threshold, reset), with eight
 * inputs arriving each step; divide by {@code neurons} for the cost per neuron-step. The generated kernel is timed
 * beside the hand-written one Hebb had before (see {@link HandWrittenKernels}). The LIF populations sit
 * below threshold with occasional spikes (as in COBA, where 0.2% of neurons fire per step); the Izhikevich
 * population gets a constant current and fires tonically.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class NeuronUpdateBenchmark {
    @Param({"4000", "16000"})
    int neurons;

    @Param({"IF_cond_exp_euler", "IF_cond_exp_exponential_euler", "IF_curr_exp", "Izhikevich"})
    String model;

    /** {@code generated}: Hebb's kernel, made from the model's definition; {@code hand-written}: the old baseline. */
    @Param({"generated", "hand-written"})
    String kernel;

    private NeuronKernel update;
    private float[][] input;
    private float[] injected;
    private int[] spikes;
    private int next;

    @Setup
    public void build() {
        NeuronModel m = switch (model) {
            case "IF_cond_exp_euler" -> coba(IfCondExp.Integration.EULER);
            case "IF_cond_exp_exponential_euler" -> coba(IfCondExp.Integration.EXPONENTIAL_EULER);
            case "IF_curr_exp" -> IfCurrExp.builder().tauRefrac(2).build();
            default -> Izhikevich.builder().build();
        };
        NeuronState state = m.createState(neurons);
        Random random = new Random(1);
        float[] v = state.array("v");
        for (int i = 0; i < neurons; i++) {
            v[i] += 5 * (float) random.nextGaussian();
        }
        update = kernel.equals("generated") ? m.createKernel(state, 0.1) : handWritten(m, state);
        input = new float[m.receptors().size()][neurons];
        injected = new float[neurons];
        java.util.Arrays.fill(injected, model.equals("Izhikevich") ? 4f : model.equals("IF_curr_exp") ? 0.2f : 0f);
        spikes = new int[neurons];
    }

    /** The hand-written kernel of {@code m} with the same parameters (dt 0.1 ms). */
    private static NeuronKernel handWritten(NeuronModel m, NeuronState state) {
        if (m instanceof IfCondExp c) {
            return HandWrittenKernels.ifCondExp(state, c.integration() == IfCondExp.Integration.EULER, 0.1, c.cm(),
                    c.tauM(), c.parameter("v_rest"), c.parameter("i_offset"), c.parameter("e_rev_E"),
                    c.parameter("e_rev_I"), c.parameter("tau_syn_E"), c.parameter("tau_syn_I"), c.vThresh(),
                    c.vReset(), c.program(0.1).refractoryStepsAfterSpike());
        }
        if (m instanceof IfCurrExp c) {
            return HandWrittenKernels.ifCurrExp(state, 0.1, c.cm(), c.tauM(), c.parameter("v_rest"),
                    c.parameter("i_offset"), c.tauSynE(), c.tauSynI(), c.vThresh(), c.vReset(),
                    c.program(0.1).refractoryStepsAfterSpike());
        }
        Izhikevich z = (Izhikevich) m;
        return HandWrittenKernels.izhikevich(state, 0.1, z.parameter("i_offset"), z.parameter("v_peak"));
    }

    private static IfCondExp coba(IfCondExp.Integration integration) {
        return IfCondExp.builder().cm(0.2).tauM(20).tauRefrac(5).vRest(-60).vReset(-60).vThresh(-50)
                .tauSynE(5).tauSynI(10).eRevE(0).eRevI(-80).integration(integration).build();
    }

    @Benchmark
    public int step() {
        for (int k = 0; k < 8; k++) {
            next = (next + 7919) % neurons;
            input[0][next] += 0.006f;
        }
        return update.step(0, neurons, input, injected, spikes);
    }
}
