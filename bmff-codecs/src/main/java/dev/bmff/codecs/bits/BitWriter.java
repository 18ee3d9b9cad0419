package dev.bmff.codecs.bits;

import java.util.Arrays;

/**
 * Writes syntax elements most significant bit first: the inverse of {@link BitReader}, used to build
 * configuration records and in round-trip tests.
 */
public final class BitWriter {
    private byte[] buf = new byte[64];
    private long pos;

    /** Writes the low {@code n} bits of {@code value} (n from 0 to 64). */
    public BitWriter u(int n, long value) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("u(n) writes 0 to 64 bits: " + n);
        }
        for (int i = n - 1; i >= 0; i--) {
            bit((int) (value >>> i) & 1);
        }
        return this;
    }

    public BitWriter flag(boolean b) {
        return bit(b ? 1 : 0);
    }

    /** Unsigned Exp-Golomb. */
    public BitWriter ue(long value) {
        if (value < 0 || value > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("ue(v) value out of range: " + value);
        }
        long v = value + 1;
        int len = 64 - Long.numberOfLeadingZeros(v);
        u(len - 1, 0);
        return u(len, v);
    }

    /** Signed Exp-Golomb. */
    public BitWriter se(int value) {
        return ue(value > 0 ? 2L * value - 1 : -2L * value);
    }

    /** rbsp_trailing_bits: a 1 then zeros to the byte boundary. */
    public BitWriter trailingBits() {
        bit(1);
        while ((pos & 7) != 0) {
            bit(0);
        }
        return this;
    }

    private BitWriter bit(int b) {
        int index = (int) (pos >>> 3);
        if (index == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (b != 0) {
            buf[index] |= (byte) (0x80 >>> (pos & 7));
        }
        pos++;
        return this;
    }

    /** Bits written. */
    public long bitLength() {
        return pos;
    }

    /** The bytes written, the last one padded with zero bits. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((pos + 7) >>> 3));
    }
}
