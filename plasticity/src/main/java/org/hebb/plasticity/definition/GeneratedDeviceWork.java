package org.hebb.plasticity.definition;

import java.util.List;

import org.hebb.neurons.definition.generate.GeneratedNames;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.engine.DeviceArgument;

/**
 * What a device backend needs of a piece of a defined rule's work on one projection: the OpenCL C generated for it,
 * named after the source (equal sources share one name), and its arguments by meaning.
 */
abstract class GeneratedDeviceWork {
    private final Projection projection;
    private final String openClName;
    private final String openClSource;
    private final List<DeviceArgument> arguments;

    /**
     * @param source the OpenCL C with {@code @RULE@} where the functions' name goes
     * @param prefix the start of the name ({@code rule}, {@code transmit})
     */
    GeneratedDeviceWork(Projection projection, String source, String prefix, List<DeviceArgument> arguments) {
        this.projection = projection;
        this.openClName = GeneratedNames.of(prefix, source);
        this.openClSource = source.replace("@RULE@", openClName);
        this.arguments = List.copyOf(arguments);
    }

    public Projection projection() {
        return projection;
    }

    public String openClName() {
        return openClName;
    }

    public String openClSource() {
        return openClSource;
    }

    public List<DeviceArgument> deviceArguments() {
        return arguments;
    }
}
