package org.hebb.opencl;

import org.hebb.simulator.checkpoint.StateVisitor;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * What changes on the device as the network runs, besides the neuron state and the weights: the spike lists,
 * counts and flags, the delay rings, the traces and what the rules keep only there. Cleared when the dynamics
 * restart, saved and restored as the device holds them for checkpoints.
 */
final class DeviceDynamics {
    private DeviceDynamics() {
    }

    /**
     * Zeroes the spike counts and flags, delay rings and traces, and has the groups and rules send their restarted
     * host state (neuron variables, per-synapse arrays) to the device.
     */
    static void clear(DeviceLayout network, RuleLaunch[] learning, RuleLaunch[] sending) {
        for (Group g : network.groups) {
            g.restarted();
        }
        network.clearing.clear(Pointer.to(network.counts), (long) network.listDepth * network.totalBlocks);
        network.clearing.clear(Pointer.to(network.spiked), (network.total + 3) / 4);
        for (Delivery d : network.deliveries) {
            network.clearing.clear(Pointer.to(d.target.ring), d.target.ringLength);
        }
        for (DeviceTrace t : network.traces) {
            network.clearing.clear(Pointer.to(t.ring), t.length);
        }
        for (RuleLaunch l : learning) {
            l.restarted();
        }
        for (RuleLaunch l : sending) {
            l.restarted();
        }
    }

    /** Saves or restores the device buffers of {@code network} and its rules. */
    static void buffers(StateVisitor state, DeviceLayout network, RuleLaunch[] learning, RuleLaunch[] sending) {
        DeviceSession session = network.session;
        ints(state, session, "spike_lists", network.lists, (long) network.listDepth * network.total);
        ints(state, session, "spike_counts", network.counts, (long) network.listDepth * network.totalBlocks);
        ints(state, session, "spike_flags", network.spiked, (network.total + 3) / 4);
        for (Delivery d : network.deliveries) {
            float[] ring = new float[Math.toIntExact(d.target.ringLength)];
            session.read(d.target.ring, HostArray.of(ring));
            state.floats("ring_" + d.target.population.name(), ring);
            if (state.restoring()) {
                session.write(d.target.ring, HostArray.of(ring));
            }
        }
        for (int t = 0; t < network.traces.length; t++) {
            state.part("trace_" + t, network.traces[t].trace);
        }
        for (int r = 0; r < learning.length; r++) {
            state.part("learning_" + r, learning[r]::checkpoint);
        }
        for (int r = 0; r < sending.length; r++) {
            state.part("sending_" + r, sending[r]::checkpoint);
        }
    }

    /** A buffer of ints read from the device, saved or restored, and written back. */
    private static void ints(StateVisitor state, DeviceSession session, String name, cl_mem buffer, long count) {
        int[] host = new int[Math.toIntExact(count)];
        session.read(buffer, HostArray.of(host));
        state.ints(name, host);
        if (state.restoring()) {
            session.write(buffer, HostArray.of(host));
        }
    }

    /** The neuron state, traces, weights and rule arrays restored on the host go to the device. */
    static void restored(DeviceLayout network, RuleLaunch[] learning, RuleLaunch[] sending) {
        for (Group g : network.groups) {
            g.restarted();
        }
        for (DeviceTrace t : network.traces) {
            t.upload();
        }
        for (RuleLaunch l : learning) {
            l.restored();
        }
        for (RuleLaunch l : sending) {
            l.restored();
        }
    }
}
