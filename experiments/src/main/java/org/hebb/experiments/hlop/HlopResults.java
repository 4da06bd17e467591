package org.hebb.experiments.hlop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.OutputDirectory;
import org.hebb.experiments.output.Plots;
import org.hebb.simulator.storage.HebbVersion;

/** The plots and then result.json of a finished run: the result file is written last. */
final class HlopResults {
    private HlopResults() {
    }

    static Map<String, Object> write(OutputDirectory directory, HlopSettings settings, HlopProgress progress)
            throws IOException {
        double[][] accuracies = progress.accuracies();
        double[][] percent = Arrays.stream(accuracies).map(row -> Arrays.stream(row).map(a -> 100 * a).toArray())
                .toArray(double[][]::new);
        double[] finalRow = accuracies[accuracies.length - 1];
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("experiment", "hlop-permuted-fashion-mnist");
        result.put("seed", settings.seed());
        result.put("hebb_version", HebbVersion.describe());
        result.put("variant", settings.variant().label());
        result.put("tasks", settings.tasks());
        result.put("acc", 100 * Arrays.stream(finalRow).average().orElseThrow());
        boolean sequential = settings.variant() != HlopVariant.MULTITASK && settings.tasks() > 1;
        result.put("bwt", sequential ? new AccuracyMatrix(accuracies).bwt() : null);
        result.put("accuracy_matrix", percent);
        result.put("accuracy_matrix_rows", sequential ? "after learning task i (row i), test accuracy on task j "
                + "(column j), percent" : "after learning every task at once, test accuracy on task j, percent");
        result.put("wall_seconds", progress.wallSeconds());
        if (settings.variant() == HlopVariant.HLOP) {
            Map<String, Object> fit = new LinkedHashMap<>();
            String[] layers = {"input", "hidden"};
            for (int l = 0; l < layers.length; l++) {
                fit.put(layers[l] + "_largest_angle_deg", progress.fit(3 * l));
                fit.put(layers[l] + "_variance_fraction", progress.fit(3 * l + 1));
                fit.put(layers[l] + "_largest_angle_of_" + SubspaceFit.LEADING + "_leading_deg",
                        progress.fit(3 * l + 2));
            }
            result.put("subspace_fit", fit);
        }
        result.put("settings", settingsMap(settings));
        plots(directory, settings, percent, sequential);
        directory.writeResult(result);
        return result;
    }

    private static Map<String, Object> settingsMap(HlopSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_images_per_task", s.trainPerTask());
        m.put("test_images_per_task", s.testPerTask());
        m.put("hidden_neurons", s.hidden());
        m.put("steps_per_image", s.stepsPerSample());
        m.put("dt_ms", HlopNetwork.DT_MS);
        m.put("white_pixel_probability_per_step", s.maxProbability());
        m.put("trace_tau_ms", s.traceTauMs());
        m.put("hidden_learning_rate", s.hiddenLearningRate());
        m.put("readout_learning_rate", s.readoutLearningRate());
        m.put("input_weight_sd_mv", s.inputWeightSdMv());
        m.put("readout_weight_sd_mv", s.readoutWeightSdMv());
        m.put("weight_bound_mv", s.weightBoundMv());
        m.put("score_per_mv", s.scorePerMv());
        m.put("input_subspace_learning_rate", s.inputSubspaceLearning().learningRate());
        m.put("hidden_subspace_learning_rate", s.hiddenSubspaceLearning().learningRate());
        m.put("subspace_batch", s.subspaceBatch());
        m.put("input_subspace_rows_per_task", s.inputRows());
        m.put("hidden_subspace_rows_per_task", s.hiddenRows());
        return m;
    }

    private static void plots(OutputDirectory directory, HlopSettings settings, double[][] percent,
                              boolean sequential) throws IOException {
        List<String> tasks = new ArrayList<>();
        for (int j = 0; j < settings.tasks(); j++) {
            tasks.add("task " + (j + 1));
        }
        String title = "HLOP on permuted Fashion-MNIST, " + settings.variant().label() + ", seed " + settings.seed();
        List<String> rows = sequential ? tasks : List.of("all tasks");
        Plots.heatMap(directory.resolve("accuracy-matrix.png"), title + ": test accuracy (%)", "tested on",
                "after learning", tasks, rows, percent, 0, 100);
        if (sequential) {
            double[] x = new double[settings.tasks()];
            List<double[]> curves = new ArrayList<>();
            for (int j = 0; j < x.length; j++) {
                x[j] = j + 1;
                double[] curve = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    curve[i] = i >= j ? percent[i][j] : Double.NaN;
                }
                curves.add(curve);
            }
            Plots.lines(directory.resolve("accuracy-by-task.png"), title + ": each task's test accuracy as "
                    + "tasks go by", "tasks learnt", "test accuracy (%)", x, tasks, curves);
        }
    }
}
