package org.hebb.opencl;

import org.jocl.Pointer;

/**
 * What changes on the device as the network runs, besides the neuron state and the weights: the spike lists,
 * counts and flags, the delay rings, the traces and what the rules keep only there. Cleared when the dynamics
 * restart, and sent to the device after a checkpoint's restore.
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
