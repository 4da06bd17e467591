package org.hebb.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hebb.experiments.HebbCommand;
import org.hebb.experiments.coba.CobaNetwork;
import org.hebb.experiments.jobs.Job;
import org.hebb.experiments.jobs.JobCodec;
import org.hebb.experiments.jobs.JobExecutor;
import org.hebb.experiments.jobs.JobExecutors;
import org.hebb.experiments.limits.MemoryEstimate;
import org.hebb.experiments.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps: seeds and swept values parse, and bad ones are refused; {@code hebb sweep quickstart} runs every point,
 * each giving what a run of that point alone gives, summarises them, and when started again runs nothing twice; the
 * metric is required where the results have no headline number, may not be the seed or an option, and one that no
 * result has fails the sweep, naming the numbers they have.
 */
class SweepTest {
    @TempDir
    Path dir;

    @Test
    void seedsAndSweptOptionsParse() {
        assertArrayEquals(new long[] {1, 2, 3, 7, 9}, SweepPlan.parseSeeds("9,1-3,7,2"));
        SweepPlan plan = SweepPlan.of("1-2", List.of("--side", "5", "--weight", "0.4,0.8", "--fast", "--model",
                "a,b"));
        assertEquals(List.of("--side", "5", "--fast"), plan.fixed());
        assertEquals(Map.of("--weight", List.of("0.4", "0.8"), "--model", List.of("a", "b")), plan.swept());
        List<SweepPlan.Point> points = plan.points();
        assertEquals(8, points.size(), "2 weights x 2 models x 2 seeds");
        assertEquals("weight0.4-modela-seed1", points.get(0).name());
        assertEquals("weight0.8-modelb-seed2", points.get(7).name());
        assertEquals(List.of("nalsm", "--side", "5", "--fast", "--weight", "0.4", "--model", "a", "--seed", "1",
                "--out", "o"), plan.arguments("nalsm", points.get(0), "o"));
    }

    /** A seed whose point lacks the metric draws no bar in sweep.png for that combination, not a bar at 0. */
    @Test
    void aPointWithoutTheMetricHasNoValueInThePlot() {
        SweepPlan plan = SweepPlan.of("1-2", List.of("--weight", "0.4,0.8"));
        List<SweepPlan.Point> points = plan.points();
        List<Map<String, Object>> results = new java.util.ArrayList<>();
        for (SweepPlan.Point point : points) {
            results.add(point.seed() == 2 && point.values().get("--weight").equals("0.8") ? Map.of("other", 1.0)
                    : Map.of("accuracy", point.seed() + 0.5));
        }
        Sweep.Outcome outcome = new Sweep.Outcome(points, results, "accuracy");
        List<String> combinations = List.of(SweepPlan.combinationName(Map.of("--weight", "0.4")),
                SweepPlan.combinationName(Map.of("--weight", "0.8")));
        assertArrayEquals(new double[] {1.5, 1.5}, SweepSummary.metricOfSeed(outcome, 1, combinations));
        double[] second = SweepSummary.metricOfSeed(outcome, 2, combinations);
        assertEquals(2.5, second[0]);
        assertTrue(Double.isNaN(second[1]), "seed 2 at weight 0.8 has no accuracy: " + second[1]);
    }

    /** A swept option --a-b that a result records as a_b has one column in sweep.csv, not two. */
    @Test
    void aSweptOptionRecordedWithUnderscoresHasOneColumn() throws Exception {
        SweepPlan plan = SweepPlan.of("1", List.of("--readout-rate", "0.1,0.2"));
        List<SweepPlan.Point> points = plan.points();
        List<Map<String, Object>> results = new java.util.ArrayList<>();
        for (SweepPlan.Point point : points) {
            results.add(Map.of("readout_rate", Double.parseDouble(point.values().get("--readout-rate")),
                    "accuracy", 0.5));
        }
        SweepSummary.write("nalsm", plan, new Sweep.Outcome(points, results, "accuracy"), dir);
        assertEquals("point,seed,readout-rate,accuracy", Files.readAllLines(dir.resolve("sweep.csv")).get(0));
    }

