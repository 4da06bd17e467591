package org.hebb.experiments.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.hebb.experiments.output.OutputAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pixel readout end to end on synthetic IDX files (8x8 images, a bright bar per class in noise): the split,
 * training, model selection and the files written; sample counts and epochs checked against the data before any
 * work.
 */
class PixelReadoutTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnIdxFilesAndWritesItsResults() throws IOException {
        write("train", 1200, 1);
        write("t10k", 300, 2);
        Path out = dir.resolve("out");
        Map<String, Object> result = PixelReadout.run(dir, 60, 3, 1000, 300, out);
        assertEquals(1000, result.get("train_samples"), "5:1 split of a 1200-image training file");
        assertEquals(200, result.get("validation_samples"));
        assertEquals(300, result.get("test_samples"));
        double accuracy = (double) result.get("test_accuracy");
        assertTrue(accuracy > 0.8, "test accuracy " + accuracy);
        assertTrue(Files.size(out.resolve("pixel-readout.json")) > 0);
        assertTrue(Files.size(out.resolve("validation_accuracy.png")) > 0);
    }

    @Test
    void sampleCountsAndEpochsAreCheckedBeforeAnyWork() throws IOException {
        write("train", 1200, 1);
        write("t10k", 300, 2);
        Path out = dir.resolve("out");
        int[][] refused = {{-1, 300}, {0, 300}, {1, 300}, {1001, 300}, {1000, -1}, {1000, 1}, {1000, 301}};
        for (int[] counts : refused) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> PixelReadout.run(dir, 5, 3, counts[0], counts[1], out)).getMessage();
            String named = counts[0] < 2 || counts[0] > 1000 ? "train images = " + counts[0]
                    : "test images = " + counts[1];
            assertTrue(message.contains(named), named + " missing from: " + message);
        }
        String tooMany = assertThrows(IllegalArgumentException.class,
                () -> PixelReadout.run(dir, 5, 3, 1001, 300, out)).getMessage();
        assertTrue(tooMany.contains("1000") && tooMany.contains("1200"), tooMany);
        for (int epochs : new int[] {0, Integer.MAX_VALUE}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> PixelReadout.run(dir, epochs, 3, 1000, 300, out)).getMessage();
            assertTrue(message.contains("epochs = " + epochs), message);
        }
        OutputAssertions.assertNothingWritten(out);
    }

    private void write(String prefix, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(
                dir.resolve(prefix + "-images-idx3-ubyte")));
             DataOutputStream labels = new DataOutputStream(Files.newOutputStream(
                     dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            images.writeInt(0x803);
            images.writeInt(count);
            images.writeInt(8);
            images.writeInt(8);
            labels.writeInt(0x801);
            labels.writeInt(count);
            for (int s = 0; s < count; s++) {
                int label = random.nextInt(10);
                labels.writeByte(label);
                for (int k = 0; k < 64; k++) {
                    boolean bar = label < 8 ? k / 8 == label : k % 8 == label - 8;
                    images.writeByte(Math.min(255, (bar ? 140 : 0) + random.nextInt(110)));
                }
            }
        }
    }
}
