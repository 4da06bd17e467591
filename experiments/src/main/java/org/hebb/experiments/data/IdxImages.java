package org.hebb.experiments.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Labelled images in the IDX format of MNIST and Fashion-MNIST (gzip-compressed or not): {@code train-images-idx3-
 * ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]} and the {@code t10k-} pair, in one directory.
 *
 * @param pixels one array of rows x columns grey levels (0-255) per image, row by row
 * @param labels one class per image
 */
public record IdxImages(int rows, int columns, byte[][] pixels, byte[] labels) {
    /** Where Debian's dataset-fashion-mnist package puts Fashion-MNIST. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    /** Which file pair. */
    public enum Split {
        /** train-images / train-labels (60,000 images in MNIST and Fashion-MNIST). */
        TRAIN("train"),
        /** t10k-images / t10k-labels (10,000 images). */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Grey level (0-255) of pixel {@code k} of image {@code image}. */
    public int pixel(int image, int k) {
        return pixels[image][k] & 0xff;
    }

    /**
     * Reads one split from {@code directory}.
     *
     * @throws IOException naming the file and what was expected when a file is missing, truncated or not IDX
     */
    public static IdxImages read(Path directory, Split split) throws IOException {
        Path imageFile = find(directory, split.prefix + "-images-idx3-ubyte");
        Path labelFile = find(directory, split.prefix + "-labels-idx1-ubyte");
        byte[][] pixels;
        int rows;
        int columns;
        try (DataInputStream in = open(imageFile)) {
            requireMagic(in.readInt(), IMAGES_MAGIC, imageFile);
            int count = in.readInt();
            rows = in.readInt();
            columns = in.readInt();
            if (count < 0 || rows <= 0 || columns <= 0) {
                throw corrupt(imageFile, "header gives " + count + " images of " + rows + " x " + columns);
            }
            pixels = new byte[count][rows * columns];
            for (byte[] image : pixels) {
                in.readFully(image);
            }
        } catch (EOFException e) {
            throw corrupt(imageFile, "it ends before its last image");
        }
        byte[] labels;
        try (DataInputStream in = open(labelFile)) {
            requireMagic(in.readInt(), LABELS_MAGIC, labelFile);
            int count = in.readInt();
            if (count != pixels.length) {
                throw corrupt(labelFile, "it has " + count + " labels for " + pixels.length + " images");
            }
            labels = new byte[count];
            in.readFully(labels);
        } catch (EOFException e) {
            throw corrupt(labelFile, "it ends before its last label");
        }
        return new IdxImages(rows, columns, pixels, labels);
    }

    private static Path find(Path directory, String stem) throws IOException {
        for (Path candidate : new Path[] {directory.resolve(stem + ".gz"), directory.resolve(stem)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("dataset file " + stem + "[.gz] not found in " + directory.toAbsolutePath()
                + ": point to a directory with MNIST-layout IDX files; for Fashion-MNIST on Debian or Ubuntu, "
                + "apt-get install dataset-fashion-mnist (files go to " + FASHION_MNIST + ")");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(file.toString().endsWith(".gz")
                ? new BufferedInputStream(new GZIPInputStream(raw), 1 << 16) : raw);
    }

    private static void requireMagic(int found, int expected, Path file) throws IOException {
        if (found != expected) {
            throw corrupt(file, String.format("its magic number is 0x%08x, expected 0x%08x", found, expected));
        }
    }

    private static IOException corrupt(Path file, String what) {
        return new IOException("dataset file " + file.toAbsolutePath() + " is corrupt: " + what
                + "; download or reinstall it (Fashion-MNIST: apt-get install --reinstall dataset-fashion-mnist)");
    }
}
