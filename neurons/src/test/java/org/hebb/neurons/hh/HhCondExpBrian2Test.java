package org.hebb.neurons.hh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hebb.neurons.Precision;
import org.hebb.neurons.definition.IntegrationMethod;
import org.hebb.neurons.testing.SingleNeuron;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HH_cond_exp, defined from its equations alone, against Brian2 2.5.1 on the same neuron (COBAHH's membrane) under
 * current steps, with rk4 and with exponential Euler (see the reference's README for how the files were made; the
 * two methods differ from each other by up to 2.5 ms, so the comparison tells them apart). Brian2 computes in
 * double: Hebb in double precision puts every spike in the same step of 0.01 ms; in single precision each spike
 * is in the same step or the next. The current is on for the steps that start in [20, 270) ms, and a spike carries
 * the start time of its step, as in Brian2.
 */
class HhCondExpBrian2Test {
    private static final double DT = 0.01;

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"rk4, SINGLE, 0.011", "exponential_euler, SINGLE, 0.011", "rk4, DOUBLE, 1e-9",
        "exponential_euler, DOUBLE, 1e-9"})
    void spikeTimesMatchBrian2(String method, Precision precision, double toleranceMs) throws IOException {
        IntegrationMethod integration = method.equals("rk4") ? IntegrationMethod.RK4
                : IntegrationMethod.EXPONENTIAL_EULER;
        Map<Double, List<Double>> reference = reference("hh_traub_brian2_" + method + ".csv");
        for (Map.Entry<Double, List<Double>> amplitude : reference.entrySet()) {
            List<Double> hebb = spikes(integration, amplitude.getKey(), precision);
            List<Double> brian = amplitude.getValue();
            assertEquals(brian.size(), hebb.size(), method + ", " + amplitude.getKey() + " nA: spikes " + hebb
                    + ", Brian2 " + brian);
            double largest = 0;
            for (int k = 0; k < brian.size(); k++) {
                largest = Math.max(largest, Math.abs(hebb.get(k) - brian.get(k)));
            }
            System.out.printf("HH %s, %s, %s nA: %d spikes, largest difference from Brian2 %.3f ms%n", method,
                    precision, amplitude.getKey(), brian.size(), largest);
            assertEquals(0, largest, toleranceMs, method + ", " + amplitude.getKey() + " nA: " + hebb + " against "
                    + brian);
        }
    }

    private static List<Double> spikes(IntegrationMethod method, double amplitude, Precision precision) {
        SingleNeuron neuron = new SingleNeuron(HhCondExp.definition(method).model(), DT, precision);
        List<Double> times = new ArrayList<>();
        for (int s = 0; s < 30_000; s++) {
            neuron.inject(s >= 2000 && s < 27_000 ? amplitude : 0);
            if (neuron.step()) {
                times.add(s * DT);
            }
        }
        return times;
    }

    private static Map<Double, List<Double>> reference(String file) throws IOException {
        Map<Double, List<Double>> spikes = new TreeMap<>();
        try (InputStream in = HhCondExpBrian2Test.class.getResourceAsStream("/org/hebb/neurons/reference/" + file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("amplitude")) {
                    continue;
                }
                String[] fields = line.split(",");
                spikes.computeIfAbsent(Double.parseDouble(fields[0]), a -> new ArrayList<>())
                        .add(Double.parseDouble(fields[2]));
            }
        }
        return spikes;
    }
}
