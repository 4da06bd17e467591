package org.hebb.experiments.nalsm;

import org.hebb.experiments.data.IdxImages;

/**
 * NALSM's input encoding: pixel k of an image fires with probability p_k per ms, p_k = (pixel_k / sum of the
 * image's pixels) / m, where m is the largest such fraction over the whole dataset, so p is in [0, 1].
 */
public final class InputEncoding {
    private final IdxImages images;
    private final double scale;
    private String fingerprint;

    /** Computes m over {@code images}. */
    public InputEncoding(IdxImages images) {
        this.images = images;
        double largest = 0;
        for (int i = 0; i < images.size(); i++) {
            long total = total(i);
            if (total > 0) {
                for (int k = 0; k < images.rows() * images.columns(); k++) {
                    largest = Math.max(largest, (double) images.pixel(i, k) / total);
                }
            }
        }
        this.scale = largest > 0 ? 1 / largest : 0;
    }

    private long total(int image) {
        return total(images.pixels()[image]);
    }

    private static long total(byte[] pixels) {
        long total = 0;
        for (byte pixel : pixels) {
            total += pixel & 0xff;
        }
        return total;
    }

    /** Writes image {@code image}'s firing probabilities per ms into {@code out}. */
    public void probabilities(int image, float[] out) {
        probabilities(images.pixels()[image], scale, out);
    }

    /**
     * Writes the firing probabilities per ms of an image with {@code pixels} into {@code out}, {@code scale} being
     * 1 / m of its dataset ({@link #scale()}): what {@link #probabilities(int, float[])} writes, where the dataset is
     * not at hand (a job on another machine).
     */
    public static void probabilities(byte[] pixels, double scale, float[] out) {
        long total = total(pixels);
        for (int k = 0; k < out.length; k++) {
            out[k] = total == 0 ? 0f : (float) Math.min(1.0, (pixels[k] & 0xff) * scale / total);
        }
    }

    /** 1 / m, m the largest fraction of an image's pixel sum in one pixel over the dataset. */
    public double scale() {
        return scale;
    }

    /** The images' {@link IdxImages#fingerprint() fingerprint} (the scale m follows from them), computed once. */
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            fingerprint = images.fingerprint();
        }
        return fingerprint;
    }

    /** The images encoded. */
    public IdxImages images() {
        return images;
    }
}
