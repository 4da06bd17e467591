package org.hebb.neurons.adex;

/**
 * The firing patterns that Naud et al. (2008, Fig. 4) name for the AdEx neuron under a step current, each a
 * combination of an initiation pattern and a steady-state pattern in the scheme of Markram et al. (2004) that the
 * paper follows.
 */
enum FiringPattern {
    /** Regular spikes from the onset on. */
    TONIC_SPIKING,
    /** Inter-spike intervals lengthen gradually (spike-frequency adaptation). */
    ADAPTATION,
    /** A burst of closely spaced spikes at the onset, then single spikes. */
    INITIAL_BURST,
    /** Bursts separated by regular pauses throughout. */
    REGULAR_BURSTING,
    /** The first spike comes late; then the intervals shorten. */
    DELAYED_ACCELERATING,
    /** The first spike comes late; then regular bursts. */
    DELAYED_REGULAR_BURSTING,
    /** A few spikes at the onset, then silence while the current is still on. */
    TRANSIENT_SPIKING,
    /** Intervals that vary without a repeating pattern. */
    IRREGULAR_SPIKING,
    /** No spike at all. */
    QUIESCENT,
    /** A combination the paper does not name, such as a delay followed by tonic spiking. */
    UNNAMED
}
