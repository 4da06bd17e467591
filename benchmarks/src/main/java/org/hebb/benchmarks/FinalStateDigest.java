package org.hebb.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.hebb.experiments.jobs.Fingerprint;
import org.hebb.neurons.Variable;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * A digest ({@link Fingerprint}) of every bit of a network's state after a measured run: every variable of every
 * neuron, and the weights a plasticity rule changed. Two backends that ran the same network from the same seed for
 * the same time have equal digests when they agree bit for bit (a spike that differed would have moved the membrane
 * potentials of its targets).
 */
final class FinalStateDigest {
    private FinalStateDigest() {
    }

    /**
     * Samples every variable of every neuron of {@code populations} in one more step of {@code dtMs} (a device
     * backend copies its state to the host for it), then digests the samples and, when {@code rule} is not null,
     * its weights: 16 hexadecimal digits. Run it after the measurement: the step it adds is not timed.
     */
    static String of(Network net, double dtMs, List<NeuronPopulation> populations, RuleState rule) {
        List<StateMonitor> monitors = new ArrayList<>();
        for (NeuronPopulation population : populations) {
            String[] variables = population.state().variables().stream().map(Variable::name).toArray(String[]::new);
            int[] neurons = IntStream.range(0, population.size()).toArray();
            monitors.add(net.monitorState(population, variables, neurons, dtMs, StateMonitor.settings()
                    .maxStoredValues((long) variables.length * neurons.length)));
        }
        net.run(dtMs);
        Fingerprint digest = new Fingerprint();
        for (StateMonitor monitor : monitors) {
            for (Variable variable : monitor.population().state().variables()) {
                double[] values = new double[monitor.population().size()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = monitor.traceDoubles(variable.name(), k)[0];
                }
                digest.add(values);
            }
        }
        if (rule != null) {
            net.synchronizeRuleState();
            digest.add(rule.values("weight"));
        }
        return digest.hex();
    }
}
