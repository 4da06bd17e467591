package org.hebb.experiments.whatwhen;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WhatWhenSettingsTest {
    @Test
    void aReservoirWhoseForceMatrixCannotBeIndexedIsRefused() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> WhatWhenSettings.full(1).withReservoir(100_000, 25_000)).getMessage();
        assertTrue(message.startsWith("reservoir neurons = 125000 is not allowed: must be at most 46340,"), message);
    }
}
