package org.hebb.opencl;

import java.util.List;

import org.hebb.simulator.input.BernoulliSource;
import org.jocl.cl_mem;

/** A Bernoulli or Poisson source: the thresholds of its trials uploaded when its probabilities change. */
final class BernoulliGroup extends Group {
    private final BernoulliSource source;
    private final long[] thresholds;
    private final HostArray thresholdsHost;
    private final cl_mem thresholdBuffer;
    private final long key;
    private long seenChanges = -1;

    BernoulliGroup(DeviceNetwork network, BernoulliSource source, Layout layout, long key) {
        super(network, source, layout, "bernoulli_source");
        this.source = source;
        this.key = key;
        this.thresholds = new long[layout.padded()];
        this.thresholdsHost = HostArray.of(thresholds);
        this.thresholdBuffer = session.longs(thresholds);
        update.args(4, (int) key, (int) (key >>> 32), thresholdBuffer);
    }

    @Override
    void prepare() {
        if (source.changeCount() != seenChanges) {
            seenChanges = source.changeCount();
            for (int i = 0; i < source.size(); i++) {
                thresholds[i] = source.threshold(i);
            }
            session.write(thresholdBuffer, thresholdsHost);
        }
    }

    @Override
    FusedStep.Part part() {
        return new FusedStep.Part("bernoulli_source", false, layout.padded(), layout.size(), layout.offset(),
                layout.blocks(), layout.blockOffset(), 0, key, new cl_mem[] {thresholdBuffer}, "float", List.of());
    }
}
