package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.plasticity.stdp.Stdp;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Delays;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sizes of device buffers counted beyond the range of an int. */
class OpenClSizesTest {
    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    /**
     * STDP through a delay of 32767 steps keeps 32769 steps of spike lists for every neuron of the network: with
     * 66,048 neurons (padded) that is 2,164,326,912 ints, past 2^31. Counted in ints it overflowed, and the network
     * failed with a NegativeArraySizeException (or, past 2^32, made a buffer far too small for the lists); counted in
     * long, it is the buffer the device is asked for, refused with its size where the device cannot hold it. The
     * network grows past 65,536 neurons until its lists pass the device's largest buffer, so that every device
     * refuses them.
     */
    @Test
    void spikeListsOfMoreThanTwoToThe31IntsAreCountedInLong() {
        long limit = DeviceLimits.of(OpenClDevices.select(null)).maxAllocationBytes();
        int bulk = (int) Math.max(65536, (limit / (4L * 32769) / 256 + 1) * 256);
        long listBytes = 4L * 32769 * (bulk + 256 + 256);
        assertTrue(listBytes > limit && listBytes > 4L * Integer.MAX_VALUE, "test setup: " + listBytes + " bytes");
        try (Network net = Network.builder().backend(BackendKind.OPENCL).seed(1).build()) {
            BernoulliSource pre = net.addBernoulliSource("pre", 1);
            NeuronPopulation post = net.addNeurons("post", 1, IfCurrExp.builder().build());
            net.addNeurons("bulk", bulk, IfCurrExp.builder().build());
            Projection p = net.connect(pre, post, Connectors.allToAll(true), Synapses.onto("excitatory")
                    .weights(Values.constant(0.1)).delays(Delays.steps(32767)));
            net.addPlasticity(p, Stdp.builder().wMax(1).build());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> net.run(0.1));
            assertTrue(refused.getMessage().contains(String.format("a buffer of %,d bytes", listBytes)),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("CL_DEVICE_MAX_MEM_ALLOC_SIZE"), refused.getMessage());
        }
    }
}
