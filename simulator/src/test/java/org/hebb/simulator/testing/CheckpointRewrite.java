package org.hebb.simulator.testing;

import java.nio.file.Path;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.hebb.simulator.checkpoint.CheckpointFile;

/** Checkpoint files changed by hand, for tests of what a restore refuses. */
public final class CheckpointRewrite {
    private CheckpointRewrite() {
    }

    /**
     * {@code file} written again to {@code to} (attributes, the datasets of its texts and its state) with its state
     * changed by {@code change} (path to values, as
     * {@link CheckpointFile#checksum} takes them) and the checksum of the changed state, so only the values are wrong.
     */
    public static void rewritten(Path file, Path to, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> entries = new java.util.TreeMap<>();
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        Map<String, Object> texts = new java.util.LinkedHashMap<>();
        try (HdfFile in = new HdfFile(file)) {
            in.getAttributes().forEach((name, attribute) -> attributes.put(name, attribute.getData()));
            in.getChildren().forEach((name, node) -> {
                if (node instanceof io.jhdf.api.Dataset text) {
                    texts.put(name, text.getData());
                }
            });
            collect((io.jhdf.api.Group) in.getChild("state"), "state", entries);
        }
        change.accept(entries);
        attributes.put("checksum", CheckpointFile.checksum(entries));
        try (WritableHdfFile out = HdfFile.write(to)) {
            attributes.forEach(out::putAttribute);
            texts.forEach(out::putDataset);
            Map<String, io.jhdf.api.WritableGroup> groups = new java.util.HashMap<>();
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                String path = e.getKey();
                int slash = path.lastIndexOf('/');
                io.jhdf.api.WritableGroup group = null;
                String at = "";
                for (String part : path.substring(0, slash).split("/")) {
                    at = at.isEmpty() ? part : at + "/" + part;
                    io.jhdf.api.WritableGroup parent = group;
                    group = groups.computeIfAbsent(at, p -> parent == null ? out.putGroup(part)
                            : parent.putGroup(part));
                }
                group.putDataset(path.substring(slash + 1), e.getValue());
            }
        }
    }

    private static void collect(io.jhdf.api.Group group, String path, Map<String, Object> entries) {
        for (io.jhdf.api.Node node : group.getChildren().values()) {
            if (node instanceof io.jhdf.api.Group g) {
                collect(g, path + "/" + node.getName(), entries);
            } else {
                entries.put(path + "/" + node.getName(), ((io.jhdf.api.Dataset) node).getData());
            }
        }
    }
}
