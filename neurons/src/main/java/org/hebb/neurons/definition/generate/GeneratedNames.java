package org.hebb.neurons.definition.generate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of generated device code, made from the code itself: equal sources get equal names, so that one device
 * program holds each once, and distinct sources distinct names. The name carries the first 128 bits of the source's
 * SHA-256 digest, not its {@link String#hashCode()}, which many distinct texts share ("Aa" and "BB" do, and so does
 * any pair of texts that differ only by one of these in place of the other).
 */
public final class GeneratedNames {
    /** Bytes of the digest a name carries (printed as twice as many hexadecimal digits). */
    private static final int DIGEST_BYTES = 16;

    private GeneratedNames() {
    }

    /**
     * {@code prefix}, an underscore and 32 lower-case hexadecimal digits of the SHA-256 digest of {@code source}
     * (in UTF-8): an OpenCL C identifier if {@code prefix} is one.
     */
    public static String of(String prefix, String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return prefix + "_" + HexFormat.of().formatHex(digest, 0, DIGEST_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256, which every Java platform must have",
                    e);
        }
    }
}
