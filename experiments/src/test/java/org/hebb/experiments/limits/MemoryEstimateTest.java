package org.hebb.experiments.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    private static final long GB = 1L << 30;

    @Test
    void aRunLargerThanTheHeapIsRefusedSayingWhatToChange() {
        MemoryEstimate estimate = MemoryEstimate.of("COBA with 1000000 neurons").values(38 * GB, 1);
        assertEquals("COBA with 1000000 neurons needs about 38.0 GB of heap, the JVM has 4.00 GB: raise -Xmx (e.g. "
                        + "JDK_JAVA_OPTIONS=-Xmx38g ./hebb ...) or lower --neurons",
                assertThrows(IllegalArgumentException.class,
                        () -> estimate.requireFits("lower --neurons", 4 * GB)).getMessage());
        estimate.requireFits("lower --neurons", 40 * GB);
    }

    @Test
    void addsNeuronsSynapsesAndValues() {
        MemoryEstimate estimate = MemoryEstimate.of("run").neurons(10).synapses(100, 60).values(5, 8);
        assertEquals(10 * MemoryEstimate.BYTES_PER_NEURON + 100 * MemoryEstimate.BYTES_PER_SYNAPSE
                + 60 * MemoryEstimate.BYTES_PER_SYNAPSE_BUILDING + 40, estimate.bytes());
    }

    /** The largest estimate a check makes is measured; each still refuses a run larger than the heap. */
    @Test
    void theLargestEstimateCheckedIsMeasured() {
        assertEquals(0, MemoryEstimate.largestChecked(() -> { }));
        assertEquals(3 * GB, MemoryEstimate.largestChecked(() -> {
            MemoryEstimate.of("a").values(GB, 1).requireFits("lower a", 4 * GB);
            MemoryEstimate.of("b").values(3 * GB, 1).requireFits("lower b", 4 * GB);
            MemoryEstimate.of("c").values(2 * GB, 1).requireFits("lower c", 4 * GB);
        }));
        assertEquals("d needs about 5.00 GB of heap, the JVM has 4.00 GB: raise -Xmx (e.g. JDK_JAVA_OPTIONS=-Xmx5g "
                + "./hebb ...) or lower d", assertThrows(IllegalArgumentException.class, () -> MemoryEstimate
                .largestChecked(() -> MemoryEstimate.of("d").values(5 * GB, 1).requireFits("lower d", 4 * GB)))
                .getMessage());
        MemoryEstimate.of("outside").values(GB, 1).requireFits("lower it", 4 * GB);
    }

    /**
     * A check inside another counts in the outer one's largest as well as in its own, whether it passed or refused,
     * and the outer one goes on measuring what is checked after it.
     */
    @Test
    void anInnerCheckCountsInTheOuterOne() {
        double[] inner = new double[1];
        assertEquals(3 * GB, MemoryEstimate.largestChecked(() -> {
            MemoryEstimate.of("a").values(GB, 1).requireFits("lower a", 4 * GB);
            inner[0] = MemoryEstimate.largestChecked(
                    () -> MemoryEstimate.of("c").values(3 * GB, 1).requireFits("lower c", 4 * GB));
            MemoryEstimate.of("b").values(2 * GB, 1).requireFits("lower b", 4 * GB);
        }));
        assertEquals(3 * GB, inner[0]);
        assertEquals(5 * GB, MemoryEstimate.largestChecked(() -> {
            assertThrows(IllegalArgumentException.class, () -> MemoryEstimate.largestChecked(
                    () -> MemoryEstimate.of("d").values(5 * GB, 1).requireFits("lower d", 4 * GB)));
            MemoryEstimate.of("b").values(2 * GB, 1).requireFits("lower b", 4 * GB);
        }), "the refused 5 GB was checked too");
    }
}
