package org.hebb.experiments.nalsm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.Locale;
import org.hebb.experiments.RunPhase;
import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.util.Require;

/**
 * How plasticity organises a NALSM liquid during the unsupervised phase, side by side for astrocyte-modulated
 * STDP and plain STDP (A fixed) from the same network and sample order: liquid and input rates, the astrocyte's
 * depression rate and the branching factor per block of samples, and NALSM's branching factor (250 ms feature
 * presentations) before and after. Writes summary.json, summary.md and three plots.
 */
public final class LiquidDynamics {
    /** The result file, written last. */
    public static final String RESULT = "summary.json";

    /**
     * The run's settings.
     *
     * @param side         grid side (10: 1000 neurons)
     * @param samples      phase-1 samples (NALSM: 50,000 of 20 ms)
     * @param blockSize    samples per reported block
     * @param probeSamples samples of 250 ms for the branching factor before and after (NALSM: 20): the last
     *                     images of the training data, at most as many as it has
     * @param seed         master seed (network, inputs and sample order)
     */
    public record Settings(int side, int samples, int blockSize, int probeSamples, long seed) {
        public Settings {
            Require.atLeast("grid side", side, 2);
            Require.atLeast("samples", samples, 1);
            Require.inRange("block size", blockSize, 1, samples);
            Require.atLeast("probe samples", probeSamples, 1);
        }
    }

    /**
     * One model's trajectory.
     *
     * @param model         nalsm or lsm-stdp
     * @param blocks        per block of samples
     * @param probeBefore   branching factor and rate of 250 ms presentations with the initial weights
     * @param probeAfter    the same after the unsupervised phase
     * @param phaseSeconds  wall time of the unsupervised phase, s
     */
    public record ModelRun(String model, List<UnsupervisedPhase.Block> blocks, BranchingProbe.Result probeBefore,
                           BranchingProbe.Result probeAfter, double phaseSeconds) {
    }

    /** Everything the run produced. */
    public record Summary(String experiment, long seed, int liquidNeurons, int inputs, int sampleMs, Settings settings,
                          List<ModelRun> models) {
    }

    private LiquidDynamics() {
    }

    /**
     * Runs both plastic models on {@code encoding}'s images and, when {@code outDir} is not null, writes the results
     * there (summary.json last); the probe samples against the data, the heap and the directory are checked first.
     */
    public static Summary run(Settings settings, InputEncoding encoding, Path outDir) throws IOException {
        if (outDir == null) {
            return run(settings, encoding, (OutputDirectory) null);
        }
        requireRunnable(settings, encoding);
        try (OutputDirectory out = OutputDirectory.open(outDir, RESULT)) {
            return run(settings, encoding, out);
        }
    }

    /**
     * As {@link #run(Settings, InputEncoding, Path)} into a directory the caller has opened (or none: null).
     *
     * @throws IllegalArgumentException before any work when the probe asks for more samples than the data has, or
     *                                  when the liquid does not fit the heap
     */
    public static Summary run(Settings settings, InputEncoding encoding, OutputDirectory outDir) throws IOException {
        requireRunnable(settings, encoding);
        RunPhase.workStarts();
        List<ModelRun> runs = new ArrayList<>();
        for (NalsmLiquid.Model model : List.of(NalsmLiquid.Model.NALSM, NalsmLiquid.Model.LSM_STDP)) {
            runs.add(runModel(settings, encoding, model));
        }
        int inputs = encoding.images().rows() * encoding.images().columns();
        Summary summary = new Summary("NALSM liquid under unsupervised plasticity", settings.seed(),
                settings.side() * settings.side() * settings.side(), inputs, 20, settings, runs);
        if (outDir != null) {
            write(summary, outDir);
        }
        return summary;
    }

    /**
     * Fails unless the data has the probe's samples and one liquid (the models run one after the other) fits the
     * heap.
     */
    private static void requireRunnable(Settings settings, InputEncoding encoding) {
        requireRunnable(settings, encoding.images().shape());
    }

    /**
     * Fails unless training data of {@code images}' shape (as its files' headers give it, before the images are
     * read) has the probe's samples and one liquid of {@code settings} for its images fits the heap; a run checks
     * the same before any work.
     *
     * @throws IllegalArgumentException naming --probe-samples and its value, or the liquid's size and the heap
     */
    public static void requireRunnable(Settings settings, IdxImages.Shape images) {
        images.requireHas("--probe-samples", settings.probeSamples(), "training",
                "; the probe presents the last ones");
        NalsmLiquid.Config config = NalsmLiquid.Config.nalsm(settings.side(), images.rows() * images.columns(),
                NalsmLiquid.Model.NALSM, settings.seed());
        MemoryEstimate.of("A NALSM liquid of " + config.neurons() + " neurons").values(1, config.memoryBytes())
                .requireFits("lower --side");
    }

