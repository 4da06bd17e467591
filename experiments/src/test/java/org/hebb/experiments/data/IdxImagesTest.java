package org.hebb.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader: gzip or plain files, and clear errors naming the file (and the image) for missing or corrupt
 * ones: headers that promise more than the file holds, labels outside 0-9, trailing bytes, broken gzip streams and
 * checksums, files that do not match.
 */
class IdxImagesTest {
    @TempDir
    Path dir;

    private static byte[] images(int magic, int count, int rows, int columns, int pixelsWritten) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int k = 0; k < pixelsWritten; k++) {
            out.writeByte(k * 7);
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int count) throws IOException {
        byte[] values = new byte[count];
        for (int k = 0; k < count; k++) {
            values[k] = (byte) (k % 10);
        }
        return labels(count, values);
    }

    private static byte[] labels(int count, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(count);
        out.write(values);
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private IOException readFails() {
        return assertThrows(IOException.class, () -> IdxImages.read(dir, IdxImages.Split.TRAIN));
    }

    private static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private void write(String name, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".gz")))
                : Files.newOutputStream(dir.resolve(name))) {
            out.write(content);
        }
    }

    @Test
    void readsGzipAndPlainFiles() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 3, 18), true);
        write("train-labels-idx1-ubyte", labels(3), false);
        IdxImages read = IdxImages.read(dir, IdxImages.Split.TRAIN);
        assertEquals(3, read.size());
        assertEquals(2, read.rows());
        assertEquals(3, read.columns());
        assertEquals(2, read.labels()[2]);
        assertEquals((7 * 7) & 0xff, read.pixel(1, 1));
        assertEquals((17 * 7) & 0xff, read.pixel(2, 5));
    }

    /**
     * The shape from the headers alone is what reading gives; a header that does not parse, a count mismatch or a
     * missing file is refused naming the option and the directory.
     */
    @Test
    void theShapeComesFromTheHeadersAloneAndBadHeadersAreRefusedNamingTheOption() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 3, 18), true);
        write("train-labels-idx1-ubyte", labels(3), false);
        assertEquals(IdxImages.read(dir, IdxImages.Split.TRAIN).shape(), IdxImages.shape(dir, IdxImages.Split.TRAIN));
        assertEquals(new IdxImages.Shape(3, 2, 3), IdxImages.requireShape("--data", dir, IdxImages.Split.TRAIN));
        write("train-labels-idx1-ubyte", labels(2), false);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> IdxImages.requireShape("--data", dir,
                IdxImages.Split.TRAIN)), "--data = '" + dir + "' is not allowed: ", "3 images", "2 labels");
        write("train-images-idx3-ubyte", images(0x1234, 3, 2, 2, 12), true);
        assertMentions(assertThrows(IOException.class, () -> IdxImages.shape(dir, IdxImages.Split.TRAIN)),
                "magic number");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> IdxImages.requireShape("--data", dir,
                IdxImages.Split.TEST)), "--data = '" + dir + "' is not allowed: it has no t10k-images-idx3-ubyte");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new IdxImages.Shape(3, 2, 2)
                .requireHas("--test", 4, "test", "")), "--test = 4 is not allowed: must be at most 3");
    }

    @Test
    void missingFilesSayWhereTheyWereSoughtAndHowToGetThem() {
        IOException e = assertThrows(IOException.class, () -> IdxImages.read(dir, IdxImages.Split.TEST));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte") && e.getMessage().contains(dir.toString())
                && e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void corruptFilesAreNamed() throws IOException {
        write("train-images-idx3-ubyte", images(0x1234, 3, 2, 2, 12), false);
        write("train-labels-idx1-ubyte", labels(3), false);
        IOException magic = assertThrows(IOException.class, () -> IdxImages.read(dir, IdxImages.Split.TRAIN));
        assertTrue(magic.getMessage().contains("magic number"), magic.getMessage());
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 10), false);
        IOException truncated = assertThrows(IOException.class, () -> IdxImages.read(dir, IdxImages.Split.TRAIN));
        assertMentions(truncated, "train-images-idx3-ubyte", "image 2");
    }

    @Test
    void aCountMismatchNamesBothFilesAndBothCounts() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 12), false);
        write("train-labels-idx1-ubyte", labels(2), false);
        assertMentions(readFails(), "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "3 images", "2 labels");
    }

    @Test
    void headerSizesAreBoundedByTheDataPresent() throws IOException {
        write("train-labels-idx1-ubyte", labels(3), false);
        for (boolean gzip : new boolean[] {false, true}) {
            write("train-images-idx3-ubyte", images(0x803, Integer.MAX_VALUE, 2, 2, 12), gzip);
            assertMentions(readFails(), "train-images-idx3-ubyte", "image 3", String.valueOf(Integer.MAX_VALUE));
            write("train-images-idx3-ubyte", images(0x803, 1, 40_000, 40_000, 12), gzip);
            assertMentions(readFails(), "train-images-idx3-ubyte", "image 0");
            write("train-images-idx3-ubyte", images(0x803, 1, 46_341, 46_341, 12), gzip);
            assertMentions(readFails(), "train-images-idx3-ubyte", "46341 x 46341");
            Files.delete(dir.resolve(gzip ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte"));
        }
        for (int[] header : new int[][] {{-1, 2, 2}, {3, 0, 2}, {3, 2, -5}}) {
            write("train-images-idx3-ubyte", images(0x803, header[0], header[1], header[2], 12), false);
            assertMentions(readFails(), "train-images-idx3-ubyte", "its header gives " + header[0] + " images of "
                    + header[1] + " x " + header[2] + ": counts must be >= 0, rows and columns >= 1");
        }
        write("train-images-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0}, false);
        assertMentions(readFails(), "train-images-idx3-ubyte", "it ends early, in the image count in its header");
    }

    @Test
    void labelsOutsideZeroToNineAreRefusedNamingTheImage() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 12), false);
        write("train-labels-idx1-ubyte", labels(3, new byte[] {4, (byte) 200, 1}), false);
        assertMentions(readFails(), "train-labels-idx1-ubyte", "200", "image 1");
        write("train-labels-idx1-ubyte", labels(3, new byte[] {4, 9, 10}), false);
        assertMentions(readFails(), "train-labels-idx1-ubyte", "10", "image 2");
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 13), false);
        write("train-labels-idx1-ubyte", labels(3), false);
        assertMentions(readFails(), "train-images-idx3-ubyte", "after");
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 12), true);
        byte[] labels = labels(3);
        write("train-labels-idx1-ubyte", java.util.Arrays.copyOf(labels, labels.length + 1), true);
        assertMentions(readFails(), "train-labels-idx1-ubyte", "after");
    }

    @Test
    void gzipChecksumsAreVerified() throws IOException {
        write("train-labels-idx1-ubyte", labels(3), false);
        byte[] compressed = gzip(images(0x803, 3, 2, 2, 12));
        compressed[compressed.length - 8] ^= 1;
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), compressed);
        assertMentions(readFails(), "train-images-idx3-ubyte.gz");
    }

    @Test
    void brokenGzipStreamsNameTheFile() throws IOException {
        write("train-labels-idx1-ubyte", labels(3), false);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), images(0x803, 3, 2, 2, 12));
        assertMentions(readFails(), "train-images-idx3-ubyte.gz");
        byte[] compressed = gzip(images(0x803, 300, 2, 2, 1200));
        byte[] mangled = compressed.clone();
        for (int k = 12; k < mangled.length - 8; k += 3) {
            mangled[k] = (byte) (0xff - mangled[k]);
        }
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), mangled);
        assertMentions(readFails(), "train-images-idx3-ubyte.gz");
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(compressed,
                compressed.length / 2));
        assertMentions(readFails(), "train-images-idx3-ubyte.gz");
    }
}
