package org.hebb.opencl;

import org.jocl.Pointer;
import org.jocl.Sizeof;

/**
 * A host array and the pointer through which OpenCL copies it, made once for an array copied to or from the device
 * again and again: JOCL's {@code Pointer.to} allocates a pointer and a buffer view per call, which would be garbage
 * every step.
 *
 * @param pointer      the array's pointer
 * @param length       its number of elements
 * @param elementBytes bytes per element
 */
record HostArray(Pointer pointer, int length, int elementBytes) {
    static HostArray of(float[] values) {
        return new HostArray(Pointer.to(values), values.length, Sizeof.cl_float);
    }

    static HostArray of(double[] values) {
        return new HostArray(Pointer.to(values), values.length, Sizeof.cl_double);
    }

    static HostArray of(int[] values) {
        return new HostArray(Pointer.to(values), values.length, Sizeof.cl_int);
    }

    static HostArray of(long[] values) {
        return new HostArray(Pointer.to(values), values.length, Sizeof.cl_long);
    }

    /** Bytes of {@code count} elements. */
    long bytes(long count) {
        return elementBytes * count;
    }
}
