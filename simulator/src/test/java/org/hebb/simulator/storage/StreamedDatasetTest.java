package org.hebb.simulator.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamedDatasetTest {
    private static final int FLOATS_OVER_TWO_SLICES = StreamedDataset.SLICE_BYTES / 4 * 2 + 12_345;
    private static final int DOUBLES_OVER_TWO_SLICES = StreamedDataset.SLICE_BYTES / 8 * 2 + 321;

    /** 160 MB of floats, in a heap of 256 MB. */
    private static final int LARGE_FLOATS = 40_000_000;
    private static final int SMALL_HEAP_MB = 256;

    @TempDir
    Path dir;

    /** Arrays of every streamed type: over two slices long and not a whole number of them, and a short one. */
    static Stream<Arguments> arrays() {
        SplittableRandom random = new SplittableRandom(7);
        float[] floats = new float[FLOATS_OVER_TWO_SLICES];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) random.nextGaussian();
        }
        floats[17] = Float.NaN;
        floats[floats.length - 1] = Float.NEGATIVE_INFINITY;
        return Stream.of(
                Arguments.of("float", floats),
                Arguments.of("double", random.doubles(DOUBLES_OVER_TWO_SLICES, -1e300, 1e300).toArray()),
                Arguments.of("int", random.ints(FLOATS_OVER_TWO_SLICES).toArray()),
                Arguments.of("long", random.longs(DOUBLES_OVER_TWO_SLICES).toArray()),
                Arguments.of("three floats", new float[] {1.5f, -0f, Float.MIN_VALUE}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void writesTheFileJhdfWritesWithoutItsCopy(String type, Object values) throws IOException {
        Path streamed = dir.resolve("streamed.h5");
        Path plain = dir.resolve("plain.h5");
        write(streamed, group -> StreamedDataset.put(group, "values", values));
        write(plain, group -> group.putDataset("values", values));

        assertEquals(-1, Files.mismatch(streamed, plain), "the streamed file differs from jHDF's own");
        try (HdfFile in = new HdfFile(streamed)) {
            Dataset read = in.getDatasetByPath("/state/values");
            assertEquals("a dataset attribute", read.getAttribute("note").getData());
            Object data = read.getData();
            if (values instanceof float[] f) {
                assertArrayEquals(f, (float[]) data);
            } else if (values instanceof double[] d) {
                assertArrayEquals(d, (double[]) data);
            } else if (values instanceof int[] n) {
                assertArrayEquals(n, (int[]) data);
            } else {
                assertArrayEquals((long[]) values, (long[]) data);
            }
        }
    }

    @Test
    void leavesWhatItDoesNotStreamToJhdf() throws IOException {
        Path file = dir.resolve("other.h5");
        write(file, group -> {
            StreamedDataset.put(group, "text", "words");
            StreamedDataset.put(group, "rows", new float[][] {{1, 2}, {3, 4}});
            StreamedDataset.put(group, "shorts", new short[] {5, 6});
        });
        try (HdfFile in = new HdfFile(file)) {
            assertEquals("words", in.getDatasetByPath("/state/text").getData());
            assertArrayEquals(new float[] {3, 4}, ((float[][]) in.getDatasetByPath("/state/rows").getData())[1]);
            assertArrayEquals(new short[] {5, 6}, (short[]) in.getDatasetByPath("/state/shorts").getData());
        }
    }

    /**
     * In a JVM whose heap holds the array once but not twice, the streamed dataset is written, while jHDF's own
     * writer runs out of memory (so this test would catch a copy of the array coming back).
     */
    @Test
    void writesAnArrayTheHeapCouldNotHoldTwice() throws Exception {
        Path streamed = dir.resolve("large-streamed.h5");
        assertEquals("written", writeInSmallHeap(streamed, "streamed"));
        assertTrue(writeInSmallHeap(dir.resolve("large-plain.h5"), "plain").contains("OutOfMemoryError"),
                "jHDF's own writer needs a second copy of the array");
        try (HdfFile in = new HdfFile(streamed)) {
            Dataset values = in.getDatasetByPath("/state/values");
            assertArrayEquals(new int[] {LARGE_FLOATS}, values.getDimensions());
            float[] tail = (float[]) values.getData(new long[] {LARGE_FLOATS - 3}, new int[] {3});
            assertArrayEquals(new float[] {LARGE_FLOATS - 3, LARGE_FLOATS - 2, LARGE_FLOATS - 1}, tail);
        }
    }

    private static String writeInSmallHeap(Path file, String how) throws Exception {
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(launcher.toString(), "-Xmx" + SMALL_HEAP_MB + "m", "-cp",
                System.getProperty("java.class.path"), WriteInSmallHeap.class.getName(), file.toString(), how)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the writing JVM ends");
        return output;
    }

    /** Writes {@link #LARGE_FLOATS} floats (value (float) i at i), streamed or through jHDF; prints what happened. */
    static final class WriteInSmallHeap {
        public static void main(String[] args) {
            float[] values = new float[LARGE_FLOATS];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            try {
                write(Path.of(args[0]), group -> {
                    if (args[1].equals("streamed")) {
                        StreamedDataset.put(group, "values", values);
                    } else {
                        group.putDataset("values", values);
                    }
                });
                System.out.println("written");
            } catch (Throwable t) {
                System.out.println(t);
            }
        }
    }

    private static void write(Path file, Consumer<WritableGroup> contents) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putAttribute("format", "test");
            WritableGroup group = out.putGroup("state");
            group.putDataset("before", new int[] {1, 2, 3});
            contents.accept(group);
            if (group.getChild("values") instanceof WritableDataset d) {
                d.putAttribute("note", "a dataset attribute");
            }
        }
    }
}
