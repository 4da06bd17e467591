package org.hebb.opencl;

import java.util.List;

import org.hebb.simulator.BackendKind;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.BackendEngineFactory;
import org.hebb.simulator.engine.Engine;
import org.hebb.simulator.engine.PlasticityWiring;
import org.hebb.simulator.population.Population;

/** Makes {@code Network.builder().backend(BackendKind.OPENCL)} run on {@link OpenClEngine}. */
public final class OpenClEngineFactory implements BackendEngineFactory {
    @Override
    public BackendKind backend() {
        return BackendKind.OPENCL;
    }

    @Override
    public Engine create(double dt, long masterSeed, long startStep, String device, List<Population> populations,
                         List<Projection> projections, PlasticityWiring plasticity) {
        return new OpenClEngine(dt, masterSeed, startStep, device, populations, projections, plasticity);
    }
}
