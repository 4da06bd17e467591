package org.hebb.simulator.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** Checks of what a checkpoint format version does not yet hold. */
final class FormatVersions {
    private FormatVersions() {
    }

    /**
     * Saves a scalar under {@code old} lines as format version {@code version} and as the next version, then
     * restores both against {@code expected}: the file of {@code version} restores (its lines lack what that
     * version did not hold), the next one is refused with a message containing {@code refusal}.
     */
    static void olderRestoresAndNextIsRefused(Path directory, CheckpointFile.Header old,
                                              CheckpointFile.Header expected, int version, String refusal) {
        Path older = directory.resolve("version" + version + ".h5");
        Path next = directory.resolve("version" + (version + 1) + ".h5");
        Checkpointed saved = state -> state.scalar("done", 5L);
        CheckpointFile.save(older, old, saved, version);
        CheckpointFile.save(next, old, saved, version + 1);
        long[] restored = {0};
        CheckpointFile.restore(older, expected, header -> state -> restored[0] = state.scalar("done", restored[0]));
        assertEquals(5, restored[0], "a version " + version + " file restores");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointFile.restore(next, expected, header -> state -> state.scalar("done", 0L)));
        assertTrue(e.getMessage().contains(refusal), e.getMessage());
    }
}
