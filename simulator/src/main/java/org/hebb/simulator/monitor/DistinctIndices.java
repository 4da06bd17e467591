package org.hebb.simulator.monitor;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/**
 * Refuses a monitor's list that names one neuron (or element, or variable) twice: a state monitor would store its
 * samples twice under two positions, a spike monitor would record it once whatever the list says, and in either
 * case the list is most likely not the one meant (NEST refuses repeated nodes in a node collection).
 */
final class DistinctIndices {
    private DistinctIndices() {
    }

    /**
     * @param what    what an entry is, for the message ({@code "neuron"})
     * @param list    the list's name in the API ({@code "neurons"})
     * @param monitor the monitor, for the message ({@code "the state monitor of population 'exc'"})
     * @throws IllegalArgumentException naming the monitor, the entry and both its positions in the list
     */
    static void require(int[] entries, String what, String list, String monitor) {
        // primitive keys: a monitor of millions of neurons checks its list without boxing each one
        IntIntHashMap firstAt = new IntIntHashMap(entries.length);
        for (int k = 0; k < entries.length; k++) {
            int before = firstAt.getIfAbsentPut(entries[k], k);
            if (before != k) {
                throw twice(what + " " + entries[k], before, k, list, monitor);
            }
        }
    }

    /** As {@link #require(int[], String, String, String)}, for names. */
    static void require(String[] entries, String what, String list, String monitor) {
        Map<String, Integer> firstAt = new HashMap<>();
        for (int k = 0; k < entries.length; k++) {
            Integer before = firstAt.putIfAbsent(entries[k], k);
            if (before != null) {
                throw twice(what + " '" + entries[k] + "'", before, k, list, monitor);
            }
        }
    }

    private static IllegalArgumentException twice(String entry, int first, int second, String list,
                                                  String monitor) {
        return new IllegalArgumentException(entry + " is listed twice for " + monitor + ", at positions " + first
                + " and " + second + " of " + list + ": each may be listed once");
    }
}
