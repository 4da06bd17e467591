package org.hebb.experiments.coba;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.neurons.lif.IfCondExp;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The COBA benchmark network at N = 4000 sustains itself at 15-30 Hz (published: about 19-22 Hz). */
class CobaRateTest {
    @ParameterizedTest
    @EnumSource(IfCondExp.Integration.class)
    void settlesBetween15And30Hz(IfCondExp.Integration integration) {
        CobaNetwork coba = CobaNetwork.build(4000, 3, 1, integration);
        try (var net = coba.network()) {
            net.run(200);
            SpikeMonitor exc = net.monitorSpikes(coba.excitatory(), SpikeMonitor.settings().countsOnly());
            SpikeMonitor inh = net.monitorSpikes(coba.inhibitory(), SpikeMonitor.settings().countsOnly());
            net.run(800);
            assertTrue(exc.meanRateHz() >= 15 && exc.meanRateHz() <= 30, "excitatory " + exc.meanRateHz() + " Hz");
            assertTrue(inh.meanRateHz() >= 15 && inh.meanRateHz() <= 30, "inhibitory " + inh.meanRateHz() + " Hz");
        }
    }
}
