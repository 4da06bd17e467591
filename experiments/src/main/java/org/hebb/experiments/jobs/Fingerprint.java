package org.hebb.experiments.jobs;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest of numbers and arrays, for telling whether checkpoints were made from the same inputs (data,
 * weights, sample lists) without storing the inputs.
 */
public final class Fingerprint {
    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 13);

    /** An empty digest. */
    public Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Adds {@code value}. */
    public Fingerprint add(long value) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    /** Adds the length and the bytes of {@code values}. */
    public Fingerprint add(byte[] values) {
        add(values.length);
        digest.update(values);
        return this;
    }

    /** Adds the length and the values of {@code values}. */
    public Fingerprint add(int[] values) {
        add(values.length);
        for (int value : values) {
            flushIfFull(Integer.BYTES).putInt(value);
        }
        flush();
        return this;
    }

    /** Adds the length and the exact bits of {@code values}. */
    public Fingerprint add(float[] values) {
        add(values.length);
        for (float value : values) {
            flushIfFull(Float.BYTES).putInt(Float.floatToRawIntBits(value));
        }
        flush();
        return this;
    }

    /** Adds the length and the exact bits of {@code values}. */
    public Fingerprint add(double[] values) {
        add(values.length);
        for (double value : values) {
            flushIfFull(Double.BYTES).putLong(Double.doubleToRawLongBits(value));
        }
        flush();
        return this;
    }

    /** The first 16 hexadecimal digits of the digest (64 bits: enough to tell inputs apart); call it once, last. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private ByteBuffer flushIfFull(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
        return buffer;
    }

    private void flush() {
        digest.update(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
