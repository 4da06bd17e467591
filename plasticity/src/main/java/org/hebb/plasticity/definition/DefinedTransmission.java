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
final class DefinedTransmission implements DeviceTransmission {
    private final Transmission generated;
    private final Projection projection;
    private final String openClName;
    private final String openClSource;
    private final List<DeviceArgument> arguments = new ArrayList<>();

    DefinedTransmission(Transmission generated, SynapseDefinition definition, Projection projection,
                        float[][] synapseArrays, float[] constants) {
        this.generated = generated;
        this.projection = projection;
        String source = OpenClRuleSource.transmission(definition, "@RULE@");
        this.openClName = "transmit_" + Integer.toHexString(source.hashCode());
        this.openClSource = source.replace("@RULE@", openClName);
        List<SynapseVariable> variables = definition.synapseVariables();
        int sent = variables.indexOf(variables.stream()
                .filter(v -> v.name().equals(SynapseDefinition.TRANSMITTED)).findFirst().orElseThrow());
        arguments.add(new DeviceArgument.Sent(synapseArrays[sent]));
        arguments.add(new DeviceArgument.LastSpikes());
        arguments.add(new DeviceArgument.SynapseBase());
        for (int k = 0; k < variables.size(); k++) {
            if (k != sent) {
                arguments.add(new DeviceArgument.SynapseArray(synapseArrays[k]));
            }
        }
        for (float c : constants) {
            arguments.add(new DeviceArgument.Constant(c));
        }
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

    @Override
    public Projection projection() {
        return projection;
    }

    @Override
    public String openClName() {
        return openClName;
    }

    @Override
    public String openClSource() {
        return openClSource;
    }

    @Override
    public List<DeviceArgument> deviceArguments() {
        return List.copyOf(arguments);
    }
}
