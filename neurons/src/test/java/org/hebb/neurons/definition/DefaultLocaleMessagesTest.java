package org.hebb.neurons.definition;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.function.Supplier;
import org.hebb.neurons.EventDrivenModel;
import org.junit.jupiter.api.Test;

/**
 * Refusals name precisions and kinds of names in English whatever the JVM's default locale: under tr-TR,
 * {@code "SINGLE".toLowerCase()} is "sıngle", with a dotless i.
 */
class DefaultLocaleMessagesTest {
    /** {@code work}'s result with the default locale tr-TR, the default restored after. */
    private static <T> T inTurkish(Supplier<T> work) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            return work.get();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aNumberBeyondSinglePrecisionIsSaidToBeSo() {
        DefinedNeuronModel model = NeuronDefinition.builder("large").parameter("tau", "ms", 10)
                .equations("dv/dt = -v / tau + v * 1e39 / ms : mV").method(IntegrationMethod.EULER).build().model();
        String message = inTurkish(() -> assertThrows(IllegalArgumentException.class,
                () -> model.createKernel(model.createState(1), 0.1)).getMessage());
        assertTrue(message.contains("beyond the range of single precision"), message);
    }

    @Test
    void aCoefficientOfAStepInputIsSaidToBeSo() {
        NeuronDefinition definition = NeuronDefinition.builder("gated").parameter("tau", "ms", 10)
                .stepInput("I_syn", "nA").equations("dv/dt = -v / tau - v * I_syn / (nA * ms) : mV")
                .receptor(Receptor.of("excitatory", "nA", "I_syn += weight")).method(IntegrationMethod.EULER)
                .build();
        EventDrivenModel model = definition.model();
        String why = inTurkish(() -> model.whyNoClosedForm(0.1).orElseThrow());
        assertTrue(why.contains("depends on I_syn (step input)"), why);
    }
}