    /**
     * Where results list warnings, sweep.csv counts them per point (empty for a result without the list) and
     * summary.md names the points that warned, with their first warning; results without any list add neither.
     */
    @Test
    void pointsWarningsAreCountedInTheCsvAndNamedInTheSummary() throws Exception {
        SweepPlan plan = SweepPlan.of("1-3", List.of());
        List<SweepPlan.Point> points = plan.points();
        List<Map<String, Object>> results = List.of(Map.of("rate", 1.0, "warnings", List.of()),
                Map.of("rate", 2.0, "warnings", List.of("runaway activity: population 'exc'", "another")),
                Map.of("rate", 3.0));
        SweepSummary.write("song", plan, new Sweep.Outcome(points, results, "rate"), dir);
        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        assertEquals(List.of("point,seed,rate,warnings", "seed1,1,1.0,0", "seed2,2,2.0,2", "seed3,3,3.0,"), csv);
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("- seed2: 2 warnings, the first: runaway activity: population 'exc'\n"), md);
        assertFalse(md.contains("- seed1") || md.contains("- seed3"), md);

        SweepSummary.write("song", plan, new Sweep.Outcome(points, List.of(Map.of("rate", 1.0), Map.of("rate", 2.0),
                Map.of("rate", 3.0)), "rate"), dir);
        assertEquals("point,seed,rate", Files.readAllLines(dir.resolve("sweep.csv")).get(0));
        assertFalse(Files.readString(dir.resolve("summary.md")).contains("Warnings"));
    }

    /**
     * A range that ends at the largest seed a command takes (Long.MAX_VALUE) ends there: a counter that steps past
     * it would wrap to the smallest long and never end (the timeout turns that hang into a failure).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void rangeEndingAtTheLargestSeedEnds() {
        assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE},
                SweepPlan.parseSeeds((Long.MAX_VALUE - 1) + "-" + Long.MAX_VALUE));
        assertArrayEquals(new long[] {Long.MAX_VALUE}, SweepPlan.parseSeeds(String.valueOf(Long.MAX_VALUE)));
    }

    /**
     * --seeds takes what --seed takes, any long, negative ones included: a '-' right at the start of a seed is its
     * sign, any other separates the ends of a range, so -5--3 is the range from -5 to -3. A range whose ends are
     * far apart is refused even where their difference does not fit a long.
     */
    @Test
    void negativeSeedsAndRangesOfThemParse() {
        assertArrayEquals(new long[] {-5, -4, -3}, SweepPlan.parseSeeds("-5--3"));
        assertArrayEquals(new long[] {-2, -1, 0, 1}, SweepPlan.parseSeeds("-2-1"));
        assertArrayEquals(new long[] {-7, -1, 4}, SweepPlan.parseSeeds("4, -1,-7"));
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1},
                SweepPlan.parseSeeds(Long.MIN_VALUE + "-" + (Long.MIN_VALUE + 1)));
        assertEquals("weight0.4-seed-3", SweepPlan.of("-3", List.of("--weight", "0.4,0.8")).points().get(0).name());
        for (String seeds : new String[] {"-3--5", "--3", "-", "1--", "-1-2-3", Long.MIN_VALUE + "-" + Long.MAX_VALUE,
                "-100000-0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SweepPlan.parseSeeds(seeds));
            assertTrue(e.getMessage().startsWith("--seeds = '" + seeds + "' is not allowed: give seeds and ranges"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("any whole numbers, negative ones with their sign"), e.getMessage());
        }
    }

    @Test
    void badSeedsAndOptionsAreRefused() {
        for (String seeds : new String[] {"", "a", "3-1", "1-2-3", "1,,2", "1,2,", ",1", "1-60000,60001-120000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SweepPlan.parseSeeds(seeds));
            assertTrue(e.getMessage().contains("seeds = '" + seeds + "' is not allowed"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", List.of("--seed", "2")))
                .getMessage().contains("the sweep sets --seed and --out"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", List.of("--w", "1,,2")))
                .getMessage().contains("none empty"));
    }

    @Test
    void listOptionsPassWholeAndSweepOverAlternativesSeparatedBySemicolons() {
        Set<String> lists = HebbCommand.listOptions("what-when");
        assertEquals(Set.of("--latencies", "--probabilities"), lists);
        assertEquals(Set.of(), HebbCommand.listOptions("nalsm"));
        List<String> blocks = List.of("--latencies", "150:300,250:300,250:300", "--probabilities",
                "1:0.5,1:0.5,0.25:0.75");
        SweepPlan one = SweepPlan.of("1", blocks, lists);
        assertEquals(1, one.points().size(), "one point of three blocks");
        List<String> args = one.arguments("what-when", one.points().get(0), "o");
        assertEquals(List.of("what-when", "--latencies", "150:300,250:300,250:300", "--probabilities",
                "1:0.5,1:0.5,0.25:0.75", "--seed", "1", "--out", "o"), args);
        HebbCommand.checkArguments(args, "point");

        SweepPlan two = SweepPlan.of("1", List.of("--latencies", "150:300,250:300;200:300,250:300",
                "--probabilities", "1:0.5,1:0.5", "--trials", "10,20"), lists);
        assertEquals(Map.of("--latencies", List.of("150:300,250:300", "200:300,250:300"), "--trials",
                List.of("10", "20")), two.swept());
        assertEquals(List.of("--probabilities", "1:0.5,1:0.5"), two.fixed());
        assertEquals(4, two.points().size(), "2 alternatives of --latencies x 2 values of --trials");
        assertEquals("latencies150_300_250_300-trials10-seed1", two.points().get(0).name());
        assertEquals(2, SweepPlan.of("1", List.of("--latencies", "150:300;200:300", "--probabilities",
                "1:0.5"), lists).points().size(), "two one-block points");

        String refused = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.of("1", List.of("--trials", "10;20"), lists)).getMessage();
        assertTrue(refused.startsWith("--trials = '10;20' is not allowed: ';' separates the alternatives")
                && refused.contains("--latencies, --probabilities") && refused.contains("separated by commas"),
                refused);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", List.of("--latencies",
                "150:300;"), lists)).getMessage().contains("alternatives separated by ';', none empty"));
        Outcome r = hebbOutput("sweep", "what-when", "--metric", "timing_error_fraction", "--trials", "10;20",
                "--out", dir.resolve("semicolon").toString());
        assertEquals(2, r.exitCode(), r.text());
        assertTrue(r.text().contains("--trials = '10;20' is not allowed"), r.text());
        assertEquals("\"150:300,250:300\"", SweepSummary.csvField("150:300,250:300"));
        assertEquals("0.4", SweepSummary.csvField("0.4"));
    }

    /** A sweep reads --name=value as picocli does, --name value: swept alike, and an option given twice refused. */
    @Test
    void optionsWithEqualsSignsSweepAsSeparateValuesDoAndRepeatsAreRefused() {
        SweepPlan plan = SweepPlan.of("1", List.of("--weight=0.4,0.8", "--model=lsm", "--side", "5"));
        assertEquals(Map.of("--weight", List.of("0.4", "0.8")), plan.swept());
        assertEquals(List.of("--model", "lsm", "--side", "5"), plan.fixed());
        assertEquals(plan.swept(), SweepPlan.of("1", List.of("--weight", "0.4,0.8")).swept());
        Set<String> lists = HebbCommand.listOptions("what-when");
        assertEquals(Map.of("--latencies", List.of("150:300", "200:300")), SweepPlan.of("1",
                List.of("--latencies=150:300;200:300"), lists).swept());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", List.of("--out=o")))
                .getMessage().contains("the sweep sets --seed and --out"));
        for (List<String> twice : List.of(List.of("--side", "5", "--side", "6"), List.of("--side=5", "--side", "6"),
                List.of("--weight", "0.4,0.8", "--weight", "1"))) {
            String message = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", twice))
                    .getMessage();
            assertTrue(message.startsWith("option --" + twice.get(0).replaceAll("^--(\\w+).*", "$1") + " is not "
                    + "allowed twice"), message);
        }
        String message = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", List.of(
                "--latencies", "150:300", "--latencies", "250:300"), lists)).getMessage();
        assertTrue(message.startsWith("option --latencies is not allowed twice"), message);
        message = assertThrows(IllegalArgumentException.class, () -> HebbCommand.checkArguments(List.of(
                "what-when", "--latencies", "150:300", "--latencies", "250:300"), "point")).getMessage();
        assertTrue(message.contains("option '--latencies' should be specified only once"), message);
    }

    /**
     * Two points may not share a directory: a value listed twice, or values that differ only in characters a
     * directory name replaces by '_', would run into one directory, the second overwriting the first, and count
     * one result twice in its combination's mean and sd. The sweep is refused, naming the option and its values.
     */
    @Test
    void valuesThatGiveTwoPointsOneDirectoryAreRefused() {
        String twice = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.of("1-2", List.of("--weight", "0.4,0.8,0.4"))).getMessage();
        assertTrue(twice.startsWith("--weight = '0.4,0.8,0.4' is not allowed: it lists '0.4' twice"), twice);
        Set<String> lists = HebbCommand.listOptions("what-when");
        twice = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", List.of("--latencies",
                "150:300;200:300;150:300", "--probabilities", "1:0.5"), lists)).getMessage();
        assertTrue(twice.startsWith("--latencies = '150:300;200:300;150:300' is not allowed: it lists '150:300' "
                + "twice"), twice);
        String alike = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.of("1", List.of("--model", "a/b,a_b"))).getMessage();
        assertTrue(alike.startsWith("--model = 'a/b,a_b' is not allowed: its values 'a/b' and 'a_b' give one "
                + "point directory, modela_b-seed1"), alike);
        Outcome r = hebbOutput("sweep", "quickstart", "--neurons", "200,200", "--duration", "20", "--metric",
                "synapses", "--out", dir.resolve("twice").toString());
        assertEquals(2, r.exitCode(), r.text());
        assertTrue(r.text().startsWith("hebb sweep: --neurons = '200,200' is not allowed: it lists '200' twice"),
                r.text());
        assertFalse(Files.exists(dir.resolve("twice")), "nothing run or written");
    }

    /**
     * A cluster's workers run each point in a working directory of their own (a standalone worker's is
     * work/APP/EXECUTOR), so a relative --out must reach them resolved against the driver's: a point's files go
     * to the same path on a worker as on the driver, and a point run again after a lost worker finds its
     * checkpoints on a shared disk.
     */
    @Test
    void aClusterRunsEveryPointIntoTheDriversPathOfItsDirectory() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("relative"));
        assertFalse(relative.isAbsolute());
        List<SweepPointJob> shipped = new ArrayList<>();
        JobExecutor cluster = new JobExecutor() {
            @Override
            public int workers() {
                return 1;
            }

            @Override
            public String name() {
                return "cluster";
            }

            @Override
            public <R> void execute(List<? extends Job<R>> jobs, JobCodec<R> codec, Results results)
                    throws IOException {
                for (int k = 0; k < jobs.size(); k++) {
                    shipped.add((SweepPointJob) jobs.get(k));
                    try {
                        results.finished(k, codec.encode(jobs.get(k).run(0)));
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                }
            }
        };
        Sweep.run("quickstart", SweepPlan.of("1", List.of("--neurons", "200,300", "--duration", "20")), relative,
                "synapses", cluster);
        assertEquals(2, shipped.size());
        for (SweepPointJob point : shipped) {
            Path expected = relative.toAbsolutePath().resolve(point.id());
            assertEquals(expected.toString(), point.directory(), point.id());
            List<String> arguments = point.arguments();
            assertEquals(expected.toString(), arguments.get(arguments.indexOf("--out") + 1), point.id());
            assertTrue(Files.isRegularFile(expected.resolve("summary.json")), point.id());
        }
    }

    /**
     * A point's directory is named by its swept values, and file systems take names of at most 255 bytes: a point
     * whose name is longer could not make its directory, and would fail only when its turn came, after the points
     * before it ran. The sweep is refused before any point runs, naming the option.
     */
    @Test
    void aPointWhoseDirectoryNameIsTooLongIsRefusedBeforeAnyPointRuns() {
        Set<String> lists = HebbCommand.listOptions("what-when");
        String blocks = String.join(",", Collections.nCopies(40, "150:300"));
        String message = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of("1", List.of(
                "--latencies", blocks + ";150:300", "--probabilities", "1:0.5"), lists)).getMessage();
        assertTrue(message.startsWith("--latencies = '" + blocks + ";150:300' is not allowed: point "), message);
        assertTrue(message.contains("more than 255 characters"), message);
        assertEquals(2, SweepPlan.of("1", List.of("--latencies", "150:300,250:300;150:300", "--probabilities",
                "1:0.5"), lists).points().size());
    }

    private static int hebb(String... args) {
        StringWriter out = new StringWriter();
        return HebbCommand.execute(args, new PrintWriter(out, true), new PrintWriter(out, true));
    }

    private record Outcome(int exitCode, String text) {
    }

    private static Outcome hebbOutput(String... args) {
        StringWriter out = new StringWriter();
        int code = HebbCommand.execute(args, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Outcome(code, out.toString());
    }

    @Test
    void withoutAHeadlineNumberTheMetricIsRequiredBeforeAnyPointRuns() {
        Path out = dir.resolve("no-metric");
        Outcome r = hebbOutput("sweep", "quickstart", "--neurons", "200", "--duration", "20", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.text());
        assertTrue(r.text().startsWith("hebb sweep: --metric is required for a sweep of quickstart: its results have "
                + "no headline number"), r.text());
        assertTrue(!Files.exists(out), "nothing run or written");
        for (String metric : new String[] {"seed", "neurons", "duration"}) {
            r = hebbOutput("sweep", "quickstart", "--neurons", "200,300", "--duration", "20", "--metric", metric,
                    "--out", out.toString());
            assertEquals(2, r.exitCode(), r.text());
            assertTrue(r.text().startsWith("hebb sweep: --metric = '" + metric + "' is not allowed: it is "), r.text());
            assertTrue(!Files.exists(out), "nothing run or written");
        }
        assertEquals("test_accuracy", Sweep.DEFAULT_METRICS.get("nalsm"));
    }

    /** An empty --metric names no field: refused before any point runs, not after all of them ran. */
    @Test
    void anEmptyMetricIsRefusedBeforeAnyPointRuns() {
        for (String metric : new String[] {"", " "}) {
            Path out = dir.resolve("empty-metric");
            Outcome r = hebbOutput("sweep", "quickstart", "--neurons", "200", "--duration", "20", "--metric", metric,
                    "--out", out.toString());
            assertEquals(2, r.exitCode(), r.text());
            assertTrue(r.text().startsWith("hebb sweep: --metric = '" + metric + "' is not allowed: give a numeric "
                    + "field of the experiment's result file"), r.text());
            assertFalse(Files.exists(out), "nothing run or written");
        }
    }

    @Test
    void aMetricThatNoResultHasFailsTheSweepNamingTheNumbersTheyHave() {
        Path out = dir.resolve("typo");
        Outcome r = hebbOutput("sweep", "quickstart", "--neurons", "200", "--duration", "20", "--metric", "synapse",
                "--out", out.toString());
        assertEquals(1, r.exitCode(), "the point ran: " + r.text());
        assertTrue(r.text().startsWith("hebb sweep: --metric = 'synapse' is not allowed: no result of quickstart has "
                + "a numeric field by that name; give one of those they have: "), r.text());
        assertTrue(r.text().contains("synapses") && !r.text().contains(" seed,") && !r.text().contains(" neurons,"),
                r.text());
        assertTrue(Files.isRegularFile(out.resolve("seed1").resolve("summary.json")), "the point ran");
    }

    /**
     * Every point's options are checked before any point runs: a bad value, alone or in any point of a swept
     * option, refuses the sweep with exit code 2, naming the point, the option and the value, and writes nothing.
     */
    @Test
    void aBadValueInAnyPointRefusesTheSweepBeforeAnyPointRunsOrOutputIsCreated() {
        Map<String, String> badPoint = Map.of("0", "seed1", "0,100", "neurons0-seed1", "100,0", "neurons0-seed1");
        badPoint.forEach((neurons, point) -> {
            Path out = dir.resolve("neurons" + neurons.replace(',', '_'));
            Outcome r = hebbOutput("sweep", "quickstart", "--neurons", neurons, "--duration", "20", "--metric",
                    "synapses", "--out", out.toString());
            assertEquals(2, r.exitCode(), r.text());
            assertTrue(r.text().startsWith("hebb sweep: sweep point " + point + " (quickstart ")
                    && r.text().contains("--neurons = 0 is not allowed: must be in ["), r.text());
            assertFalse(Files.exists(out), "no point run, nothing written: " + out);
        });
    }

    /**
     * The data and the heap of every point are checked before any point runs: a point whose network cannot fit the
     * heap, whose --data is missing or whose data has fewer images than it asks for refuses the sweep with exit
     * code 2, naming the point, the option and the value, and nothing runs or is written, even where the points
     * before it could run.
     */
    @Test
    void aPointWhoseDataIsMissingOrWhoseNetworkCannotFitRefusesTheSweepBeforeAnyPointRuns() throws Exception {
        Path tooLarge = dir.resolve("too-large");
        Outcome r = hebbOutput("sweep", "quickstart", "--neurons", "200,33554431", "--duration", "20", "--metric",
                "synapses", "--out", tooLarge.toString());
        assertEquals(2, r.exitCode(), r.text());
        assertTrue(r.text().startsWith("hebb sweep: sweep point neurons33554431-seed1 (quickstart ")
                && r.text().contains("--neurons 33554431") && r.text().contains("COBA with 33554431 neurons for "
                + "20.0 ms needs about") && r.text().contains("lower --neurons"), r.text());
        assertFalse(Files.exists(tooLarge), "no point run, nothing written");

        Path data = Files.createDirectories(dir.resolve("data"));
        SyntheticImages.writeIdx(data, "train", SyntheticImages.classBlobs(60, 1));
        SyntheticImages.writeIdx(data, "t10k", SyntheticImages.classBlobs(12, 2));
        Path missing = dir.resolve("missing");
        Path noData = dir.resolve("no-data");
        r = hebbOutput("sweep", "pixel-readout", "--data", data + "," + missing, "--train", "10", "--test", "4",
                "--epochs", "1", "--out", noData.toString());
        assertEquals(2, r.exitCode(), r.text());
        assertTrue(r.text().startsWith("hebb sweep: sweep point data" + SweepPlan.name(Map.of("d",
                missing.toString()), 1).substring(1) + " (pixel-readout ") && r.text().contains("--data = '"
                + missing + "' is not allowed: no such directory"), r.text());
        assertFalse(Files.exists(noData), "no point run, nothing written");

        Path fewImages = dir.resolve("few-images");
        r = hebbOutput("sweep", "pixel-readout", "--data", data.toString(), "--train", "10", "--test", "4,20",
                "--epochs", "1", "--out", fewImages.toString());
        assertEquals(2, r.exitCode(), r.text());
        assertTrue(r.text().startsWith("hebb sweep: sweep point test20-seed1 (pixel-readout ")
                && r.text().contains("--test = 20 is not allowed: must be at most 12"), r.text());
        assertFalse(Files.exists(fewImages), "no point run, nothing written");
    }

    /**
     * Points run at once share this JVM's heap: a sweep whose --points-at-once largest points still to run need more
     * heap together than there is is refused with exit code 2, naming --points-at-once and its value, before any
     * point runs, although each point alone fits.
     */
    @Test
    void pointsRunAtOnceMustFitTheHeapTogether() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        // a quickstart point of 0.6 heap: its estimate grows with its neurons, nearly in proportion
        int neurons = 100_000;
        double point = 0;
        for (int k = 0; k < 4; k++) {
            point = quickstartEstimate(neurons);
            assertTrue(point > 0, "an estimate was checked");
            neurons = (int) Math.min(CobaNetwork.MAX_NEURONS, neurons * (0.6 * heap / point));
        }
        point = quickstartEstimate(neurons);
        assertTrue(point > heap / 2.0 && point <= heap, point + " bytes for " + neurons + " neurons, heap " + heap);
        // into an --out that holds another sweep: past the heap's checks, the sweep stops there, before any point
        Path out = Files.createDirectories(dir.resolve("at-once"));
        String other = "[\"quickstart\",\"--duration\",\"999\"]";
        Files.writeString(out.resolve(Sweep.PLAN_FILE), other);
        Outcome r = hebbOutput("sweep", "quickstart", "--seeds", "1-3", "--neurons", String.valueOf(neurons),
                "--duration", "20", "--metric", "synapses", "--points-at-once", "2", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.text());
        assertTrue(r.text().startsWith("hebb sweep: --points-at-once = 2 is not allowed: the 2 largest points still "
                + "to run need about ") && r.text().contains("of heap together, the JVM has ")
                && r.text().contains("at most 1 fit at once"), r.text());
        assertEquals(other, Files.readString(out.resolve(Sweep.PLAN_FILE)), "nothing written");
        assertEquals(1, Files.list(out).count(), "no point run");
        // one at a time each fits, and small points fit together: the sweep goes on to the check of --out
        for (String[] fits : new String[][] {{String.valueOf(neurons), "1"}, {"200", "3"}}) {
            r = hebbOutput("sweep", "quickstart", "--seeds", "1-3", "--neurons", fits[0], "--duration", "20",
                    "--metric", "synapses", "--points-at-once", fits[1], "--out", out.toString());
            assertEquals(2, r.exitCode(), r.text());
            assertTrue(r.text().contains("it holds a sweep of 'quickstart --duration 999'"), r.text());
        }
    }

    /** The heap a quickstart point of {@code neurons} neurons is estimated to need, bytes, as its run checks it. */
    private double quickstartEstimate(int neurons) {
        return MemoryEstimate.largestChecked(() -> HebbCommand.checkRunnable(List.of("quickstart", "--neurons",
                String.valueOf(neurons), "--duration", "20", "--out", dir.resolve("probe").toString()), "probe"));
    }

    /**
     * Each experiment a sweep runs checks its options without running: a bad value is refused naming the point,
     * the option and the value; a good point passes and writes nothing.
     */
    @Test
    void everySweepableExperimentChecksItsOptionsWithoutRunning() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        SyntheticImages.writeIdx(data, "train", SyntheticImages.classBlobs(60, 1));
        SyntheticImages.writeIdx(data, "t10k", SyntheticImages.classBlobs(12, 2));
        Map<String, List<String>> bad = Map.of("nalsm", List.of("--side", "1"), "song", List.of("--a-plus", "2"),
                "what-when", List.of("--trials", "1"), "izhikevich2003", List.of("--duration", "10"),
                "pixel-readout", List.of("--epochs", "0"), "quickstart", List.of("--neurons", "0"),
                "liquid-dynamics", List.of("--samples", "0"), "hlop", List.of("--variant", "nope"),
                "microcircuit", List.of("--scale", "2"));
        Set<String> withData = Set.of("nalsm", "pixel-readout", "liquid-dynamics");
        Path out = dir.resolve("point");
        for (Map.Entry<String, List<String>> e : bad.entrySet()) {
            String experiment = e.getKey();
            List<String> extra = withData.contains(experiment) ? List.of("--data", data.toString()) : List.of();
            List<String> good = new java.util.ArrayList<>(List.of(experiment, "--seed", "1", "--out",
                    out.toString()));
            good.addAll(extra);
            HebbCommand.checkArguments(good, "sweep point seed1");
            List<String> args = new java.util.ArrayList<>(good);
            args.addAll(e.getValue());
            String message = assertThrows(IllegalArgumentException.class,
                    () -> HebbCommand.checkArguments(args, "sweep point p-seed1"), experiment).getMessage();
            String value = e.getValue().get(1);
            assertTrue(message.startsWith("sweep point p-seed1 (" + experiment + " ")
                    && message.matches("(?s).*: " + e.getValue().get(0) + " = '?" + value + "(\\.0)?'?[ ,:].*"),
                    message);
            assertFalse(Files.exists(out), experiment + " wrote nothing");
        }
        assertEquals(bad.keySet(), sweepable(), "every experiment a sweep runs");
    }

    /** The experiments a sweep runs, from its refusal of an unknown one. */
    private Set<String> sweepable() {
        Outcome r = hebbOutput("sweep", "nosuch", "--out", dir.resolve("x").toString());
        String list = r.text().replaceFirst("(?s).*must be one of ", "").strip();
        return Set.of(list.split(", "));
    }

    private static Map<String, Object> read(Path file) throws Exception {
        Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), new TypeReference<>() { });
        json.keySet().removeIf(k -> k.endsWith("Seconds"));
        return json;
    }

    @Test
    void aSweepRunsEveryPointAsItsOwnRunWouldAndResumes() throws Exception {
        Path out = dir.resolve("sweep");
        assertEquals(0, hebb("sweep", "quickstart", "--seeds", "1-2", "--neurons", "200,300", "--duration", "100",
                "--metric", "synapses", "--out", out.toString()));
        List<String> points = List.of("neurons200-seed1", "neurons200-seed2", "neurons300-seed1", "neurons300-seed2");
        for (String point : points) {
            assertTrue(Files.isRegularFile(out.resolve(point).resolve("summary.json")), point);
        }
        Path alone = dir.resolve("alone");
        assertEquals(0, hebb("quickstart", "--neurons", "300", "--duration", "100", "--seed", "2", "--out",
                alone.toString()));
        assertEquals(read(alone.resolve("summary.json")), read(out.resolve("neurons300-seed2/summary.json")),
                "a point gives what its run alone gives");
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(5, rows.size(), "a header and one row per point");
        assertTrue(rows.get(0).startsWith("point,seed,neurons,") && rows.get(0).contains(",synapses"), rows.get(0));
        int synapsesColumn = List.of(rows.get(0).split(",")).indexOf("synapses");
        double[] synapses = new double[points.size()];
        for (int p = 0; p < points.size(); p++) {
            Object counted = read(out.resolve(points.get(p)).resolve("summary.json")).get("synapses");
            synapses[p] = ((Number) counted).doubleValue();
            String point = points.get(p);
            String row = rows.stream().filter(line -> line.startsWith(point + ",")).findFirst().orElseThrow();
            assertEquals(String.valueOf(counted), row.split(",")[synapsesColumn], point + "'s row: " + row);
        }
        assertTrue(synapses[0] != synapses[1], "the seeds give different networks: " + synapses[0]);
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| neurons200 | 2 | " + String.format("%.6g", (synapses[0] + synapses[1]) / 2)
                + " |") && summary.contains("| neurons300 | 2 | " + String.format("%.6g", (synapses[2] + synapses[3])
                / 2) + " |") && summary.contains("mean synapses"), summary);
        assertTrue(Files.size(out.resolve("sweep.png")) > 0, "the plot");

        // a finished point is not run again: a marker in its result survives the sweep started again
        ObjectMapper json = new ObjectMapper();
        for (String point : points) {
            Path result = out.resolve(point).resolve("summary.json");
            Map<String, Object> marked = json.readValue(result.toFile(), new TypeReference<>() { });
            marked.put("synapses", 12345);
            json.writeValue(result.toFile(), marked);
        }
        assertEquals(0, hebb("sweep", "quickstart", "--seeds", "1-2", "--neurons", "200,300", "--duration", "100",
                "--metric", "synapses", "--out", out.toString()));
        for (String point : points) {
            assertEquals(12345, read(out.resolve(point).resolve("summary.json")).get("synapses"),
                    point + " was not run again");
        }
        assertEquals(2, hebb("sweep", "nosuch", "--out", dir.resolve("x").toString()), "an unknown experiment");
        StringWriter refusal = new StringWriter();
        assertEquals(2, HebbCommand.execute(new String[] {"sweep", "quickstart", "--seeds", "1-2", "--neurons",
            "200,300", "--duration", "2000", "--metric", "synapses", "--out", out.toString()},
                new PrintWriter(refusal, true), new PrintWriter(refusal, true)), "other fixed options into the same "
                + "--out");
        assertTrue(refusal.toString().contains("it holds a sweep of 'quickstart --duration 100', and this one is "
                + "'quickstart --duration 2000'"), refusal.toString());
        Path typo = dir.resolve("typo");
        StringWriter unknown = new StringWriter();
        assertEquals(2, HebbCommand.execute(new String[] {"sweep", "quickstart", "--neurons", "100,200", "--duratoin",
            "100", "--metric", "synapses", "--out", typo.toString()}, new PrintWriter(unknown, true),
                new PrintWriter(unknown, true)), "an unknown option, refused before any point runs");
        assertTrue(unknown.toString().contains("--duratoin"), unknown.toString());
        assertTrue(!Files.exists(typo), "nothing run or written");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobExecutors.open("spark", null, 1));
        assertTrue(e.getMessage().contains("executor = 'spark' is not allowed: this class path has local")
                && e.getMessage().contains("hebb-spark"), e.getMessage());
    }
}
