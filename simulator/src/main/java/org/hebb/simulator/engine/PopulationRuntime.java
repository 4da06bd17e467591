package org.hebb.simulator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hebb.neurons.NeuronKernel;
import org.hebb.simulator.checkpoint.Checkpointed;
import org.hebb.simulator.checkpoint.SpikeLists;
import org.hebb.simulator.checkpoint.StateVisitor;
import org.hebb.simulator.input.CurrentSource;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.population.Population;
import org.hebb.simulator.population.SpikeSourcePopulation;
import org.hebb.simulator.random.Seeds;

/** Run-time data of one population: a ring of spike lists per step and partition, inputs, kernel, traces. */
final class PopulationRuntime implements Checkpointed {
    final String name;
    final int[] bounds;
    final int[][][] spikes;
    final int[][] counts;
    final SpikeView[] views;
    final NeuronKernel kernel;
    final float[][][] rings;
    /** Per receptor, the variable it {@link DirectInput receives directly} into, or null (summed in the ring). */
    final float[][] directTargets;
    final float[][] inputNow;
    final float[] injected;
    final CurrentSource.Injector[][] injectors;
    /** The Poisson inputs' injectors (shared by the partitions), each adding to its receptor's input. */
    final PoissonInput.Injector[] background;
    final int[] backgroundReceptors;
    final SpikeSourcePopulation.SpikeGenerator[] generators;
    final List<Trace> traces = new ArrayList<>();

    /** @param direct per receptor, whether it {@link DirectInput receives directly} (neuron populations) */
    PopulationRuntime(Population population, int threads, double dt, long masterSeed, int ringDepth,
                      int spikeSteps, boolean[] direct) {
        int n = population.size();
        name = population.name();
        bounds = Partitioning.split(n, threads);
        spikes = new int[spikeSteps][threads][];
        counts = new int[spikeSteps][threads];
        views = new SpikeView[spikeSteps];
        for (int slot = 0; slot < spikeSteps; slot++) {
            for (int k = 0; k < threads; k++) {
                spikes[slot][k] = new int[bounds[k + 1] - bounds[k]];
            }
            views[slot] = new SpikeView(spikes[slot], counts[slot]);
        }
        if (population instanceof NeuronPopulation np) {
            kernel = np.model().createKernel(np.state(), dt, !np.currentSources().isEmpty(), direct);
            int receptors = np.model().receptors().size();
            directTargets = new float[receptors][];
            for (int r = 0; r < receptors; r++) {
                if (direct[r]) {
                    directTargets[r] = np.state().array(np.model().directTarget(r).orElseThrow());
                }
            }
            rings = new float[receptors][ringDepth][n];
            inputNow = new float[receptors][];
            injected = new float[n];
            List<CurrentSource> sources = np.currentSources();
            injectors = new CurrentSource.Injector[threads][sources.size()];
            for (int s = 0; s < sources.size(); s++) {
                long key = Seeds.derive(masterSeed, "current:" + population.name() + ":" + s);
                for (int k = 0; k < threads; k++) {
                    injectors[k][s] = sources.get(s).createInjector(dt, n, key);
                }
            }
            List<PoissonInput> inputs = np.poissonInputs();
            background = new PoissonInput.Injector[inputs.size()];
            backgroundReceptors = new int[inputs.size()];
            for (int s = 0; s < inputs.size(); s++) {
                backgroundReceptors[s] = np.model().receptorIndex(inputs.get(s).receptor());
                background[s] = inputs.get(s).createInjector(dt, PoissonInput.streamKey(masterSeed, population.name(),
                        s), n);
            }
            generators = null;
        } else {
            SpikeSourcePopulation source = (SpikeSourcePopulation) population;
            kernel = null;
            rings = null;
            directTargets = null;
            inputNow = null;
            injected = null;
            injectors = null;
            background = null;
            backgroundReceptors = null;
            long key = Seeds.derive(masterSeed, "source:" + population.name());
            generators = new SpikeSourcePopulation.SpikeGenerator[threads];
            for (int k = 0; k < threads; k++) {
                generators[k] = source.createGenerator(dt, key);
            }
        }
    }

    void selectInputSlot(long step) {
        if (rings != null) {
            for (int r = 0; r < rings.length; r++) {
                inputNow[r] = rings[r][(int) (step % rings[r].length)];
            }
        }
    }

    int slot(long step) {
        return (int) (step % views.length);
    }

    /** Drops the spike history and the input waiting in the delay rings. */
    void clear() {
        for (int[] perPartition : counts) {
            Arrays.fill(perPartition, 0);
        }
        if (rings != null) {
            for (float[][] receptor : rings) {
                for (float[] slot : receptor) {
                    Arrays.fill(slot, 0f);
                }
            }
        }
    }

    void advanceTraces(int k, long spikeStep) {
        int slot = slot(spikeStep);
        for (int t = 0; t < traces.size(); t++) {
            traces.get(t).advance(bounds[k], bounds[k + 1], spikeStep, spikes[slot][k], counts[slot][k]);
        }
    }

    void advance(int k, long step) {
        int from = bounds[k];
        int to = bounds[k + 1];
        int slot = slot(step);
        int[] out = spikes[slot][k];
        if (kernel != null) {
            CurrentSource.Injector[] own = injectors[k];
            if (own.length > 0) {
                Arrays.fill(injected, from, to, 0f);
                for (CurrentSource.Injector injector : own) {
                    injector.add(step, from, to, injected);
                }
            }
            for (int s = 0; s < background.length; s++) {
                background[s].add(step, from, to, inputNow[backgroundReceptors[s]]);
            }
            counts[slot][k] = kernel.step(from, to, inputNow, injected, out);
        } else {
            counts[slot][k] = generators[k].generate(step, from, to, out);
        }
    }

    /**
     * The spikes of the kept steps, each step's partitions joined into one ascending list (and split again by this
     * engine's partitions when restored, so the thread count may differ), and the input waiting in the delay rings.
     */
    @Override
    public void checkpoint(StateVisitor state) {
        int[] joined = new int[bounds[bounds.length - 1]];
        for (int slot = 0; slot < spikes.length; slot++) {
            int n = 0;
            for (int k = 0; k < counts[slot].length; k++) {
                System.arraycopy(spikes[slot][k], 0, joined, n, counts[slot][k]);
                n += counts[slot][k];
            }
            int[] list = state.list("spikes_" + slot, joined, n);
            if (state.checking()) {
                SpikeLists.requireNeurons(state.savedList("spikes_" + slot, joined, n), bounds[bounds.length - 1],
                        name, "spikes_" + slot);
            } else if (state.restoring()) {
                split(slot, list);
            }
        }
        if (rings != null) {
            for (int r = 0; r < rings.length; r++) {
                for (int slot = 0; slot < rings[r].length; slot++) {
                    state.floats("input_" + r + "_" + slot, rings[r][slot]);
                }
            }
        }
    }

    /**
     * Step slot {@code slot}'s spikes from an ascending list of neurons (checked in the restore's check), each to its
     * partition.
     */
    private void split(int slot, int[] list) {
        Arrays.fill(counts[slot], 0);
        int k = 0;
        for (int neuron : list) {
            while (neuron >= bounds[k + 1]) {
                k++;
            }
            spikes[slot][k][counts[slot][k]++] = neuron;
        }
    }
}
