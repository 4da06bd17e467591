package org.hebb.experiments.sweep;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hebb.experiments.HebbCommand;
import org.hebb.experiments.jobs.Job;
import org.hebb.experiments.jobs.JobCodec;

/**
 * One point of a sweep as a {@link Job}: runs the experiment's command line, which writes the point's output
 * directory, and returns the point's result file (its name and bytes). The sweep's driver writes that file into
 * its own copy of the directory, so that a sweep on a cluster whose workers do not share the driver's disk still
 * has every result where the summary reads it; the rest of a point's output stays where the worker wrote it.
 *
 * @param id        the point's name
 * @param arguments the experiment's command line
 * @param directory the point's output directory
 */
record SweepPointJob(String id, List<String> arguments, String directory) implements Job<SweepPointJob.Result>,
        Serializable {
    /** The codec of results, as a cluster ships them. */
    static final JobCodec<Result> CODEC = new Codec();

    /**
     * A point's result file.
     *
     * @param fileName its name (result.json, summary.json, ...)
     * @param content  its bytes
     */
    record Result(String fileName, byte[] content) {
    }

    @Override
    public Result run(int worker) throws IOException {
        int code = HebbCommand.execute(arguments.toArray(String[]::new), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        Path result = Sweep.resultFile(Path.of(directory));
        if (code != 0 || result == null) {
            throw new IOException("sweep point " + id + " failed (exit code " + code + "); its output is in "
                    + Path.of(directory).toAbsolutePath());
        }
        return new Result(result.getFileName().toString(), Files.readAllBytes(result));
    }

    private static final class Codec implements JobCodec<Result>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] encode(Result result) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(result.fileName());
                out.writeInt(result.content().length);
                out.write(result.content());
            }
            return bytes.toByteArray();
        }

        @Override
        public Result decode(byte[] encoded) throws IOException {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
                String name = in.readUTF();
                byte[] content = new byte[in.readInt()];
                in.readFully(content);
                if (!Sweep.RESULT_FILES.contains(name) || in.read() != -1) {
                    throw new IOException("a sweep point's result is damaged (file name '" + name + "')");
                }
                return new Result(name, content);
            }
        }
    }
}
