package org.hebb.experiments.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.hebb.experiments.jobs.Fingerprint;
import org.hebb.util.Require;

/**
 * Labelled images in the IDX format of MNIST and Fashion-MNIST (gzip-compressed or not): {@code train-images-idx3-
 * ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]} and the {@code t10k-} pair, in one directory.
 *
 * @param pixels one array of rows x columns grey levels (0-255) per image, row by row
 * @param labels one class per image, 0 to {@link #CLASSES} - 1
 */
public record IdxImages(int rows, int columns, byte[][] pixels, byte[] labels) {
    /** Where Debian's dataset-fashion-mnist package puts Fashion-MNIST. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** Number of classes: labels are 0 to 9. */
    public static final int CLASSES = 10;
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    /** The largest Java array, so the largest image. */
    private static final long MAX_IMAGE_PIXELS = Integer.MAX_VALUE - 8;

    /** Checks that there is one label, 0-9, per image and that every image has rows x columns pixels. */
    public IdxImages {
        Require.atLeast("rows", rows, 1);
        Require.atLeast("columns", columns, 1);
        Require.that(pixels.length == labels.length, "images = " + pixels.length + " is not allowed with "
                + labels.length + " labels: each image needs one label");
        for (int i = 0; i < pixels.length; i++) {
            Require.that(pixels[i].length == (long) rows * columns, "image " + i + " has " + pixels[i].length
                    + " pixels: must have rows x columns = " + rows + " x " + columns);
            int label = labels[i] & 0xff;
            Require.that(label < CLASSES, "label " + label + " of image " + i + " is not allowed: must be 0 to "
                    + (CLASSES - 1));
        }
    }

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

    /**
     * How many images a split has and their size, as its files' headers give them: what the checks of a run's
     * options against its data need, known without reading the images ({@link #shape(Path, Split)}).
     *
     * @param size    number of images, at least 0
     * @param rows    rows per image, at least 1
     * @param columns columns per image, at least 1
     */
    public record Shape(int size, int rows, int columns) {
        /** Checks the counts. */
        public Shape {
            Require.atLeast("size", size, 0);
            Require.atLeast("rows", rows, 1);
            Require.atLeast("columns", columns, 1);
        }

