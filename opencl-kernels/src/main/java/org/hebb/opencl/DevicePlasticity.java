package org.hebb.opencl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.AstrocyteRates;
import org.hebb.simulator.engine.AstrocyteStdpUpdate;
import org.hebb.simulator.engine.DeviceRule;
import org.hebb.simulator.engine.DeviceTransmission;
import org.hebb.simulator.engine.GlobalUpdate;
import org.hebb.simulator.engine.HostGlobalUpdate;
import org.hebb.simulator.engine.PlasticityWiring;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.engine.Transmission;

/**
 * A network's plasticity as the device runs it: rules and transmissions generated from definitions, the hand-written
 * rule the device knows (astrocyte-modulated STDP), and the global updates that stay on the host. Anything else is
 * refused, naming it.
 *
 * @param deviceRules        rules from definitions
 * @param transmissions      transmissions (short-term plasticity) from definitions
 * @param astrocyteUpdates astrocyte-modulated STDP
 * @param hostUpdates      global updates run on the host after each step's learning (rules' signals)
 */
record DevicePlasticity(List<DeviceRule> deviceRules, List<DeviceTransmission> transmissions,
                        List<AstrocyteStdpUpdate> astrocyteUpdates, List<GlobalUpdate> hostUpdates) {
    /** Sorts {@code plasticity} by what runs it, refusing what the device cannot run. */
    static DevicePlasticity of(PlasticityWiring plasticity) {
        List<DeviceRule> deviceRules = new ArrayList<>();
        List<AstrocyteStdpUpdate> astrocyteUpdates = new ArrayList<>();
        for (Map.Entry<Projection, List<SynapseUpdate>> entry : plasticity.synapseUpdates().entrySet()) {
            List<SynapseUpdate> updates = entry.getValue();
            String projection = "projection '" + entry.getKey().name() + "'";
            if (!updates.isEmpty() && plasticity.transmissions().containsKey(entry.getKey())) {
                throw OpenClEngine.unsupported("short-term plasticity (a rule that sets what synapses transmit) and "
                        + "learning on one projection, " + projection);
            }
            if (updates.size() > 1 && updates.stream().anyMatch(u -> u instanceof AstrocyteStdpUpdate)) {
                throw OpenClEngine.unsupported("astrocyte-modulated STDP and another rule on one projection, "
                        + projection);
            }
            for (SynapseUpdate update : updates) {
                if (update instanceof DeviceRule rule) {
                    deviceRules.add(rule);
                } else if (update instanceof AstrocyteStdpUpdate astrocyte) {
                    astrocyteUpdates.add(astrocyte);
                } else {
                    throw OpenClEngine.unsupported("afterDelivery code");
                }
            }
        }
        List<GlobalUpdate> onHost = new ArrayList<>();
        for (GlobalUpdate update : plasticity.globalUpdates()) {
            if (update instanceof HostGlobalUpdate) {
                onHost.add(update);
            } else if (!(update instanceof AstrocyteRates)) {
                throw OpenClEngine.unsupported("a global update of a rule the device does not know");
            }
        }
        if (!plasticity.eventUpdates().isEmpty()) {
            throw OpenClEngine.unsupported("plasticity with event updates");
        }
        List<DeviceTransmission> transmissions = new ArrayList<>();
        for (Transmission t : plasticity.transmissions().values()) {
            if (!(t instanceof DeviceTransmission device)) {
                throw OpenClEngine.unsupported("a transmission (short-term plasticity) not made from a definition");
            }
            transmissions.add(device);
        }
        return new DevicePlasticity(deviceRules, transmissions, astrocyteUpdates, onHost);
    }

    /** Steps of spike lists the rules need: 2, or enough to see presynaptic spikes arrive after their delay. */
    int spikeHistorySteps() {
        int steps = 2;
        for (DeviceRule rule : deviceRules) {
            steps = Math.max(steps, rule.projection().maxDelay() + 2);
        }
        return steps;
    }

    /** The OpenCL C of the rules and transmissions from definitions, each distinct source once. */
    Set<String> sources() {
        Set<String> sources = new LinkedHashSet<>();
        deviceRules.forEach(r -> sources.add(r.openClSource()));
        transmissions.forEach(t -> sources.add(t.openClSource()));
        return sources;
    }
}
