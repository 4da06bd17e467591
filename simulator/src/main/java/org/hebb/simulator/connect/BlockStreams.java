package org.hebb.simulator.connect;

import org.apache.commons.rng.UniformRandomProvider;
import org.hebb.simulator.random.Seeds;

/**
 * The random streams of work done in blocks: block b of {@code part} draws from its own stream, derived from the
 * seed and the name, so that blocks can be drawn on any thread in any order and give the same values.
 *
 * @param seed   the seed every stream derives from
 * @param prefix what the streams are for (a projection's name)
 */
public record BlockStreams(long seed, String prefix) {
    /** The stream of block {@code block} of {@code part}. */
    public UniformRandomProvider stream(String part, long block) {
        return Seeds.generator(seed, prefix + "/" + part + "#" + block);
    }
}
