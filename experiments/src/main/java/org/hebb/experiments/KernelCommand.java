package org.hebb.experiments;

import java.util.concurrent.Callable;

import org.hebb.neurons.BuiltInModels;
import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.util.Require;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hebb kernel}: the kernel Hebb generates from a built-in model's definition. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Prints the Java (or OpenCL C) kernel Hebb generates from a built-in model's definition, "
                + "as it runs.")
final class KernelCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "A built-in model by its name, such as "
            + "IF_cond_exp or HH_cond_exp (an unknown name lists them all).")
    String model;

    @Option(names = "--dt", defaultValue = "0.1", description = "Time step in ms (default ${DEFAULT-VALUE}).")
    double dt;

    @Option(names = "--opencl", description = "Print the OpenCL C kernel instead of the Java one.")
    boolean openCl;

    @Option(names = "--precision", defaultValue = "SINGLE", description = "SINGLE or DOUBLE (default "
            + "${DEFAULT-VALUE}).")
    Precision precision;

    @Override
    public Integer call() {
        Require.that(BuiltInModels.names().contains(model), "--model = '" + model + "' is not a built-in model: "
                + "must be one of " + BuiltInModels.names());
        Require.positive("--dt", dt, "ms");
        DefinedNeuronModel defined = BuiltInModels.named(model);
        spec.commandLine().getOut().print(openCl ? defined.openClSource(dt, precision)
                : defined.javaSource(dt, precision));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
