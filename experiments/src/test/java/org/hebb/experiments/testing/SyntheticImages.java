package org.hebb.experiments.testing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.hebb.experiments.data.IdxImages;

/** Small image sets that a liquid can classify, for tests that must not need Fashion-MNIST. */
public final class SyntheticImages {
    private SyntheticImages() {
    }

    /** 28 x 28 images: a blob at a class-specific place, plus one random distractor blob. */
    public static IdxImages classBlobs(int count, long seed) {
        Random random = new Random(seed);
        byte[][] pixels = new byte[count][28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(10);
            labels[i] = (byte) label;
            double[] image = new double[28 * 28];
            blob(image, 5 + 4.5 * (label % 5) + random.nextGaussian(), label < 5 ? 8 : 20, 2.5);
            blob(image, 4 + 20 * random.nextDouble(), 4 + 20 * random.nextDouble(), 2);
            for (int k = 0; k < image.length; k++) {
                pixels[i][k] = (byte) Math.min(255, Math.round(image[k]));
            }
        }
        return new IdxImages(28, 28, pixels, labels);
    }

    private static void blob(double[] image, double cx, double cy, double width) {
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                image[y * 28 + x] += 255 * Math.exp(-d2 / (2 * width * width));
            }
        }
    }

    /** Writes {@code images} as the IDX pair {@code prefix}-images-idx3-ubyte and {@code prefix}-labels-idx1-ubyte. */
    public static void writeIdx(Path directory, String prefix, IdxImages images) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve(prefix
                + "-images-idx3-ubyte")))) {
            out.writeInt(0x803);
            out.writeInt(images.size());
            out.writeInt(images.rows());
            out.writeInt(images.columns());
            for (byte[] image : images.pixels()) {
                out.write(image);
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve(prefix
                + "-labels-idx1-ubyte")))) {
            out.writeInt(0x801);
            out.writeInt(images.size());
            out.write(images.labels());
        }
    }
}
