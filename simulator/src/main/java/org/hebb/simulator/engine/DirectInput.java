package org.hebb.simulator.engine;

import java.util.List;

import org.hebb.neurons.NeuronModel;
import org.hebb.neurons.Precision;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.input.PoissonInput;
import org.hebb.simulator.population.NeuronPopulation;

/**
 * Which receptors of a population receive directly: delivery adds each arriving weight straight to the receptor's
 * {@link NeuronModel#directTarget target variable}, in delivery order ({@code g + w1 + w2 ...}, as Brian2's
 * {@code on_pre} does), and the neuron kernel has no pass that adds the step's summed input to it. That saves two
 * passes over the population per receptor and step. A receptor receives directly when its model adds the weight
 * unchanged, the population is in single precision, no Poisson input drives it, and every projection onto it has
 * one delay of one step for all its synapses (so its spikes arrive in the step that delivers them); otherwise its
 * weights are summed in the delay ring and added at the start of their step ({@code g + (w1 + w2 ...)}). Every
 * clock-driven backend takes this decision from here, so their spikes stay equal bit for bit.
 */
public final class DirectInput {
    private DirectInput() {
    }

    /** Per receptor of {@code population}, whether it receives directly, given every projection of the network. */
    public static boolean[] receptors(NeuronPopulation population, List<Projection> projections) {
        NeuronModel model = population.model();
        boolean[] direct = new boolean[model.receptors().size()];
        if (population.state().precision() != Precision.SINGLE) {
            return direct;
        }
        for (int r = 0; r < direct.length; r++) {
            direct[r] = model.directTarget(r).isPresent();
        }
        for (PoissonInput input : population.poissonInputs()) {
            direct[model.receptorIndex(input.receptor())] = false;
        }
        for (Projection p : projections) {
            if (p.target() == population && (p.rows().delays() != null || p.rows().uniformDelay() != 1)) {
                direct[p.receptorIndex()] = false;
            }
        }
        return direct;
    }
}
