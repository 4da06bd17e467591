package org.hebb.experiments;

import java.util.concurrent.Callable;

import org.hebb.opencl.OpenClDevices;
import picocli.CommandLine.Command;

/** {@code hebb devices}: the OpenCL devices and which one runs by default. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists the OpenCL devices (for Network.builder().backend(OPENCL).device(...)) and the one "
                + "chosen by default.")
final class DevicesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(OpenClDevices.listing(OpenClDevices.list()));
        System.out.println("Default: " + OpenClDevices.select(null).describe());
        return 0;
    }
}
