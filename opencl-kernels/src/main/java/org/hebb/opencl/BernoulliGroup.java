package org.hebb.opencl;

import java.util.List;

import org.hebb.simulator.input.BernoulliSource;
import org.jocl.cl_mem;

/** A Bernoulli or Poisson source: probabilities uploaded when they change. */
final class BernoulliGroup extends Group {
    private final BernoulliSource source;
    private final float[] probabilities;
    private final HostArray probabilitiesHost;
    private final cl_mem probabilityBuffer;
    private final long key;
    private long seenChanges = -1;

    BernoulliGroup(DeviceNetwork network, BernoulliSource source, Layout layout, long key) {
        super(network, source, layout, "bernoulli_source");
        this.source = source;
        this.key = key;
        this.probabilities = new float[layout.padded()];
        this.probabilitiesHost = HostArray.of(probabilities);
        this.probabilityBuffer = session.floats(probabilities);
        update.args(4, (int) key, (int) (key >>> 32), probabilityBuffer);
    }

    @Override
    void prepare() {
        if (source.changeCount() != seenChanges) {
            seenChanges = source.changeCount();
            for (int i = 0; i < source.size(); i++) {
                probabilities[i] = (float) source.probability(i);
            }
            session.write(probabilityBuffer, probabilitiesHost);
        }
    }

    @Override
    FusedStep.Part part() {
        return new FusedStep.Part("bernoulli_source", false, layout.padded(), layout.size(), layout.offset(),
                layout.blocks(), layout.blockOffset(), 0, key, new cl_mem[] {probabilityBuffer}, "float", List.of());
    }
}
