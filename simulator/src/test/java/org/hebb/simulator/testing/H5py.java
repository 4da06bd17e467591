package org.hebb.simulator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads an HDF5 file with h5py (Debian's python3-h5py, run by /usr/bin/python3): a reader independent of the
 * library Hebb writes with. Each attribute and dataset comes back as text: attributes under {@code path@name},
 * datasets under their path as "dtype: v1 v2 ..." (flattened) and their shapes under {@code path#shape} as
 * "d1 d2 ..."; a new line in a string comes back as the two characters \n.
 */
public final class H5py {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = String.join("\n",
            "import sys, h5py",
            "def text(v):",
            "    if isinstance(v, bytes): return v.decode().replace('\\n', '\\\\n')",
            "    if hasattr(v, 'tolist'): v = v.tolist()",
            "    if isinstance(v, list): return ' '.join(text(x) for x in v)",
            "    return repr(v)",
            "def visit(path, obj):",
            "    for k, v in obj.attrs.items(): print(('/' + path if path else '') + '@' + k + '\\t' + text(v))",
            "    if isinstance(obj, h5py.Dataset): print('/' + path + '\\t' + str(obj.dtype) + ': ' + text(obj[()]))",
            "    if isinstance(obj, h5py.Dataset): print('/' + path + '#shape\\t' + ' '.join(map(str, obj.shape)))",
            "f = h5py.File(sys.argv[1], 'r')",
            "visit('', f)",
            "f.visititems(visit)");

    private H5py() {
    }

    /** Null if h5py can be run, else what is missing and how to install it. */
    public static String missing() {
        if (!Files.isExecutable(PYTHON)) {
            return "/usr/bin/python3 (Debian package python3) to read HDF5 files independently";
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? null
                    : "h5py for /usr/bin/python3 (Debian package python3-h5py) to read HDF5 files independently";
        } catch (IOException e) {
            return "/usr/bin/python3 could not be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Every attribute and dataset of {@code file}, as h5py reads them. */
    public static Map<String, String> read(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("h5py could not read " + file + ":\n" + output);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                entries.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return entries;
    }
}
