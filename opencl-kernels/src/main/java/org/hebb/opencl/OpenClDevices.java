package org.hebb.opencl;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_OPENCL_C_VERSION;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL devices of this machine, and the choice of one: by default the first GPU, else the first CPU device;
 * or by index into the listing, or by a part of the device or platform name. When there is no OpenCL at all, the
 * error says what to install; when PoCL cannot write its kernel cache, it says to set POCL_CACHE_DIR.
 */
public final class OpenClDevices {
    /** Why JOCL's native library could not be linked, from the first attempt; null until one failed. */
    private static volatile String linkFailure;

    private OpenClDevices() {
    }

    /** Every device of every platform, in platform order; fails with what to install if OpenCL is missing. */
    public static List<OpenClDevice> list() {
        cl_platform_id[] platforms = platforms();
        List<OpenClDevice> devices = new ArrayList<>();
        for (cl_platform_id platform : platforms) {
            String platformName = platformString(platform, CL_PLATFORM_NAME);
            int[] count = new int[1];
            try {
                clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
            } catch (CLException e) {
                if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
                    continue;
                }
                throw e;
            }
            cl_device_id[] ids = new cl_device_id[count[0]];
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (cl_device_id id : ids) {
                devices.add(new OpenClDevice(devices.size(), platformName, deviceString(id, CL_DEVICE_NAME),
                        typeName(deviceLong(id, CL_DEVICE_TYPE)), (int) deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS),
                        deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                        deviceString(id, CL_DEVICE_OPENCL_C_VERSION), platform, id));
            }
        }
        if (devices.isEmpty()) {
            throw new IllegalStateException("OpenCL platforms were found but no device: " + cacheAdvice()
                    + "or install a driver for this machine's GPU");
        }
        return devices;
    }

    /**
     * Why no OpenCL device can be used on this machine, with what to install; null when at least one device is
     * there.
     */
    public static String missingReason() {
        try {
            list();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * The device {@code selector} names: null for the default (first GPU, else first CPU device), a listing index,
     * or a case-insensitive part of a device or platform name.
     */
    public static OpenClDevice select(String selector) {
        List<OpenClDevice> devices = list();
        if (selector == null) {
            for (String type : new String[] {"GPU", "CPU"}) {
                for (OpenClDevice d : devices) {
                    if (d.type().equals(type)) {
                        return d;
                    }
                }
            }
            return devices.get(0);
        }
        if (selector.matches("\\d+")) {
            // an index beyond an int names no device either
            if (selector.length() <= 9 && Integer.parseInt(selector) < devices.size()) {
                return devices.get(Integer.parseInt(selector));
            }
        } else if (!selector.isBlank()) {
            // a blank selector, contained in every name, names none
            String wanted = selector.toLowerCase(Locale.ROOT);
            for (OpenClDevice d : devices) {
                if (d.name().toLowerCase(Locale.ROOT).contains(wanted)
                        || d.platform().toLowerCase(Locale.ROOT).contains(wanted)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("device = '" + selector + "' is not allowed: it names none of these "
                + "devices (give an index or part of a name):\n" + listing(devices));
    }

    /** The listing, one device a line. */
    public static String listing(List<OpenClDevice> devices) {
        StringBuilder text = new StringBuilder();
        for (OpenClDevice d : devices) {
            text.append("  ").append(d.describe()).append('\n');
        }
        return text.toString();
    }

    private static cl_platform_id[] platforms() {
        int[] count = new int[1];
        try {
            CL.setExceptionsEnabled(true);
            clGetPlatformIDs(0, null, count);
        } catch (LinkageError e) {
            // the first attempt fails to link JOCL's native library and says why; later ones only find its class
            // unusable, so the first reason is kept
            if (linkFailure == null) {
                linkFailure = e.getMessage();
            }
            throw notAvailable(linkFailure, e);
        } catch (CLException e) {
            throw notAvailable(e.getMessage(), e);
        }
        if (count[0] == 0) {
            throw new IllegalStateException("no OpenCL platform is installed: apt-get install pocl-opencl-icd (CPU) "
                    + "or a GPU driver; the Java backend (BackendKind.JAVA) works without it");
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        clGetPlatformIDs(platforms.length, platforms, null);
        return platforms;
    }

    private static IllegalStateException notAvailable(String reason, Throwable cause) {
        return new IllegalStateException("OpenCL is not available on this machine (" + reason + "): install the "
                + "OpenCL loader and a driver, for a CPU device PoCL: apt-get install ocl-icd-libopencl1 "
                + "pocl-opencl-icd; the Java backend (BackendKind.JAVA) works without it", cause);
    }

    /** What to do when PoCL finds no device because its kernel cache is not writable. */
    static String cacheAdvice() {
        String cache = System.getenv("POCL_CACHE_DIR");
        String home = System.getenv("HOME");
        boolean homeWritable = home != null && Files.isWritable(Path.of(home));
        if (cache == null && !homeWritable) {
            return "PoCL needs a writable kernel cache and HOME (" + home + ") is not writable: set POCL_CACHE_DIR "
                    + "to a writable directory, ";
        }
        return "";
    }

    private static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        return (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "ACCELERATOR" : "OTHER";
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(platform, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
        return text(buffer);
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(device, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
        return text(buffer);
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        clGetDeviceInfo(device, param, Sizeof.cl_long, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        clGetDeviceInfo(device, param, Sizeof.cl_int, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceSize(cl_device_id device, int param) {
        long[] value = new long[1];
        clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    private static String text(byte[] nulTerminated) {
        int length = 0;
        while (length < nulTerminated.length && nulTerminated[length] != 0) {
            length++;
        }
        return new String(nulTerminated, 0, length, StandardCharsets.UTF_8).trim();
    }
}
