package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.Map;
import java.util.TreeMap;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * A kernel of the engine with its launch shape, over a number of work-items. Its first argument is the step, which
 * every launch sets from the engine's step pointer.
 */
final class KernelLaunch {
    final cl_kernel kernel;
    final long[] global;
    final long[] local;
    /**
     * The arguments set so far by index (Integer, Float, Double or cl_mem), for a generated step that calls the
     * same.
     */
    final Map<Integer, Object> arguments = new TreeMap<>();
    private final DeviceSession session;
    private final Pointer step;

    /**
     * @param step     where the step to run is (a {@code long})
     * @param perBlock whether each work-item is a block that loops over many neurons: on a CPU device each then
     *                 gets a work-group of its own (work-groups, not work-items, are spread over the cores)
     * @param maxGroup the largest work-group to use (a power of two)
     */
    KernelLaunch(DeviceSession session, Pointer step, String name, int items, boolean perBlock, int maxGroup) {
        this.session = session;
        this.step = step;
        kernel = session.kernel(name);
        long group = perBlock && session.device.type().equals("CPU") ? 1
                : Math.min(Long.highestOneBit(Math.min(maxGroup, session.workGroupSize(kernel))),
                        Math.max(1, Integer.highestOneBit(items)));
        local = new long[] {group};
        global = new long[] {(items + group - 1) / group * group};
    }

    /** Over {@code items} work-items in work-groups of exactly {@code group} (which must divide it). */
    KernelLaunch(DeviceSession session, Pointer step, String name, int items, int group) {
        this.session = session;
        this.step = step;
        kernel = session.kernel(name);
        session.requireWorkGroupSize(kernel, name, group);
        local = new long[] {group};
        global = new long[] {items};
    }

    /**
     * Sets arguments {@code first}, {@code first + 1}, ... to ints, floats, doubles (precise_t) and buffers (setup
     * only).
     */
    void args(int first, Object... values) {
        for (int k = 0; k < values.length; k++) {
            Object value = values[k];
            if (value instanceof Integer i) {
                arg(first + k, i);
            } else if (value instanceof Float f) {
                arg(first + k, (float) f);
            } else if (value instanceof Double d) {
                precise(first + k, d);
            } else {
                arg(first + k, (cl_mem) value);
            }
        }
    }

    void arg(int index, int value) {
        clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
        arguments.put(index, value);
    }

    void arg(int index, long value) {
        clSetKernelArg(kernel, index, Sizeof.cl_long, Pointer.to(new long[] {value}));
        arguments.put(index, value);
    }

    void arg(int index, float value) {
        clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
        arguments.put(index, value);
    }

    /** A {@code precise_t} argument: double where the device has doubles, else float. */
    void precise(int index, double value) {
        if (session.doubles) {
            clSetKernelArg(kernel, index, Sizeof.cl_double, Pointer.to(new double[] {value}));
            arguments.put(index, value);
        } else {
            arg(index, (float) value);
        }
    }

    void arg(int index, cl_mem buffer) {
        clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(buffer));
        arguments.put(index, buffer);
    }

    /** Sets every argument {@code from} has set, at the same indices (a kernel with the same parameters). */
    void argumentsOf(KernelLaunch from) {
        from.arguments.forEach((index, value) -> {
            if (value instanceof Integer i) {
                arg(index, (int) i);
            } else if (value instanceof Long l) {
                arg(index, (long) l);
            } else if (value instanceof Float f) {
                arg(index, (float) f);
            } else if (value instanceof Double d) {
                precise(index, d);
            } else {
                arg(index, (cl_mem) value);
            }
        });
    }

    void run() {
        clSetKernelArg(kernel, 0, Sizeof.cl_long, step);
        session.launch(kernel, global, local);
    }
}
