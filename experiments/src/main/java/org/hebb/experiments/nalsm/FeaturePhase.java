package org.hebb.experiments.nalsm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hebb.experiments.jobs.CheckpointKey;
import org.hebb.experiments.jobs.Fingerprint;
import org.hebb.experiments.jobs.JobCodec;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.jobs.JobRunner;
import org.hebb.experiments.jobs.LocalExecutor;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.random.CounterRandom;
import org.hebb.simulator.random.Seeds;
import org.hebb.util.Require;

/**
 * NALSM's phase 2: every sample presented for {@link BranchingProbe#SAMPLE_MS} ms from the same weights W_init
 * (the end of phase 1), plasticity on with every rate decaying by 0.99 per ms; its feature is the spike count of
 * every liquid neuron. Samples are independent, so blocks of them are jobs ({@link FeatureBlock}) run by
 * {@link JobRunner} on an executor's workers, each with its own copy of the liquid, and checkpointed as they are
 * made. A sample's input
 * pulses come from a random stream keyed by the image, not by the network's clock, so a sample's features are the
 * same whichever worker makes them and in whatever order. Each set of images keeps its blocks in its own directory,
 * keyed ({@link CheckpointKey}) by the liquid, W_init, the images, the samples, the block size and the version of
 * the code that makes features ({@link NalsmExperiment#GENERATOR_VERSION}): blocks made from anything else are
 * refused, not read back.
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
        return make(config, initial, encoding, images, blockSize, new LocalExecutor(workers), checkpoints, name);
    }

    /**
     * As {@link #make(NalsmLiquid.Config, float[][], InputEncoding, int[], int, int, Path, String)}, the blocks run
     * by {@code executor}: each block is a {@link FeatureBlock} that carries what it needs (the liquid's
     * configuration, W_init, its images' pixels), so that it runs in this process or on a cluster alike.
     */
    public static int[][] make(NalsmLiquid.Config config, float[][] initial, InputEncoding encoding, int[] images,
                               int blockSize, JobExecutor executor, Path checkpoints, String name) throws IOException {
        Require.atLeast("block size", blockSize, 1);
        Path directory = checkpoints.resolve(JobRunner.requireId("feature set name", name));
        CheckpointKey key = key(config, initial, encoding, images, blockSize);
        String liquid = key.values().get("liquid") + ", W_init " + key.values().get("W_init");
        List<FeatureBlock> jobs = new ArrayList<>();
        for (int start = 0; start < images.length; start += blockSize) {
            int[] block = Arrays.copyOfRange(images, start, Math.min(images.length, start + blockSize));
            byte[][] pixels = new byte[block.length][];
            for (int s = 0; s < block.length; s++) {
                pixels[s] = encoding.images().pixels()[block[s]];
            }
            jobs.add(new FeatureBlock(name + "-" + start, config, initial, liquid, block, pixels, encoding.scale()));
        }
        int width = config.neurons();
        List<int[][]> blocks;
        try {
            blocks = JobRunner.run(jobs, codec(width), directory, key, executor, "features " + name);
        } finally {
            FeatureBlock.release(liquid);
        }
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

    /** Everything a set's features depend on, Hebb's code as {@link NalsmExperiment#GENERATOR_VERSION}. */
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
                        + BranchingProbe.RATE_DECAY_PER_MS + " per ms")
                .with(NalsmExperiment.GENERATOR_KEY, NalsmExperiment.GENERATOR_VERSION);
    }

    /**
     * The liquid's spikes while image {@code image} is presented exactly as {@link #make} presents it (for a
     * raster of one sample).
     */
    public static LiquidSpikes spikesOf(NalsmLiquid.Config config, float[][] initial, InputEncoding encoding,
                                        int image) {
        Worker worker = new Worker(config, initial);
        float[] probabilities = new float[config.inputs()];
        encoding.probabilities(image, probabilities);
        worker.features(image, probabilities);
        return worker.spikes;
    }

    /** One worker's liquid, built from the configuration and set to W_init before each sample. */
    static final class Worker {
        private final NalsmLiquid liquid;
        private final float[][] initial;
        private final LiquidSpikes spikes;
        private final long[] thresholds;
        private final int[] fired;
        private final float[][] pulses;
        private final long seed;
        private final int[] step = new int[1];

        Worker(NalsmLiquid.Config config, float[][] initial) {
            this.liquid = NalsmLiquid.build(config);
            this.initial = initial;
            this.seed = config.seed();
            this.spikes = LiquidSpikes.recording(liquid);
            int inputs = liquid.pixels().size();
            this.thresholds = new long[inputs];
            this.fired = new int[inputs];
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

        /** The spike count of every liquid neuron while image {@code image} is presented with {@code probabilities}. */
        int[] features(int image, float[] probabilities) {
            drawPulses(new CounterRandom(Seeds.derive(seed, "feature pulses:" + image)), probabilities, thresholds,
                    fired, pulses);
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

    /**
     * Draws a sample's input pulses: {@code pulses[t][k]} is 1 where input k fires in ms t and 0 elsewhere, input k
     * firing with probability {@code probabilities[k]} per ms, however small: the {@link CounterRandom#bernoulli}
     * trial of element k at step t of {@code random}, exact for every probability of at least 2^-40
     * ({@link CounterRandom#bernoulliThreshold}).
     *
     * @param probabilities firing probability per ms of every input, each in [0, 1]
     * @param thresholds    scratch of one value per input
     * @param fired         scratch of one value per input
     * @param pulses        the pulses of every ms of the sample, each row one value per input
     */
    static void drawPulses(CounterRandom random, float[] probabilities, long[] thresholds, int[] fired,
                           float[][] pulses) {
        int inputs = probabilities.length;
        for (int k = 0; k < inputs; k++) {
            thresholds[k] = CounterRandom.bernoulliThreshold(probabilities[k]);
        }
        for (int t = 0; t < pulses.length; t++) {
            Arrays.fill(pulses[t], 0f);
            int count = random.bernoulli(t, 0, inputs, thresholds, fired);
            for (int j = 0; j < count; j++) {
                pulses[t][fired[j]] = 1f;
            }
        }
    }

    /** Blocks of spike counts as rows, width, then the counts (big-endian ints); checks all of it on reading. */
    private static JobCodec<int[][]> codec(int width) {
        return new Codec(width);
    }

    /** The codec of {@link #codec}, serialisable so that a cluster can ship it. */
    private record Codec(int width) implements JobCodec<int[][]>, java.io.Serializable {
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
    }
}
