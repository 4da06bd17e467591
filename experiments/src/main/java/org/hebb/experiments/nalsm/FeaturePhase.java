package org.hebb.experiments.nalsm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hebb.experiments.jobs.CheckpointKey;
import org.hebb.experiments.jobs.Fingerprint;
import org.hebb.experiments.jobs.Job;
import org.hebb.experiments.jobs.JobCodec;
import org.hebb.experiments.jobs.JobRunner;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.random.CounterRandom;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * NALSM's phase 2: every sample presented for {@link BranchingProbe#SAMPLE_MS} ms from the same weights W_init
 * (the end of phase 1), plasticity on with every rate decaying by 0.99 per ms; its feature is the spike count of
 * every liquid neuron. Samples are independent, so blocks of them are {@link Job}s run by {@link JobRunner} on
 * several workers, each with its own copy of the liquid, and checkpointed as they are made. A sample's input
 * pulses come from a random stream keyed by the image, not by the network's clock, so a sample's features are the
 * same whichever worker makes them and in whatever order. Each set of images keeps its blocks in its own directory,
 * keyed ({@link CheckpointKey}) by the liquid, W_init, the images, the samples and the block size: blocks made from
 * anything else are refused, not read back.
 */
public final class FeaturePhase {
    private FeaturePhase() {
    }

    /** The weights of a liquid's plastic projections, in {@link NalsmLiquid#plastic()} order. */
    public static float[][] weightsOf(NalsmLiquid liquid) {
        List<Projection> plastic = liquid.plastic();
        float[][] weights = new float[plastic.size()][];
        for (int p = 0; p < weights.length; p++) {
            weights[p] = plastic.get(p).rows().weights().clone();
        }
        return weights;
    }

