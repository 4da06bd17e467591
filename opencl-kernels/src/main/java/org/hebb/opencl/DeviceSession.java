package org.hebb.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_MAX_CONSTANT_ARGS;
import static org.jocl.CL.CL_DEVICE_MAX_PARAMETER_SIZE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueReadBufferRect;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clFlush;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * One device in use: its context, an in-order command queue, Hebb's kernels built from {@code hebb_math.cl} and
 * the step's kernel files ({@link #SOURCES}), and the buffers made through it (all released by {@link #close}).
 * Counts the bytes moved between host and device.
 */
final class DeviceSession implements AutoCloseable {
    /**
     * The program's source files, in order: Hebb's mathematical functions, then the step's kernels by concern, each
     * after those it uses.
     */
    static final String[] SOURCES = {"hebb_math.cl", "common.cl", "sources.cl", "spike_lists.cl", "delivery.cl",
        "rules.cl", "astrocyte_stdp.cl", "traces.cl", "neurons.cl"};

    final OpenClDevice device;
    final DeviceLimits limits;
    /** Whether the device computes in double precision (cl_khr_fp64): kernels' precise_t is double then. */
    final boolean doubles;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final String buildOptions;
    /** Hebb's kernels and the generated models of this session's network. */
    private final String programSource;
    private final List<cl_program> generated = new ArrayList<>();
    private final List<cl_kernel> kernels = new ArrayList<>();
    /** With {@link KernelProfile#PROPERTY}: the profile, kernel names, and launches whose times are not read yet. */
    private final KernelProfile profile;
    private final Map<cl_kernel, String> kernelNames = new HashMap<>();
    private final List<cl_event> profiled = new ArrayList<>();
    private final List<String> profiledNames = new ArrayList<>();
    private final List<cl_mem> buffers = new ArrayList<>();
    private long bytesToDevice;
    private long bytesToHost;
    /**
     * {@link #readColumns}' origin in the buffer and region (x in bytes, y in rows, z = 1), reused as the step
     * allocates nothing.
     */
    private final long[] rectBufferOrigin = new long[3];
    private final long[] rectRegion = {0, 0, 1};

    /**
     * The system property that makes every launch wait for its kernel to finish, so that a kernel failing on the
     * device is named (otherwise the failure shows at a later read, naming none); for finding faults, not for speed.
     */
    static final String CHECK_LAUNCHES_PROPERTY = "hebb.opencl.checkLaunches";
    private static final boolean CHECK_LAUNCHES = Boolean.getBoolean(CHECK_LAUNCHES_PROPERTY);
    /** Neurons per block, and work-items per compaction work-group, in the gpu shape (SCAN_BLOCK in the kernels). */
    static final int SCAN_BLOCK = 256;
    /** Launches profiled between two reads of their times. */
    private static final int PROFILE_BATCH = 4096;
    private static final AtomicBoolean SIGNAL_CHAINING_CHECKED = new AtomicBoolean();
    /** {@link #readColumns}' origin in the host array (never changed). */
    private static final long[] RECT_HOST_ORIGIN = new long[3];

