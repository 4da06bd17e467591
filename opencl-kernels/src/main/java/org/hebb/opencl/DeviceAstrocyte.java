package org.hebb.opencl;

import java.util.List;

import org.hebb.simulator.engine.AstrocyteRates;
import org.hebb.simulator.population.Population;
import org.jocl.cl_mem;

/** An astrocyte's rates {P, A, w_A, bias, decay} on the device, and its update after each step. */
final class DeviceAstrocyte {
    private final DeviceSession session;
    final AstrocyteRates rates;
    final cl_mem state;
    final KernelLaunch update;
    private final float[] values = new float[5];
    private final HostArray valuesHost = HostArray.of(values);

    DeviceAstrocyte(DeviceNetwork network, AstrocyteRates rates) {
        this.session = network.session();
        this.rates = rates;
        this.state = session.floats(rates.state());
        update = network.launch("astrocyte_update", 1, false);
        update.args(1, network.listDepth(), network.totalBlocks(), network.counts(), rates.liquid().size(),
                session.ints(ranges(network, rates.liquid())), rates.input().size(),
                session.ints(ranges(network, rates.input())), rates.modulated() ? 1 : 0, rates.dt(),
                rates.inverseTau(), state);
    }

    private static int[] ranges(DeviceNetwork network, List<Population> populations) {
        int[] ranges = new int[2 * populations.size()];
        for (int p = 0; p < populations.size(); p++) {
            Layout g = network.layout(populations.get(p));
            if (g == null) {
                throw new IllegalArgumentException("astrocyte population '" + populations.get(p).name()
                        + "' is not allowed: it belongs to another network");
            }
            ranges[2 * p] = g.blockOffset();
            ranges[2 * p + 1] = g.blocks();
        }
        return ranges;
    }

    void upload() {
        System.arraycopy(rates.state(), 0, values, 0, values.length);
        session.write(state, valuesHost);
    }

    void download() {
        session.read(state, valuesHost);
        rates.setState(values);
    }
}
