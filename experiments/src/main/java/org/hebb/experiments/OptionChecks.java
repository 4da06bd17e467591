package org.hebb.experiments;

import org.hebb.experiments.data.IdxImages;
import org.hebb.experiments.nalsm.NalsmLiquid;
import org.hebb.simulator.BackendKind;
import org.hebb.util.Require;

/**
 * Checks of the options that several commands share, made where the options' names are known, before the library is
 * called and before the output directory is opened: a refusal names the option as typed, the value given and what
 * is allowed. The library checks the same values again for its own callers, naming its own parameters.
 */
final class OptionChecks {
    /** The most threads a network's JAVA backend takes (Network.Builder.threads). */
    static final int MAX_THREADS = 256;
    /** The fewest neurons per side of a NALSM liquid grid. */
    static final int MIN_SIDE = 2;

    private OptionChecks() {
    }

    /**
     * Fails unless {@code --threads} is 0 (automatic) to {@value #MAX_THREADS}, and at most 1 with a backend other
     * than JAVA, whose device runs each step (the threads then only build the network: 1 on one thread, 0 on
     * every core), as the network itself allows.
     */
    static void threads(int threads, BackendKind backend) {
        Require.that(threads >= 0 && threads <= MAX_THREADS, "--threads = " + threads + " is not allowed: must be in "
                + "[0, " + MAX_THREADS + "] (0: automatic)");
        Require.that(backend == BackendKind.JAVA || threads <= 1, "--threads = " + threads + " is not allowed "
                + "with --backend " + backend + ", whose device runs each step: use 0 or 1 (the threads that build "
                + "the network: 0 for every core)");
    }

    /** Fails unless {@code --side}, the side of a NALSM grid of side^3 neurons, is at least {@value #MIN_SIDE}. */
    static void side(int side) {
        Require.atLeast("--side", side, MIN_SIDE);
    }

    /**
     * Fails unless a NALSM liquid of {@code --side} fits inputs of {@code images}' size (one input neuron per pixel):
     * the input-liquid pairs, inputs x side^3, are drawn from one array of at most {@link NalsmLiquid#MAX_PAIRS}.
     */
    static void sideFits(int side, IdxImages.Shape images) {
        long inputs = (long) images.rows() * images.columns();
        long most = (long) Math.cbrt((double) NalsmLiquid.MAX_PAIRS / inputs);
        while (most > 0 && inputs * most * most * most > NalsmLiquid.MAX_PAIRS) {
            most--;
        }
        while (inputs * (most + 1) * (most + 1) * (most + 1) <= NalsmLiquid.MAX_PAIRS) {
            most++;
        }
        Require.that(side <= most, "--side = " + side + " is not allowed with images of " + images.rows() + " x "
                + images.columns() + " pixels: must be at most " + most + ", as the input-liquid pairs (" + inputs
                + " inputs x side^3) are drawn from one array of at most " + NalsmLiquid.MAX_PAIRS);
    }
}
