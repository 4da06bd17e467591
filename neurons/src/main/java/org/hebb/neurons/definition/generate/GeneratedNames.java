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
     * {@code text} (a model's or rule's name) as it can stand in a {@code //} comment of generated Java or OpenCL C:
     * printable ASCII characters are kept, others replaced by {@code _}, and so are backslashes and question marks,
     * which Java (a unicode escape: a backslash, u and the four hexadecimal digits of a line break) and C (a
     * backslash at the line's end, or the trigraph of two question marks and a slash) would read as a line break
     * or a continuation of the comment onto the next line.
     */
    public static String comment(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= ' ' && c <= '~' && c != '\\' && c != '?' ? c : '_');
        }
        return b.toString();
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
