package org.hebb.simulator.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32C;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import org.hebb.simulator.storage.AtomicFiles;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.storage.StreamedDataset;

/**
 * A checkpoint file: HDF5 (docs/FORMATS.md), its attributes saying what it is (format, version, seed, dt, step, a
 * CRC-32C checksum of the state), its texts (the network's shape, the monitors, the warnings) as datasets of lines,
 * and the state under {@code /state}, one dataset per piece. Saving is atomic; restoring reads and checks the whole
 * file before anything changes.
 */
public final class CheckpointFile {
    /** The value of the root attribute {@code format}. */
    public static final String FORMAT = "hebb-checkpoint";
    /** The format version this Hebb writes; it reads this one and older ones back to {@link #OLDEST_READ}. */
    public static final long VERSION = 6;
    /** The network's shape: a dataset of lines from version 6, before it a root attribute. */
    static final String NETWORK = "network";
    /** The monitors whose recordings are saved: a dataset of lines (absent if none), before version 6 an attribute. */
    static final String MONITORS = "monitors";
    /**
     * The network's warnings, one per line: a dataset of lines from version 6, before it a root attribute (absent
     * when it had given none). An HDF5 attribute is stored in its object's header, which jHDF cannot read back
     * beyond some 59 KB: a thousand runaway warnings made checkpoints of version 5 that could not be restored.
     */
    static final String WARNINGS = "warnings";
    /** The first version that saves the texts as datasets of lines rather than as root attributes. */
    static final long TEXTS_AS_DATASETS = 6;
    /** The optional root attribute counting the warnings given but not kept. */
    static final String WARNINGS_LEFT_OUT = "warnings_left_out";
    /**
     * The oldest version this Hebb reads: version 1 saved the OpenCL backend's state in the device's own layout,
     * and the arrival lists of the Java backend.
     */
    public static final long OLDEST_READ = 2;
    /**
     * What separates a monitor's line in the {@code monitors} text from how it lays out its recordings, which
     * version 2 did not save.
     */
    public static final String LAYOUT_MARK = "; recorded as ";
    /**
     * What begins a line of the {@code network} text that gives one constant of a population, projection or
     * rule, which versions 2 and 3 did not save.
     */
    public static final String PARAMETER_MARK = "parameter of ";
    /**
     * What begins a line of the {@code network} text that gives a projection's delays or a digest of its
     * connectivity, which versions 2 to 4 did not save.
     */
    public static final String SYNAPSES_MARK = "synapses of ";

    /**
     * What a checkpoint says about the network it came from.
     *
     * @param network  a description of the network's shape (populations, models, projections, rules), one per line,
     *                 each followed by a line per constant it shares ({@link #PARAMETER_MARK}), a projection by
     *                 lines of its delays and connectivity ({@link #SYNAPSES_MARK})
     * @param backend  the backend that saved it (any backend restores it)
     * @param monitors a description of the monitors whose recordings are saved, one per line
     * @param seed     the master seed
     * @param dtMs     the time step, ms
     * @param step     the clock: the next step to run
     * @param warnings the warnings the network had given, oldest first, each one line (kept, not compared)
     * @param warningsLeftOut how many more warnings it had given but not kept
     */
    public record Header(String network, String backend, String monitors, long seed, double dtMs, long step,
                         List<String> warnings, long warningsLeftOut) {
        public Header {
            warnings = List.copyOf(warnings);
        }

        /** A header of a network that has given no warnings. */
        public Header(String network, String backend, String monitors, long seed, double dtMs, long step) {
            this(network, backend, monitors, seed, dtMs, step, List.of(), 0);
        }
    }

    private CheckpointFile() {
    }

    /** Saves {@code state} with {@code header} to {@code file}, atomically (an earlier file stays until then). */
    public static void save(Path file, Header header, Checkpointed state) {
        save(file, header, state, VERSION);
    }

