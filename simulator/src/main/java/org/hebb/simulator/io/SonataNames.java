package org.hebb.simulator.io;

import org.hebb.util.Require;

/**
 * The rule for the names of populations and projections that name groups of Hebb's SONATA files (and, in a network
 * export, files and columns of a space-separated CSV too): no whitespace, '/' or '\', and not '.' (HDF5 reads it as
 * the group that holds it). Blank names are refused when a population or projection is named.
 */
final class SonataNames {
    private SonataNames() {
    }

    /**
     * Refuses {@code name} when it breaks the rule or equals {@code reserved}.
     *
     * @param what     what carries the name, "population" or "projection", for the message
     * @param where    the file and what the name names in it, for the message
     * @param reserved one more name that is not allowed, or null for none
     * @throws IllegalArgumentException naming {@code what}, {@code name} and the names allowed
     */
    static void require(String what, String name, String where, String reserved) {
        boolean separates = name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '\\');
        boolean refusedName = name.equals(".") || name.equals(reserved);
        Require.that(!separates && !refusedName, what + " name = '" + name + "' is not allowed in " + where
                + ", so it must not contain whitespace, '/' or '\\', nor be '.'"
                + (reserved == null ? "" : " or " + reserved));
    }
}
