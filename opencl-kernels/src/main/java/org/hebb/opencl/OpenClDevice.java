package org.hebb.opencl;

import java.util.Locale;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as {@link OpenClDevices} lists it.
 *
 * @param index              position in the listing (what {@code Network.builder().device("2")} picks)
 * @param platform           platform name, e.g. "Portable Computing Language"
 * @param name               device name
 * @param type               "GPU", "CPU", "ACCELERATOR" or "OTHER"
 * @param computeUnits       compute units (cores on a CPU device)
 * @param globalMemoryBytes  global memory, bytes
 * @param maxWorkGroupSize   largest work-group
 * @param openClCVersion     the OpenCL C version the device compiles
 */
public record OpenClDevice(int index, String platform, String name, String type, int computeUnits,
                           long globalMemoryBytes, long maxWorkGroupSize, String openClCVersion,
                           cl_platform_id platformId, cl_device_id deviceId) {
    /** One line for listings. */
    public String describe() {
        return String.format(Locale.ROOT, "%d: %s [%s] on %s, %d compute units, %.1f GiB, work-groups up to %d, %s",
                index, name, type, platform, computeUnits, globalMemoryBytes / (double) (1L << 30), maxWorkGroupSize,
                openClCVersion);
    }
}
