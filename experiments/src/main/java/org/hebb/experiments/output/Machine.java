package org.hebb.experiments.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a result records of the machine that produced it: the processor, the cores, the JVM; its peak memory. */
public final class Machine {
    private Machine() {
    }

    /** For example "AMD EPYC, 2 cores, OpenJDK 64-Bit Server VM 17.0.15". */
    public static String description() {
        return processor() + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
    }

    /**
     * For example "AMD EPYC (family 26, model 2), 2 cores" ("unknown" for the model where /proc/cpuinfo cannot be
     * read). A virtual machine's model name may not tell processor generations apart; the family and model do.
     */
    public static String processor() {
        String cpu = "unknown";
        try {
            List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = field(info, "model name");
            String family = field(info, "cpu family");
            String model = field(info, "model");
            if (cpu == null) {
                cpu = "unknown";
            }
            if (family != null && model != null) {
                cpu += " (family " + family + ", model " + model + ")";
            }
        } catch (IOException | SecurityException e) {
            // not Linux: the model stays unknown
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** The value of the first line "key : value" of /proc/cpuinfo whose key is {@code key}, or null. */
    private static String field(List<String> cpuinfo, String key) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /**
     * The largest resident memory of this whole JVM so far (Linux's VmHWM), bytes; where that is not available,
     * the heap's committed size, a lower bound.
     */
    public static long peakResidentBytes() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : status) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | SecurityException | NumberFormatException e) {
            // not Linux: fall back to the heap
        }
        return Runtime.getRuntime().totalMemory();
    }
}
