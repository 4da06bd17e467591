package org.hebb.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.hebb.neurons.Variable;
import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.StateMonitor;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * A 64-bit digest of every bit of a network's state after a measured run: every variable of every neuron, and the
 * weights a plasticity rule changed. Two backends that ran the same network from the same seed for the same time
 * have equal digests when they agree bit for bit (a spike that differed would have moved the membrane potentials
 * of its targets); the digest is not a checksum against tampering.
 */
final class FinalStateDigest {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private FinalStateDigest() {
    }

    /**
     * Samples every variable of every neuron of {@code populations} in one more step of {@code dtMs} (a device
     * backend copies its state to the host for it), then digests the samples and, when {@code rule} is not null,
     * its weights. Run it after the measurement: the step it adds is not timed.
     */
    static long of(Network net, double dtMs, List<NeuronPopulation> populations, RuleState rule) {
        List<StateMonitor> monitors = new ArrayList<>();
        for (NeuronPopulation population : populations) {
            String[] variables = population.state().variables().stream().map(Variable::name).toArray(String[]::new);
            int[] neurons = IntStream.range(0, population.size()).toArray();
            monitors.add(net.monitorState(population, variables, neurons, dtMs, StateMonitor.settings()
                    .maxStoredValues((long) variables.length * neurons.length)));
        }
        net.run(dtMs);
        long digest = OFFSET;
        for (StateMonitor monitor : monitors) {
            for (Variable variable : monitor.population().state().variables()) {
                for (int k = 0; k < monitor.population().size(); k++) {
                    for (double value : monitor.traceDoubles(variable.name(), k)) {
                        digest = mix(digest, Double.doubleToLongBits(value));
                    }
                }
            }
        }
        if (rule != null) {
            net.synchronizeRuleState();
            for (float weight : rule.values("weight")) {
                digest = mix(digest, Float.floatToIntBits(weight));
            }
        }
        return digest;
    }

    private static long mix(long digest, long bits) {
        // the rotation carries high bits down, so that two differences cannot cancel as easily
        return Long.rotateLeft((digest ^ bits) * PRIME, 29);
    }
}
