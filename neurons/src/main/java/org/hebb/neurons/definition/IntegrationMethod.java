package org.hebb.neurons.definition;

/** How a definition's differential equations are advanced over a time step dt. */
public enum IntegrationMethod {
    /**
     * Exact solution of a linear system with constant coefficients, inputs held constant over the step: the
     * propagator exp(A dt) is computed once when the kernel is made (as NEST does).
     */
    EXACT("exact"),
    /** Forward Euler: x += dt f(x), every variable from the values at the start of the step. */
    EULER("euler"),
    /**
     * Brian2's exponential Euler: for each variable x with dx/dt = A x + B, A and B not depending on x (other
     * variables at their start-of-step values), x = -B/A + (x + B/A) exp(A dt); where A dt is below the precision's
     * epsilon, its limit x + dt (A x + B), for an A fixed for the population and for one that vanishes where the
     * variables, inputs and per-neuron parameters are 0 (a membrane without leak at rest, a leak per neuron of 0).
     */
    EXPONENTIAL_EULER("exponential_euler"),
    /** Second-order Runge-Kutta (the midpoint method, Brian2's rk2). */
    RK2("rk2"),
    /** Classical fourth-order Runge-Kutta. */
    RK4("rk4");

    private final String label;

    IntegrationMethod(String label) {
        this.label = label;
    }

    /** The method's name as Brian2 writes it. */
    public String label() {
        return label;
    }
}
