package org.hebb.simulator;

import org.hebb.simulator.monitor.Monitor;
import org.hebb.simulator.population.Population;

/** A monitor and the population it records (null for a monitor of a rule's state), in the order added. */
record MonitorEntry(Population population, Monitor monitor) {
}
