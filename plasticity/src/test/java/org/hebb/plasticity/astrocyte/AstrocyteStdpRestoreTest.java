package org.hebb.plasticity.astrocyte;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.hebb.neurons.lif.NalsmLif;
import org.hebb.plasticity.astrocyte.AstrocyteStdp.Presynaptic;
import org.hebb.simulator.Network;
import org.hebb.simulator.checkpoint.CheckpointException;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.BernoulliSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.CheckpointRewrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint restored into a network that has already run past it, with other input, learns on as the network
 * that saved it does, step by step: the spikes of the steps run past the checkpoint leave nothing behind, so every
 * synapse whose neurons did not both fire in a step is clipped to its bounds in that step, bit for bit as in the
 * saving network.
 */
class AstrocyteStdpRestoreTest {
    private static final double BEFORE_CHECKPOINT_MS = 100;
    private static final double AFTER_CHECKPOINT_MS = 100;

    @TempDir
    Path directory;

    /** The plastic synapses and the source that makes their targets fire. */
    private record Liquid(BernoulliSource drive, AstrocyteStdpSynapses rule) {
    }

    /**
     * Pixels drive the input neurons, and a source of its own drives the excitatory ones directly. The plastic
     * synapses from the input onto the excitatory neurons start near 0 and are mostly depressed, so many of them
     * sit at their lower bound 0, where clipping matters.
     */
    private static Liquid build(Network net) {
        NalsmLif model = NalsmLif.builder().build();
        BernoulliSource pixels = net.addBernoulliSource("pixels", 40);
        for (int k = 0; k < pixels.size(); k++) {
            pixels.setProbability(k, 0.02 + 0.1 * k / pixels.size());
        }
        NeuronPopulation input = net.addNeurons("input", 40, model);
        NeuronPopulation exc = net.addNeurons("exc", 60, model);
        BernoulliSource drive = net.addBernoulliSource("drive", exc.size());
        drive.setProbabilities(probabilities(exc.size(), 0.1f));
        net.connect(pixels, input, Connectors.oneToOne(), Synapses.onto("direct").weights(Values.constant(100)));
        net.connect(drive, exc, Connectors.oneToOne(), Synapses.onto("direct").weights(Values.constant(100)));
        Astrocyte astrocyte = Astrocyte.builder().mode(Astrocyte.Mode.FIXED).potentiationRate(0.02)
                .depressionRate(0.15).build();
        AstrocyteStdpSynapses rule = net.addPlasticity(net.connect(input, exc, Connectors.fixedProbability(0.3,
                false), Synapses.onto("synaptic").weights(Values.uniform(0, 0.3))), AstrocyteStdp.builder(astrocyte)
                .presynaptic(Presynaptic.EXCITATORY).bounds(0, 3).build());
        return new Liquid(drive, rule);
    }

    private static float[] probabilities(int size, float each) {
        float[] p = new float[size];
        Arrays.fill(p, each);
        return p;
    }

    /** Records the weights after every step, by step (a step run again replaces what was recorded for it). */
    private static Map<Long, float[]> recordWeights(Network net, Liquid liquid) {
        Map<Long, float[]> byStep = new HashMap<>();
        net.afterEachStep((step, timeMs) -> byStep.put(step, liquid.rule().weights().clone()));
        return byStep;
    }

    /**
     * The saving network silences the excitatory neurons after the checkpoint, so that their weights only
     * decay towards 0; the restoring network ran past the checkpoint with its excitatory neurons busy, then restores
     * and silences them as the saving network did.
     */
    @Test
    void aRestoreIntoANetworkThatRanPastTheCheckpointLearnsAsTheSavingNetworkDoes() {
        Path file = directory.resolve("liquid.h5");
        Map<Long, float[]> straight;
        long split;
        long end;
        try (Network net = Network.builder().dt(1.0).seed(7).threads(2).build()) {
            Liquid liquid = build(net);
            straight = recordWeights(net, liquid);
            net.run(BEFORE_CHECKPOINT_MS);
            split = net.stepsRun();
            net.saveCheckpoint(file);
            liquid.drive().setProbabilities(probabilities(liquid.drive().size(), 0));
            net.run(AFTER_CHECKPOINT_MS);
            end = net.stepsRun();
        }
        try (Network net = Network.builder().dt(1.0).seed(7).threads(2).build()) {
            Liquid liquid = build(net);
            Map<Long, float[]> resumed = recordWeights(net, liquid);
            liquid.drive().setProbabilities(probabilities(liquid.drive().size(), 0.6f));
            net.run(BEFORE_CHECKPOINT_MS + AFTER_CHECKPOINT_MS);
            net.restoreCheckpoint(file);
            liquid.drive().setProbabilities(probabilities(liquid.drive().size(), 0));
            net.run(AFTER_CHECKPOINT_MS);
            assertFalse(Arrays.equals(straight.get(split), straight.get(end - 1)), "test setup: the weights change "
                    + "after the checkpoint");
            AstrocyteStdpSynapses rule = liquid.rule();
            for (long step = split; step < end; step++) {
                for (float w : resumed.get(step)) {
                    assertTrue(w >= rule.minWeight() && w <= rule.maxWeight(), "step " + step + ": weight " + w
                            + " outside [" + rule.minWeight() + ", " + rule.maxWeight() + "]");
                }
                assertArrayEquals(straight.get(step), resumed.get(step), "step " + step + ": weights, bit for bit");
            }
        }
    }

    /** A saved astrocyte decay outside (0, 1], in a file whose checksum fits, is refused before anything changes. */
    @Test
    void anAstrocyteDecayOutsideZeroToOneIsRefusedBeforeAnythingChanges() {
        Path file = directory.resolve("liquid.h5");
        try (Network net = Network.builder().dt(1.0).seed(7).threads(2).build()) {
            build(net);
            net.run(BEFORE_CHECKPOINT_MS);
            net.saveCheckpoint(file);
        }
        Path bad = directory.resolve("decay.h5");
        CheckpointRewrite.rewritten(file, bad, entries -> {
            String key = entries.keySet().stream().filter(k -> k.endsWith("/rate_decay_per_ms")).findFirst()
                    .orElseThrow(() -> new AssertionError("test setup: the file holds the astrocyte's decay"));
            entries.put(key, new double[] {2.0});
        });
        try (Network net = Network.builder().dt(1.0).seed(7).threads(2).build()) {
            Liquid liquid = build(net);
            net.run(10);
            NeuronPopulation exc = (NeuronPopulation) net.populations().get(2);
            float[] v = exc.state().array("v").clone();
            float[] weights = liquid.rule().weights().clone();
            long steps = net.stepsRun();
            CheckpointException e = assertThrows(CheckpointException.class, () -> net.restoreCheckpoint(bad));
            assertTrue(e.getMessage().contains("rate decay per ms = 2.0"), e.getMessage());
            assertArrayEquals(v, exc.state().array("v"), "v unchanged");
            assertArrayEquals(weights, liquid.rule().weights(), "weights unchanged");
            assertEquals(steps, net.stepsRun(), "the clock unchanged");
        }
    }
}
