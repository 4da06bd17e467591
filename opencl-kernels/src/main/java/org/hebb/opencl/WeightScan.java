package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.IdentityHashMap;
import java.util.Map;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.Engine;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The weight check of the projections whose weights the device's rules change, where they live: one launch over the
 * synapses asked for and 4 bytes back, whatever their number; only when a weight is found is it read, and the result
 * zeroed again.
 */
final class WeightScan {
    private final DeviceSession session;
    /** Per projection whose weights a rule changes on the device, where they are. */
    private final Map<Projection, Weights> onDevice = new IdentityHashMap<>();
    private final cl_kernel kernel;
    /** INT_MAX minus the first synapse found (0 for none); zero between checks. */
    private final cl_mem firstBad;
    private final int[] first = new int[1];
    private final HostArray firstHost = HostArray.of(first);
    private final HostArray zero = HostArray.of(new int[1]);
    private final float[] weight = new float[1];
    private final HostArray weightHost = HostArray.of(weight);
    private final int[] argument = new int[1];
    private final Pointer argumentPointer = Pointer.to(argument);
    private final long[] global = new long[1];
    private final long[] local = new long[1];

    /** @param learning the rules that change weights on the device (not what transmissions send) */
    WeightScan(DeviceSession session, RuleLaunch[] learning) {
        this.session = session;
        for (RuleLaunch rule : learning) {
            onDevice.put(rule.projection, new Weights(rule.delivery.weights(), Pointer.to(rule.delivery.weights()),
                    rule.delivery.synapseBase()));
        }
        kernel = session.kernel("first_non_finite_weight");
        firstBad = session.ints(first);
        clSetKernelArg(kernel, 4, Sizeof.cl_mem, Pointer.to(firstBad));
        local[0] = Long.highestOneBit(session.workGroupSize(kernel));
    }

    /** Whether the weights of {@code projection} are checked here (else they are current on the host). */
    boolean scans(Projection projection) {
        return onDevice.containsKey(projection);
    }

    /**
     * The first synapse in [{@code from}, {@code to}) of {@code projection}, one that {@link #scans}, whose weight
     * is not finite, with that weight, or null.
     */
    Engine.NonFiniteWeight firstNonFinite(Projection projection, int from, int to) {
        projection.requireSynapseRange(from, to);
        if (from == to) {
            return null;
        }
        Weights weights = onDevice.get(projection);
        int count = to - from;
        setInt(0, from);
        setInt(1, count);
        setInt(2, weights.base());
        clSetKernelArg(kernel, 3, Sizeof.cl_mem, weights.pointer());
        global[0] = (count + local[0] - 1) / local[0] * local[0];
        session.launch(kernel, global, local);
        session.read(firstBad, firstHost);
        if (first[0] == 0) {
            return null;
        }
        session.write(firstBad, zero);
        int synapse = Integer.MAX_VALUE - first[0];
        session.read(weights.buffer(), (long) Sizeof.cl_float * (weights.base() + synapse), weightHost);
        return new Engine.NonFiniteWeight(synapse, weight[0]);
    }

    /**
     * A projection's weights on the device: its delivery's weight buffer, the pointer through which it is set as an
     * argument (made once: JOCL's {@code Pointer.to} allocates), and the element its first synapse is at.
     */
    private record Weights(cl_mem buffer, Pointer pointer, int base) {
    }

    private void setInt(int index, int value) {
        argument[0] = value;
        clSetKernelArg(kernel, index, Sizeof.cl_int, argumentPointer);
    }
}
