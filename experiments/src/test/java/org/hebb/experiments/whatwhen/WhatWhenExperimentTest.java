package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hebb.experiments.output.JsonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced protocol (500 neurons, 90 trials per block): the three-factor readouts peak at the cues' latencies
 * with amplitudes that follow the outcome probabilities, recover from a latency change without any reset, and
 * FORCE needs its reset to do the same; the "what" readouts name the announced outcome, and the subspace neurons
 * keep the "what" and "when" weight planes further apart than random planes. Looser thresholds than the full runs
 * (timing within 15%, r above 0.8).
 */
class WhatWhenExperimentTest {
    @TempDir
    Path dir;

    @Test
    void reducedProtocolLearnsWhenAndHowLikely() throws IOException {
        Map<String, Object> r = WhatWhenExperiment.run(WhatWhenSettings.reduced(1), dir);
        System.out.println("what-when (reduced): timing error " + r.get("timing_error_fraction") + ", r "
                + r.get("probability_pearson_r") + ", adaptation trials " + r.get("adaptation_trials_three_factor")
                + " / " + r.get("adaptation_trials_force_no_reset") + " / " + r.get("adaptation_trials_force_reset")
                + ", angle " + r.get("subspace_angle_deg") + " (null median " + r.get("subspace_null_median_deg")
                + ")");
        assertEquals(270, r.get("trials"));
        assertTrue((double) r.get("timing_error_fraction") < 0.15, "peaks near the latencies");
        assertTrue((double) r.get("probability_pearson_r") > 0.8, "amplitude follows probability");
        boolean[] relearned = (boolean[]) r.get("adaptation_relearned");
        assertTrue(r.get("adaptation_trials_three_factor") instanceof Integer, "the three-factor readout settles");
        int threeFactor = (int) r.get("adaptation_trials_three_factor");
        Integer forceNoReset = (Integer) r.get("adaptation_trials_force_no_reset");
        assertTrue(relearned[ReadoutKind.THREE_FACTOR.ordinal()], "the three-factor readout relearns without reset");
        assertTrue(relearned[ReadoutKind.FORCE_RESET.ordinal()], "FORCE relearns with its reset");
        assertTrue(!relearned[ReadoutKind.FORCE_NO_RESET.ordinal()] || forceNoReset == null
                || forceNoReset >= 2 * threeFactor, "FORCE without reset is at least twice as slow, never settles or "
                + "fails");
        assertTrue((double) r.get("what_identity_accuracy") > 0.9, "the \"what\" readouts name the outcome");
        assertTrue((double) r.get("what_subspace_fit_deg") < 5, "the subspace neurons learned the leading subspace");
        assertTrue((double) r.get("subspace_angle_deg") > 75, "\"what\" and \"when\" planes further apart than "
                + "random ones (null median " + r.get("subspace_null_median_deg") + ")");
        assertEquals(Boolean.TRUE, r.get("alpha_gamma_peaks"));
        assertEquals(List.of(), JsonOutput.read(dir.resolve("result.json"), Map.class).get("warnings"),
                "a quiet run: an empty array, present");
        for (String file : new String[] {"result.json", "summary.md", "readout_traces.png", "learning_curves.png",
                "subspace_angle.png", "izhikevich2003/spectrum.png"}) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
    }
}
