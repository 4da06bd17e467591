package org.hebb.plasticity.definition;

import java.util.ArrayList;
import java.util.List;

import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.DeviceArgument;
import org.hebb.simulator.engine.DeviceRule;
import org.hebb.simulator.engine.SpikeView;
import org.hebb.simulator.engine.SynapseRange;
import org.hebb.simulator.engine.SynapseUpdate;
import org.hebb.simulator.engine.Trace;

/**
 * A defined rule's {@code on_pre} and {@code on_post} work on one projection: on the JVM the generated Java class;
 * for a device, the generated OpenCL C and the arguments it takes.
 */
final class DefinedUpdate implements DeviceRule {
    private final SynapseUpdate generated;
    private final Projection projection;
    private final String openClName;
    private final String openClSource;
    private final List<DeviceArgument> arguments = new ArrayList<>();

    DefinedUpdate(SynapseUpdate generated, SynapseDefinition definition, Projection projection,
                  float[][] synapseArrays, Trace[] traces, float[] constants) {
        this.generated = generated;
        this.projection = projection;
        String source = OpenClRuleSource.of(definition, "@RULE@");
        this.openClName = "rule_" + Integer.toHexString(source.hashCode()).replace('-', 'm');
        this.openClSource = source.replace("@RULE@", openClName);
        arguments.add(new DeviceArgument.Delays());
        arguments.add(new DeviceArgument.Weights(synapseArrays[0]));
        arguments.add(new DeviceArgument.DelayRange());
        arguments.add(new DeviceArgument.Incoming());
        arguments.add(new DeviceArgument.SynapseBase());
        for (Trace t : traces) {
            arguments.add(new DeviceArgument.TraceRing(t));
        }
        for (int k = 1; k < synapseArrays.length; k++) {
            arguments.add(new DeviceArgument.SynapseArray(synapseArrays[k]));
        }
        for (float c : constants) {
            arguments.add(new DeviceArgument.Constant(c));
        }
    }

    @Override
    public void afterDelivery(SynapseRange synapses, long spikeStep, SpikeView pre, SpikeView post) {
        generated.afterDelivery(synapses, spikeStep, pre, post);
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