    /**
     * The features of {@code images} (indices into the encoding's images): one row of liquid spike counts per
     * image, in order.
     *
     * @param config      the liquid's configuration (each worker builds its own liquid from it)
     * @param initial     W_init, as {@link #weightsOf} gives it
     * @param checkpoints where finished blocks are kept, in the subdirectory {@code name} (an interrupted run
     *                    resumes from them)
     * @param name        a name for this set of images, unique within the checkpoint directory (letters, digits,
     *                    '-', '_' and '.')
     * @throws IllegalArgumentException when the checkpoints of {@code name} were made from other inputs, naming them
     * @throws IOException              naming the file when a checkpoint cannot be read back
     */
    public static int[][] make(NalsmLiquid.Config config, float[][] initial, InputEncoding encoding, int[] images,
                               int blockSize, int workers, Path checkpoints, String name) throws IOException {
        Require.atLeast("block size", blockSize, 1);
        Require.inRange("workers", workers, 1, JobRunner.MAX_WORKERS);
        Path directory = checkpoints.resolve(JobRunner.requireId("feature set name", name));
        Worker[] pool = new Worker[workers];
        List<Job<int[][]>> jobs = new ArrayList<>();
        for (int start = 0; start < images.length; start += blockSize) {
            int[] block = java.util.Arrays.copyOfRange(images, start, Math.min(images.length, start + blockSize));
            String id = name + "-" + start;
            jobs.add(new Job<>() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public int[][] run(int worker) {
                    synchronized (pool) {
                        if (pool[worker] == null) {
                            pool[worker] = new Worker(config, initial, encoding);
                        }
                    }
                    int[][] features = new int[block.length][];
                    for (int s = 0; s < block.length; s++) {
                        features[s] = pool[worker].features(block[s]);
                    }
                    return features;
                }
            });
        }
        int width = config.neurons();
        List<int[][]> blocks = JobRunner.run(jobs, codec(width), directory,
                key(config, initial, encoding, images, blockSize), workers, "features " + name);
        int[][] features = new int[images.length][];
        int k = 0;
        for (int b = 0; b < blocks.size(); b++) {
            int expected = Math.min(blockSize, images.length - k);
            if (blocks.get(b).length != expected) {
                throw new IOException("checkpoint " + JobRunner.checkpointFile(directory, jobs.get(b).id())
                        .toAbsolutePath() + " holds " + blocks.get(b).length + " samples: its block has " + expected
                        + "; delete it to make it again");
            }
            for (int[] row : blocks.get(b)) {
                features[k++] = row;
            }
        }
        return features;
    }

    /** Everything a set's features depend on. */
    private static CheckpointKey key(NalsmLiquid.Config config, float[][] initial, InputEncoding encoding,
                                     int[] images, int blockSize) {
        Fingerprint weights = new Fingerprint();
        for (float[] projection : initial) {
            weights.add(projection);
        }
        return new CheckpointKey()
                .with("liquid", "side " + config.side() + ", " + config.inputs() + " inputs, " + config.model()
                        + ", |w| " + config.weight() + ", w_A " + config.astrocyteWeight() + ", seed " + config.seed())
                .with("W_init", initial.length + " plastic projections, SHA-256 " + weights.hex())
                .with("images", encoding.fingerprint())
                .with("samples", images.length + " (" + (images.length == 0 ? "none" : "from image " + images[0])
                        + "), SHA-256 " + new Fingerprint().add(images).hex())
                .with("block size", blockSize)
                .with("presentation", BranchingProbe.SAMPLE_MS + " ms, rates decaying by "
                        + BranchingProbe.RATE_DECAY_PER_MS + " per ms");
    }

    /**
     * The liquid's spikes while image {@code image} is presented exactly as {@link #make} presents it (for a
     * raster of one sample).
     */
    public static LiquidSpikes spikesOf(NalsmLiquid.Config config, float[][] initial, InputEncoding encoding,
                                        int image) {
        Worker worker = new Worker(config, initial, encoding);
        worker.features(image);
        return worker.spikes;
    }

    /** One worker's liquid, built from the configuration and set to W_init. */
    private static final class Worker {
        private final NalsmLiquid liquid;
        private final float[][] initial;
        private final InputEncoding encoding;
        private final LiquidSpikes spikes;
        private final float[] probabilities;
        private final float[] uniforms;
        private final float[][] pulses;
        private final long seed;
        private final int[] step = new int[1];

        Worker(NalsmLiquid.Config config, float[][] initial, InputEncoding encoding) {
            this.liquid = NalsmLiquid.build(config);
            this.initial = initial;
            this.encoding = encoding;
            this.seed = config.seed();
            this.spikes = LiquidSpikes.recording(liquid);
            int inputs = liquid.pixels().size();
            this.probabilities = new float[inputs];
            this.uniforms = new float[inputs];
            this.pulses = new float[BranchingProbe.SAMPLE_MS][inputs];
            if (liquid.astrocyte() != null) {
                liquid.astrocyte().setRateDecayPerMs(BranchingProbe.RATE_DECAY_PER_MS);
            }
            Network net = liquid.network();
            net.afterEachStep((s, t) -> {
                int next = ++step[0];
                if (next < pulses.length) {
                    liquid.pixels().setProbabilities(pulses[next]);
                }
            });
        }

        int[] features(int image) {
            encoding.probabilities(image, probabilities);
            CounterRandom random = new CounterRandom(Seeds.derive(seed, "feature pulses:" + image));
            for (int t = 0; t < pulses.length; t++) {
                random.uniforms(t, 0, uniforms.length, uniforms);
                for (int k = 0; k < uniforms.length; k++) {
                    pulses[t][k] = uniforms[k] < probabilities[k] ? 1f : 0f;
                }
            }
            Network net = liquid.network();
            net.resetState();
            List<Projection> plastic = liquid.plastic();
            for (int p = 0; p < initial.length; p++) {
                System.arraycopy(initial[p], 0, plastic.get(p).rows().weights(), 0, initial[p].length);
            }
            step[0] = 0;
            liquid.pixels().setProbabilities(pulses[0]);
            spikes.startSample(net.stepsRun());
            net.run(BranchingProbe.SAMPLE_MS);
            int[] counts = new int[liquid.numbering().size()];
            for (int k = 0; k < spikes.count(); k++) {
                counts[spikes.neuron(k)]++;
            }
            return counts;
        }
    }

    /** Blocks of spike counts as rows, width, then the counts (big-endian ints); checks all of it on reading. */
    private static JobCodec<int[][]> codec(int width) {
        return new JobCodec<>() {
            @Override
            public byte[] encode(int[][] rows) {
                ByteBuffer buffer = ByteBuffer.allocate(8 + 4 * rows.length * width);
                buffer.putInt(rows.length).putInt(width);
                for (int[] row : rows) {
                    for (int value : row) {
                        buffer.putInt(value);
                    }
                }
                return buffer.array();
            }

            @Override
            public int[][] decode(byte[] bytes) throws IOException {
                if (bytes.length < 8) {
                    throw new IOException("it holds " + bytes.length + " bytes, less than its 8-byte header");
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                int rows = buffer.getInt();
                int columns = buffer.getInt();
                if (rows < 0 || columns != width) {
                    throw new IOException("its header gives " + rows + " samples of " + columns + " counts: "
                            + "the liquid has " + width + " neurons");
                }
                if (bytes.length != 8 + 4L * rows * width) {
                    throw new IOException("it holds " + bytes.length + " bytes: " + rows + " samples of " + width
                            + " counts take " + (8 + 4L * rows * width));
                }
                int[][] counts = new int[rows][width];
                for (int[] row : counts) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = buffer.getInt();
                        if (row[i] < 0) {
                            throw new IOException("it holds a negative spike count, " + row[i]);
                        }
                    }
                }
                return counts;
            }
        };
    }
}
