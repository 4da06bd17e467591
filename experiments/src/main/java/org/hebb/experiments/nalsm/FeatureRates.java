package org.hebb.experiments.nalsm;

/**
 * The liquid's activity while the features were made, from the features themselves (spike counts per sample and
 * neuron), so that a run reports how active its liquid was in phase 2 whichever workers or processes made them.
 *
 * @param meanHz           the liquid's mean rate over every sample and neuron, Hz
 * @param maxSampleHz      the highest mean rate of the liquid in one sample, Hz
 * @param saturatedSamples the samples in which the liquid's mean rate reached the saturated rate given to
 *                         {@link #of}
 */
record FeatureRates(double meanHz, double maxSampleHz, long saturatedSamples) {
    /**
     * The rates of feature sets whose samples each lasted {@code sampleMs} ms, counting the samples whose mean rate
     * is at least {@code saturatedHz}; 0 for sets without samples or neurons.
     */
    static FeatureRates of(int sampleMs, double saturatedHz, int[][]... sets) {
        long spikes = 0;
        long samples = 0;
        long highest = 0;
        long saturated = 0;
        int neurons = 0;
        for (int[][] set : sets) {
            for (int[] counts : set) {
                long sample = 0;
                for (int c : counts) {
                    sample += c;
                }
                spikes += sample;
                highest = Math.max(highest, sample);
                neurons = counts.length;
                samples++;
                if (counts.length > 0 && sample * 1000.0 / ((double) counts.length * sampleMs) >= saturatedHz) {
                    saturated++;
                }
            }
        }
        if (samples == 0 || neurons == 0) {
            return new FeatureRates(0, 0, 0);
        }
        double perSpike = 1000.0 / ((double) neurons * sampleMs);
        return new FeatureRates(spikes * perSpike / samples, highest * perSpike, saturated);
    }
}
