package org.hebb.simulator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.hebb.simulator.plasticity.RuleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A rule-state monitor's bound on stored values is checked when it is made, as the other monitors' are. */
class RuleStateMonitorTest {

    private static final RuleState WEIGHTS = new RuleState() {
        @Override
        public List<Variable> variables() {
            return List.of(new Variable("weight", "nA", Scope.SYNAPSE));
        }

        @Override
        public float[] values(String variable) {
            return new float[] {0.5f, 1, 1.5f};
        }
    };

    @ParameterizedTest
    @ValueSource(longs = {-1, Integer.MAX_VALUE})
    void aBoundNoArrayHoldsIsRefused(long maxValues) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RuleStateMonitor(WEIGHTS, "weight", new int[] {0, 2}, 1, 0.1, maxValues));
        assertEquals("maxValues = " + maxValues + " is not allowed: must be in [0, " + (Integer.MAX_VALUE - 8)
                + "], the values one array holds", e.getMessage());
    }

    /** Two elements a sample and room for three values: the second sample is counted as dropped. */
    @Test
    void samplesBeyondTheBoundAreCountedAsDropped() {
        RuleStateMonitor monitor = new RuleStateMonitor(WEIGHTS, "weight", new int[] {0, 2}, 1, 0.1, 3);
        monitor.record(0, null);
        monitor.record(1, null);
        assertEquals(1, monitor.droppedSamples());
    }
}
