/** Short-term plasticity: rules that change what a synapse transmits from spike to spike, written as definitions. */
package org.hebb.plasticity.shortterm;
