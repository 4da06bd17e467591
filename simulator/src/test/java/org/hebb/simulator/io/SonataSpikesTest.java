package org.hebb.simulator.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.hebb.neurons.lif.IfCurrExp;
import org.hebb.simulator.Network;
import org.hebb.simulator.connect.Connectors;
import org.hebb.simulator.connect.Synapses;
import org.hebb.simulator.init.Values;
import org.hebb.simulator.input.PoissonSource;
import org.hebb.simulator.monitor.SpikeMonitor;
import org.hebb.simulator.population.NeuronPopulation;
import org.hebb.simulator.storage.HebbVersion;
import org.hebb.simulator.testing.H5py;
import org.hebb.simulator.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hebb's SONATA spike files, read back by h5py: the groups, datasets, types, attributes and values SONATA names. */
class SonataSpikesTest {
    @TempDir
    Path directory;

    @Test
    void h5pyReadsTheSpikesOfEachPopulation() throws Exception {
        Prerequisites.require(H5py.missing());
        Path file = directory.resolve("spikes.h5");
        SpikeMonitor cellSpikes;
        SpikeMonitor inputSpikes;
        try (Network net = Network.builder().seed(2).dt(0.1).build()) {
            PoissonSource input = net.addPoissonSource("input", 20, 50);
            NeuronPopulation cells = net.addNeurons("cells", 10, IfCurrExp.builder().build());
            net.connect(input, cells, Connectors.allToAll(false), Synapses.onto("excitatory")
                    .weights(Values.constant(1.5)));
            cellSpikes = net.monitorSpikes(cells);
            inputSpikes = net.monitorSpikes(input);
            net.run(50);
            SonataSpikes.write(file, cellSpikes, inputSpikes);
        }
        Map<String, String> read = H5py.read(file);
        assertEquals(String.valueOf(SonataSpikes.MAGIC), read.get("@magic"), "magic number");
        assertEquals("0 1", read.get("@version"), "format version");
        assertEquals("2", read.get("@hebb_seed"), "master seed");
        assertEquals("0.1", read.get("@hebb_dt_ms"), "time step");
        assertEquals(HebbVersion.describe(), read.get("@hebb_version"), "the build that wrote it");
        for (SpikeMonitor m : new SpikeMonitor[] {cellSpikes, inputSpikes}) {
            String group = "/spikes/" + m.population().name();
            assertTrue(m.storedCount() > 5, "test setup: spikes of " + group);
            assertEquals("by_time", read.get(group + "@sorting"), group + " sorting");
            assertEquals("ms", read.get(group + "/timestamps@units"), group + " time unit");
            String times = read.get(group + "/timestamps");
            String ids = read.get(group + "/node_ids");
            assertTrue(times.startsWith("float64: "), times);
            assertTrue(ids.startsWith("int64: "), ids);
            String[] t = times.substring("float64: ".length()).split(" ");
            String[] n = ids.substring("int64: ".length()).split(" ");
            assertEquals(m.storedCount(), t.length, group + " spike count");
            for (int k = 0; k < t.length; k++) {
                assertEquals(m.times()[k], Double.parseDouble(t[k]), 1e-12, group + " spike " + k + " time");
                assertEquals(m.neurons()[k], Integer.parseInt(n[k]), group + " spike " + k + " neuron");
            }
        }
        assertFalse(read.containsKey("/spikes/nobody"), "only the monitored populations");
    }

    @Test
    void monitorsMissingSpikesAreRefused() {
        try (Network net = Network.builder().seed(2).dt(0.1).build()) {
            PoissonSource input = net.addPoissonSource("input", 20, 50);
            SpikeMonitor bounded = net.monitorSpikes(input, SpikeMonitor.settings().maxStoredSpikes(10));
            SpikeMonitor counts = net.monitorSpikes(input, SpikeMonitor.settings().countsOnly());
            net.run(50);
            Path file = directory.resolve("spikes.h5");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SonataSpikes.write(file, bounded));
            assertTrue(e.getMessage().startsWith("monitor of population 'input' is not allowed: it dropped "
                    + bounded.droppedSpikes() + " of its " + bounded.totalCount() + " spikes"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> SonataSpikes.write(file, counts));
            assertTrue(e.getMessage().contains("it keeps counts only"), e.getMessage());
            assertFalse(java.nio.file.Files.exists(file), "nothing written");
        }
    }

    /**
     * A population whose name cannot name its group /spikes/&lt;population&gt; is refused, naming it, before the file
     * is written: a '/' would nest its group under another, '.' is the group that holds it, and the names follow
     * the rule of SonataNetwork's export, whose virtual populations replay these groups.
     */
    @Test
    void namesThatCannotNameAGroupAreRefused() {
        Path file = directory.resolve("spikes.h5");
        for (String name : new String[] {"a/b", ".", "layer 4", "a\\b"}) {
            try (Network net = Network.builder().seed(2).dt(0.1).build()) {
                PoissonSource input = net.addPoissonSource(name, 20, 200);
                SpikeMonitor spikes = net.monitorSpikes(input);
                net.run(50);
                assertTrue(spikes.storedCount() > 0, "test setup: spikes of " + name);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SonataSpikes.write(file, spikes));
                assertEquals("population name = '" + name + "' is not allowed in a SONATA spike file: it names the "
                        + "group /spikes/" + name + ", so it must not contain whitespace, '/' or '\\', nor be '.'",
                        e.getMessage());
            }
            assertFalse(java.nio.file.Files.exists(file), "nothing written for " + name);
        }
    }
}
