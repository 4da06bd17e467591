package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/** The clear_words kernel, which zeroes a buffer of 32-bit words, with its arguments kept between launches. */
final class WordClearing {
    private final DeviceSession session;
    private final cl_kernel kernel;
    private final long group;
    private final long[] local;
    private final long[] global = new long[1];
    private final long[] words = new long[1];
    private final Pointer wordsPointer = Pointer.to(words);

    WordClearing(DeviceSession session) {
        this.session = session;
        this.kernel = session.kernel("clear_words");
        this.group = session.workGroupSize(kernel);
        this.local = new long[] {group};
    }

    /** Enqueues the zeroing of the first {@code count} words of the buffer that {@code buffer} points to. */
    void clear(Pointer buffer, long count) {
        words[0] = count;
        global[0] = (count + group - 1) / group * group;
        clSetKernelArg(kernel, 0, Sizeof.cl_long, wordsPointer);
        clSetKernelArg(kernel, 1, Sizeof.cl_mem, buffer);
        session.launch(kernel, global, local);
    }
}