    /** A session on {@code device} whose program holds Hebb's kernels and the generated {@code modelSource}. */
    DeviceSession(OpenClDevice device, String modelSource) {
        warnWithoutSignalChaining();
        this.device = device;
        this.doubles = hasDoubles(device);
        this.limits = DeviceLimits.of(device);
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, device.platformId());
        context = clCreateContext(properties, 1, new org.jocl.cl_device_id[] {device.deviceId()}, null, null, null);
        cl_queue_properties queueProperties = new cl_queue_properties();
        profile = Boolean.getBoolean(KernelProfile.PROPERTY) ? new KernelProfile() : null;
        if (profile != null) {
            queueProperties.addProperty(CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE);
        }
        queue = clCreateCommandQueueWithProperties(context, device.deviceId(), queueProperties, null);
        // single-precision division as IEEE (and Java) rounds it, where the device can
        buildOptions = "-cl-std=CL1.2 -DSCAN_BLOCK=" + SCAN_BLOCK
                + (limits.correctlyRoundedDivision() ? " -cl-fp32-correctly-rounded-divide-sqrt" : "");
        programSource = source() + modelSource;
        try {
            program = build(programSource);
        } catch (RuntimeException e) {
            clReleaseCommandQueue(queue);
            clReleaseContext(context);
            throw e;
        }
    }

    /**
     * Warns once when the JVM runs without the JDK's signal-chaining library on Linux: an OpenCL compiler built on
     * LLVM (PoCL's) replaces the JVM's SIGSEGV handler, and the JVM, which needs it for null checks in compiled code,
     * may then die of a segmentation fault at any later point, leaving no error file.
     */
    private static void warnWithoutSignalChaining() {
        Path maps = Path.of("/proc/self/maps");
        if (!SIGNAL_CHAINING_CHECKED.compareAndSet(false, true) || !Files.isReadable(maps)) {
            return;
        }
        try {
            if (!Files.readString(maps).contains("libjsig")) {
                System.getLogger(DeviceSession.class.getName()).log(System.Logger.Level.WARNING, "the JVM runs "
                        + "without signal chaining: OpenCL compilers built on LLVM (PoCL) replace its SIGSEGV "
                        + "handler, which can crash it later; start java with LD_PRELOAD="
                        + Path.of(System.getProperty("java.home"), "lib", "libjsig.so") + " (./hebb does)");
            }
        } catch (IOException e) {
            // nothing to warn about if the mappings cannot be read
        }
    }

    private cl_program build(String source) {
        cl_program built = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(built, 0, null, buildOptions, null, null);
        } catch (CLException e) {
            String log = buildLog(built);
            clReleaseProgram(built);
            throw new IllegalStateException("the OpenCL kernels did not build on " + device.name() + ":\n" + log, e);
        }
        return built;
    }

    /**
     * Kernel {@code name} of a program made of the kernels' source followed by {@code generated} (a kernel written
     * for one network, using the source's functions); released with the session.
     */
    cl_kernel compile(String name, String generated) {
        return compile(generated, new String[] {name})[0];
    }

    /** Kernels {@code names} of one program made of the kernels' source followed by {@code generated}. */
    cl_kernel[] compile(String generated, String... names) {
        cl_program built = build(programSource + generated);
        this.generated.add(built);
        cl_kernel[] kernels = new cl_kernel[names.length];
        for (int k = 0; k < names.length; k++) {
            kernels[k] = kernel(built, names[k]);
        }
        return kernels;
    }

    /** The device's limit on the bytes of one kernel's arguments. */
    long maxParameterBytes() {
        long[] bytes = new long[1];
        clGetDeviceInfo(device.deviceId(), CL_DEVICE_MAX_PARAMETER_SIZE, Sizeof.size_t, Pointer.to(bytes), null);
        return bytes[0];
    }

    /** The device's limit on the __constant arguments of one kernel. */
    int maxConstantArguments() {
        int[] count = new int[1];
        clGetDeviceInfo(device.deviceId(), CL_DEVICE_MAX_CONSTANT_ARGS, Sizeof.cl_uint, Pointer.to(count), null);
        return count[0];
    }

    /** Whether {@code device} computes in double precision (cl_khr_fp64). */
    static boolean hasDoubles(OpenClDevice device) {
        return extensions(device).contains("cl_khr_fp64");
    }

    private static String extensions(OpenClDevice device) {
        long[] size = new long[1];
        clGetDeviceInfo(device.deviceId(), CL_DEVICE_EXTENSIONS, 0, null, size);
        byte[] text = new byte[(int) size[0]];
        clGetDeviceInfo(device.deviceId(), CL_DEVICE_EXTENSIONS, text.length, Pointer.to(text), null);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** Hebb's OpenCL source: {@link #SOURCES} one after the other. */
    static String source() {
        StringBuilder source = new StringBuilder();
        for (String file : SOURCES) {
            try (InputStream in = DeviceSession.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is missing from the class path");
                }
                source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source.toString();
    }

    private String buildLog(cl_program built) {
        long[] size = new long[1];
        clGetProgramBuildInfo(built, device.deviceId(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        clGetProgramBuildInfo(built, device.deviceId(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).trim();
    }

    /** A kernel of the program (released with the session). */
    cl_kernel kernel(String name) {
        return kernel(program, name);
    }

    private cl_kernel kernel(cl_program from, String name) {
        cl_kernel kernel = clCreateKernel(from, name, null);
        kernels.add(kernel);
        kernelNames.put(kernel, name);
        return kernel;
    }

    /** The work-group size to launch {@code kernel} with: the largest the device allows for it, at most 256. */
    long workGroupSize(cl_kernel kernel) {
        long[] size = new long[1];
        clGetKernelWorkGroupInfo(kernel, device.deviceId(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                Pointer.to(size), null);
        return Math.max(1, Math.min(256, size[0]));
    }

    /** Refuses work-groups of {@code group} for {@code kernel} (named {@code name}) where the device allows fewer. */
    void requireWorkGroupSize(cl_kernel kernel, String name, long group) {
        if (workGroupSize(kernel) < group) {
            throw new IllegalStateException("kernel " + name + " needs work-groups of " + group + " work-items; "
                    + device.name() + " allows " + workGroupSize(kernel) + ": run with -D"
                    + OpenClEngine.SHAPE_PROPERTY + "=cpu");
        }
    }

    cl_mem floats(float[] values) {
        return buffer(Sizeof.cl_float * (long) Math.max(1, values.length), Pointer.to(values.length == 0
                ? new float[1] : values));
    }

    cl_mem doubles(double[] values) {
        return buffer(Sizeof.cl_double * (long) Math.max(1, values.length), Pointer.to(values.length == 0
                ? new double[1] : values));
    }

    cl_mem ints(int[] values) {
        return buffer(Sizeof.cl_int * (long) Math.max(1, values.length), Pointer.to(values.length == 0
                ? new int[1] : values));
    }

    cl_mem longs(long[] values) {
        return buffer(Sizeof.cl_long * (long) Math.max(1, values.length), Pointer.to(values.length == 0
                ? new long[1] : values));
    }

    cl_mem bytes(long count) {
        return buffer(Math.max(1, count), Pointer.to(new byte[(int) Math.max(1, count)]));
    }

    private cl_mem buffer(long bytes, Pointer initial) {
        limits.checkBuffer(bytes, device);
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes, initial, null);
        buffers.add(mem);
        bytesToDevice += bytes;
        return mem;
    }

    /**
     * A buffer of {@code bytes} whose contents are not set (a scratch area the device writes before anything reads
     * it), released with the session or by {@link #release}.
     */
    cl_mem scratch(long bytes) {
        limits.checkBuffer(bytes, device);
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        buffers.add(mem);
        return mem;
    }

    /** Releases a buffer made through this session before the session closes. */
    void release(cl_mem buffer) {
        buffers.remove(buffer);
        clReleaseMemObject(buffer);
    }

    /** Copies the whole of {@code values} to the start of {@code buffer}. */
    void write(cl_mem buffer, HostArray values) {
        write(buffer, 0, values);
    }

    /** Writes {@code values} into {@code buffer} from byte {@code offset} on (blocking). */
    void write(cl_mem buffer, long offset, HostArray values) {
        long bytes = values.bytes(values.length());
        clEnqueueWriteBuffer(queue, buffer, CL_TRUE, offset, bytes, values.pointer(), 0, null, null);
        bytesToDevice += bytes;
    }

    /** Fills the whole of {@code into} from the start of {@code buffer}. */
    void read(cl_mem buffer, HostArray into) {
        read(buffer, 0, into);
    }

    /** Fills the whole of {@code into} from byte {@code offset} of {@code buffer} on. */
    void read(cl_mem buffer, long offset, HostArray into) {
        read(buffer, offset, into, into.length());
    }

    /** Reads {@code count} elements from byte {@code offset} of {@code buffer} into the start of {@code into}. */
    void read(cl_mem buffer, long offset, HostArray into, int count) {
        long bytes = into.bytes(count);
        clEnqueueReadBuffer(queue, buffer, CL_TRUE, offset, bytes, into.pointer(), 0, null, null);
        bytesToHost += bytes;
    }

    /**
     * Reads columns of an int matrix of {@code rowLength} ints per row: {@code columns} ints from column
     * {@code firstColumn} on, of each of its {@code rows} rows, into {@code into} row after row.
     */
    void readColumns(cl_mem buffer, int rowLength, int firstColumn, int columns, int rows, HostArray into) {
        rectBufferOrigin[0] = Sizeof.cl_int * (long) firstColumn;
        rectRegion[0] = Sizeof.cl_int * (long) columns;
        rectRegion[1] = rows;
        clEnqueueReadBufferRect(queue, buffer, CL_TRUE, rectBufferOrigin, RECT_HOST_ORIGIN, rectRegion,
                Sizeof.cl_int * (long) rowLength, 0, rectRegion[0], 0, into.pointer(), 0, null, null);
        bytesToHost += rectRegion[0] * rows;
    }

    /**
     * Enqueues a copy of {@code count} ints from byte {@code fromOffset} of {@code from} to byte {@code toOffset} of
     * {@code to}, on the device and without waiting.
     */
    void copyInts(cl_mem from, long fromOffset, cl_mem to, long toOffset, int count) {
        clEnqueueCopyBuffer(queue, from, to, fromOffset, toOffset, Sizeof.cl_int * (long) count, 0, null, null);
    }

    /**
     * Enqueues {@code kernel} over {@code global[0]} work-items in groups of {@code local[0]} (a multiple). A launch
     * the device refuses is reported with the kernel's name; with {@link #CHECK_LAUNCHES_PROPERTY}, so is a kernel
     * that fails while it runs (the launch then waits for the kernel to finish).
     */
    void launch(cl_kernel kernel, long[] global, long[] local) {
        cl_event event = profile == null ? null : new cl_event();
        try {
            clEnqueueNDRangeKernel(queue, kernel, 1, null, global, local, 0, null, event);
            if (CHECK_LAUNCHES) {
                clFinish(queue);
            }
        } catch (CLException e) {
            throw new IllegalStateException("kernel " + kernelNames.get(kernel) + " over " + global[0]
                    + " work-items in groups of " + (local == null ? "the device's choice" : local[0]) + " failed on "
                    + device.name() + (CHECK_LAUNCHES ? "" : " (-D" + CHECK_LAUNCHES_PROPERTY + "=true reports "
                    + "failures while kernels run, naming the kernel)") + ": " + e.getMessage(), e);
        }
        if (event == null) {
            return;
        }
        profiled.add(event);
        profiledNames.add(kernelNames.get(kernel));
        if (profiled.size() >= PROFILE_BATCH) {
            finish();
        }
    }

    /**
     * Hands the commands queued so far to the device without waiting for them: a driver may otherwise hold a batch
     * of steps' launches until the batch's first read, leaving the device idle while the host queues them.
     */
    void flush() {
        clFlush(queue);
    }

    void finish() {
        clFinish(queue);
        if (profile != null) {
            long[] time = new long[1];
            for (int e = 0; e < profiled.size(); e++) {
                clGetEventProfilingInfo(profiled.get(e), CL_PROFILING_COMMAND_START, Sizeof.cl_ulong,
                        Pointer.to(time), null);
                long start = time[0];
                clGetEventProfilingInfo(profiled.get(e), CL_PROFILING_COMMAND_END, Sizeof.cl_ulong,
                        Pointer.to(time), null);
                profile.add(profiledNames.get(e), start, time[0]);
                clReleaseEvent(profiled.get(e));
            }
            profiled.clear();
            profiledNames.clear();
        }
    }

    /** The kernel profile so far (null unless {@link KernelProfile#PROPERTY} is true). */
    KernelProfile profile() {
        if (profile != null) {
            finish();
        }
        return profile;
    }

    /** Bytes copied from host to device so far (buffer creation included). */
    long bytesToDevice() {
        return bytesToDevice;
    }

    /** Bytes copied from device to host so far. */
    long bytesToHost() {
        return bytesToHost;
    }

    @Override
    public void close() {
        if (profile != null) {
            finish();
            System.getLogger(DeviceSession.class.getName()).log(System.Logger.Level.INFO, device.name() + ": "
                    + profile.report());
        }
        buffers.forEach(b -> clReleaseMemObject(b));
        kernels.forEach(k -> clReleaseKernel(k));
        clReleaseProgram(program);
        generated.forEach(p -> clReleaseProgram(p));
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
