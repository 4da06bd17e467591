package org.hebb.experiments.nalsm;

import static org.hebb.experiments.testing.SyntheticImages.classBlobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.testing.CheckpointRewrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase 1's checkpoint: the blocks' summaries it saves are refused on restore when they are not whole blocks. */
class UnsupervisedPhaseTest {
    private static final NalsmLiquid.Config CONFIG = NalsmLiquid.Config.nalsm(3, 784, NalsmLiquid.Model.NALSM, 9);
    private static final InputEncoding ENCODING = new InputEncoding(classBlobs(10, 1));

    @TempDir
    Path dir;

    private static UnsupervisedPhase.Outcome run(NalsmLiquid liquid, Path checkpoint) {
        return UnsupervisedPhase.run(liquid, ENCODING, ENCODING.images().size(), 6, 5, 3, 1, checkpoint);
    }

    /**
     * A blocks list whose length is no multiple of the 7 values of a block (a damaged or hand-made file whose
     * checksum fits) is refused, naming the list and its length, before anything is restored: the network's clock
     * stays at 0 and the file stays as it was.
     */
    @Test
    void aBlocksListOfNoWholeBlocksIsRefusedBeforeAnythingIsRestored() throws IOException {
        Path checkpoint = dir.resolve("phase1.h5");
        UnsupervisedPhase.Outcome straight = run(NalsmLiquid.build(CONFIG), checkpoint);
        assertEquals(2, straight.blocks().size(), "test setup: two blocks of three samples");
        Path unchanged = dir.resolve("unchanged.h5");
        CheckpointRewrite.rewritten(checkpoint, unchanged, entries -> { });
        UnsupervisedPhase.Outcome resumed = run(NalsmLiquid.build(CONFIG), unchanged);
        assertEquals(6, resumed.resumedFrom(), "test setup: a file written again by hand restores");
        assertEquals(straight.blocks(), resumed.blocks(), "test setup: with its blocks");

        Path bad = dir.resolve("partial-block.h5");
        CheckpointRewrite.rewritten(checkpoint, bad, entries -> {
            String key = entries.keySet().stream().filter(k -> k.endsWith("/blocks")).findFirst()
                    .orElseThrow(() -> new AssertionError("test setup: the file holds the blocks"));
            double[] blocks = (double[]) entries.get(key);
            assertEquals(14, blocks.length, "test setup: two blocks of 7 values");
            entries.put(key, Arrays.copyOf(blocks, 11));
            entries.put(key + "_length", new long[] {11});
        });
        byte[] saved = Files.readAllBytes(bad);
        NalsmLiquid liquid = NalsmLiquid.build(CONFIG);
        CheckpointException e = assertThrows(CheckpointException.class, () -> run(liquid, bad));
        for (String part : new String[] {"checkpoint " + bad, "blocks", "11 values", "multiple of 7"}) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
        assertEquals(0, liquid.network().stepsRun(), "nothing restored: the clock");
        assertArrayEquals(saved, Files.readAllBytes(bad), "the file is left as it was");
    }
}
