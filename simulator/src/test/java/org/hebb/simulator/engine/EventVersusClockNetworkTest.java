package org.hebb.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/**
 * A 1000-neuron recurrent network (IF_curr_exp; random excitatory synapses with probability 2% and inhibitory ones
 * with 0.5%, delays 1-3 ms; heterogeneous constant drive) run by both engines with the same seed: the clock-driven engine at dt = 0.01 ms must put the
 * network's first spikes within one step of the event-driven ones, and the mean rate over 1 s within 2%.
 */
class EventVersusClockNetworkTest {
    private static final double DT = 0.01;
    private static final int N = 1000;
    /** How many of the network's first spikes (one per neuron, in time order) must agree within one step. */
    private static final int FIRST_SPIKES = 50;

    private record Result(double[] firstSpike, double meanRateHz) {
    }

    private static Result run(EngineKind engine) {
        SplittableRandom random = new SplittableRandom(3);
        float[] drive = new float[N];
        for (int i = 0; i < N; i++) {
            drive[i] = (float) (0.38 + 0.2 * random.nextDouble());
        }
        try (Network net = Network.builder().engine(engine).dt(DT).seed(11).threads(1).build()) {
            IfCurrExp model = IfCurrExp.builder().cm(0.25).tauM(10).vRest(-65).vReset(-65).vThresh(-50)
                    .tauRefrac(2).tauSynE(5).tauSynI(10).build();
            NeuronPopulation cells = net.addNeurons("cells", N, model);
            cells.inject(Currents.perNeuron(drive));
            cells.initialize("v", Values.uniform(-65, -55));
            net.connect(cells, cells, Connectors.fixedProbability(0.02, false), Synapses.onto("excitatory")
                    .weights(Values.uniform(0.05, 0.15)).delays(Delays.uniformSteps(100, 300)).named("recurrent-e"));
            net.connect(cells, cells, Connectors.fixedProbability(0.005, false), Synapses.onto("inhibitory")
                    .weights(Values.uniform(-0.6, -0.2)).delays(Delays.uniformSteps(100, 300)).named("recurrent-i"));
            SpikeMonitor spikes = net.monitorSpikes(cells);
            net.run(1000);
            double[] first = new double[N];
            Arrays.fill(first, Double.NaN);
            double[] times = spikes.times();
            int[] neurons = spikes.neurons();
            for (int k = 0; k < times.length; k++) {
                if (Double.isNaN(first[neurons[k]])) {
                    first[neurons[k]] = times[k];
                }
            }
            return new Result(first, spikes.meanRateHz());
        }
    }

    /**
     * Before recurrent input has had time to matter, spikes agree to within the clock's step; afterwards the
     * clock's grid (spikes at the start of their step, hence inputs up to a step early) shifts them by more, and
     * only statistics can agree.
     */
    @Test
    void firstSpikesAgreeWithinOneStepAndRatesWithinTwoPercent() {
        Result event = run(EngineKind.EVENT_DRIVEN);
        Result clock = run(EngineKind.CLOCK_DRIVEN);
        Integer[] order = new Integer[N];
        for (int i = 0; i < N; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(key(event.firstSpike[a]), key(event.firstSpike[b])));
        int agreeing = 0;
        while (agreeing < N && Math.abs(event.firstSpike[order[agreeing]] - clock.firstSpike[order[agreeing]]) <= DT) {
            agreeing++;
        }
        assertTrue(agreeing >= FIRST_SPIKES, "only the network's first " + agreeing + " spikes agree within one "
                + "step: neuron " + order[agreeing] + " fired at " + event.firstSpike[order[agreeing]]
                + " ms (event) and " + clock.firstSpike[order[agreeing]] + " ms (clock)");
        assertTrue(event.meanRateHz > 5, "test setup: rate " + event.meanRateHz + " Hz");
        double relative = Math.abs(clock.meanRateHz / event.meanRateHz - 1);
        assertTrue(relative < 0.02, "mean rates " + event.meanRateHz + " Hz (event) and " + clock.meanRateHz
                + " Hz (clock) differ by " + relative);
        System.out.printf("1000 neurons, 1 s: event %.3f Hz, clock (dt = %s ms) %.3f Hz; the first %d first spikes "
                + "agree within one step%n", event.meanRateHz, DT, clock.meanRateHz, agreeing);
    }

    private static double key(double time) {
        return Double.isNaN(time) ? Double.POSITIVE_INFINITY : time;
    }
}
