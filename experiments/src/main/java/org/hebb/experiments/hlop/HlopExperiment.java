package org.hebb.experiments.hlop;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.hebb.experiments.RunPhase;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.random.Seeds;

/**
 * The continual-learning protocol: the network learns the permuted tasks one after another (or, multitask, all at
 * once), is tested on every task after each, and with HLOP its subspaces learn each task's activity. A checkpoint
 * after every task lets an interrupted run resume with the same result.
 */
public final class HlopExperiment {
    static final String CHECKPOINT = "checkpoint.h5";
    private static final int PROGRESS_EVERY = 1000;

    private final HlopSettings settings;
    private final IdxImages train;
    private final IdxImages test;
    private final int[][] permutations;
    private final PrintStream log;

    /**
     * The protocol for {@code settings} on {@code train} and {@code test}.
     *
     * @throws IllegalArgumentException naming the option, its value and the data's size when a task asks for more
     *                                  training or test images than the data has
     */
    HlopExperiment(HlopSettings settings, IdxImages train, IdxImages test, PrintStream log) {
        train.requireHas("--train-per-task", settings.trainPerTask(), "training", "");
        test.requireHas("--test-per-task", settings.testPerTask(), "test", "");
        this.settings = settings;
        this.train = train;
        this.test = test;
        this.permutations = PermutedTasks.permutations(settings.tasks(), HlopNetwork.PIXELS, settings.seed());
        this.log = log;
    }

    /**
     * Runs the protocol with Fashion-MNIST and writes result.json and the plots into {@code out}.
     *
     * @throws IllegalArgumentException before any work when a task asks for more images than Fashion-MNIST has
     */
    public static Map<String, Object> run(HlopSettings settings, Path out) throws IOException {
        requireRunnable(settings);
        IdxImages train = IdxImages.read(IdxImages.FASHION_MNIST, IdxImages.Split.TRAIN);
        IdxImages test = IdxImages.read(IdxImages.FASHION_MNIST, IdxImages.Split.TEST);
        return new HlopExperiment(settings, train, test, System.out).run(out);
    }

    /**
     * Fails unless a run of {@code settings} fits the heap and Fashion-MNIST ({@link IdxImages#FASHION_MNIST}) is
     * there with as many training and test images as a task asks for, reading only its files' headers: the checks
     * {@link #run} makes before any work, which a caller may make before it runs anything.
     *
     * @throws IllegalArgumentException naming the heap the run needs, a file missing or damaged, or the option that
     *                                  asks for more images than the data has, its value and the data's size
     */
    public static void requireRunnable(HlopSettings settings) {
        memory(settings).requireFits("lower --hidden");
        IdxImages.requireShape("Fashion-MNIST", IdxImages.FASHION_MNIST, IdxImages.Split.TRAIN)
                .requireHas("--train-per-task", settings.trainPerTask(), "training", "");
        IdxImages.requireShape("Fashion-MNIST", IdxImages.FASHION_MNIST, IdxImages.Split.TEST)
                .requireHas("--test-per-task", settings.testPerTask(), "test", "");
    }

    /**
     * A lower bound on the heap the network needs: its neurons, the all-to-all projections from the pixels to the
     * hidden layer and from it to the readout (the first drawn as a list of pairs), and the feedback weights.
     */
    static MemoryEstimate memory(HlopSettings settings) {
        double hidden = settings.hidden();
        double inputSynapses = HlopNetwork.PIXELS * hidden;
        return MemoryEstimate.of("hlop with " + settings.hidden() + " hidden neurons")
                .neurons(HlopNetwork.PIXELS + hidden + HlopNetwork.CLASSES)
                .synapses(inputSynapses + hidden * HlopNetwork.CLASSES, inputSynapses)
                .values(hidden * HlopNetwork.CLASSES, 4);
    }

    Map<String, Object> run(Path out) throws IOException {
        return run(out, Integer.MAX_VALUE);
    }

    /**
     * Runs at most {@code phasesNow} training phases (checkpointing after each, as an interrupted run would have
     * done); returns the result when the protocol is complete, else null.
     */
    Map<String, Object> run(Path out, int phasesNow) throws IOException {
        try (OutputDirectory directory = OutputDirectory.open(out, "result.json");
             HlopNetwork network = new HlopNetwork(settings)) {
            HlopProgress progress = new HlopProgress(settings);
            network.addCheckpointed("progress", progress);
            if (network.inputSubspace() != null) {
                network.addCheckpointed("input_subspace", network.inputSubspace());
                network.addCheckpointed("hidden_subspace", network.hiddenSubspace());
            }
            Path checkpoint = directory.resolve(CHECKPOINT);
            if (Files.exists(checkpoint)) {
                network.restoreCheckpoint(checkpoint);
                progress.requireSettings(settings);
                log.printf(Locale.ROOT, "resuming after %d of %d training phases from %s%n", progress.phasesDone(),
                        progress.phases(), checkpoint);
            }
            RunPhase.workStarts();
            long started = System.nanoTime();
            double before = progress.wallSeconds();
            Eta eta = new Eta(progress.phases() * (trainingSamples() + evaluationSamples()),
                    progress.phasesDone() * (trainingSamples() + evaluationSamples()));
            int last = (int) Math.min(progress.phases(), (long) progress.phasesDone() + phasesNow);
            for (int phase = progress.phasesDone(); phase < last; phase++) {
                trainPhase(network, phase, eta, progress);
                progress.record(phase, evaluate(network, eta));
                progress.setWallSeconds(before + (System.nanoTime() - started) / 1e9);
                network.saveCheckpoint(checkpoint);
            }
            if (progress.phasesDone() < progress.phases()) {
                return null;
            }
            Map<String, Object> result = HlopResults.write(directory, settings, progress);
            Object bwt = result.get("bwt");
            log.printf(Locale.ROOT, "hlop %s, seed %d: ACC %.2f, BWT %s (percentage points); %.0f s. Results in %s%n",
                    settings.variant().label(), settings.seed(), (double) result.get("acc"), bwt == null ? "not defined"
                    : String.format(Locale.ROOT, "%.2f", (double) bwt), progress.wallSeconds(), directory.path());
            return result;
        }
    }

