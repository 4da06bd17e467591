package org.hebb.opencl;

/**
 * Where a population lies in the device's shared buffers: neuron offset, size, size padded to whole work-groups (the
 * update kernels run over the padding, so that no work-item tests a bound), block offset and block count.
 */
record Layout(int offset, int size, int padded, int blockOffset, int blocks) {
    int blockStart(int b) {
        return (int) ((long) size * b / blocks);
    }
}