    /** {@link #save} as format {@code version} says, its header already in that version's form. */
    static void save(Path file, Header header, Checkpointed state, long version) {
        StateWriter writer = new StateWriter();
        writer.part("state", state);
        Map<String, Object> entries = writer.entries();
        long checksum = checksum(entries);
        try {
            AtomicFiles.writeWith(file, temporary -> {
                try (WritableHdfFile out = HdfFile.write(temporary)) {
                    out.putAttribute("format", FORMAT);
                    out.putAttribute("version", version);
                    out.putAttribute("backend", header.backend());
                    out.putAttribute("seed", header.seed());
                    out.putAttribute("dt_ms", header.dtMs());
                    out.putAttribute("step", header.step());
                    out.putAttribute("checksum", checksum);
                    out.putAttribute("hebb_version", HebbVersion.describe());
                    String warnings = String.join("\n", header.warnings().stream()
                            .map(w -> w.replace('\n', ' ')).toList());
                    if (version >= TEXTS_AS_DATASETS) {
                        putLines(out, NETWORK, header.network());
                        putLines(out, MONITORS, header.monitors());
                        putLines(out, WARNINGS, warnings);
                    } else {
                        out.putAttribute(NETWORK, header.network());
                        out.putAttribute(MONITORS, header.monitors());
                        if (!header.warnings().isEmpty()) {
                            out.putAttribute(WARNINGS, warnings);
                        }
                    }
                    if (!header.warnings().isEmpty() || header.warningsLeftOut() > 0) {
                        out.putAttribute(WARNINGS_LEFT_OUT, header.warningsLeftOut());
                    }
                    Map<String, WritableGroup> groups = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> e : entries.entrySet()) {
                        String path = e.getKey();
                        int slash = path.lastIndexOf('/');
                        StreamedDataset.put(group(out, groups, path.substring(0, slash)), path.substring(slash + 1),
                                e.getValue());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} as a dataset of its lines, none if it is empty. */
    private static void putLines(WritableHdfFile out, String name, String text) {
        if (!text.isEmpty()) {
            out.putDataset(name, text.split("\n", -1));
        }
    }

    /** The text of a dataset of lines, empty when there is none. */
    private static String lines(HdfFile in, String name, Path file) {
        Node node = in.getChild(name);
        if (node == null) {
            return "";
        }
        if (!(node instanceof Dataset dataset) || !(dataset.getData() instanceof String[] lines)) {
            throw new CheckpointException("checkpoint " + file + " has '" + name + "' but not as a dataset of lines");
        }
        return String.join("\n", lines);
    }

    private static WritableGroup group(WritableHdfFile root, Map<String, WritableGroup> groups, String path) {
        WritableGroup group = groups.get(path);
        if (group == null) {
            int slash = path.lastIndexOf('/');
            WritableGroup parent = slash < 0 ? root : group(root, groups, path.substring(0, slash));
            group = parent.putGroup(path.substring(slash + 1));
            groups.put(path, group);
        }
        return group;
    }

    /**
     * Restores the state that {@code state} gives for the file's header from {@code file}, which must come from a
     * network of shape {@code expected.network()} with the same seed and dt, whose monitors the expected ones begin
     * with; returns the file's header. Nothing changes unless the whole file is sound and fits.
     *
     * @throws CheckpointException naming what is wrong: not a checkpoint, damaged, a newer version, another network
     */
    public static Header restore(Path file, Header expected, Function<Header, Checkpointed> state) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        }
        try (HdfFile in = new HdfFile(file)) {
            Header header = header(in, file);
            StateFile saved = new StateFile(stateGroup(in, file));
            if (saved.checksum() != ((Number) attribute(in, "checksum", file)).longValue()) {
                throw new CheckpointException("checkpoint " + file + " is damaged: the checksum of its state does not "
                        + "match the one saved with it");
            }
            if (header.seed() != expected.seed()) {
                throw new CheckpointException("checkpoint " + file + " has seed " + header.seed() + "; this network "
                        + "has seed " + expected.seed() + ": its random streams would differ");
            }
            long version = version(in, file);
            String expectedNetwork = expected.network();
            if (version < 5) {
                expectedNetwork = without(SYNAPSES_MARK, expectedNetwork);
            }
            if (version < 4) {
                expectedNetwork = without(PARAMETER_MARK, expectedNetwork);
            }
            if (!header.network().equals(expectedNetwork)) {
                throw new CheckpointException("checkpoint " + file + " comes from another network: "
                        + firstDifference(header.network(), expectedNetwork));
            }
            if (header.dtMs() != expected.dtMs()) {
                throw new CheckpointException("checkpoint " + file + " has dt = " + header.dtMs() + " ms; this "
                        + "network has dt = " + expected.dtMs() + " ms");
            }
            String expectedMonitors = version < 3 ? withoutLayouts(expected.monitors())
                    : expected.monitors();
            if (!expectedMonitors.startsWith(header.monitors())) {
                throw new CheckpointException("checkpoint " + file + " has recordings of other monitors (this "
                        + "network's must begin with the saved network's, in order): " + firstDifference(
                        header.monitors(), expectedMonitors));
            }
            Checkpointed restored = state.apply(header);
            StateReader check = new StateReader(saved, true);
            check.part("state", restored);
            if (!check.unused().isEmpty()) {
                throw new CheckpointException("checkpoint " + file + " holds state this network does not have, such "
                        + "as '" + check.unused().iterator().next() + "': it was saved from a network built "
                        + "differently");
            }
            new StateReader(saved, false).part("state", restored);
            return header;
        } catch (CheckpointException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint " + file + " holds a value this network refuses: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException("checkpoint " + file + " cannot be read (truncated or damaged?): " + e,
                    e);
        }
    }

    private static long version(HdfFile in, Path file) {
        return ((Number) attribute(in, "version", file)).longValue();
    }

    /** Monitor lines as version 2 saved them: without how each lays out its recordings. */
    private static String withoutLayouts(String monitors) {
        StringBuilder lines = new StringBuilder();
        for (String line : monitors.split("\n")) {
            int mark = line.indexOf(LAYOUT_MARK);
            lines.append(mark < 0 ? line : line.substring(0, mark)).append('\n');
        }
        return monitors.isEmpty() ? "" : lines.toString();
    }

    /**
     * A network's description without the lines that begin with {@code mark}, as older versions saved it: versions 2
     * and 3 without the lines of its constants, versions 2 to 4 without those of its projections' synapses.
     */
    private static String without(String mark, String network) {
        StringBuilder lines = new StringBuilder();
        for (String line : network.split("\n")) {
            if (!line.startsWith(mark)) {
                lines.append(line).append('\n');
            }
        }
        return network.isEmpty() ? "" : lines.toString();
    }

    /** The header, after checking that the file is a checkpoint of a version this Hebb reads. */
    private static Header header(HdfFile in, Path file) {
        Object format = attribute(in, "format", file);
        if (!FORMAT.equals(format)) {
            throw new CheckpointException(file + " is not a Hebb checkpoint (its format attribute is '" + format
                    + "', expected '" + FORMAT + "')");
        }
        long version = version(in, file);
        if (version > VERSION) {
            throw new CheckpointException("checkpoint " + file + " has format version " + version + "; this Hebb "
                    + "reads versions up to " + VERSION + ": restore it with a newer Hebb");
        }
        if (version < OLDEST_READ) {
            throw new CheckpointException("checkpoint " + file + " has format version " + version + ", which saved "
                    + "each backend's state in its own layout; this Hebb reads versions " + OLDEST_READ + " to "
                    + VERSION + ": save it again with the Hebb that wrote it, or run the network again");
        }
        String network;
        String monitors;
        String warnings;
        if (version >= TEXTS_AS_DATASETS) {
            network = lines(in, NETWORK, file);
            monitors = lines(in, MONITORS, file);
            warnings = lines(in, WARNINGS, file);
        } else {
            network = (String) attribute(in, NETWORK, file);
            monitors = (String) attribute(in, MONITORS, file);
            Attribute saved = in.getAttribute(WARNINGS);
            warnings = saved == null ? "" : (String) saved.getData();
        }
        Attribute leftOut = in.getAttribute(WARNINGS_LEFT_OUT);
        return new Header(network, (String) attribute(in, "backend", file), monitors,
                ((Number) attribute(in, "seed", file)).longValue(),
                ((Number) attribute(in, "dt_ms", file)).doubleValue(),
                ((Number) attribute(in, "step", file)).longValue(),
                warnings.isEmpty() ? List.of() : List.of(warnings.split("\n", -1)),
                leftOut == null ? 0 : ((Number) leftOut.getData()).longValue());
    }

    private static Group stateGroup(HdfFile in, Path file) {
        Node state = in.getChild("state");
        if (!(state instanceof Group group)) {
            throw new CheckpointException("checkpoint " + file + " has no group 'state'");
        }
        return group;
    }

    private static Object attribute(HdfFile in, String name, Path file) {
        Attribute attribute = in.getAttribute(name);
        if (attribute == null) {
            throw new CheckpointException(file + " is not a Hebb checkpoint: it has no attribute '" + name + "'");
        }
        return attribute.getData();
    }

    /**
     * The {@code checksum} attribute of a checkpoint whose {@code /state} datasets are {@code entries} (path to
     * values, in path order): CRC-32C of every entry's path (UTF-8) and values (little-endian).
     */
    public static long checksum(Map<String, Object> entries) {
        CRC32C crc = new CRC32C();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            crc.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            StateFile.update(crc, e.getValue());
        }
        return crc.getValue();
    }

    /**
     * CRC-32C of the values of {@code arrays} (each a short, int, float, long or double array), one after another,
     * little-endian, as {@link #checksum} adds a dataset's values: a digest of arrays too large to describe.
     */
    public static long digest(Object... arrays) {
        CRC32C crc = new CRC32C();
        for (Object values : arrays) {
            StateFile.update(crc, values);
        }
        return crc.getValue();
    }

    /** The first line where two network descriptions differ, both versions. */
    private static String firstDifference(String saved, String expected) {
        String[] a = saved.split("\n");
        String[] b = expected.split("\n");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(nothing)";
            String y = i < b.length ? b[i] : "(nothing)";
            if (!x.equals(y)) {
                return "it has '" + x + "' where this network has '" + y + "'";
            }
        }
        return "(no difference found)";
    }
}
