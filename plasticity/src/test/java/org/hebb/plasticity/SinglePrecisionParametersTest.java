package org.hebb.plasticity;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.plasticity.astrocyte.Astrocyte;
import org.hebb.plasticity.astrocyte.AstrocyteStdp;
import org.hebb.plasticity.stdp.InhibitoryStdp;
import org.hebb.plasticity.stdp.Stdp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Rule parameters are kept in single precision, the precision of the weights they change: a value finite in
 * double precision but beyond the float range (1e39) would become infinite, and an infinite amplitude times a
 * trace of 0 makes a NaN weight. Such values are refused where they are given, naming the parameter and the value.
 */
class SinglePrecisionParametersTest {
    private static final double BEYOND_FLOAT = 1e39;

    private static void refused(Executable call, String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, name);
        for (String part : new String[] {name + " = 1.0E39", "is not allowed", "single precision"}) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part
                    + "'");
        }
    }

    @Test
    void stdpAmplitudesBeyondTheFloatRangeAreRefused() {
        refused(() -> Stdp.builder().aPlus(BEYOND_FLOAT), "a_plus");
        refused(() -> Stdp.builder().aMinus(BEYOND_FLOAT), "a_minus");
    }

    @Test
    void astrocyteRatesAndConstantsBeyondTheFloatRangeAreRefused() {
        refused(() -> Astrocyte.builder().potentiationRate(BEYOND_FLOAT), "potentiation rate");
        refused(() -> Astrocyte.builder().depressionRate(BEYOND_FLOAT), "depression rate");
        refused(() -> Astrocyte.builder().weight(BEYOND_FLOAT), "astrocyte weight w_A");
        refused(() -> Astrocyte.builder().bias(BEYOND_FLOAT), "astrocyte bias");
        Astrocyte astrocyte = Astrocyte.builder().mode(Astrocyte.Mode.FIXED).build();
        refused(() -> AstrocyteStdp.builder(astrocyte).traceIncrement(BEYOND_FLOAT), "trace increment");
    }

    @Test
    void definedRuleParametersBeyondTheFloatRangeAreRefused() {
        refused(() -> InhibitoryStdp.VOGELS_2011.rule().with("eta", BEYOND_FLOAT), "parameter eta");
        // in Hebb's units (per ms) 1e39 Hz is 1e36, which a float holds
        InhibitoryStdp.VOGELS_2011.rule().with("rho0", BEYOND_FLOAT);
    }
}
