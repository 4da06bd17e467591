package org.hebb.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.hebb.experiments.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's errors: one line {@code hebb <command>: <message>} on stderr, the stack trace only with
 * {@code --verbose}; exit code 2 when the command line is refused before any work, 1 when the run fails (whatever
 * the exception once the work has started).
 */
class HebbCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome hebb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HebbCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static void assertOneLine(Outcome outcome, String start) {
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().startsWith(start), outcome.err());
    }

    /** {@code hebb} alone runs nothing: refused with exit code 2, saying so on stderr and naming the programs. */
    @Test
    void noProgramIsRefused() {
        Outcome r = hebb();
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("hebb: no program given: name one of quickstart, "), r.err());
        assertTrue(r.err().contains("microcircuit"), r.err());
        assertTrue(r.err().contains("Try 'hebb --help'."), r.err());
        assertEquals("", r.out());
    }

    /** An unknown program is named as such, with the programs there are. */
    @Test
    void anUnknownProgramIsRefusedNamingThePrograms() {
        Outcome r = hebb("quickstrat");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("hebb: unknown program 'quickstrat': the programs are quickstart, "), r.err());
        assertTrue(r.err().contains("Try 'hebb --help'."), r.err());
    }

    /** The help states the ranges the checks enforce, and a value just outside them is refused. */
    @Test
    void theHelpStatesTheRangesThatAreChecked() {
        String quickstart = hebb("quickstart", "--help").out().replaceAll("\\s+", " ");
        assertTrue(quickstart.contains("--neurons=<neurons> Network size, 100 to 33554431 neurons"), quickstart);
        assertTrue(quickstart.contains("Biological time in ms, at least 5.0 "), quickstart);
        assertTrue(quickstart.contains("Threads of the JAVA backend, 0 to 256;"), quickstart);
        assertEquals(2, hebb("quickstart", "--neurons", "99", "--out", dir.resolve("q").toString()).exitCode());
        assertEquals(2, hebb("quickstart", "--neurons", "33554432", "--out", dir.resolve("q").toString())
                .exitCode());
        assertEquals(2, hebb("quickstart", "--duration", "4.9", "--out", dir.resolve("q").toString()).exitCode());
        assertEquals(2, hebb("quickstart", "--threads", "257", "--out", dir.resolve("q").toString()).exitCode());
        String izhikevich = hebb("izhikevich2003", "--help").out().replaceAll("\\s+", " ");
        assertTrue(izhikevich.contains("Biological time in ms, at least 2024.0 "), izhikevich);
        assertEquals(2, hebb("izhikevich2003", "--duration", "2023.9", "--out", dir.resolve("i").toString())
                .exitCode());
    }

    /**
     * Every program's help is formatted as written: a description with a lone '%' (not a format specifier) made
     * picocli print a warning on stderr for each option it formatted, and keep the text unformatted.
     */
    @Test
    void everyProgramsHelpFormatsWithoutWarnings() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        StringBuilder helps = new StringBuilder();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String program : new picocli.CommandLine(new HebbCommand()).getSubcommands().keySet()) {
                Outcome r = hebb(program, "--help");
                assertEquals(0, r.exitCode(), program + ": " + r.err());
                helps.append(r.out());
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        String quickstart = hebb("quickstart", "--help").out().replaceAll("\\s+", " ");
        assertTrue(quickstart.contains("neurons, 80% excitatory (default 4000)."), quickstart);
        assertFalse(helps.toString().contains("%n"), helps.toString());
    }

    @Test
    void whatWhenBlocksReplaceTheDefaultOnesWhole() {
        WhatWhenCommand defaults = new WhatWhenCommand();
        new picocli.CommandLine(defaults).parseArgs();
        assertEquals(List.of("150:300", "250:300", "250:300"), defaults.latencies);
        WhatWhenCommand given = new WhatWhenCommand();
        new picocli.CommandLine(given).parseArgs("--latencies", "200:300,250:300", "--probabilities", "1:0.5,1:0.5");
        assertEquals(List.of("200:300", "250:300"), given.latencies, "the given blocks, not added to the default");
        assertEquals(List.of("1:0.5", "1:0.5"), given.probabilities);
    }

    /** A list option given twice would append its second list to the first: refused, as a repeat of any option. */
    @Test
    void aListOptionGivenTwiceIsRefused() {
        Path out = dir.resolve("w");
        Outcome r = hebb("what-when", "--latencies", "150:300", "--latencies", "250:300", "--probabilities",
                "1:0.5,1:0.5", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("hebb what-when: option '--latencies' should be specified only once (given "
                + "'150:300' and '250:300')"), r.err());
        assertFalse(Files.exists(out), "refused before any work");
        r = hebb("what-when", "--probabilities=1:0.5", "--probabilities", "1:0.5", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("hebb what-when: option '--probabilities' should be specified only once"),
                r.err());
    }

    /** A cluster address may hold commas (Spark's standalone masters, spark://a:7077,b:7077): it is kept whole. */
    @Test
    void aMasterWithCommasIsKeptWhole() {
        String masters = "spark://a:7077,b:7077";
        for (String[] args : new String[][] {{"sweep", "nalsm", "--executor", "spark", "--master", masters},
                {"sweep", "nalsm", "--executor", "spark", "--master=" + masters},
                {"nalsm", "--executor", "spark", "--master", masters}}) {
            picocli.CommandLine.ParseResult parsed = new picocli.CommandLine(new HebbCommand()).parseArgs(args);
            assertEquals(masters, parsed.subcommand().matchedOption("--master").getValue(), String.join(" ", args));
            assertTrue(parsed.subcommand().unmatched().isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void kernelPrintsTheGeneratedJavaOrOpenClOfABuiltInModel() {
        Outcome java = hebb("kernel", "--model", "EIF_cond_exp_isfa_ista");
        assertEquals(0, java.exitCode(), java.err());
        assertTrue(java.out().contains("implements org.hebb.neurons.NeuronKernel")
                && java.out().contains("HebbMath.exp("), java.out());
        Outcome openCl = hebb("kernel", "--model", "HH_cond_exp", "--dt", "0.05", "--opencl");
        assertEquals(0, openCl.exitCode(), openCl.err());
        assertTrue(openCl.out().contains("__kernel void defined_HH_cond_exp_")
                && openCl.out().contains("hebb_exp_f("), openCl.out());
    }

    @Test
    void kernelOfAnUnknownModelNamesTheBuiltInOnes() {
        Outcome r = hebb("kernel", "--model", "AdEx");
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb kernel: --model = 'AdEx' is not a built-in model: must be one of [IF_curr_delta,");
    }

    @Test
    void aRefusedParameterIsOneLineAndExitCodeTwo() {
        Path out = dir.resolve("q");
        Outcome r = hebb("quickstart", "--neurons", "2000000000", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb quickstart: --neurons = 2000000000 is not allowed");
        assertFalse(Files.exists(out), "refused before any work");
    }

    @Test
    void microcircuitRefusesAnUnknownBackgroundAndAScaleAboveOne() {
        Path out = dir.resolve("m");
        Outcome r = hebb("microcircuit", "--background", "noisy", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb microcircuit: --background = 'noisy' is not allowed: use poisson or dc");
        r = hebb("microcircuit", "--scale", "2", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb microcircuit: --scale = 2.0 is not allowed: must be in (0, 1]");
        assertFalse(Files.exists(out), "refused before any work");
    }

    @Test
    void microcircuitRefusesAnImplausibleWarmUpBeforeBuilding() {
        Path out = dir.resolve("m");
        Outcome r = hebb("microcircuit", "--scale", "0.001", "--warmup", "1e300", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb microcircuit: --warmup + --duration = 1.0E300 ms is not allowed: must be at most");
        assertFalse(Files.exists(out), "refused before any work");
    }

    /** microcircuit's refusals name its options, --warmup rather than the warm-up. */
    @Test
    void microcircuitRefusalsNameItsOptions() {
        String[][] cases = {{"microcircuit", "--warmup", "-1"}, {"microcircuit", "--duration", "NaN"},
                {"microcircuit", "--duration", "5"}, {"microcircuit", "--threads", "-1"},
                {"microcircuit", "--threads", "2", "--backend", "OPENCL"}};
        String[] messages = {"hebb microcircuit: --warmup = -1.0 ms is not allowed: must be a finite number >= 0",
                "hebb microcircuit: --duration = NaN ms is not allowed: must be a finite number > 0",
                "hebb microcircuit: --duration = 5.0 ms is not allowed: must be at least 6.0 ms",
                "hebb microcircuit: --threads = -1 is not allowed: must be in [0, 256] (0: automatic)",
                "hebb microcircuit: --threads = 2 is not allowed with --backend OPENCL"};
        assertRefused(cases, messages);
    }

    @Test
    void verboseAddsTheStackTraceBeforeOrAfterTheCommand() {
        for (String[] args : new String[][] {{"--verbose", "quickstart", "--neurons", "2000000000"},
                {"quickstart", "--neurons", "2000000000", "--verbose"}}) {
            Outcome r = hebb(args);
            assertEquals(2, r.exitCode());
            assertTrue(r.err().startsWith("hebb quickstart: --neurons = 2000000000 is not allowed"), r.err());
            assertTrue(r.err().contains("\tat org.hebb."), r.err());
        }
    }

    @Test
    void anOptionValueOfTheWrongTypeIsAUsageError() {
        Outcome r = hebb("quickstart", "--neurons", "many");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("hebb quickstart: Invalid value for option '--neurons'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains("hebb quickstart --help"), r.err());
    }

    @Test
    void anUnwritableOutputDirectoryIsAUsageErrorNamingOut() throws IOException {
        Path file = Files.writeString(dir.resolve("results"), "a file, not a directory");
        Outcome r = hebb("quickstart", "--neurons", "200", "--duration", "20", "--out", file.toString());
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb quickstart: ");
        assertTrue(r.err().contains("--out") && r.err().contains(file.toString()), r.err());
    }

    @Test
    void threadsWithTheOpenClBackendAreRefused() {
        Outcome r = hebb("quickstart", "--neurons", "200", "--duration", "20", "--threads", "4", "--backend",
                "OPENCL", "--out", dir.resolve("q").toString());
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb quickstart: --threads = 4 is not allowed with --backend OPENCL, whose device runs "
                + "each step: use 0 or 1");
    }

    @Test
    void aFailureDuringTheRunIsOneLineAndExitCodeOne() throws IOException {
        Path out = dir.resolve("q");
        Files.createDirectories(out.resolve("raster.png").resolve("in the way"));
        Outcome r = hebb("quickstart", "--neurons", "200", "--duration", "20", "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertOneLine(r, "hebb quickstart: ");
        assertTrue(r.err().contains("raster.png"), r.err());
    }

    @Test
    void anIllegalArgumentAfterTheWorkStartedIsAFailedRunExitCodeOne() {
        Path out = dir.resolve("sweep");
        Outcome r = hebb("sweep", "quickstart", "--neurons", "200", "--duration", "20", "--metric", "nosuch",
                "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("seed1").resolve("summary.json")), "the point ran");
        assertTrue(r.err().lines().anyMatch(line -> line.startsWith("hebb sweep: ")), r.err());
    }

    @Test
    void aRunThatSucceedsExitsWithZero() {
        Outcome r = hebb("quickstart", "--neurons", "200", "--duration", "20", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void songRefusesItsOutOfRangeValuesBeforeAnyWork() {
        Path out = dir.resolve("song");
        String[][] cases = {{"--correlated", "10", "--correlation", "2"}, {"--rate", "20000"},
                {"--inputs", "10", "--correlated", "20"}, {"--checkpoint-every", "NaN"},
                {"--checkpoint-every", "1e-5"}};
        String[] messages = {"hebb song: --correlation = 2.0 is not allowed",
                "hebb song: --rate = 20000.0 Hz is not allowed",
                "hebb song: --correlated = 20 is not allowed: must be in [0, 10]",
                "hebb song: --checkpoint-every = NaN s is not allowed",
                "hebb song: --checkpoint-every = 1.0E-5 s is not allowed: must be 0 (no checkpoints) or at least "
                        + "one time step, 1.0E-4 s"};
        for (int c = 0; c < cases.length; c++) {
            List<String> args = new java.util.ArrayList<>(List.of("song", "--duration", "1", "--snapshot", "1",
                    "--out", out.toString()));
            args.addAll(List.of(cases[c]));
            Outcome r = hebb(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.err());
            assertOneLine(r, messages[c]);
            assertFalse(Files.exists(out), "refused before any work");
        }
    }

    /** A refusal names the option the user gave, its value and what is allowed, not a field or an index. */
    @Test
    void refusalsNameTheOptionsAsGiven() {
        Path out = dir.resolve("r");
        String[][] cases = {{"song", "--cell", "hh", "--duration", "1", "--snapshot", "1"},
                {"song", "--a-plus", "0", "--duration", "1", "--snapshot", "1"},
                {"song", "--inhibitory", "-1", "--duration", "1", "--snapshot", "1"},
                {"song", "--duration", "0.00004", "--snapshot", "0.00004"},
                {"what-when", "--latencies", "150:300,40:300", "--probabilities", "1:0.5,1:0.5"},
                {"what-when", "--latencies", "150:300", "--probabilities", "1:1.5"},
                {"what-when", "--trials", "1"},
                {"what-when", "--excitatory", "8", "--what-subspace-rows", "10"},
                {"hlop", "--train-per-task", "0"}};
        String[] messages = {"hebb song: --cell = 'hh' is not allowed: must be one of [brian2, song2000]",
                "hebb song: --a-plus = 0.0 (fraction of g_max) is not allowed",
                "hebb song: --inhibitory = -1 is not allowed",
                "hebb song: --duration = 4.0E-5 s is not allowed: must be at least one time step, 1.0E-4 s",
                "hebb what-when: --latencies block 2 '40:300' is not allowed: cue A's latency 40 ms must be in "
                        + "[51, 499] ms",
                "hebb what-when: --probabilities block 1 '1:1.5' is not allowed: cue B's probability 1.5 must be "
                        + "in [0, 1]",
                "hebb what-when: --trials = 1 is not allowed",
                "hebb what-when: --what-subspace-rows = 10 is not allowed: must be in [0, 9]",
                "hebb hlop: --train-per-task = 0 is not allowed"};
        for (int c = 0; c < cases.length; c++) {
            List<String> args = new java.util.ArrayList<>(List.of(cases[c]));
            args.addAll(List.of("--out", out.toString()));
            Outcome r = hebb(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.err());
            assertOneLine(r, messages[c]);
            assertFalse(Files.exists(out), "refused before any work");
        }
    }

    /** A small IDX data set (60 training images, of which 50 may train, and 12 test images) in {@code dir}/data. */
    private Path smallData() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        SyntheticImages.writeIdx(data, "train", SyntheticImages.classBlobs(60, 1));
        SyntheticImages.writeIdx(data, "t10k", SyntheticImages.classBlobs(12, 2));
        return data;
    }

    /** Runs each case with {@code --out}: refused, one line starting with its message, nothing made. */
    private void assertRefused(String[][] cases, String[] messages) {
        Path out = dir.resolve("r");
        for (int c = 0; c < cases.length; c++) {
            List<String> args = new java.util.ArrayList<>(List.of(cases[c]));
            args.addAll(List.of("--out", out.toString()));
            Outcome r = hebb(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), String.join(" ", cases[c]) + ": " + r.err());
            assertOneLine(r, messages[c]);
            assertFalse(Files.exists(out), "refused before any work: " + String.join(" ", cases[c]));
        }
    }

    /** nalsm's refusals name its options, --side rather than the grid side, before the output is opened. */
    @Test
    void nalsmRefusalsNameItsOptions() throws IOException {
        String data = smallData().toString();
        String[][] cases = {{"nalsm", "--side", "1"}, {"nalsm", "--data", data, "--side", "200"},
                {"nalsm", "--phase1", "-1"}, {"nalsm", "--train", "1"}, {"nalsm", "--data", data, "--train", "51"},
                {"nalsm", "--test", "0"}, {"nalsm", "--data", data, "--train", "20", "--test", "13"},
                {"nalsm", "--epochs", "0"}, {"nalsm", "--workers", "0"}, {"nalsm", "--readout-rate", "NaN"},
                {"nalsm", "--weight", "4"}, {"nalsm", "--model", "snn"}};
        String[] messages = {"hebb nalsm: --side = 1 is not allowed: must be >= 2",
                "hebb nalsm: --side = 200 is not allowed with images of 28 x 28 pixels: must be at most 139",
                "hebb nalsm: --phase1 = -1 is not allowed: must be >= 0",
                "hebb nalsm: --train = 1 is not allowed: must be in [2, 50000]",
                "hebb nalsm: --train = 51 is not allowed: must be at most 50 (the training data has 60 images",
                "hebb nalsm: --test = 0 is not allowed: must be >= 2",
                "hebb nalsm: --test = 13 is not allowed: must be at most 12 (the test data has 12 images)",
                "hebb nalsm: --epochs = 0 is not allowed: must be in [1, ",
                "hebb nalsm: --workers = 0 is not allowed: must be in [1, ",
                "hebb nalsm: --readout-rate = NaN is not allowed: must be a finite number > 0",
                "hebb nalsm: --weight = 4.0 mV is not allowed: must be in [0.0, 3.0]",
                "hebb nalsm: --model = 'snn' is not allowed: must be one of [nalsm, lsm-stdp, lsm]"};
        assertRefused(cases, messages);
    }

    /** A nalsm run too large for the heap is refused before its output directory is opened or claimed. */
    @Test
    void nalsmRefusesARunTooLargeForTheHeapBeforeOpeningItsOutput() throws IOException {
        String data = smallData().toString();
        assertRefused(new String[][] {{"nalsm", "--data", data, "--side", "139", "--train", "20", "--test", "10"}},
                new String[] {"hebb nalsm: NALSM with 2685619 neurons and "});
    }

    /** liquid-dynamics' refusals name its options, --block rather than the block size, before the output is opened. */
    @Test
    void liquidDynamicsRefusalsNameItsOptions() throws IOException {
        String data = smallData().toString();
        String[][] cases = {{"liquid-dynamics", "--side", "1"}, {"liquid-dynamics", "--data", data, "--side", "200"},
                {"liquid-dynamics", "--samples", "0"}, {"liquid-dynamics", "--samples", "10", "--block", "11"},
                {"liquid-dynamics", "--block", "0"}, {"liquid-dynamics", "--probe-samples", "0"},
                {"liquid-dynamics", "--data", data, "--probe-samples", "61"}};
        String[] messages = {"hebb liquid-dynamics: --side = 1 is not allowed: must be >= 2",
                "hebb liquid-dynamics: --side = 200 is not allowed with images of 28 x 28 pixels: must be at most 139",
                "hebb liquid-dynamics: --samples = 0 is not allowed: must be >= 1",
                "hebb liquid-dynamics: --block = 11 is not allowed: must be in [1, 10] (at most --samples)",
                "hebb liquid-dynamics: --block = 0 is not allowed: must be in [1, 50000] (at most --samples)",
                "hebb liquid-dynamics: --probe-samples = 0 is not allowed: must be >= 1",
                "hebb liquid-dynamics: --probe-samples = 61 is not allowed: must be at most 60 (the training data has "
                        + "60 images; the probe presents the last ones)"};
        assertRefused(cases, messages);
    }


    /**
     * liquid-dynamics without --block reports twenty blocks of whatever --samples asks for, so fewer samples than the
     * full run's 2500 per block are not refused for an option the user never gave.
     */
    @Test
    void liquidDynamicsWithoutBlockReportsATwentiethOfTheSamplesPerBlock() throws IOException {
        Path out = dir.resolve("liquid");
        Outcome r = hebb("liquid-dynamics", "--data", smallData().toString(), "--side", "2", "--samples", "40",
                "--probe-samples", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"blockSize\" : 2,"), summary);
        assertEquals(2 * 20, summary.split("\"samplesDone\"", -1).length - 1, "20 blocks for each of the two models");
    }
    /** pixel-readout's refusals name its options, --train rather than the train images, before the output opens. */
    @Test
    void pixelReadoutRefusalsNameItsOptions() throws IOException {
        String data = smallData().toString();
        String[][] cases = {{"pixel-readout", "--epochs", "0"}, {"pixel-readout", "--train", "1"},
                {"pixel-readout", "--data", data, "--train", "51"}, {"pixel-readout", "--test", "-1"},
                {"pixel-readout", "--data", data, "--train", "20", "--test", "13"}};
        String[] messages = {"hebb pixel-readout: --epochs = 0 is not allowed: must be in [1, ",
                "hebb pixel-readout: --train = 1 is not allowed: must be in [2, 50000]",
                "hebb pixel-readout: --train = 51 is not allowed: must be at most 50 (the training data has 60 images",
                "hebb pixel-readout: --test = -1 is not allowed: must be >= 2",
                "hebb pixel-readout: --test = 13 is not allowed: must be at most 12 (the test data has 12 images)"};
        assertRefused(cases, messages);
    }

    /** An executor that is not on the class path is refused naming --executor, before any output is opened. */
    @Test
    void anUnknownExecutorIsRefusedNamingTheOption() {
        String[][] cases = {{"nalsm", "--executor", "mpi"}, {"sweep", "quickstart", "--metric", "synapses",
                "--executor", "mpi"}};
        String[] messages = {"hebb nalsm: --executor = 'mpi' is not allowed: this class path has local",
                "hebb sweep: --executor = 'mpi' is not allowed: this class path has local"};
        assertRefused(cases, messages);
    }

    /**
     * A --master without --executor spark is refused, naming both, before any output is opened: the local executor
     * has no master, and the jobs would run in this process rather than on the cluster asked for. A blank --master
     * names no cluster.
     */
    @Test
    void aMasterWithoutTheSparkExecutorIsRefused() {
        String nowhere = dir.resolve("nowhere").toString();
        String[][] cases = {{"nalsm", "--data", nowhere, "--master", "spark://a:7077"}, {"sweep", "quickstart",
            "--metric", "synapses", "--executor", "local", "--master", "local[2]", "--neurons", "100", "--duration",
            "10"}, {"nalsm", "--data", nowhere, "--executor", "spark", "--master", " "}};
        String[] messages = {"hebb nalsm: --master = 'spark://a:7077' is not allowed with --executor local, which runs "
                + "the jobs in this process: give --executor spark too, or leave --master out",
            "hebb sweep: --master = 'local[2]' is not allowed with --executor local, which runs the jobs in this "
                + "process: give --executor spark too, or leave --master out",
            "hebb nalsm: --master = ' ' is not allowed: it must name the cluster (spark://host:7077, local[2], ...); "
                + "leave it out to take spark-submit's"};
        assertRefused(cases, messages);
    }

    /** A --data without the IDX files is a refused command line naming --data, not a failed run. */
    @Test
    void dataWithoutTheImagesIsRefusedNamingData() throws IOException {
        Path missing = dir.resolve("nowhere");
        Path noTest = Files.createDirectories(dir.resolve("train-only"));
        SyntheticImages.writeIdx(noTest, "train", SyntheticImages.classBlobs(12, 1));
        String[][] cases = {{"nalsm", "--data", missing.toString()}, {"pixel-readout", "--data", noTest.toString()},
                {"liquid-dynamics", "--data", missing.toString()}};
        String[] messages = {"hebb nalsm: --data = '" + missing + "' is not allowed: no such directory; point to",
                "hebb pixel-readout: --data = '" + noTest + "' is not allowed: it has no t10k-images-idx3-ubyte[.gz]",
                "hebb liquid-dynamics: --data = '" + missing + "' is not allowed: no such directory"};
        assertRefused(cases, messages);
    }

    /** An --excitatory too large for FORCE's matrix is refused naming it, not the reservoir neurons it makes. */
    @Test
    void whatWhenRefusesTooManyExcitatoryNeuronsNamingTheOption() {
        assertRefused(new String[][] {{"what-when", "--excitatory", "99999999"}},
                new String[] {"hebb what-when: --excitatory = 99999999 is not allowed: must be at most 37072"});
    }

    /** microcircuit refuses more threads than the engine takes before building, as a refused command line. */
    @Test
    void microcircuitRefusesTooManyThreadsBeforeBuilding() {
        assertRefused(new String[][] {{"microcircuit", "--threads", "100000"}},
                new String[] {"hebb microcircuit: --threads = 100000 is not allowed: must be in [0, 256]"});
    }

    /** hlop refuses a hidden layer too large for the heap before opening its output, naming --hidden. */
    @Test
    void hlopRefusesAHiddenLayerTooLargeForTheHeap() {
        assertRefused(new String[][] {{"hlop", "--hidden", "99999999"}},
                new String[] {"hebb hlop: hlop with 99999999 hidden neurons needs about "});
        Outcome r = hebb("hlop", "--hidden", "99999999", "--out", dir.resolve("h").toString());
        assertTrue(r.err().contains("lower --hidden"), r.err());
    }

    /**
     * song names --rate and --correlation, refuses a --correlation outside (0, 1] even with none correlated, and an
     * --a-plus above g_max before any work.
     */
    @Test
    void songNamesRateAndCorrelation() {
        String[][] cases = {{"song", "--correlation", "NaN", "--duration", "1", "--snapshot", "1"},
                {"song", "--rate", "-1", "--duration", "1", "--snapshot", "1"},
                {"song", "--a-plus", "1e300", "--duration", "1", "--snapshot", "1"}};
        String[] messages = {"hebb song: --correlation = NaN is not allowed: must be in (0, 1]",
                "hebb song: --rate = -1.0 Hz is not allowed: must be a finite number > 0",
                "hebb song: --a-plus = 1.0E300 (fraction of g_max) is not allowed: must be in (0, 1]"};
        assertRefused(cases, messages);
    }

    /** quickstart's refusals name its options: --duration too short for a rate bin, --threads beyond 256. */
    @Test
    void quickstartRefusalsNameItsOptions() {
        assertRefused(new String[][] {{"quickstart", "--duration", "1"}, {"quickstart", "--threads", "300"}},
                new String[] {"hebb quickstart: --duration = 1.0 ms is not allowed: must be at least 5.0 ms",
                        "hebb quickstart: --threads = 300 is not allowed: must be in [0, 256]"});
    }

    /** izhikevich2003 names --duration when it is too short for a spectrum or not a number. */
    @Test
    void izhikevich2003RefusalsNameDuration() {
        assertRefused(new String[][] {{"izhikevich2003", "--duration", "10"}, {"izhikevich2003", "--duration", "NaN"}},
                new String[] {"hebb izhikevich2003: --duration = 10.0 ms is not allowed: must be at least 2024.0 ms",
                        "hebb izhikevich2003: --duration = NaN ms is not allowed: must be a finite number > 0"});
    }

    /** kernel names --dt when refusing it. */
    @Test
    void kernelRefusesATimeStepNamingDt() {
        Outcome r = hebb("kernel", "--model", "IF_cond_exp", "--dt", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertOneLine(r, "hebb kernel: --dt = 0.0 ms is not allowed: must be a finite number > 0");
    }

    /** sweep names --seeds when refusing it, a value that starts with a negative seed too. */
    @Test
    void sweepRefusesSeedsNamingTheOption() {
        assertRefused(new String[][] {{"sweep", "quickstart", "--metric", "synapses", "--seeds", "5-1"},
                {"sweep", "quickstart", "--metric", "synapses", "--seeds", "-1--3"}},
                new String[] {"hebb sweep: --seeds = '5-1' is not allowed: give seeds and ranges",
                        "hebb sweep: --seeds = '-1--3' is not allowed: give seeds and ranges"});
    }

    /** Too many --inhibitory inputs for the heap: the refusal names them and says to lower --inhibitory. */
    @Test
    void songRefusesTooManyInhibitoryInputsNamingThem() {
        assertRefused(new String[][] {{"song", "--inhibitory", "99999999", "--duration", "1", "--snapshot", "1"}},
                new String[] {"hebb song: Song, Miller & Abbott with 1000 inputs and 99999999 inhibitory ones over "
                        + "1000.0 ms needs about "});
        Outcome r = hebb("song", "--inhibitory", "99999999", "--duration", "1", "--snapshot", "1", "--out",
                dir.resolve("s").toString());
        assertTrue(r.err().contains("lower --inputs, --inhibitory or --duration"), r.err());
    }

    @Test
    void songNamesSnapshotInTheSecondsItWasGiven() {
        Outcome r = hebb("song", "--duration", "1", "--snapshot", "-1", "--out", dir.resolve("s").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertOneLine(r, "hebb song: --snapshot = -1.0 s is not allowed");
        r = hebb("song", "--duration", "1", "--snapshot", "5", "--out", dir.resolve("s").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertOneLine(r, "hebb song: --snapshot = 5.0 s is not allowed: must be at most --duration, 1.0 s");
        r = hebb("song", "--duration", "1e300", "--out", dir.resolve("s").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertOneLine(r, "hebb song: --duration = 1.0E300 s is not allowed: must be at most");
        r = hebb("song", "--inputs", "100000", "--duration", "1", "--snapshot", "0.001", "--out",
                dir.resolve("s").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertOneLine(r, "hebb song: --snapshot = 0.001 s is not allowed with --inputs 100000 over --duration 1.0 s: "
                + "the weights would need 100000000 values, the weight monitor holds at most 50000000");
        assertFalse(Files.exists(dir.resolve("s")), "refused before any work");
    }

    @Test
    void aSweepNamesPointsAtOnceWhenRefusingIt() {
        Path out = dir.resolve("sweep");
        Outcome r = hebb("sweep", "quickstart", "--metric", "synapses", "--points-at-once", "0", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertOneLine(r, "hebb sweep: --points-at-once = 0 is not allowed: must be in [1, ");
        assertFalse(Files.exists(out), "refused before any work");
    }

    @Test
    void sweepsHelpNamesEveryExperimentItRuns() {
        picocli.CommandLine hebb = new picocli.CommandLine(new HebbCommand());
        String described = String.join(" ", hebb.getSubcommands().get("sweep").getCommandSpec()
                .positionalParameters().get(0).description());
        List<String> named = List.of(described.replaceAll("[^a-z0-9-]+", " ").split(" "));
        for (String experiment : hebb.getSubcommands().keySet()) {
            if (!List.of("sweep", "devices", "kernel").contains(experiment)) {
                assertTrue(named.contains(experiment), experiment + " is missing from: " + described);
            }
        }
    }

    @Test
    void anAbsurdDurationIsRefused() {
        Outcome r = hebb("quickstart", "--duration", "1e300", "--out", dir.resolve("q").toString());
        assertEquals(2, r.exitCode());
        assertOneLine(r, "hebb quickstart: --duration = 1.0E300 ms is not allowed");
    }
}
