package org.hebb.opencl;

import java.util.Arrays;

import org.hebb.simulator.checkpoint.SpikeLists;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.jocl.Sizeof;

/**
 * What is in flight on the device, in the form every backend saves (docs/FORMATS.md): per population the spikes of
 * its kept steps, one ascending list per step, and the delay rings without their padding; the traces as the host
 * holds them. Restored values wait here until the whole file has been read ({@link #send}), so that a file that
 * does not fit changes nothing on the device.
 */
final class DeviceCheckpoint {
    private final DeviceLayout network;
    /** Per group, the steps of spikes a checkpoint holds. */
    private final int[] stepsKept;
    /** Per slot of the spike lists, the restored lists of every neuron (null for a slot nothing was restored in). */
    private int[][] restoredLists;
    private int[] restoredCounts;
    private int[] restoredFlags;
    private float[][] restoredRings;

    /** @param stepsKept per group of {@code network}, the steps of spikes a checkpoint holds */
    DeviceCheckpoint(DeviceLayout network, int[] stepsKept) {
        this.network = network;
        this.stepsKept = stepsKept.clone();
        for (int k : stepsKept) {
            if (k > network.listDepth) {
                throw new IllegalStateException("the device keeps " + network.listDepth + " steps of spikes; a "
                        + "checkpoint needs " + k);
            }
        }
    }

    /**
     * Saves or restores the spikes and rings of the network, at its step, whose learning is continuous from
     * {@code continuousFrom} (earlier steps have no spikes).
     */
    void visit(StateVisitor state, long continuousFrom) {
        DeviceSession session = network.session;
        int[] counts = new int[network.listDepth * network.totalBlocks];
        session.read(network.counts, HostArray.of(counts));
        if (state.restoring()) {
            restoredLists = new int[network.listDepth][];
            restoredCounts = new int[counts.length];
            restoredFlags = new int[network.total / 4];
            restoredRings = new float[network.groups.length][];
        }
        for (int g = 0; g < network.groups.length; g++) {
            Group group = network.groups[g];
            int kept = stepsKept[g];
            int index = g;
            state.part("population_" + group.population.name(), part -> {
                for (int slot = 0; slot < kept; slot++) {
                    long step = stepOfSlot(slot, kept);
                    int[] joined = step < continuousFrom ? new int[0] : joined(group, step, counts);
                    int[] list = part.list("spikes_" + slot, joined, joined.length);
                    if (part.checking()) {
                        SpikeLists.requireNeurons(part.savedList("spikes_" + slot, joined, joined.length),
                                group.layout.size(), group.population.name(), "spikes_" + slot);
                    } else if (part.restoring() && step >= continuousFrom) {
                        split(group, step, list);
                    }
                }
                if (group instanceof NeuronGroup neurons) {
                    rings(part, neurons, index);
                }
            });
        }
    }

    /** The step among the last {@code kept} before the network's whose spikes a checkpoint keeps in {@code slot}. */
    private long stepOfSlot(int slot, int kept) {
        long first = network.step - kept;
        return first + Math.floorMod(slot - first, kept);
    }

    /**
     * The spikes of {@code step} of every block of {@code group}, one ascending list, read block by block from the
     * device (the lists of every kept step may pass 2^31 ints, more than one host array holds).
     */
    private int[] joined(Group group, long step, int[] counts) {
        Layout layout = group.layout;
        int slot = (int) (step % network.listDepth);
        int n = 0;
        for (int b = 0; b < layout.blocks(); b++) {
            n += counts[slot * network.totalBlocks + layout.blockOffset() + b];
        }
        int[] joined = new int[n];
        int at = 0;
        for (int b = 0; b < layout.blocks(); b++) {
            int count = counts[slot * network.totalBlocks + layout.blockOffset() + b];
            if (count > 0) {
                int[] block = new int[count];
                long first = (long) slot * network.total + layout.offset() + layout.blockStart(b);
                network.session.read(network.lists, Sizeof.cl_int * first, HostArray.of(block));
                System.arraycopy(block, 0, joined, at, count);
                at += count;
            }
        }
        return joined;
    }

    /** Puts the ascending list (already checked) {@code list} of {@code step}'s spikes into the blocks of {@code group}. */
    private void split(Group group, long step, int[] list) {
        Layout layout = group.layout;
        int slot = (int) (step % network.listDepth);
        boolean last = step == network.step - 1;
        if (restoredLists[slot] == null) {
            restoredLists[slot] = new int[network.total];
        }
        int b = 0;
        for (int neuron : list) {
            while (neuron >= layout.blockStart(b + 1)) {
                b++;
            }
            int count = slot * network.totalBlocks + layout.blockOffset() + b;
            restoredLists[slot][layout.offset() + layout.blockStart(b) + restoredCounts[count]] = neuron;
            restoredCounts[count]++;
            if (last) {
                int flag = layout.offset() + neuron;
                restoredFlags[flag / 4] |= 1 << (8 * (flag % 4));
            }
        }
    }

    /** The input waiting in the delay ring of group {@code index}, per receptor and slot, without the padding. */
    private void rings(StateVisitor state, NeuronGroup group, int index) {
        float[] ring = new float[Math.toIntExact(group.ringLength)];
        network.session.read(group.ring, HostArray.of(ring));
        int padded = group.layout.padded();
        int receptors = (int) (group.ringLength / ((long) group.depth * padded));
        for (int r = 0; r < receptors; r++) {
            for (int slot = 0; slot < group.depth; slot++) {
                int at = (r * group.depth + slot) * padded;
                float[] slotValues = Arrays.copyOfRange(ring, at, at + group.layout.size());
                state.floats("input_" + r + "_" + slot, slotValues);
                System.arraycopy(slotValues, 0, ring, at, slotValues.length);
            }
        }
        if (state.restoring()) {
            restoredRings[index] = ring;
        }
    }

    /** After the whole file has been read: the restored spikes, flags and rings go to the device. */
    void send() {
        DeviceSession session = network.session;
        for (int slot = 0; slot < restoredLists.length; slot++) {
            if (restoredLists[slot] != null) {
                session.write(network.lists, (long) Sizeof.cl_int * slot * network.total,
                        HostArray.of(restoredLists[slot]));
            }
        }
        session.write(network.counts, HostArray.of(restoredCounts));
        session.write(network.spiked, HostArray.of(restoredFlags));
        for (int g = 0; g < network.groups.length; g++) {
            if (network.groups[g] instanceof NeuronGroup neurons) {
                session.write(neurons.ring, HostArray.of(restoredRings[g]));
            }
        }
        restoredLists = null;
        restoredCounts = null;
        restoredFlags = null;
        restoredRings = null;
    }
}
