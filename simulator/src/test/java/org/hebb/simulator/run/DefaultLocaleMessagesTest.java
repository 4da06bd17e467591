package org.hebb.simulator.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.testing.DefaultLocales;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reports that stop runs, refusals and progress lines write numbers with a decimal point and ASCII digits, and
 * precisions in English, whatever the JVM's default locale: de-DE writes 12.5 as "12,5", fa-IR in Persian digits,
 * and tr-TR lower-cases "SINGLE" to "sıngle".
 */
class DefaultLocaleMessagesTest {
    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"de-DE", "fa-IR", "tr-TR"})
    void aRateCheckersReportWritesItsTimesAsItsBounds(String tag) throws Exception {
        String message = DefaultLocales.with(tag, () -> {
            try (Network net = Network.builder().dt(0.1).seed(17).threads(1).build()) {
                PoissonSource input = net.addPoissonSource("drive", 100, 300);
                net.checkRate(input, 0, 100, 20);
                return assertThrows(SimulationAbortedException.class, () -> net.run(200)).getMessage();
            }
        });
        assertTrue(message.contains("Hz over the 20.0 ms before t = 20.0 ms is outside the allowed [0.0, 100.0] Hz"),
                message);
        DefaultLocales.assertAscii(message);
    }

    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"de-DE", "fa-IR", "tr-TR"})
    void aNonFiniteStatesReportWritesTheTimeOfTheCheck(String tag) throws Exception {
        String message = DefaultLocales.with(tag, () -> {
            try (Network net = Network.builder().dt(0.1).threads(1).build()) {
                NeuronPopulation pop = net.addNeurons("cortex", 6, IfCurrExp.builder().build());
                pop.inject(Currents.function((t, n) -> n == 4 && t >= 1 ? Double.NaN : 0));
                return assertThrows(SimulationAbortedException.class, () -> net.run(5)).getMessage();
            }
        });
        assertTrue(message.contains("(found by the check at t = 5.000 ms)"), message);
        DefaultLocales.assertAscii(message);
    }

    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"de-DE", "fa-IR", "tr-TR"})
    void aValueBeyondTheFloatRangeIsRefusedNamingSinglePrecision(String tag) throws Exception {
        String message = DefaultLocales.with(tag, () -> {
            try (Network net = Network.builder().dt(0.1).seed(1).threads(1).build()) {
                NeuronPopulation p = net.addNeurons("p", 2, IfCurrExp.builder().build());
                return assertThrows(IllegalArgumentException.class, () -> p.set("v", new double[] {1e39, -65}))
                        .getMessage();
            }
        });
        assertTrue(message.contains("must be finite in single precision"), message);
    }

    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"de-DE", "fa-IR"})
    void progressLinesWriteNumbersWithADecimalPoint(String tag) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            DefaultLocales.with(tag, () -> {
                ProgressListener.printing("run").onProgress(new Progress(0.25, 250, 1000, 1.5, 4.5));
                return null;
            });
        } finally {
            System.setErr(before);
        }
        String line = printed.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("run:  25.0% (250 of 1000 ms simulated, 1.5 s elapsed, ETA 4.5 s)"), line);
    }
}
