package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.List;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.DeviceArgument;
import org.hebb.simulator.engine.DeviceTransmission;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.SynapseRange;
import org.hebb.simulator.engine.Transmission;

/**
 * A defined rule's {@code on_transmit} work on one projection: on the JVM the generated Java class; for a device,
 * the generated OpenCL C and the arguments it takes.
 */
final class DefinedTransmission extends GeneratedDeviceWork implements DeviceTransmission {
    private final Transmission generated;

    DefinedTransmission(Transmission generated, SynapseDefinition definition, Projection projection,
                        float[][] synapseArrays, float[] constants, long[] lastSpike) {
        super(projection, OpenClRuleSource.transmission(definition, "@RULE@"), "transmit",
                arguments(definition, synapseArrays, constants, lastSpike));
        this.generated = generated;
    }

    private static List<DeviceArgument> arguments(SynapseDefinition definition, float[][] synapseArrays,
                                                  float[] constants, long[] lastSpike) {
        List<SynapseVariable> variables = definition.synapseVariables();
        int sent = variables.indexOf(variables.stream()
                .filter(v -> v.name().equals(SynapseDefinition.TRANSMITTED)).findFirst().orElseThrow());
        List<DeviceArgument> arguments = new ArrayList<>();
        arguments.add(new DeviceArgument.Sent(synapseArrays[sent]));
        arguments.add(new DeviceArgument.LastSpikes(lastSpike));
        arguments.add(new DeviceArgument.SynapseBase());
        for (int k = 0; k < variables.size(); k++) {
            if (k != sent) {
                arguments.add(new DeviceArgument.SynapseArray(synapseArrays[k]));
            }
        }
        for (float c : constants) {
            arguments.add(new DeviceArgument.Constant(c));
        }
        return arguments;
    }

    @Override
    public float[] transmitted() {
        return generated.transmitted();
    }

    @Override
    public void beforeDelivery(SynapseRange synapses, long spikeStep, SpikeView pre) {
        generated.beforeDelivery(synapses, spikeStep, pre);
    }

    @Override
    public void delivered(long spikeStep, SpikeView pre) {
        generated.delivered(spikeStep, pre);
    }
}
