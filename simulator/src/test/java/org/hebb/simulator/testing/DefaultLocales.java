package org.hebb.simulator.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.Callable;

/** Runs test code under another default locale of the JVM, and checks what it wrote. */
public final class DefaultLocales {
    private DefaultLocales() {
    }

    /** {@code work}'s result with the default locale {@code tag} (a BCP 47 language tag), the default restored after. */
    public static <T> T with(String tag, Callable<T> work) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            return work.call();
        } finally {
            Locale.setDefault(before);
        }
    }

    /** Fails where {@code text} holds a character outside ASCII (a digit in another script, a dotless i). */
    public static void assertAscii(String text) {
        assertTrue(text.chars().allMatch(c -> c < 128), "non-ASCII characters in:\n" + text);
    }
}
