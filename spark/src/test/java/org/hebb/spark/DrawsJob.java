package org.hebb.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hebb.experiments.jobs.Job;
import org.hebb.experiments.jobs.JobCodec;

/**
 * A job for the executor tests: draws from a stream keyed by its index, after a pause of random length, from half
 * of {@code pauseMs} to all of it (so that jobs take a while and finish in no fixed order).
 *
 * @param index   which job
 * @param pauseMs the longest pause, ms
 */
record DrawsJob(int index, int pauseMs) implements Job<double[]>, Serializable {
    static final JobCodec<double[]> CODEC = new Codec();

    /** {@code count} jobs. */
    static List<Job<double[]>> jobs(int count, int pauseMs) {
        List<Job<double[]>> jobs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            jobs.add(new DrawsJob(k, pauseMs));
        }
        return jobs;
    }

    @Override
    public String id() {
        return "draws-" + index;
    }

    @Override
    public double[] run(int worker) throws InterruptedException {
        Thread.sleep(pauseMs / 2 + new SplittableRandom().nextInt(pauseMs / 2 + 1));
        return new SplittableRandom(1000 + index).doubles(100).toArray();
    }

    private static final class Codec implements JobCodec<double[]>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] encode(double[] result) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(result.length);
                for (double x : result) {
                    out.writeDouble(x);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public double[] decode(byte[] bytes) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                double[] result = new double[in.readInt()];
                for (int i = 0; i < result.length; i++) {
                    result[i] = in.readDouble();
                }
                return result;
            }
        }
    }
}
