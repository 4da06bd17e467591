package org.hebb.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.neurons.definition.DefinedNeuronModel;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.definition.NeuronDefinition;
import org.hebb.neurons.definition.Receptor;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.Prerequisites;
import org.hebb.simulator.testing.DefaultLocales;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated OpenCL C does not depend on the JVM's default locale: its numbers are ASCII digits whether the
 * default locale writes digits in Persian (fa-IR) or Arabic-Indic (ar-EG) script, or decimals with a comma (de-DE,
 * tr-TR), and a network runs on a device under such a locale with the Java backend's spikes.
 */
class OpenClDefaultLocaleTest {
    /** Default locales whose number formats or case mappings differ from {@link java.util.Locale#ROOT}'s. */
    private static final String[] LOCALES = {"fa-IR", "de-DE", "tr-TR", "ar-EG"};

    /** A fused step of a neuron part with a Poisson input, a Bernoulli source, a delivery, a rule and a trace. */
    private static String fusedSource() {
        FusedStep.Part neurons = new FusedStep.Part("cells", true, 1024, 1000, 0, 4, 0, 16, 12345L, new cl_mem[5],
                "float", List.of(new FusedStep.Poisson(0, 98765L, 0.25f, null)));
        FusedStep.Part source = new FusedStep.Part("source", false, 2048, 2000, 1024, 8, 4, 16, 0x1234_5678_9ABCL,
                new cl_mem[1], "float", List.of());
        FusedStep.Delivery delivery = new FusedStep.Delivery(0, 2, true, new cl_mem[6]);
        Map<Integer, Object> ruleArguments = new LinkedHashMap<>();
        ruleArguments.put(1, 3000);
        ruleArguments.put(2, 0.5f);
        FusedStep.RuleCall rule = new FusedStep.RuleCall("stdp_block", 0, ruleArguments, false);
        FusedStep.TraceAdvance trace = new FusedStep.TraceAdvance(0, 16, 1024, 0.9f, 1f, false, null);
        return FusedStep.source(List.of(neurons, source), List.of(delivery), List.of(rule), List.of(trace), 3072, 12,
                16, 12);
    }

    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"fa-IR", "de-DE", "tr-TR", "ar-EG"})
    void theFusedStepsSourceIsTheSameInEveryDefaultLocale(String tag) throws Exception {
        String root = DefaultLocales.with("und", OpenClDefaultLocaleTest::fusedSource);
        assertTrue(root.contains("if (b < 4)") && root.contains("(step % 16)") && root.contains("3072"),
                "test setup: the source holds the numbers asked for:\n" + root);
        String local = DefaultLocales.with(tag, OpenClDefaultLocaleTest::fusedSource);
        DefaultLocales.assertAscii(local);
        assertEquals(root, local);
    }

    /** A model whose variable v spikes above 1 nA and then loses 1 nA. */
    private static DefinedNeuronModel model() {
        return NeuronDefinition.builder("leaky").parameter("tau", "ms", 5).parameter("theta", "nA", 1)
                .equations("dv/dt = -v / tau : nA").threshold("v > theta").reset("v = v - theta")
                .receptor(Receptor.of("in", "nA", "v += weight")).method(IntegrationMethod.EULER).build().model();
    }

    private static int[] spikes(BackendKind backend) {
        try (Network net = Network.builder().backend(backend).threads(1).seed(11).build()) {
            NeuronPopulation cells = net.addNeurons("cells", 300, model());
            var input = net.addPoissonSource("in", 100, 40);
            net.connect(input, cells, Connectors.fixedProbability(0.2, false), Synapses.onto("in")
                    .weights(Values.constant(0.3)));
            net.connect(cells, cells, Connectors.fixedProbability(0.05, false), Synapses.onto("in")
                    .weights(Values.constant(0.1)));
            SpikeMonitor monitor = net.monitorSpikes(cells);
            net.run(100);
            return monitor.neurons();
        }
    }

    /** The cpu shape runs a {@link FusedStep}, the gpu shape a {@link GpuStep}. */
    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"cpu", "gpu"})
    void aNetworkRunsUnderAPersianDefaultLocaleAsInJava(String shape) throws Exception {
        Prerequisites.require(OpenClDevices.missingReason());
        int[] java = spikes(BackendKind.JAVA);
        assertTrue(java.length > 100, "test setup: too few spikes to compare: " + java.length);
        int[] device = DefaultLocales.with("fa-IR", () -> Shapes.inShape(shape, () -> spikes(BackendKind.OPENCL)));
        assertArrayEquals(java, device);
    }

    @Test
    void aDevicesDescriptionWritesItsMemoryWithADecimalPoint() throws Exception {
        OpenClDevice device = new OpenClDevice(0, "platform", "dev", "GPU", 8, 3L << 29, 256, "OpenCL C 3.0", null,
                null);
        for (String tag : LOCALES) {
            String description = DefaultLocales.with(tag, device::describe);
            assertTrue(description.contains("8 compute units, 1.5 GiB, work-groups up to 256"),
                    tag + ": " + description);
        }
    }
}
