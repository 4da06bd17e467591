package org.hebb.experiments.jobs;

import java.io.IOException;

/** How a job's result is written to its checkpoint file and read back, exactly. */
public interface JobCodec<R> {
    byte[] encode(R result) throws IOException;

    R decode(byte[] bytes) throws IOException;
}
