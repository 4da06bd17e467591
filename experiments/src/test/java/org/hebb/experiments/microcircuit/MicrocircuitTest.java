package org.hebb.experiments.microcircuit;

import static org.hebb.experiments.microcircuit.MicrocircuitParameters.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.opencl.OpenClDevices;
import org.hebb.simulator.BackendKind;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Projection;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.input.Currents;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The microcircuit at 1% of its size: the network built as specified (sizes, synapse counts, weights, delays),
 * a run's outputs, and results that depend on the seed alone, not on the thread count.
 */
class MicrocircuitTest {
    private static final double SCALE = 0.01;

    @Test
    void theNetworkIsBuiltAsSpecified() {
        Microcircuit circuit = Microcircuit.build(SCALE, Microcircuit.Background.POISSON, 5, 1, BackendKind.JAVA);
        try (Network net = circuit.network()) {
            for (int p = 0; p < 8; p++) {
                assertEquals(Microcircuit.size(p, SCALE), circuit.populations().get(p).size());
            }
            assertEquals(Microcircuit.totalSynapses(SCALE), circuit.synapses());
            Map<String, Projection> byName = new HashMap<>();
            net.projections().forEach(pr -> byName.put(pr.name(), pr));
            assertEquals(55, byName.size(), "64 pathways but the 9 with p = 0");
            Projection l4ToL23 = byName.get("L4E->L23E");
            assertEquals(Microcircuit.synapses(0, 2, SCALE), l4ToL23.synapseCount());
            // NEST's mean delays of 15 and 7.5 steps, and the step by which NEST's delays act later than Hebb's
            assertMoments(l4ToL23, 2 * 0.08781, 15 + 1);
            assertMoments(byName.get("L23E->L4I"), 0.08781, 15 + 1);
            assertMoments(byName.get("L4I->L4E"), -4 * 0.08781, 7.5 + 1);
        }
    }

    /** Weights of the projection's mean (10% sd, none across zero) and delays of about the mean, in steps. */
    private static void assertMoments(Projection projection, double meanWeight, double meanDelaySteps) {
        int n = projection.synapseCount();
        double weights = 0;
        double delays = 0;
        for (int k = 0; k < n; k++) {
            float w = projection.weightOf(k);
            assertTrue(meanWeight > 0 ? w > 0 : w < 0, projection.name() + " weight " + w);
            weights += w;
            assertTrue(projection.delayOf(k) >= 2, projection.name() + " delay " + projection.delayOf(k));
            delays += projection.delayOf(k);
        }
        assertEquals(meanWeight, weights / n, 5 * 0.1 * Math.abs(meanWeight) / Math.sqrt(n), projection.name());
        // the delays' normal is cut below dt/2 (at 3 sd for 1.5 ms, at 1.9 sd for 0.75 ms), which raises the mean
        assertEquals(meanDelaySteps, delays / n, 0.1 * meanDelaySteps, projection.name() + " delays");
    }

