package org.hebb.opencl;

import org.hebb.simulator.engine.AstrocyteStdpUpdate;

/** Astrocyte-modulated STDP on one projection. */
final class AstrocyteStdpLaunch extends RuleLaunch {
    AstrocyteStdpLaunch(DeviceNetwork network, AstrocyteStdpUpdate rule, DeviceAstrocyte astrocyte) {
        super(network, "astrocyte_stdp", rule.projection(), rule.weights());
        DeviceTrace pre = network.trace(rule.presynapticTrace());
        DeviceTrace post = network.trace(rule.postsynapticTrace());
        launch.args(OWN_ARGUMENTS, delivery.weights(), network.spiked(), post.ring, post.trace.depth(), post.stride,
                pre.ring, pre.trace.depth(), pre.stride, inStart, inSynapse, inSource,
                rule.presynapticExcitatory() ? 1 : 0, astrocyte.state, rule.minWeight(), rule.maxWeight());
        useGpuShapeKernels("astrocyte_stdp", true, true);
    }
}