    private static NalsmLiquid.Config config(Settings settings, InputEncoding encoding, NalsmLiquid.Model model) {
        return NalsmLiquid.Config.nalsm(settings.side(), encoding.images().rows() * encoding.images().columns(),
                model, settings.seed());
    }

    private static ModelRun runModel(Settings settings, InputEncoding encoding, NalsmLiquid.Model model) {
        NalsmLiquid liquid = NalsmLiquid.build(config(settings, encoding, model));
        try {
            int probeFrom = encoding.images().size() - settings.probeSamples();
            BranchingProbe.Result before = BranchingProbe.measure(liquid, encoding, probeFrom, settings.probeSamples());
            long start = System.nanoTime();
            List<UnsupervisedPhase.Block> blocks = UnsupervisedPhase.run(liquid, encoding, settings.samples(), 20,
                    settings.blockSize(), settings.seed());
            double seconds = (System.nanoTime() - start) / 1e9;
            BranchingProbe.Result after = BranchingProbe.measure(liquid, encoding, probeFrom, settings.probeSamples());
            return new ModelRun(model.label(), blocks, before, after, seconds);
        } finally {
            liquid.network().close();
        }
    }

    private static void write(Summary summary, OutputDirectory outDir) throws IOException {
        AtomicFiles.write(outDir.resolve("summary.md"), markdown(summary));
        List<String> labels = new ArrayList<>();
        List<double[]> rates = new ArrayList<>();
        List<double[]> branching = new ArrayList<>();
        double[] x = null;
        for (ModelRun run : summary.models()) {
            List<UnsupervisedPhase.Block> b = run.blocks();
            x = b.stream().mapToDouble(UnsupervisedPhase.Block::samplesDone).toArray();
            labels.add(run.model());
            rates.add(b.stream().mapToDouble(UnsupervisedPhase.Block::liquidRateHz).toArray());
            branching.add(b.stream().mapToDouble(UnsupervisedPhase.Block::branchingFactor).toArray());
        }
        ModelRun nalsm = summary.models().get(0);
        double[] inputRate = nalsm.blocks().stream().mapToDouble(UnsupervisedPhase.Block::inputRateHz).toArray();
        List<String> rateLabels = new ArrayList<>(labels);
        rateLabels.add("input neurons");
        List<double[]> rateSeries = new ArrayList<>(rates);
        rateSeries.add(inputRate);
        String seed = ", seed " + summary.seed();
        Plots.lines(outDir.resolve("liquid_rate.png"), "Liquid rate during the unsupervised phase" + seed,
                "samples presented", "mean rate (Hz)", x, rateLabels, rateSeries);
        Plots.lines(outDir.resolve("branching_factor.png"), "Branching factor per block (whole 20 ms samples)"
                + seed, "samples presented", "branching factor", x, labels, branching);
        Plots.lines(outDir.resolve("astrocyte.png"), "NALSM depression rate A at the end of samples (starts at "
                        + "0.15)" + seed, "samples presented", "A", x, List.of("nalsm"),
                List.of(nalsm.blocks().stream().mapToDouble(UnsupervisedPhase.Block::depressionAtEnd).toArray()));
        outDir.writeResult(summary);
    }

    private static String markdown(Summary s) {
        StringBuilder md = new StringBuilder("# ").append(s.experiment()).append("\n\n")
                .append(String.format(Locale.ROOT,
                        "Liquid %d neurons, %d inputs, %d samples of %d ms, master seed %d.%n%n",
                        s.liquidNeurons(), s.inputs(), s.settings().samples(), s.sampleMs(), s.seed()))
                .append("| model | liquid rate first block (Hz) | last block (Hz) | A last block | BF first block "
                        + "| BF last block | NALSM BF before | NALSM BF after | rate in 250 ms presentations after "
                        + "(Hz) | phase wall time (s) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (ModelRun run : s.models()) {
            UnsupervisedPhase.Block first = run.blocks().get(0);
            UnsupervisedPhase.Block last = run.blocks().get(run.blocks().size() - 1);
            md.append(String.format(Locale.ROOT,
                    "| %s | %.1f | %.1f | %.4f | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f |%n",
                    run.model(), first.liquidRateHz(), last.liquidRateHz(), last.depressionAtEnd(),
                    first.branchingFactor(), last.branchingFactor(), run.probeBefore().branchingFactor(),
                    run.probeAfter().branchingFactor(), run.probeAfter().liquidRateHz(), run.phaseSeconds()));
        }
        md.append("\nPlots: liquid_rate.png, astrocyte.png, branching_factor.png. BF per block counts spikes in "
                + "4-16 ms of each 20 ms sample; NALSM's BF is measured on 250 ms presentations (25-225 ms) with "
                + "rates decaying by 0.99 per ms, as NALSM makes features.\n");
        return md.toString();
    }
}
