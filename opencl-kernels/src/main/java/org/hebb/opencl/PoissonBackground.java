package org.hebb.opencl;

import static org.jocl.CL.clSetKernelArg;

import java.util.ArrayList;
import java.util.List;

import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.population.NeuronPopulation;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A neuron population's Poisson inputs on the device: each input's counts drawn as the Java backend draws them (the
 * same stream key and search bounds) and added, in the order the inputs were added, to the input of the step's ring
 * slot after the step's delivery and before the update, as the Java backend adds them.
 */
final class PoissonBackground {
    private final List<FusedStep.Poisson> inputs = new ArrayList<>();
    private final List<KernelLaunch> launches = new ArrayList<>();
    /** Per launch, where the step's slot row starts in the ring, and the pointer the kernel argument reads. */
    private final long[][] rows;
    private final Pointer[] rowPointers;
    private final int depth;
    private final int padded;

    PoissonBackground(DeviceNetwork network, NeuronPopulation population, Layout layout, int depth, cl_mem ring,
                      double dt, long masterSeed) {
        this.depth = depth;
        this.padded = layout.padded();
        List<PoissonInput> added = population.poissonInputs();
        for (int s = 0; s < added.size(); s++) {
            PoissonInput input = added.get(s);
            PoissonInput.Injector injector = input.createInjector(dt,
                    PoissonInput.streamKey(masterSeed, population.name(), s), population.size());
            if (injector.silent()) {
                continue;
            }
            FusedStep.Poisson poisson = new FusedStep.Poisson(population.model().receptorIndex(input.receptor()),
                    injector.key(), injector.weight(), network.session().longs(injector.countBounds()));
            inputs.add(poisson);
            KernelLaunch launch = network.launch("poisson_input", layout.padded(), false);
            launch.args(1, population.size());
            launch.arg(2, poisson.key());
            launch.args(3, poisson.bounds(), poisson.weight(), ring);
            launches.add(launch);
        }
        rows = new long[launches.size()][1];
        rowPointers = new Pointer[launches.size()];
        for (int k = 0; k < rows.length; k++) {
            rowPointers[k] = Pointer.to(rows[k]);
        }
    }

    /** The inputs, for the fused step. */
    List<FusedStep.Poisson> inputs() {
        return List.copyOf(inputs);
    }

    /** The kernels {@link #launch} runs: one per input. */
    int kernels() {
        return launches.size();
    }

    /**
     * Adds the inputs of {@code step}, a launch per input, allocating nothing: for a step run kernel by kernel (the
     * gpu shape, or a cpu-shape step that cannot be one kernel); a step as one kernel adds them itself.
     */
    void launch(long step) {
        int slot = (int) (step % depth);
        for (int s = 0; s < launches.size(); s++) {
            KernelLaunch launch = launches.get(s);
            rows[s][0] = ((long) inputs.get(s).receptor() * depth + slot) * padded;
            clSetKernelArg(launch.kernel, 6, Sizeof.cl_long, rowPointers[s]);
            launch.run();
        }
    }
}
