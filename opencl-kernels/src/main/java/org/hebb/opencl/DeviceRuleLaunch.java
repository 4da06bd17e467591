package org.hebb.opencl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.DeviceArgument;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A rule or transmission generated from its definition: its kernel is in the program, its arguments are bound
 * by their meaning ({@link DeviceArgument}), and the per-synapse arrays it changes are copied back with the
 * weights (for a transmission: with what its synapses sent, which the delivery's weight buffer holds).
 */
final class DeviceRuleLaunch extends RuleLaunch {
    private final String name;
    private final boolean transmission;
    private final List<cl_mem> arrays = new ArrayList<>();
    private final List<HostArray> hostArrays = new ArrayList<>();
    private cl_mem lastSpikes;
    /** The rule's latest spike step per presynaptic neuron, which the device keeps per synapse. */
    private long[] lastSpikePerSource;
    private HostArray sent;
    private final List<cl_mem> modulators = new ArrayList<>();
    private final List<HostArray> modulatorHosts = new ArrayList<>();
    private cl_mem synapseSteps;
    private HostArray synapseStepsHost;

    /**
     * @param split    whether the program has the rule's gpu-shape kernel for presynaptic work
     *                 ({@link org.hebb.simulator.engine.DeviceRule#splitsPresynapticWork})
     * @param postWork whether its gpu-shape kernel for postsynaptic work has any
     *                 ({@link org.hebb.simulator.engine.DeviceRule#hasPostsynapticWork})
     */
    DeviceRuleLaunch(DeviceNetwork network, String name, Projection projection, List<DeviceArgument> arguments,
                     boolean transmission, boolean split, boolean postWork) {
        super(network, name, projection, deliveredHost(name, arguments));
        this.name = name;
        this.transmission = transmission;
        List<Object> values = new ArrayList<>();
        for (DeviceArgument argument : arguments) {
            if (argument instanceof DeviceArgument.Weights) {
                values.add(delivery.weights());
            } else if (argument instanceof DeviceArgument.Sent amounts) {
                sent = HostArray.of(amounts.host());
                writeSent();
                values.add(delivery.weights());
            } else if (argument instanceof DeviceArgument.Delays) {
                values.add(delivery.delays());
            } else if (argument instanceof DeviceArgument.DelayRange) {
                values.add(projection.minDelay());
                values.add(projection.maxDelay());
            } else if (argument instanceof DeviceArgument.Incoming) {
                values.addAll(List.of(inStart, inSynapse, inSource, session.ints(incomingDelays())));
            } else if (argument instanceof DeviceArgument.SynapseBase) {
                values.add(synapseBase);
            } else if (argument instanceof DeviceArgument.LastSpikes last) {
                lastSpikePerSource = last.perSource();
                lastSpikes = session.longs(lastSpikesPerSynapse());
                values.add(lastSpikes);
            } else if (argument instanceof DeviceArgument.TraceRing ring) {
                DeviceTrace trace = network.trace(ring.trace());
                values.addAll(List.of(trace.ring, trace.trace.depth(), trace.stride, trace.trace.decay()));
            } else if (argument instanceof DeviceArgument.SynapseArray array) {
                cl_mem buffer = session.floats(array.host());
                arrays.add(buffer);
                hostArrays.add(HostArray.of(array.host()));
                values.add(buffer);
            } else if (argument instanceof DeviceArgument.Constant constant) {
                values.add(constant.value());
            } else if (argument instanceof DeviceArgument.Modulator modulator) {
                cl_mem buffer = session.floats(modulator.host());
                modulators.add(buffer);
                modulatorHosts.add(HostArray.of(modulator.host()));
                values.add(buffer);
            } else if (argument instanceof DeviceArgument.SynapseSteps steps) {
                synapseSteps = session.longs(steps.host());
                synapseStepsHost = HostArray.of(steps.host());
                values.add(synapseSteps);
            } else if (argument instanceof DeviceArgument.DecayTable table) {
                values.addAll(List.of(session.floats(table.table()), table.table().length, table.perStep()));
            }
        }
        launch.args(OWN_ARGUMENTS, values.toArray());
        if (!transmission) {
            useGpuShapeKernels(name, split, postWork);
        }
    }

    /** The host array the delivery's weight buffer is read back into: the weights, or what was sent. */
    private static float[] deliveredHost(String name, List<DeviceArgument> arguments) {
        for (DeviceArgument argument : arguments) {
            if (argument instanceof DeviceArgument.Weights weights) {
                return weights.host();
            }
            if (argument instanceof DeviceArgument.Sent sent) {
                return sent.host();
            }
        }
        throw new IllegalArgumentException("device rule " + name + " names neither weights nor what it sends");
    }

    @Override
    String blockFunction() {
        return name + "_block";
    }

    @Override
    boolean beforeDelivery() {
        return transmission;
    }

    /** Not with modulators: host code sets them between steps, and a step as one kernel runs many steps. */
    @Override
    boolean fusable() {
        return modulators.isEmpty();
    }

    /** Sends the modulators host code set, then runs the rule (in the gpu shape, its gpu-shape kernels). */
    @Override
    void run() {
        for (int k = 0; k < modulators.size(); k++) {
            session.write(modulators.get(k), modulatorHosts.get(k));
        }
        super.run();
    }

    @Override
    void download() {
        super.download();
        for (int k = 0; k < arrays.size(); k++) {
            session.read(arrays.get(k), hostArrays.get(k));
        }
        if (synapseSteps != null) {
            session.read(synapseSteps, synapseStepsHost);
        }
        if (lastSpikes != null) {
            long[] perSynapse = new long[projection.synapseCount()];
            session.read(lastSpikes, HostArray.of(perSynapse));
            int[] rowPointer = projection.rows().rowPointer();
            for (int pre = 0; pre + 1 < rowPointer.length; pre++) {
                if (rowPointer[pre] < rowPointer[pre + 1]) {
                    lastSpikePerSource[pre] = perSynapse[rowPointer[pre]];
                }
            }
        }
    }

    /** The weights, the per-synapse arrays and steps and the latest spikes restored on the host go to the device. */
    @Override
    void restored() {
        super.restored();
        sendSynapseState();
    }

    /**
     * The rule's reset action has set its per-synapse arrays and latest spikes (none yet) on the host; they go to the
     * device, with what the synapses send before their first spike.
     */
    @Override
    void restarted() {
        sendSynapseState();
        if (sent != null) {
            writeSent();
        }
    }

    /** The per-synapse arrays, steps and latest spikes as the host holds them go to the device. */
    private void sendSynapseState() {
        for (int k = 0; k < arrays.size(); k++) {
            session.write(arrays.get(k), hostArrays.get(k));
        }
        if (synapseSteps != null) {
            session.write(synapseSteps, synapseStepsHost);
        }
        if (lastSpikes != null) {
            session.write(lastSpikes, HostArray.of(lastSpikesPerSynapse()));
        }
    }

    /** Each synapse's latest spike: its presynaptic neuron's, as the rule keeps it. */
    private long[] lastSpikesPerSynapse() {
        long[] perSynapse = new long[projection.synapseCount()];
        int[] rowPointer = projection.rows().rowPointer();
        for (int pre = 0; pre + 1 < rowPointer.length; pre++) {
            Arrays.fill(perSynapse, rowPointer[pre], rowPointer[pre + 1], lastSpikePerSource[pre]);
        }
        return perSynapse;
    }

    /** What the synapses send before their first spike (host values), where the delivery reads it. */
    private void writeSent() {
        session.write(delivery.weights(), (long) Sizeof.cl_float * synapseBase, sent);
    }
}
