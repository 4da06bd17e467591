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

/** The IDX reader: gzip or plain files, and clear errors for missing or corrupt ones. */
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(count);
        for (int k = 0; k < count; k++) {
            out.writeByte(k % 10);
        }
        return bytes.toByteArray();
    }

    private void write(String name, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".gz")))
                : Files.newOutputStream(dir.resolve(name))) {
            out.write(content);
        }
    }

    @Test
    void readsGzipAndPlainFiles() throws IOException {
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 12), true);
        write("train-labels-idx1-ubyte", labels(3), false);
        IdxImages read = IdxImages.read(dir, IdxImages.Split.TRAIN);
        assertEquals(3, read.size());
        assertEquals(2, read.rows());
        assertEquals(2, read.labels()[2]);
        assertEquals((5 * 7) & 0xff, read.pixel(1, 1));
        assertEquals((11 * 7) & 0xff, read.pixel(2, 3));
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
        assertTrue(truncated.getMessage().contains("ends before its last image"), truncated.getMessage());
        write("train-images-idx3-ubyte", images(0x803, 3, 2, 2, 12), false);
        write("train-labels-idx1-ubyte", labels(2), false);
        IOException count = assertThrows(IOException.class, () -> IdxImages.read(dir, IdxImages.Split.TRAIN));
        assertTrue(count.getMessage().contains("2 labels for 3 images"), count.getMessage());
    }
}
