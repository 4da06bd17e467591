package org.hebb.experiments;

/**
 * A command whose option values can be checked without running it: {@link #checkOptions} makes the checks its
 * run makes before any work that need only the options, and {@link #checkResources} the cheap checks of its
 * data and of the heap, so that a sweep refuses a bad point before running any. The run makes both again.
 */
interface CheckedOptions {
    /**
     * Checks the parsed option values, running and writing nothing.
     *
     * @throws IllegalArgumentException naming the option, its value and what is allowed
     */
    void checkOptions();

    /**
     * Checks, after {@link #checkOptions}, what the run needs beyond its options, as cheaply as the run checks
     * it before any work: the data's files are there and their headers give as many images, of a size the
     * network takes, as the options ask for, and the run fits this JVM's heap. Reads only files' headers,
     * running and writing nothing; a command without data or a heap estimate has nothing to check.
     *
     * @throws IllegalArgumentException naming the option and its value (or the run's size and the heap it
     *                                  needs) and what is allowed
     */
    default void checkResources() {
    }
}
