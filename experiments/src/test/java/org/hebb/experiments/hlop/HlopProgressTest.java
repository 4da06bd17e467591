package org.hebb.experiments.hlop;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;

import org.hebb.simulator.checkpoint.StateVisitor;
import org.junit.jupiter.api.Test;

/** A checkpoint resumes only into a run with the same settings made by the same version of Hebb's code. */
class HlopProgressTest {
    private final HlopSettings settings = HlopSettings.standard(1, HlopVariant.HLOP).reduced(3, 100, 10, 40);

    @Test
    void aCheckpointOfTheSameSettingsAndVersionResumes() {
        HlopProgress progress = restoredWithDigest(HlopProgress.digest(settings, HlopProgress.GENERATOR_VERSION));
        assertDoesNotThrow(() -> progress.requireSettings(settings));
    }

    /** Version 1 drew its pixel inputs from 24-bit uniforms; its digests were written before versions existed. */
    @Test
    void aCheckpointOfAnEarlierVersionIsRefused() {
        HlopProgress progress = restoredWithDigest(HlopProgress.digest(settings, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> progress.requireSettings(settings));
        assertTrue(e.getMessage().contains("another generator version than " + HlopProgress.GENERATOR_VERSION),
                e.getMessage());
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefused() {
        HlopSettings other = HlopSettings.standard(2, HlopVariant.HLOP).reduced(3, 100, 10, 40);
        HlopProgress progress = restoredWithDigest(HlopProgress.digest(other, HlopProgress.GENERATOR_VERSION));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> progress.requireSettings(settings));
        assertTrue(e.getMessage().contains("other settings than " + settings.fingerprint()), e.getMessage());
    }

    /** A progress restored from a checkpoint that holds {@code digest} and otherwise this run's own values. */
    private HlopProgress restoredWithDigest(long digest) {
        StateVisitor restoring = (StateVisitor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StateVisitor.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "restoring" -> true;
                    case "checking" -> false;
                    case "scalar" -> args[0].equals("settings_digest") ? digest : args[1];
                    default -> null;
                });
        HlopProgress progress = new HlopProgress(settings);
        progress.checkpoint(restoring);
        return progress;
    }
}
