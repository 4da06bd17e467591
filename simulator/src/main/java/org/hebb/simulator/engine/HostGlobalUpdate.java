package org.hebb.simulator.engine;

/**
 * A global update that reads and writes only values kept on the host (a rule's modulators, the signals that set
 * them, the step it last saw): a device backend runs it on the host after each step's learning, as the Java
 * backend does.
 */
@FunctionalInterface
public interface HostGlobalUpdate extends GlobalUpdate {
}
