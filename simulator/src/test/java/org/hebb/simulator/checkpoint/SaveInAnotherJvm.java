package org.hebb.simulator.checkpoint;

import java.nio.file.Path;

import org.hebb.simulator.Network;

/**
 * Run in a JVM of its own by {@link CheckpointInANewJvmTest}: builds {@link CheckpointTest}'s network, runs it for
 * the given time and saves a checkpoint. Arguments: file, milliseconds, threads.
 */
public final class SaveInAnotherJvm {
    private SaveInAnotherJvm() {
    }

    public static void main(String[] args) {
        try (Network net = CheckpointTest.network(Integer.parseInt(args[2]), 80, 7)) {
            net.run(Double.parseDouble(args[1]));
            net.saveCheckpoint(Path.of(args[0]));
        }
    }
}
