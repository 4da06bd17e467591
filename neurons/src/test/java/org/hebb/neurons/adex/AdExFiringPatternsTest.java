package org.hebb.neurons.adex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hebb's AdEx, defined from its equations alone, fires the published pattern of every parameter set of Naud et al.
 * (2008), as the double-precision reference integrator does (see {@link FiringPatternClassifierTest}): single
 * precision, rk4 at dt = 0.01 ms, no synapses, the spike counted at 0 mV.
 */
class AdExFiringPatternsTest {
    private static final double DT_MS = 0.01;

    static final AdexSpikeSource HEBB = (set, stimulusMs) -> {
        double tauM = set.capacitanceNf() / set.leakConductanceUs();
        DefinedNeuronModel model = AdEx.DEFINITION.model().with("cm", set.capacitanceNf()).with("tau_m", tauM)
                .with("v_rest", set.restMv()).with("v_thresh", set.thresholdMv()).with("delta_T", set.slopeMv())
                .with("a", 1000 * set.subthresholdAdaptationUs()).with("tau_w", set.adaptationTimeConstantMs())
                .with("b", set.spikeAdaptationNa()).with("v_reset", set.resetMv()).with("v_spike", 0)
                .with("tau_refrac", 0);
        SingleNeuron neuron = new SingleNeuron(model, DT_MS);
        neuron.inject(set.currentNa());
        DoubleArrayList spikes = new DoubleArrayList();
        long steps = Math.round(stimulusMs / DT_MS);
        for (long s = 0; s < steps; s++) {
            if (neuron.step()) {
                spikes.add(s * DT_MS);
            }
        }
        return spikes.toArray();
    };

    @ParameterizedTest
    @EnumSource(NaudParameterSets.class)
    void definedAdExFiresThePublishedPattern(NaudParameterSets set) {
        FiringPatternClassifierTest.assertFiresPattern(HEBB, set);
    }

    /**
     * The first spikes of the regular patterns at the reference's times (double precision, rk4 at 1 us), within
     * 0.05 ms (they differ by about a step, 0.01 ms): a current 10% off moves the first by 1.6-1.8 ms, an adaptation
     * time constant 10% off the third or fourth by 0.06-0.11 ms.
     */
    @ParameterizedTest
    @EnumSource(value = NaudParameterSets.class, names = {"TONIC_SPIKING", "ADAPTATION", "DELAYED_ACCELERATING"})
    void theFirstSpikesComeWhenTheReferencesDo(NaudParameterSets set) {
        double[] reference = new ReferenceAdex(0.001).spikeTimes(set, 300);
        double[] hebb = HEBB.spikeTimes(set, 300);
        assertTrue(reference.length >= 4, "test setup: " + reference.length + " reference spikes");
        for (int k = 0; k < 4; k++) {
            assertEquals(reference[k], hebb[k], 0.05, set + ", spike " + k);
        }
    }
}