    @Test
    void aRunWritesItsResultsAndDependsOnTheSeedAlone(@TempDir Path out) throws Exception {
        MicrocircuitExperiment.Settings one = new MicrocircuitExperiment.Settings(SCALE,
                Microcircuit.Background.POISSON, BackendKind.JAVA, 1, 3, 50, 150);
        MicrocircuitExperiment.Result r = MicrocircuitExperiment.run(one, out);
        JsonNode json = new ObjectMapper().readTree(out.resolve(MicrocircuitExperiment.RESULT).toFile());
        for (String field : List.of("scale", "background", "backend", "threads", "seed", "hebb_seconds_per_bio_second",
                "brian2_seconds_per_bio_second", "hebb_peak_memory_gib", "construction_seconds", "rates_hz",
                "machine", "cv_isi", "synchrony", "synapses")) {
            assertTrue(json.has(field), "result.json has " + field);
        }
        assertTrue(json.get("brian2_seconds_per_bio_second").isNull());
        assertTrue(json.get("warnings").isArray() && json.get("warnings").isEmpty(), "a quiet run: no warnings, "
                + json.get("warnings"));
        assertEquals(List.of(), r.warnings());
        assertEquals(8, json.get("rates_hz").size());
        assertEquals(r.ratesHz()[2], json.get("rates_hz").get("L4E").asDouble(), 0);
        assertTrue(Files.size(out.resolve("raster.png")) > 0 && Files.size(out.resolve("rates.png")) > 0);
        double all = Arrays.stream(r.ratesHz()).sum();
        assertTrue(all > 0 && all < 8 * 100, "rates " + Arrays.toString(r.ratesHz()));

        MicrocircuitExperiment.Result two = MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE,
                Microcircuit.Background.POISSON, BackendKind.JAVA, 2, 3, 50, 150), null);
        assertArrayEquals(r.ratesHz(), two.ratesHz(), "1 and 2 threads");
        assertArrayEquals(r.cvOfIntervals(), two.cvOfIntervals(), "1 and 2 threads");
        MicrocircuitExperiment.Result other = MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE,
                Microcircuit.Background.POISSON, BackendKind.JAVA, 1, 4, 50, 150), null);
        assertTrue(!Arrays.equals(r.ratesHz(), other.ratesHz()), "another seed, another network");
    }

    /**
     * A circuit driven into runaway activity (100 nA into every neuron: each fires again as soon as its refractory
     * period ends, at its saturation rate) warns once per population, and result.json and summary.md carry the
     * warnings, naming the populations.
     */
    @Test
    void aRunawayRunWritesItsWarningsIntoTheResults(@TempDir Path out) throws Exception {
        MicrocircuitExperiment.Result r = MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE,
                        Microcircuit.Background.DC, BackendKind.JAVA, 1, 3, 0, 100), out,
                SpikeMonitor.DEFAULT_MAX_STORED, circuit -> circuit.populations()
                        .forEach(p -> p.inject(Currents.constant(100))));
        assertEquals(8, r.warnings().size(), r.warnings().toString());
        JsonNode warnings = new ObjectMapper().readTree(out.resolve(MicrocircuitExperiment.RESULT).toFile())
                .get("warnings");
        assertEquals(8, warnings.size(), warnings.toString());
        for (int p = 0; p < 8; p++) {
            assertEquals(r.warnings().get(p), warnings.get(p).asText());
            assertTrue(warnings.get(p).asText().startsWith("runaway activity: population '"
                    + MicrocircuitParameters.POPULATIONS.get(p) + "'"), warnings.get(p).asText());
        }
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("Warnings: 8") && md.contains("- runaway activity: population 'L23E'"), md);
    }

    /**
     * Spikes past a monitor's bound are counted though not stored: the rates are those of a run that stored all,
     * and the populations whose spikes were not all stored have no CV or synchrony (measured on part of the
     * recorded time they would be wrong), are listed in result.json and noted in summary.md.
     */
    @Test
    void spikesPastTheStoredBoundCountInTheRatesAndMarkTheOtherMetricsIncomplete(@TempDir Path out,
                                                                                 @TempDir Path whole)
            throws Exception {
        MicrocircuitExperiment.Settings settings = new MicrocircuitExperiment.Settings(SCALE,
                Microcircuit.Background.POISSON, BackendKind.JAVA, 1, 3, 50, 150);
        MicrocircuitExperiment.Result all = MicrocircuitExperiment.run(settings, whole);
        // a bound between the populations' spike counts (estimated from their rates), so that some fill it
        double[] spikes = new double[8];
        for (int p = 0; p < 8; p++) {
            spikes[p] = all.ratesHz()[p] * Microcircuit.size(p, SCALE) * 0.2;
        }
        Arrays.sort(spikes);
        int bound = (int) Math.sqrt(spikes[3] * spikes[4]);
        MicrocircuitExperiment.Result bounded = MicrocircuitExperiment.run(settings, out, bound);
        assertArrayEquals(all.ratesHz(), bounded.ratesHz(), "rates count every spike, stored or not");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(out.resolve(MicrocircuitExperiment.RESULT).toFile());
        assertTrue(json.get("dropped_spikes").asLong() > 0);
        assertFalse(json.get("metrics_complete").asBoolean());
        List<String> incomplete = new java.util.ArrayList<>();
        json.get("incomplete_populations").forEach(p -> incomplete.add(p.asText()));
        assertTrue(!incomplete.isEmpty() && incomplete.size() < 8, "some populations fired more than " + bound
                + " spikes, some fewer: " + incomplete);
        for (int p = 0; p < 8; p++) {
            String name = MicrocircuitParameters.POPULATIONS.get(p);
            if (incomplete.contains(name)) {
                assertTrue(json.get("cv_isi").get(name).isNull() && json.get("synchrony").get(name).isNull(), name);
            } else {
                assertEquals(all.synchrony()[p], bounded.synchrony()[p], 0, name + ": all its spikes were stored");
                assertEquals(all.cvOfIntervals()[p], bounded.cvOfIntervals()[p], 0, name);
            }
        }
        assertTrue(Files.readString(out.resolve("summary.md")).contains("not all stored"));
        JsonNode complete = mapper.readTree(whole.resolve(MicrocircuitExperiment.RESULT).toFile());
        assertTrue(complete.get("metrics_complete").asBoolean());
        assertEquals(0, complete.get("incomplete_populations").size());
    }

    /**
     * summary.md says what made the run, as result.json does: the backend, the threads the network ran on and the
     * seed (and the result the build of Hebb), so that a summary read alone tells which configuration its numbers are
     * for.
     */
    @Test
    void theSummaryStatesTheBackendTheThreadsAndTheSeed(@TempDir Path out) throws Exception {
        MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE, Microcircuit.Background.POISSON,
                BackendKind.JAVA, 2, 7, 0, 20), out);
        JsonNode json = new ObjectMapper().readTree(out.resolve(MicrocircuitExperiment.RESULT).toFile());
        assertEquals("java", json.get("backend").asText());
        assertEquals(2, json.get("threads").asInt());
        assertEquals(7, json.get("seed").asLong());
        assertEquals(HebbVersion.describe(), json.get("hebb_version").asText());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.startsWith("# Cortical microcircuit, scale 0.01, poisson background, seed 7\n"), summary);
        assertTrue(summary.contains("\nBackend java, 2 threads, seed 7.\n"), summary);
    }

    /**
     * The DC background is the Poisson background's mean current, so it drives the circuit to about the Poisson
     * run's rates: the populations' summed rate within 25% of it (about 7% apart at this scale and seed; 20% less
     * current would put it 44% apart).
     */
    @Test
    void theDcBackgroundDrivesTheCircuitAsThePoissonOneDoes() throws Exception {
        double[] dc = MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE,
                Microcircuit.Background.DC, BackendKind.JAVA, 1, 3, 50, 150), null).ratesHz();
        double[] poisson = MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE,
                Microcircuit.Background.POISSON, BackendKind.JAVA, 1, 3, 50, 150), null).ratesHz();
        double dcTotal = Arrays.stream(dc).sum();
        double poissonTotal = Arrays.stream(poisson).sum();
        assertEquals(poissonTotal, dcTotal, 0.25 * poissonTotal, "DC " + Arrays.toString(dc) + ", Poisson "
                + Arrays.toString(poisson));
    }

    /** With either background the OpenCL backend runs the circuit as Java does: the same rates, to the spike. */
    @ParameterizedTest
    @EnumSource(Microcircuit.Background.class)
    void openClRunsTheCircuitAsJavaDoes(Microcircuit.Background background) throws Exception {
        Prerequisites.require(OpenClDevices.missingReason());
        double[] onJava = MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE,
                background, BackendKind.JAVA, 1, 3, 20, 100), null).ratesHz();
        double[] onOpenCl = MicrocircuitExperiment.run(new MicrocircuitExperiment.Settings(SCALE,
                background, BackendKind.OPENCL, 0, 3, 20, 100), null).ratesHz();
        assertTrue(Arrays.stream(onJava).sum() > 0);
        assertArrayEquals(onJava, onOpenCl);
    }

    /**
     * The construction time covers what the first run would otherwise do before its first step (the engine's
     * run-time structures; on a device, its programs and the copy of the network there): the network is prepared
     * when construction ends, so that neither the warm-up nor, without a warm-up, the recorded run's time per
     * biological second holds that setup.
     */
    @Test
    void constructionEndsWithThePreparedNetwork() {
        MicrocircuitExperiment.Construction c = MicrocircuitExperiment.construct(new MicrocircuitExperiment.Settings(
                SCALE, Microcircuit.Background.DC, BackendKind.JAVA, 1, 1, 0, 10), 1000);
        try (Network net = c.circuit().network()) {
            assertEquals(MicrocircuitParameters.POPULATIONS.size(), c.monitors().size());
            assertEquals(0, net.stepsRun());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.addNeurons("late", 1,
                    null), "the structure is fixed: the network was prepared");
            assertTrue(e.getMessage().contains("after the first run (or prepare())"), e.getMessage());
        }
    }

    /**
     * The raster's legend names each population's rows: the groups are coloured only as excitatory or inhibitory,
     * so without them the populations cannot be told apart. Every spike drawn lies in its group's rows, and the rows
     * run from L6I at the bottom to L23E at the top without gaps.
     */
    @Test
    void theRasterLegendNamesEachPopulationsRows() {
        MicrocircuitExperiment.Settings s = new MicrocircuitExperiment.Settings(SCALE, Microcircuit.Background.DC,
                BackendKind.JAVA, 1, 1, 0, 50);
        MicrocircuitExperiment.Construction c = MicrocircuitExperiment.construct(s, 100_000);
        try (Network net = c.circuit().network()) {
            net.run(50);
            List<org.hebb.experiments.output.Plots.RasterGroup> groups = MicrocircuitExperiment.rasterGroups(
                    c.circuit(), c.monitors(), 50);
            assertEquals(8, groups.size());
            int next = 0;
            for (int g = 0; g < groups.size(); g++) {
                String name = MicrocircuitParameters.POPULATIONS.get(7 - g);
                int size = c.circuit().populations().get(7 - g).size();
                int shown = Math.max(1, (int) Math.round(size * 0.02));
                String rows = shown == 1 ? "row " + next : "rows " + next + "-" + (next + shown - 1);
                assertEquals(name + " (" + rows + ")", groups.get(g).label());
                for (double row : groups.get(g).rows()) {
                    assertTrue(row >= next && row < next + shown, name + " row " + row);
                }
                next += shown;
            }
        }
    }

    /**
     * NEST's iaf_psc_exp holds v at V_reset in the t_ref / dt = 20 steps after the step of its spike and integrates
     * again in the next one; with a constant current that takes T from V_reset to threshold, exact integration
     * crosses after j = ceil(T / dt) integrated steps, so the intervals are 20 + j steps (0.9 nA: T = 5.39 ms,
     * j = 54, 7.4 ms). The microcircuit's neurons fire at NEST's intervals, not a step sooner.
     */
    @Test
    void theNeuronsAreRefractoryAsNestsIafPscExp() {
        double current = 0.9;
        double vInfinity = V_REST_MV + current * TAU_M_MS / CM_NF;
        double toThreshold = TAU_M_MS * Math.log((vInfinity - V_RESET_MV) / (vInfinity - V_THRESH_MV));
        long expectedSteps = Math.round(TAU_REFRAC_MS / DT_MS) + (long) Math.ceil(toThreshold / DT_MS);
        try (Network net = Network.builder().dt(DT_MS).seed(1).threads(1).build()) {
            NeuronPopulation neuron = net.addNeurons("neuron", 1, Microcircuit.neuronModel());
            neuron.inject(Currents.constant(current));
            SpikeMonitor spikes = net.monitorSpikes(neuron);
            net.run(100);
            double[] times = spikes.times();
            assertTrue(times.length > 5, times.length + " spikes");
            for (int k = 1; k < times.length; k++) {
                assertEquals(expectedSteps, Math.round((times[k] - times[k - 1]) / DT_MS), "interval " + k);
            }
        }
    }

    /**
     * Each of the eight populations has a spike monitor of its own bound, so a long run may store eight times that
     * bound: 50 Hz in 7,717 neurons over 300 s would store 116 million spikes, and the monitors may hold 80 million.
     */
    @Test
    void theMemoryEstimateCountsTheSpikesOfEveryPopulationsMonitor() {
        MicrocircuitExperiment.Settings longRun = new MicrocircuitExperiment.Settings(0.1,
                Microcircuit.Background.DC, BackendKind.JAVA, 1, 1, 100, 300_000);
        double withoutSpikes = MemoryEstimate.of("network").neurons(Microcircuit.totalNeurons(0.1))
                .synapses(Microcircuit.totalSynapses(0.1), 0).bytes();
        double spikes = 8.0 * SpikeMonitor.DEFAULT_MAX_STORED;
        assertEquals(withoutSpikes + 24 * spikes, MicrocircuitExperiment.memoryEstimate(longRun).bytes(), 1);
    }

    @Test
    void badSettingsAreRefusedBeforeBuilding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MicrocircuitExperiment.Settings.standard(0, Microcircuit.Background.DC, BackendKind.JAVA, 1, 1));
        assertTrue(e.getMessage().contains("scale = 0.0") && e.getMessage().contains("(0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MicrocircuitExperiment.Settings.standard(1.5,
                Microcircuit.Background.DC, BackendKind.JAVA, 1, 1));
        assertTrue(e.getMessage().contains("scale = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MicrocircuitExperiment.Settings(0.1,
                Microcircuit.Background.DC, BackendKind.JAVA, 1, 1, 100, 4));
        assertTrue(e.getMessage().contains("duration = 4.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MicrocircuitExperiment.Settings.standard(0.1,
                Microcircuit.Background.DC, BackendKind.OPENCL, 2, 1));
        assertTrue(e.getMessage().contains("threads = 2 is not allowed with backend OPENCL"), e.getMessage());
    }
}
