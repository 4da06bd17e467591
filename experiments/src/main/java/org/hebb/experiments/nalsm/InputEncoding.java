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
        long total = 0;
        for (int k = 0; k < images.rows() * images.columns(); k++) {
            total += images.pixel(image, k);
        }
        return total;
    }

    /** Writes image {@code image}'s firing probabilities per ms into {@code out}. */
    public void probabilities(int image, float[] out) {
        long total = total(image);
        for (int k = 0; k < out.length; k++) {
            out[k] = total == 0 ? 0f : (float) Math.min(1.0, images.pixel(image, k) * scale / total);
        }
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
