/**
 * Astrocyte-modulated STDP of the neuron-astrocyte liquid state machine (Ivanov and Michmizos, NeurIPS 2021):
 * the rule on each projection ({@link org.hebb.plasticity.astrocyte.AstrocyteStdp}) and the astrocyte shared by
 * all of them ({@link org.hebb.plasticity.astrocyte.Astrocyte}), which sets the depression rate from the
 * difference between liquid and input activity.
 */
package org.hebb.plasticity.astrocyte;
