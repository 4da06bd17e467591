package org.hebb.neurons.definition;

import java.util.List;

/**
 * One stage of a step: some variables advanced with one method in {@code substeps} equal sub-steps of dt/substeps,
 * the other variables held at their latest values. Stages run in order, each using the values the earlier ones
 * produced; Izhikevich's 2003 program, for example, is v in two Euler half-steps, then u in one Euler step.
 *
 * @param variables the state variables this stage advances
 * @param method    how
 * @param substeps  in how many equal sub-steps (at least 1)
 */
public record Stage(List<String> variables, IntegrationMethod method, int substeps) {
    public Stage {
        variables = List.copyOf(variables);
    }
}
