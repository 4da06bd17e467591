package org.hebb.simulator.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.hebb.simulator.Network;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint saved by another JVM (two threads) restores here (one thread) and runs on as the network that never
 * stopped: nothing of the saving JVM's (class caches, generated kernels, identity hashes) is needed.
 */
class CheckpointInANewJvmTest {
    @TempDir
    Path directory;

    @Test
    void aCheckpointFromAnotherJvmRunsOnBitForBit() throws Exception {
        Path file = directory.resolve("other.h5");
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process saver = new ProcessBuilder(launcher.toString(), "-cp", System.getProperty("java.class.path"),
                SaveInAnotherJvm.class.getName(), file.toString(), "60", "2").redirectErrorStream(true).start();
        String output = new String(saver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(saver.waitFor(120, TimeUnit.SECONDS), "the saving JVM ends");
        assertEquals(0, saver.exitValue(), "the saving JVM succeeds: " + output);
        long[] straightSteps;
        int[] straightNeurons;
        float[] straightV;
        long split;
        try (Network net = CheckpointTest.network(1, 80, 7)) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0));
            net.run(60);
            split = net.stepsRun();
            net.run(90);
            long[][] after = CheckpointTest.spikesFrom(spikes, split);
            straightSteps = after[0];
            straightNeurons = Arrays.stream(after[1]).mapToInt(n -> (int) n).toArray();
            straightV = ((NeuronPopulation) net.populations().get(0)).state().array("v").clone();
        }
        try (Network net = CheckpointTest.network(1, 80, 7)) {
            SpikeMonitor spikes = net.monitorSpikes(net.populations().get(0));
            net.restoreCheckpoint(file);
            assertEquals(split, net.stepsRun(), "the clock");
            net.run(90);
            assertTrue(straightSteps.length > 100, "test setup: too few spikes " + straightSteps.length);
            assertArrayEquals(straightSteps, spikes.steps(), "spike steps");
            assertArrayEquals(straightNeurons, spikes.neurons(), "spiking neurons");
            assertArrayEquals(straightV, ((NeuronPopulation) net.populations().get(0)).state().array("v"),
                    "membrane potentials, bit for bit");
        }
    }
}
