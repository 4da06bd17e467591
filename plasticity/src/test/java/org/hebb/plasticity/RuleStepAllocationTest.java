package org.hebb.plasticity;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.Stream;

import org.hebb.plasticity.testing.PlasticNetworks;
import org.hebb.plasticity.testing.PlasticNetworks.Setup;
import org.hebb.simulator.EngineKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.plasticity.RuleState;
import org.hebb.simulator.testing.AllocationMeter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plastic networks step without allocating ({@link AllocationMeter#assertStepsAllocateNothing}): every rule on
 * every Java engine it runs on, on one thread and two.
 */
class RuleStepAllocationTest {
    static Stream<Arguments> rulesAndEngines() {
        Setup stdp = PlasticNetworks::stdp;
        Setup threeFactor = PlasticNetworks::threeFactor;
        Setup astrocyte = PlasticNetworks::astrocyte;
        Setup projected = PlasticNetworks::threeFactorWithProjection;
        return Stream.of(Arguments.of("STDP", stdp, 0.1, EngineKind.CLOCK_DRIVEN, 1),
                Arguments.of("STDP", stdp, 0.1, EngineKind.CLOCK_DRIVEN, 2),
                Arguments.of("STDP", stdp, 0.1, EngineKind.EVENT_DRIVEN, 1),
                Arguments.of("three-factor", threeFactor, 0.1, EngineKind.CLOCK_DRIVEN, 1),
                Arguments.of("three-factor", threeFactor, 0.1, EngineKind.CLOCK_DRIVEN, 2),
                Arguments.of("three-factor with HLOP's projection", projected, 0.1, EngineKind.CLOCK_DRIVEN, 2),
                Arguments.of("astrocyte STDP", astrocyte, 1.0, EngineKind.CLOCK_DRIVEN, 1),
                Arguments.of("astrocyte STDP", astrocyte, 1.0, EngineKind.CLOCK_DRIVEN, 2));
    }

    @ParameterizedTest(name = "{0}, {3}, {4} threads")
    @MethodSource("rulesAndEngines")
    void plasticStepsAllocateNothing(String rule, Setup setup, double dt, EngineKind engine, int threads) {
        try (Network net = Network.builder().dt(dt).seed(3).engine(engine).threads(threads).build()) {
            RuleState state = setup.build(net);
            float[] initial = state.values("weight").clone();
            AllocationMeter.assertStepsAllocateNothing(net, rule + ", " + engine + ", " + threads + " threads");
            assertFalse(Arrays.equals(initial, state.values("weight")), "the rule changes weights");
        }
    }
}
