package org.hebb.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;

/** {@code threads(0)} gives each thread at least {@link Network#AUTO_THREADS_WORK_PER_THREAD} units of work. */
class AutomaticThreadsTest {
    private static final int PER_THREAD = Network.AUTO_THREADS_WORK_PER_THREAD;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private static int threadsFor(int neurons, int synapseSources) {
        try (Network net = Network.builder().threads(0).seed(1).build()) {
            NeuronPopulation cells = net.addNeurons("cells", neurons, IfCurrExp.builder().build());
            if (synapseSources > 0) {
                NeuronPopulation sources = net.addNeurons("sources", synapseSources, IfCurrExp.builder().build());
                net.connect(sources, cells, Connectors.allToAll(true), Synapses.onto("excitatory")
                        .weights(Values.constant(0.1)));
            }
            net.prepare();
            return net.threads();
        }
    }

    @Test
    void aNetworkWithLessThanTwoThreadsWorthOfNeuronsRunsOnOne() {
        assertEquals(1, threadsFor(2 * PER_THREAD - 1, 0));
    }

    @Test
    void twoThreadsWorthOfNeuronsGetTwoThreadsWhereThereAreTwoCores() {
        assertEquals(Math.min(2, CORES), threadsFor(2 * PER_THREAD, 0));
    }

    @Test
    void everyHundredSynapsesCountAsOneNeuron() {
        // t targets of 100 sources each: t + 100 neurons and t units from synapses
        assertEquals(Math.min(2, CORES), threadsFor(PER_THREAD - 50, 100));
        assertEquals(1, threadsFor(PER_THREAD - 51, 100));
    }
}
