package org.hebb.opencl;

import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.jocl.CL.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT;
import static org.jocl.CL.CL_FP_DENORM;
import static org.jocl.CL.clGetDeviceInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jocl.Pointer;
import org.jocl.Sizeof;

/**
 * What a device allows in one buffer and how it does single-precision arithmetic, read once per session: a buffer
 * larger than the device allows is refused with a message before the device is asked for it, and a device whose
 * arithmetic cannot give the Java backend's bits (division or square roots not correctly rounded, subnormal numbers
 * flushed to zero) is warned about once.
 *
 * @param maxAllocationBytes       the largest buffer (CL_DEVICE_MAX_MEM_ALLOC_SIZE), bytes
 * @param correctlyRoundedDivision whether single-precision division and square roots can be correctly rounded
 *                                 (CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT, asked for at build time where present)
 * @param denormals                whether single precision keeps subnormal numbers (CL_FP_DENORM)
 */
record DeviceLimits(long maxAllocationBytes, boolean correctlyRoundedDivision, boolean denormals) {
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    static DeviceLimits of(OpenClDevice device) {
        long[] value = new long[1];
        clGetDeviceInfo(device.deviceId(), CL_DEVICE_MAX_MEM_ALLOC_SIZE, Sizeof.cl_ulong, Pointer.to(value), null);
        long maxAllocation = value[0];
        clGetDeviceInfo(device.deviceId(), CL_DEVICE_SINGLE_FP_CONFIG, Sizeof.cl_ulong, Pointer.to(value), null);
        long config = value[0];
        DeviceLimits limits = new DeviceLimits(maxAllocation, (config & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0,
                (config & CL_FP_DENORM) != 0);
        String inexact = limits.inexactArithmetic();
        if (inexact != null && WARNED.add(device.name())) {
            System.getLogger(DeviceLimits.class.getName()).log(System.Logger.Level.WARNING, device.name() + " "
                    + inexact + ": its results may differ from the Java backend's in the last bit");
        }
        return limits;
    }

    /** What keeps the device's single-precision arithmetic from giving Java's bits, or null. */
    private String inexactArithmetic() {
        List<String> lacks = new ArrayList<>();
        if (!correctlyRoundedDivision) {
            lacks.add("cannot round single-precision division and square roots correctly");
        }
        if (!denormals) {
            lacks.add("flushes subnormal numbers to zero");
        }
        return lacks.isEmpty() ? null : String.join(" and ", lacks);
    }

    /** Refuses a buffer of {@code bytes} that {@code device} cannot allocate. */
    void checkBuffer(long bytes, OpenClDevice device) {
        if (bytes > maxAllocationBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network needs a buffer of %,d bytes on %s, which "
                    + "allows at most %,d bytes in one buffer (CL_DEVICE_MAX_MEM_ALLOC_SIZE): use fewer neurons or "
                    + "synapses per population or projection, or the Java backend", bytes, device.name(),
                    maxAllocationBytes));
        }
    }
}
