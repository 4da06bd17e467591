package org.hebb.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.neurons.lif.IfCondExp;
import org.hebb.plasticity.Signal;
import org.hebb.plasticity.astrocyte.Astrocyte;
import org.hebb.plasticity.astrocyte.AstrocyteStdp;
import org.hebb.plasticity.threefactor.ThreeFactor;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * One step (dt 0.1 ms) of COBA (N = 4000, one thread) with a plasticity rule on E->E, in the self-sustained state.
 * The auxiliary counter {@code plasticEvents} counts the synapse updates the rule's spike events make (each
 * delivered E->E presynaptic spike touches its out-degree, each E postsynaptic spike its in-degree; every E->E
 * synapse in every step when modulated) and JMH reports it per microsecond of whole steps: synaptic updates per
 * second within a step. The rule's own cost is the difference to {@code rule = none}. Rules: none, stdp ({@link CobaNetwork#stdpOnExcitatory()}), three-factor
 * (paired eligibility with a modulator that is zero, the cost of eligibility bookkeeping) and three-factor-modulated
 * (modulator non-zero in every step: every E->E synapse is updated in every step). {@code delays} gives the E->E
 * synapses per-synapse delays (for example "1-50": 0.1 to 5 ms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PlasticCobaStepBenchmark {
    @Param({"none", "stdp", "astrocyte-stdp", "three-factor", "three-factor-modulated"})
    String rule;

    /** E->E delays in steps: "1" (COBA's own) or "min-max", drawn uniformly per synapse. */
    @Param({"1"})
    String delays;

    private Network network;
    private SpikeMonitor excitatory;
    private long eventsPerSpike;
    private long eventsPerStep;

    /** Synapse updates per step, averaged by JMH over the measured invocations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long plasticEvents;
    }

    @Setup(Level.Trial)
    public void build() {
        String[] range = delays.split("-");
        CobaNetwork coba = CobaNetwork.build(4000, 1, 1, IfCondExp.Integration.EULER, BackendKind.JAVA,
                range.length == 1 ? Delays.steps(Integer.parseInt(range[0]))
                        : Delays.uniformSteps(Integer.parseInt(range[0]), Integer.parseInt(range[1])));
        network = coba.network();
        double wMax = 1.2 * CobaNetwork.LEAK_US;
        switch (rule) {
            case "stdp" -> coba.addStdpOnExcitatory();
            case "three-factor", "three-factor-modulated" -> network.addPlasticity(coba.excToExc(),
                    ThreeFactor.builder().wMin(0).wMax(wMax).eta(1e-9).aPlus(1).aMinus(1.05)
                            .modulator(Signal.constant(rule.equals("three-factor") ? 0 : 1)).build());
            // NALSM's rule with its constants scaled to COBA's conductances (uS)
            case "astrocyte-stdp" -> network.addPlasticity(coba.excToExc(), AstrocyteStdp.builder(
                    Astrocyte.builder().liquid(coba.excitatory(), coba.inhibitory()).potentiationRate(1e-4 * wMax)
                            .depressionRate(1e-4 * wMax).bias(1e-4 * wMax).weight(1e-7 * wMax).build())
                    .bounds(0, wMax).build());
            default -> { }
        }
        excitatory = network.monitorSpikes(coba.excitatory(), SpikeMonitor.settings().countsOnly());
        // in-degree and out-degree are equal on average: 2 * synapses / neurons updates per E spike
        eventsPerSpike = rule.equals("none") ? 0
                : Math.round(2.0 * coba.excToExc().synapseCount() / coba.excitatory().size());
        eventsPerStep = rule.equals("three-factor-modulated") ? coba.excToExc().synapseCount() : 0;
        network.run(200);
    }

    @Benchmark
    public void step(Events events) {
        long before = excitatory.totalCount();
        network.run(0.1);
        events.plasticEvents += (excitatory.totalCount() - before) * eventsPerSpike + eventsPerStep;
    }

    @TearDown(Level.Trial)
    public void close() {
        network.close();
    }
}
