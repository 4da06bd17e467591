package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.simulator.testing.Prerequisites;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the device refuses is reported before or as it is asked, naming what was asked: a buffer beyond the device's
 * largest allocation (one of exactly that size is allowed), a launch in work-groups larger than the kernel allows.
 */
class DeviceSessionErrorsTest {
    @BeforeEach
    void anOpenClDeviceIsInstalled() {
        Prerequisites.require(OpenClDevices.missingReason());
    }

    @Test
    void aBufferBeyondTheDevicesLargestAllocationIsRefusedWithItsSize() {
        for (OpenClDevice device : OpenClDevices.list()) {
            try (DeviceSession session = new DeviceSession(device, "")) {
                long tooLarge = session.limits.maxAllocationBytes() + 1;
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> session.scratch(tooLarge));
                assertTrue(refused.getMessage().contains(String.format("%,d bytes", tooLarge)), refused.getMessage());
                assertTrue(refused.getMessage().contains("CL_DEVICE_MAX_MEM_ALLOC_SIZE"), refused.getMessage());
                assertTrue(refused.getMessage().contains(device.name()), refused.getMessage());
                session.limits.checkBuffer(session.limits.maxAllocationBytes(), device);
            }
        }
    }

    @Test
    void aLaunchTheDeviceRefusesNamesTheKernel() {
        String source = "__kernel void hebb_test_fill(__global int* out) { out[get_global_id(0)] = 1; }\n";
        for (OpenClDevice device : OpenClDevices.list()) {
            try (DeviceSession session = new DeviceSession(device, "")) {
                cl_kernel kernel = session.compile("hebb_test_fill", source);
                long tooMany = 2 * device.maxWorkGroupSize();
                clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(session.ints(new int[(int) tooMany])));
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> session.launch(kernel, new long[] {tooMany}, new long[] {tooMany}));
                assertTrue(refused.getMessage().startsWith("kernel hebb_test_fill over " + tooMany
                        + " work-items in groups of " + tooMany + " failed on " + device.name()), refused.getMessage());
            }
        }
    }
}
