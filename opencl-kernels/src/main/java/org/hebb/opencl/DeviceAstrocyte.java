package org.hebb.opencl;

import java.util.Arrays;
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
    /** The host's state as the device last took it or gave it back. */
    private float[] known = new float[5];

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
        known = rates.state();
        System.arraycopy(known, 0, values, 0, values.length);
        session.write(state, valuesHost);
    }

    void download() {
        session.read(state, valuesHost);
        rates.setState(values);
        known = rates.state();
    }

    /**
     * Fails if user code changed the astrocyte on the host since the device last took or gave back its state: during
     * a run the device holds the rates, so such a change (a reset or a new decay from a step callback) would be lost.
     */
    void requireUnchangedOnHost() {
        if (!Arrays.equals(rates.state(), known)) {
            throw new IllegalStateException("an astrocyte was changed during a run (Astrocyte.reset or "
                    + "setRateDecayPerMs, from a step callback or another thread): the OPENCL backend holds its rates "
                    + "on the device during a run, so the change would be lost; change it between runs, or use "
                    + "BackendKind.JAVA");
        }
    }
}
