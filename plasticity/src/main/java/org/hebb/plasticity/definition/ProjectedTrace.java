package org.hebb.plasticity.definition;

import java.util.Arrays;

import org.hebb.plasticity.PresynapticProjection;
import org.hebb.simulator.engine.Trace;

/**
 * A presynaptic trace replaced by its projection (HLOP) where on_step reads it, computed only in the steps whose
 * update runs, once per step whichever thread asks first: a projection costs two products of the subspace with the
 * trace vector, which most steps (with a zero modulator) never need. The projection is computed holding the
 * projection's own lock, since several rules may share one projection (a {@code HebbianSubspace} projects with
 * scratch of its own) and their threads may ask at the same time. Public for the generated update classes.
 */
public final class ProjectedTrace {
    private final Trace trace;
    private final PresynapticProjection projection;
    private final int delaySteps;
    private final float[] values;
    private long projectedStep = Long.MIN_VALUE;

    ProjectedTrace(Trace trace, PresynapticProjection projection, int delaySteps) {
        this.trace = trace;
        this.projection = projection;
        this.delaySteps = delaySteps;
        this.values = new float[projection.dimension()];
    }

    /**
     * The projection of the trace as synapses of the projection's one delay see it in spike step {@code step}
     * (zero before the first spike can arrive). The array is shared: read it, never write it.
     */
    public float[] at(long step) {
        synchronized (projection) {
            if (step != projectedStep) {
                if (step >= delaySteps) {
                    projection.project(trace.at(step - delaySteps), values);
                } else {
                    Arrays.fill(values, 0f);
                }
                projectedStep = step;
            }
            return values;
        }
    }

    /** Forgets the projection made: the traces or the clock were reset or restored. */
    void invalidate() {
        synchronized (projection) {
            projectedStep = Long.MIN_VALUE;
        }
    }
}
