package org.hebb.experiments.nalsm;

import java.util.Arrays;
import java.util.List;

import org.hebb.simulator.connect.Projection;

/**
 * The branching factor as NALSM's analysis code measures it: for each spike of liquid neuron i at t (with t in
 * [start + 4, end - 4) ms of a sample), the spikes of i's liquid postsynaptic neurons in [t + 1, t + 5) divided by
 * max(1, the spikes of its liquid presynaptic neurons in [t - 4, t)); averaged over each neuron's spikes in a
 * sample, then over the neurons that had one in the sample, then over the samples that had one (each sample
 * weighs the same, however many of its neurons fired). About 1 is critical; NALSM1000 measured 1.20 on
 * Fashion-MNIST (window 25-225 ms of 250 ms samples). An instance keeps its working arrays from sample to sample,
 * so it serves one thread.
 */
public final class BranchingFactor {
    private static final int WINDOW_MS = 4;
    private final int[] postStart;
    private final int[] post;
    private final int[] preStart;
    private final int[] pre;
    private final int neurons;
    /** fired[t][i]: liquid neuron i fired in ms t of the sample; all false between samples. */
    private boolean[][] fired = new boolean[0][];
    private final double[] ratioSum;
    private final int[] events;
    /** Sum of the samples' means. */
    private double sum;
    /** Samples with at least one event. */
    private long samples;

    /**
     * @param liquid    the projections among liquid neurons
     * @param numbering how liquid neurons are numbered in the spikes given to {@link #addSample}
     */
    public BranchingFactor(List<Projection> liquid, NalsmLiquid.Numbering numbering) {
        this.neurons = numbering.size();
        int[] outDegree = new int[neurons];
        int[] inDegree = new int[neurons];
        for (Projection p : liquid) {
            for (int j = 0; j < p.source().size(); j++) {
                for (int syn = p.rowStart(j); syn < p.rowEnd(j); syn++) {
                    outDegree[numbering.of(p.source(), j)]++;
                    inDegree[numbering.of(p.target(), p.targetOf(syn))]++;
                }
            }
        }
        postStart = prefixSums(outDegree);
        preStart = prefixSums(inDegree);
        post = new int[postStart[neurons]];
        pre = new int[preStart[neurons]];
        ratioSum = new double[neurons];
        events = new int[neurons];
        int[] outFill = postStart.clone();
        int[] inFill = preStart.clone();
        for (Projection p : liquid) {
            for (int j = 0; j < p.source().size(); j++) {
                int from = numbering.of(p.source(), j);
                for (int syn = p.rowStart(j); syn < p.rowEnd(j); syn++) {
                    int to = numbering.of(p.target(), p.targetOf(syn));
                    post[outFill[from]++] = to;
                    pre[inFill[to]++] = from;
                }
            }
        }
    }

    private static int[] prefixSums(int[] counts) {
        int[] start = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        return start;
    }

    /** Adds one sample's spikes, counting spikes at t in [fromMs + 4, toMs - 4). */
    public void addSample(LiquidSpikes spikes, int fromMs, int toMs) {
        int duration = 0;
        for (int k = 0; k < spikes.count(); k++) {
            duration = Math.max(duration, spikes.time(k) + 1);
        }
        int rows = Math.max(duration, toMs + WINDOW_MS + 1);
        if (fired.length < rows) {
            int had = fired.length;
            fired = Arrays.copyOf(fired, rows);
            for (int t = had; t < rows; t++) {
                fired[t] = new boolean[neurons];
            }
        }
        for (int k = 0; k < spikes.count(); k++) {
            fired[spikes.time(k)][spikes.neuron(k)] = true;
        }
        for (int k = 0; k < spikes.count(); k++) {
            int t = spikes.time(k);
            if (t < fromMs + WINDOW_MS || t >= toMs - WINDOW_MS) {
                continue;
            }
            int i = spikes.neuron(k);
            int before = countSpikes(fired, pre, preStart[i], preStart[i + 1], t - WINDOW_MS, t);
            int after = countSpikes(fired, post, postStart[i], postStart[i + 1], t + 1, t + 1 + WINDOW_MS);
            ratioSum[i] += (double) after / Math.max(1, before);
            events[i]++;
        }
        double sampleSum = 0;
        int firing = 0;
        for (int i = 0; i < neurons; i++) {
            if (events[i] > 0) {
                sampleSum += ratioSum[i] / events[i];
                firing++;
                ratioSum[i] = 0;
                events[i] = 0;
            }
        }
        for (int k = 0; k < spikes.count(); k++) {
            fired[spikes.time(k)][spikes.neuron(k)] = false;
        }
        if (firing > 0) {
            sum += sampleSum / firing;
            samples++;
        }
    }

    private static int countSpikes(boolean[][] fired, int[] partners, int from, int to, int t0, int t1) {
        int count = 0;
        for (int t = Math.max(0, t0); t < t1; t++) {
            boolean[] row = fired[t];
            for (int c = from; c < to; c++) {
                if (row[partners[c]]) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The mean over the samples added so far (NaN before any spike counted). */
    public double value() {
        return samples == 0 ? Double.NaN : sum / samples;
    }

    /** Forgets the samples added so far. */
    public void clear() {
        sum = 0;
        samples = 0;
    }
}
