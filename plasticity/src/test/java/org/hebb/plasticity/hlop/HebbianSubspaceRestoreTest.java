package org.hebb.plasticity.hlop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.checkpoint.CheckpointFile;
import org.hebb.simulator.checkpoint.CheckpointFile.Header;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.population.NeuronPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subspace restored from a checkpoint goes on as the saved one; a checkpoint that does not fit the module is
 * refused and leaves the module exactly as it was.
 */
class HebbianSubspaceRestoreTest {
    private static final long SEED = 11;
    private static final Header HEADER = new Header("subspace", "java", "", SEED, 0.1, 0);

    @TempDir
    Path directory;

    private static float[] activity(int dimension, int shift) {
        float[] x = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            x[j] = (float) Math.sin(0.7 * (j + 1) + shift);
        }
        return x;
    }

    private static HebbianSubspace learned(int dimension, int... tasks) {
        HebbianSubspace subspace = HebbianSubspace.create(dimension, SEED);
        int shift = 0;
        for (int rows : tasks) {
            subspace.beginTask(rows);
            subspace.learn(new float[][] {activity(dimension, shift++), activity(dimension, shift++)});
            subspace.endTask();
        }
        return subspace;
    }

    @Test
    void aRestoredSubspaceGoesOnAsTheSavedOne() {
        HebbianSubspace saved = learned(5, 2);
        saved.beginTask(1);
        saved.learn(activity(5, 9));
        Path file = directory.resolve("subspace.h5");
        CheckpointFile.save(file, HEADER, saved);
        HebbianSubspace restored = learned(5, 1);
        CheckpointFile.restore(file, HEADER, header -> restored);
        assertEquals(3, restored.rows());
        assertEquals(2, restored.frozenRows());
        assertTrue(restored.taskInProgress());
        assertArrayEquals(saved.weights(), restored.weights());
        saved.learn(activity(5, 10));
        restored.learn(activity(5, 10));
        saved.endTask();
        restored.endTask();
        saved.beginTask(1);
        restored.beginTask(1);
        assertArrayEquals(saved.weights(), restored.weights());
    }

    @Test
    void aRefusedRestoreLeavesTheSubspaceAsItWas() {
        assertRefusalLeavesUnchanged(learned(4, 2), learned(3, 1));
        assertRefusalLeavesUnchanged(learned(6, 2, 3), learned(3, 1));
        HebbianSubspace learning = learned(4, 1);
        learning.beginTask(1);
        assertRefusalLeavesUnchanged(learning, learned(3, 1));
    }

    private void assertRefusalLeavesUnchanged(HebbianSubspace saved, HebbianSubspace target) {
        Path file = directory.resolve("refused.h5");
        CheckpointFile.save(file, HEADER, saved);
        int rows = target.rows();
        int frozen = target.frozenRows();
        boolean inProgress = target.taskInProgress();
        double[] weights = target.weights();
        float[] x = activity(target.dimension(), 3);
        float[] projected = new float[x.length];
        target.project(x, projected);
        assertThrows(CheckpointException.class, () -> CheckpointFile.restore(file, HEADER, header -> target));
        assertEquals(rows, target.rows(), "rows");
        assertEquals(frozen, target.frozenRows(), "frozenRows");
        assertEquals(inProgress, target.taskInProgress(), "taskInProgress");
        assertArrayEquals(weights, target.weights(), "weights");
        float[] again = new float[x.length];
        target.project(x, again);
        assertArrayEquals(projected, again, "projection");
        assertFalse(target.taskInProgress());
        target.beginTask(1);
        assertEquals(rows + 1, target.rows());
    }

    /** Poisson input onto 40 neurons with recurrent inhibition, and a subspace saved with it. */
    private static Network network(HebbianSubspace subspace) {
        Network net = Network.builder().seed(SEED).build();
        NeuronPopulation cells = net.addNeurons("cells", 40, IfCurrExp.builder().tauRefrac(2).build());
        net.connect(net.addPoissonSource("drive", 50, 40), cells, Connectors.fixedProbability(0.2, false),
                Synapses.onto("excitatory").weights(Values.uniform(0.5, 1.5)));
        net.connect(cells, cells, Connectors.fixedProbability(0.1, false), Synapses.onto("inhibitory")
                .weights(Values.uniform(-1, -0.2)));
        net.addCheckpointed("subspace", subspace);
        return net;
    }

    @Test
    void aSubspaceThatDoesNotFitIsRefusedBeforeTheNetworkChanges() {
        Path file = directory.resolve("network.h5");
        try (Network net = network(learned(6, 2, 3))) {
            net.run(20);
            net.saveCheckpoint(file);
        }
        HebbianSubspace target = learned(3, 1);
        try (Network net = network(target)) {
            net.run(1);
            net.projections().get(0).rows().weights()[0] += 1;
            float[] v = ((NeuronPopulation) net.populations().get(0)).state().array("v").clone();
            float[] weights = net.projections().get(0).rows().weights().clone();
            double[] rows = target.weights();
            long step = net.stepsRun();
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(file));
            assertArrayEquals(v, ((NeuronPopulation) net.populations().get(0)).state().array("v"), "v");
            assertArrayEquals(weights, net.projections().get(0).rows().weights(), "weights");
            assertEquals(step, net.stepsRun(), "the clock");
            assertArrayEquals(rows, target.weights(), "the subspace");
            assertTrue(e.getMessage().contains("rows = 5, allowed 0 to 3"), e.getMessage());
        }
    }
}
