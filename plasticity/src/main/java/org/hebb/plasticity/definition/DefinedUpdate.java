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
final class DefinedUpdate extends GeneratedDeviceWork implements DeviceRule {
    private final SynapseUpdate generated;
    private final boolean splitsPresynapticWork;
    private final boolean hasPostsynapticWork;

    DefinedUpdate(SynapseUpdate generated, SynapseDefinition definition, Projection projection,
                  float[][] synapseArrays, Trace[] traces, float[] constants, float[][] modulators,
                  LazyEquations lazy) {
        super(projection, OpenClRuleSource.of(definition, "@RULE@"), "rule",
                arguments(synapseArrays, traces, constants, modulators, lazy));
        this.generated = generated;
        this.splitsPresynapticWork = OpenClRuleSource.splitsPresynapticWork(definition);
        this.hasPostsynapticWork = OpenClRuleSource.hasPostsynapticWork(definition);
    }

    private static List<DeviceArgument> arguments(float[][] synapseArrays, Trace[] traces, float[] constants,
                                                  float[][] modulators, LazyEquations lazy) {
        List<DeviceArgument> arguments = new ArrayList<>();
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
        for (float[] m : modulators) {
            arguments.add(new DeviceArgument.Modulator(m));
        }
        if (lazy != null) {
            arguments.add(new DeviceArgument.SynapseSteps(lazy.lastUpdate()));
            for (int k = 0; k < lazy.tables().length; k++) {
                if (lazy.tables()[k] != null) {
                    arguments.add(new DeviceArgument.DecayTable(lazy.tables()[k], lazy.perStep()[k]));
                }
            }
        }
        return arguments;
    }

    @Override
    public boolean splitsPresynapticWork() {
        return splitsPresynapticWork;
    }

    @Override
    public boolean hasPostsynapticWork() {
        return hasPostsynapticWork;
    }

    @Override
    public void afterDelivery(SynapseRange synapses, long spikeStep, SpikeView pre, SpikeView post) {
        generated.afterDelivery(synapses, spikeStep, pre, post);
    }
}
