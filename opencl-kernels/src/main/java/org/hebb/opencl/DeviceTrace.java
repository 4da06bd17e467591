package org.hebb.opencl;

import org.hebb.simulator.engine.Trace;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A shared spike trace on the device: a ring of {@code depth} steps of the population's padded size, copied
 * into the host trace when a run ends (for rule states that show traces).
 */
final class DeviceTrace {
    final Trace trace;
    final cl_mem ring;
    final long length;
    final int stride;
    final KernelLaunch advance;
    private final DeviceSession session;
    /** The host trace's slots, filled from the ring when a run ends. */
    private final HostArray[] slots;

    /**
     * @param layout  where the trace's population lies in the shared buffers
     * @param spiked  the device's spike flags
     * @param advance the launch of {@code trace_advance} over the population's padded size
     */
    DeviceTrace(DeviceSession session, Trace trace, Layout layout, cl_mem spiked, KernelLaunch advance) {
        this.session = session;
        this.trace = trace;
        stride = layout.padded();
        length = (long) trace.depth() * stride;
        ring = session.floats(new float[Math.toIntExact(length)]);
        trace.allocate();
        slots = new HostArray[trace.depth()];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = HostArray.of(trace.at(k));
        }
        this.advance = advance;
        advance.args(1, stride, trace.depth(), ring, spiked, layout.offset(), trace.decay(), trace.increment(),
                trace.pairing() == Trace.Pairing.NEAREST_NEIGHBOUR ? 1 : 0);
    }

    /** The trace's advance in a generated step, for the population at {@code part} among the step's parts. */
    FusedStep.TraceAdvance part(int part) {
        return new FusedStep.TraceAdvance(part, trace.depth(), stride, trace.decay(), trace.increment(),
                trace.pairing() == Trace.Pairing.NEAREST_NEIGHBOUR, ring);
    }

    /** Copies the ring into the host trace; the engine is at {@code step}. */
    void download(long step) {
        for (int k = 0; k < slots.length; k++) {
            session.read(ring, (long) Sizeof.cl_float * k * stride, slots[k]);
        }
        // as on the Java backend, the last step's spikes are learned from at the start of the next step
        trace.completed(step - 2);
    }

    /** Copies the host trace (restored from a checkpoint) into the ring. */
    void upload() {
        for (int k = 0; k < slots.length; k++) {
            session.write(ring, (long) Sizeof.cl_float * k * stride, slots[k]);
        }
    }
}
