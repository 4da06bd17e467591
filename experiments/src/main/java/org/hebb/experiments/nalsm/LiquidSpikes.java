package org.hebb.experiments.nalsm;

import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.monitor.Monitor;

/**
 * The spikes of the liquid during one sample, numbered over the whole liquid (excitatory neurons first, then
 * inhibitory), with times in ms from the sample's start; cleared with {@link #startSample}.
 */
public final class LiquidSpikes {
    private final int excitatoryCount;
    private final MutableIntList times = new IntArrayList();
    private final MutableIntList neurons = new IntArrayList();
    private long sampleStartStep;
    private boolean stopped;

    /** @param excitatoryCount number of excitatory neurons, the offset of the inhibitory ones */
    public LiquidSpikes(int excitatoryCount) {
        this.excitatoryCount = excitatoryCount;
    }

    /** Forgets the spikes recorded so far; the next sample starts at {@code step}. */
    public void startSample(long step) {
        sampleStartStep = step;
        times.clear();
        neurons.clear();
    }

    /** Stops recording for good (the monitors stay attached to the network but ignore later steps). */
    public void stop() {
        stopped = true;
        times.clear();
        neurons.clear();
    }

    /** A recorder of {@code liquid}'s spikes, attached to both of its populations. */
    public static LiquidSpikes recording(NalsmLiquid liquid) {
        LiquidSpikes spikes = new LiquidSpikes(liquid.excitatory().size());
        liquid.network().addMonitor(liquid.excitatory(), spikes.monitorFor(false));
        liquid.network().addMonitor(liquid.inhibitory(), spikes.monitorFor(true));
        return spikes;
    }

    private Monitor monitorFor(boolean inhibitory) {
        int offset = inhibitory ? excitatoryCount : 0;
        return new Monitor() {
            @Override
            public void record(long step, SpikeView spikes) {
                if (stopped) {
                    return;
                }
                int t = (int) (step - sampleStartStep);
                for (int k = 0; k < spikes.partitions(); k++) {
                    int[] list = spikes.neurons(k);
                    for (int s = 0, n = spikes.count(k); s < n; s++) {
                        add(t, offset + list[s]);
                    }
                }
            }

            @Override
            public long memoryBytes() {
                return 8L * times.size();
            }
        };
    }

    /** Records a spike of liquid neuron {@code neuron} at {@code timeMs} from the sample's start. */
    public void add(int timeMs, int neuron) {
        times.add(timeMs);
        neurons.add(neuron);
    }

    /** Number of spikes recorded in the sample. */
    public int count() {
        return times.size();
    }

    /** Time (ms from the sample's start) of spike {@code k}. */
    public int time(int k) {
        return times.get(k);
    }

    /** Liquid neuron of spike {@code k}. */
    public int neuron(int k) {
        return neurons.get(k);
    }
}