        /**
         * Refuses {@code count} images, asked for by {@code option}, beyond {@link #size}: the message names the
         * option, the count, the size and the data ({@code what}, such as "training"), and ends with {@code note}
         * (empty, or "; " and why the images are needed).
         */
        public void requireHas(String option, int count, String what, String note) {
            Require.that(count <= size, option + " = " + count + " is not allowed: must be at most " + size + " (the "
                    + what + " data has " + size + " images" + note + ")");
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** How many images there are and their size. */
    public Shape shape() {
        return new Shape(size(), rows, columns);
    }

    /**
     * Refuses {@code count} images, asked for by {@code option}, beyond this data's {@link #size}: the message names
     * the option, the count, the size and the data ({@code what}, such as "training"), and ends with {@code note}
     * (empty, or "; " and why the images are needed).
     */
    public void requireHas(String option, int count, String what, String note) {
        shape().requireHas(option, count, what, note);
    }

    /** Grey level (0-255) of pixel {@code k} of image {@code image}. */
    public int pixel(int image, int k) {
        return pixels[image][k] & 0xff;
    }

    /** Class (0-9) of image {@code image}. */
    public int label(int image) {
        return labels[image];
    }

    /** "N images of R x C" (what a set of images is, for messages). */
    public String describe() {
        return size() + " images of " + rows + " x " + columns;
    }

    /**
     * The size and a SHA-256 digest of every pixel and label: two sets of images have the same fingerprint only if
     * they hold the same images with the same labels (used to tell which data checkpoints were made from).
     */
    public String fingerprint() {
        Fingerprint digest = new Fingerprint().add(rows).add(columns).add(size()).add(labels);
        for (byte[] image : pixels) {
            digest.add(image);
        }
        return describe() + ", SHA-256 " + digest.hex();
    }

    /**
     * Reads one split from {@code directory}, checking every header field against the data actually present
     * (nothing is allocated for images or labels that are not there), every label, the end of each file and, for
     * gzip files, the checksum.
     *
     * @throws IOException naming the file (and the image, where there is one) and what is wrong when a file is
     *                     missing, unreadable, truncated, longer than its header says, not IDX, or when the two files
     *                     do not match
     */
    public static IdxImages read(Path directory, Split split) throws IOException {
        Path imageFile = find(directory, split.prefix + IMAGES);
        Path labelFile = find(directory, split.prefix + LABELS);
        int rows;
        int columns;
        List<byte[]> pixels = new ArrayList<>();
        try (IdxStream in = new IdxStream(imageFile)) {
            in.requireMagic(IMAGES_MAGIC);
            int count = in.readInt("the image count");
            rows = in.readInt("the row count");
            columns = in.readInt("the column count");
            String header = "its header gives " + count + " images of " + rows + " x " + columns;
            requireHeader(imageFile, count, rows, columns);
            for (int i = 0; i < count; i++) {
                byte[] image = in.readBytes(rows * columns, "image " + i);
                if (image.length < rows * columns) {
                    throw corrupt(imageFile, "it ends early, in image " + i + " (" + header + ")");
                }
                pixels.add(image);
            }
            in.requireEnd(header);
        }
        byte[] labels;
        try (IdxStream in = new IdxStream(labelFile)) {
            in.requireMagic(LABELS_MAGIC);
            int count = in.readInt("the label count");
            if (count != pixels.size()) {
                throw mismatch(imageFile, pixels.size(), labelFile, count);
            }
            labels = in.readBytes(count, "the labels");
            if (labels.length < count) {
                throw corrupt(labelFile, "it ends early, at the label of image " + labels.length + " (its header gives "
                        + count + " labels)");
            }
            in.requireEnd("its header gives " + count + " labels");
        }
        try {
            return new IdxImages(rows, columns, pixels.toArray(new byte[0][]), labels);
        } catch (IllegalArgumentException e) {
            throw corrupt(labelFile, e.getMessage());
        }
    }

    /**
     * The shape of one split in {@code directory} as its files' headers give it, reading only the headers (for gzip
     * files, only their first bytes), so that a run's options can be checked against its data before the images are
     * read; {@link #read} checks the rest.
     *
     * @throws IOException naming the file and what is wrong when a file is missing or unreadable, when a header is
     *                     not IDX or gives impossible counts, or when the two files' counts differ
     */
    public static Shape shape(Path directory, Split split) throws IOException {
        Path imageFile = find(directory, split.prefix + IMAGES);
        Path labelFile = find(directory, split.prefix + LABELS);
        int count;
        int rows;
        int columns;
        try (IdxStream in = new IdxStream(imageFile)) {
            in.requireMagic(IMAGES_MAGIC);
            count = in.readInt("the image count");
            rows = in.readInt("the row count");
            columns = in.readInt("the column count");
            requireHeader(imageFile, count, rows, columns);
        }
        try (IdxStream in = new IdxStream(labelFile)) {
            in.requireMagic(LABELS_MAGIC);
            int labels = in.readInt("the label count");
            if (labels != count) {
                throw mismatch(imageFile, count, labelFile, labels);
            }
        }
        return new Shape(count, rows, columns);
    }

    /** Fails unless an image file's header gives counts an image set can have. */
    private static void requireHeader(Path imageFile, int count, int rows, int columns) throws IOException {
        String header = "its header gives " + count + " images of " + rows + " x " + columns;
        if (count < 0 || rows <= 0 || columns <= 0) {
            throw corrupt(imageFile, header + ": counts must be >= 0, rows and columns >= 1");
        }
        if ((long) rows * columns > MAX_IMAGE_PIXELS) {
            throw corrupt(imageFile, header + ": an image can have at most " + MAX_IMAGE_PIXELS + " pixels");
        }
    }

    private static IOException mismatch(Path imageFile, int images, Path labelFile, int labels) {
        return new IOException("dataset files " + imageFile.toAbsolutePath() + " (" + images + " images) and "
                + labelFile.toAbsolutePath() + " (" + labels + " labels) do not match: each image needs one label; "
                + "download or reinstall them" + REINSTALL);
    }

    private static Path find(Path directory, String stem) throws IOException {
        Path file = existing(directory, stem);
        if (file == null) {
            throw new IOException("dataset file " + stem + "[.gz] not found in " + directory.toAbsolutePath() + ": "
                    + WHERE);
        }
        return file;
    }

    /** The file {@code stem}, gzipped or not, in {@code directory}; null if neither is there. */
    private static Path existing(Path directory, String stem) {
        for (Path candidate : new Path[] {directory.resolve(stem + ".gz"), directory.resolve(stem)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Fails unless {@code directory}, given as {@code option} (such as {@code --data}), holds the image and label
     * files of each of {@code splits} that {@link #read} looks for, naming the option, the directory and the first
     * file missing; checks only that the files are there, not what they hold.
     */
    public static void requireFiles(String option, Path directory, Split... splits) {
        for (Split split : splits) {
            for (String stem : new String[] {split.prefix + IMAGES, split.prefix + LABELS}) {
                Require.that(existing(directory, stem) != null, option + " = '" + directory + "' is not allowed: "
                        + (Files.isDirectory(directory) ? "it has no " + stem + "[.gz]" : "no such directory")
                        + "; " + WHERE);
            }
        }
    }

    /**
     * The shape of one split in {@code directory}, given as {@code option} (such as {@code --data}), from its files'
     * headers ({@link #shape(Path, Split)}): the cheap check of a run's data before it reads the images.
     *
     * @throws IllegalArgumentException naming the option, the directory and what is wrong: a file missing
     *                                  ({@link #requireFiles}), or a header that cannot be read, is not IDX, gives
     *                                  impossible counts or does not match its label file's
     */
    public static Shape requireShape(String option, Path directory, Split split) {
        requireFiles(option, directory, split);
        try {
            return shape(directory, split);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " = '" + directory + "' is not allowed: " + e.getMessage(), e);
        }
    }

    private static final String IMAGES = "-images-idx3-ubyte";
    private static final String LABELS = "-labels-idx1-ubyte";
    private static final String WHERE = "point to a directory with MNIST-layout IDX files; for Fashion-MNIST on "
            + "Debian or Ubuntu, apt-get install dataset-fashion-mnist (files go to " + FASHION_MNIST + ")";

    private static final String REINSTALL = " (Fashion-MNIST: apt-get install --reinstall dataset-fashion-mnist)";

    private static IOException corrupt(Path file, String what) {
        return new IOException("dataset file " + file.toAbsolutePath() + " is corrupt: " + what
                + "; download or reinstall it" + REINSTALL);
    }

    /** One IDX file, plain or gzip; every read error names the file and what was being read. */
    private static final class IdxStream implements Closeable {
        private final Path file;
        private final DataInputStream in;

        IdxStream(Path file) throws IOException {
            this.file = file;
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                this.in = new DataInputStream(file.toString().endsWith(".gz")
                        ? new BufferedInputStream(new GZIPInputStream(raw), 1 << 16) : raw);
            } catch (IOException e) {
                raw.close();
                throw failed(e, "its gzip header");
            }
        }

        int readInt(String what) throws IOException {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw failed(e, what + " in its header");
            }
        }

        void requireMagic(int expected) throws IOException {
            int found = readInt("the magic number");
            if (found != expected) {
                throw corrupt(file, String.format(Locale.ROOT, "its magic number is 0x%08x, expected 0x%08x", found,
                        expected));
            }
        }

        /** Up to {@code count} bytes: fewer only at the end of the data; allocates only what is there. */
        byte[] readBytes(int count, String what) throws IOException {
            try {
                return in.readNBytes(count);
            } catch (IOException e) {
                throw failed(e, what);
            }
        }

        /** Fails unless the data ends here; reading to the end makes a gzip stream check its checksum. */
        void requireEnd(String header) throws IOException {
            int next;
            try {
                next = in.read();
            } catch (IOException e) {
                throw failed(e, "its gzip checksum");
            }
            if (next != -1) {
                throw corrupt(file, "it has bytes after its data (" + header + ")");
            }
        }

        private IOException failed(IOException e, String what) {
            if (e instanceof EOFException) {
                return corrupt(file, "it ends early, in " + what);
            }
            return new IOException("dataset file " + file.toAbsolutePath() + " cannot be read (at " + what + "): "
                    + e.getMessage() + "; download or reinstall it" + REINSTALL, e);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
