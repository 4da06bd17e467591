package org.hebb.simulator.engine;

import java.util.List;

import org.hebb.simulator.BackendKind;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.population.Population;

/**
 * Creates clock-driven engines on a backend other than Java. Implementations live in their own module and are
 * found with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry), so the simulator does not depend
 * on them: the OpenCL backend is there when {@code hebb-opencl-kernels} is on the class path.
 */
public interface BackendEngineFactory {
    /** The backend this factory serves. */
    BackendKind backend();

    /**
     * Compiles the network for the backend; refuses, naming it, what the backend cannot run.
     *
     * @param dt         time step, ms
     * @param masterSeed the seed every run-time random stream derives from
     * @param startStep  the clock's first step (the index of the first step run)
     * @param device     which device to run on (backend-specific selector), or null for the backend's default
     */
    Engine create(double dt, long masterSeed, long startStep, String device, List<Population> populations,
                  List<Projection> projections, PlasticityWiring plasticity);
}
