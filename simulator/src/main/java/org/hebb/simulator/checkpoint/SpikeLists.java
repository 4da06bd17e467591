package org.hebb.simulator.checkpoint;

/** The checks of a saved list of the neurons that spiked in one step, shared by every backend. */
public final class SpikeLists {
    private SpikeLists() {
    }

    /**
     * Refuses {@code list} unless its neurons are ascending, each listed once, and within {@code [0, size)}: a list
     * the engine keeps can hold no other (and its partitions and blocks no more than they have room for).
     *
     * @param list       the saved neuron indices of one step
     * @param size       the population's number of neurons
     * @param population the population's name, for the message
     * @param entry      the list's name in the checkpoint, for the message
     * @throws CheckpointException naming the population, the entry and the first neuron that does not fit
     */
    public static void requireNeurons(int[] list, int size, String population, String entry) {
        int previous = -1;
        for (int at = 0; at < list.length; at++) {
            int neuron = list[at];
            if (neuron < 0 || neuron >= size) {
                throw new CheckpointException("checkpoint lists neuron " + neuron + " of population '" + population
                        + "', which has " + size + " (allowed 0 to " + (size - 1) + "), in '" + entry + "'");
            }
            if (neuron <= previous) {
                throw new CheckpointException("checkpoint lists neuron " + neuron + " of population '" + population
                        + "' after neuron " + previous + " in '" + entry + "': the neurons of a step must be "
                        + "ascending, each once");
            }
            previous = neuron;
        }
    }
}
