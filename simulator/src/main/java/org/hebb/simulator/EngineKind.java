package org.hebb.simulator;

/** How time advances: what a plasticity rule or model declares it supports. */
public enum EngineKind {
    /** Fixed steps of dt for every neuron (the engine Hebb runs today). */
    CLOCK_DRIVEN,
    /** Each neuron advanced only when an event reaches it, with spike times off the grid. */
    EVENT_DRIVEN
}