    /** Training samples per phase: a task's, or every task's in the multitask run. */
    private int trainingSamples() {
        return settings.variant() == HlopVariant.MULTITASK ? settings.tasks() * settings.trainPerTask()
                : settings.trainPerTask();
    }

    private int evaluationSamples() {
        return settings.tasks() * settings.testPerTask();
    }

    /** Learns training phase {@code phase}: task phase + 1, or every task shuffled together. */
    private void trainPhase(HlopNetwork network, int phase, Eta eta, HlopProgress progress) {
        List<int[]> samples = new ArrayList<>();
        if (settings.variant() == HlopVariant.MULTITASK) {
            for (int task = 0; task < settings.tasks(); task++) {
                for (int image : trainingImages(task)) {
                    samples.add(new int[] {task, image});
                }
            }
            int[] order = PermutedTasks.randomOrder(samples.size(), new SplittableRandom(Seeds.derive(
                    settings.seed(), "multitask order")));
            List<int[]> shuffled = new ArrayList<>(samples.size());
            for (int k : order) {
                shuffled.add(samples.get(k));
            }
            samples = shuffled;
        } else {
            for (int image : trainingImages(phase)) {
                samples.add(new int[] {phase, image});
            }
        }
        SubspaceBatches batches = null;
        if (settings.variant() == HlopVariant.HLOP) {
            network.inputSubspace().beginTask(settings.inputRows()[phase]);
            network.hiddenSubspace().beginTask(settings.hiddenRows()[phase]);
            batches = new SubspaceBatches(network.inputSubspace(), network.hiddenSubspace(), settings.subspaceBatch());
        }
        int correct = 0;
        for (int s = 0; s < samples.size(); s++) {
            int task = samples.get(s)[0];
            int image = samples.get(s)[1];
            int label = train.label(image);
            if (network.present(probabilities(train, image, task), label, batches) == label) {
                correct++;
            }
            if ((s + 1) % PROGRESS_EVERY == 0 || s + 1 == samples.size()) {
                eta.advance(Math.min(PROGRESS_EVERY, s % PROGRESS_EVERY + 1));
                log.printf(Locale.ROOT, "phase %d/%d: trained %d/%d, running accuracy %.1f%%; %s%n", phase + 1,
                        progress.phases(), s + 1, samples.size(), 100.0 * correct / (s + 1), eta);
            }
        }
        if (batches != null) {
            double[] fit = batches.endTask();
            progress.recordFit(phase, fit);
            log.printf(Locale.ROOT,
                    "subspace rows of task %d against the SVD (largest angle, variance fraction, largest angle "
                    + "of the %d leading): input %.1f deg, %.3f, %.1f deg; hidden %.1f deg, %.3f, %.1f deg%n",
                    phase + 1, SubspaceFit.LEADING, fit[0], fit[1], fit[2], fit[3], fit[4], fit[5]);
        }
    }

    /** Test accuracy on every task, as fractions. */
    private double[] evaluate(HlopNetwork network, Eta eta) {
        double[] accuracy = new double[settings.tasks()];
        for (int task = 0; task < settings.tasks(); task++) {
            int correct = 0;
            for (int image = 0; image < settings.testPerTask(); image++) {
                if (network.present(probabilities(test, image, task), -1, null) == test.label(image)) {
                    correct++;
                }
            }
            accuracy[task] = (double) correct / settings.testPerTask();
            eta.advance(settings.testPerTask());
        }
        log.printf(Locale.ROOT, "tested: %s; %s%n", percentages(accuracy), eta);
        return accuracy;
    }

    private static String percentages(double[] accuracy) {
        StringBuilder text = new StringBuilder();
        for (double a : accuracy) {
            text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f", 100 * a));
        }
        return text.toString();
    }

    /** The training images of task {@code task}: a random subset of its own, from the master seed. */
    private int[] trainingImages(int task) {
        int[] order = PermutedTasks.randomOrder(train.size(), new SplittableRandom(Seeds.derive(settings.seed(),
                "training images of task " + (task + 1))));
        return java.util.Arrays.copyOf(order, settings.trainPerTask());
    }

    private float[] probabilities(IdxImages images, int image, int task) {
        int[] permutation = permutations[task];
        float[] intensities = new float[HlopNetwork.PIXELS];
        for (int p = 0; p < intensities.length; p++) {
            intensities[p] = images.pixel(image, permutation[p]);
        }
        return BernoulliSource.fromIntensities(intensities, 255, settings.maxProbability());
    }

    /** Work done and left, with the time it will take at the pace so far. */
    private static final class Eta {
        private final long total;
        private final long startedAt;
        private final long start = System.nanoTime();
        private long done;

        Eta(long total, long done) {
            this.total = total;
            this.done = done;
            this.startedAt = done;
        }

        void advance(long samples) {
            done += samples;
        }

        @Override
        public String toString() {
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = (done - startedAt) / Math.max(seconds, 1e-9);
            return String.format(Locale.ROOT, "%.0f s elapsed, about %.0f s left", seconds,
                    rate > 0 ? (total - done) / rate : 0);
        }
    }
}
