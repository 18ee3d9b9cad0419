package dev.bmff.codecs.bits;

import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the syntax elements of H.264/HEVC/AAC bitstreams, most significant bit first: fixed-width
 * {@code u(n)}, Exp-Golomb {@code ue(v)}/{@code se(v)}, and the RBSP trailing-bit helpers. Reading past
 * the end throws a {@link BitstreamException} of kind {@link Kind#TRUNCATED}; it never returns garbage.
 *
 * <p>{@link #position()} counts the bits read; the offsets in the exceptions count bits of the source the
 * reader was made from, which differ for a reader of an RBSP ({@link Rbsp#reader}): there they count the NAL
 * unit's header and emulation prevention bytes too. {@link #error} makes an exception at a position.
 *
 * <pre>{@code
 * BitReader r = Rbsp.reader(spsNal, 1, spsNal.length - 1);
 * int profileIdc = r.u(8, "profile_idc");
 * int id = r.ue("seq_parameter_set_id");
 * }</pre>
 */
public final class BitReader {
    /** Eight bytes at once, big-endian: the fast paths of {@link #uLong} and {@link #peek}. */
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final int[] NO_ESCAPES = {};

    private final byte[] data;
    private final int startByte;
    private final long endBit;
    /** The bit of the source that position 0 is. */
    private final long originBit;
    /** Ascending positions (in bytes from position 0) before which the source had an emulation prevention byte. */
    private final int[] escapes;
    private long pos;

    /** Reads all of {@code data}. */
    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code length} bytes of {@code data} from {@code offset}. */
    public BitReader(byte[] data, int offset, int length) {
        this(data, offset, length, 0, NO_ESCAPES);
    }

    /**
     * A reader of unescaped bytes whose error offsets count from {@code originBit} of the source, which had an
     * emulation prevention byte before each of the {@code escapes} (null: none).
     */
    BitReader(byte[] data, int offset, int length, long originBit, int[] escapes) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.data = data;
        this.startByte = offset;
        this.pos = (long) offset * 8;
        this.endBit = (long) (offset + length) * 8;
        this.originBit = originBit;
        this.escapes = escapes == null ? NO_ESCAPES : escapes;
    }

    /**
     * The bit of the source that {@code position} (as {@link #position()} counts) is: the position itself for
     * a reader of plain bytes; for a reader of an RBSP, the bit of the NAL unit, header and emulation
     * prevention bytes counted.
     */
    public long sourceBitOffset(long position) {
        long escaped = 0;
        long byteIndex = position >>> 3;
        for (int e : escapes) {
            if (e > byteIndex) {
                break;
            }
            escaped++;
        }
        return originBit + position + 8 * escaped;
    }

    /**
     * An exception of {@code kind} about the syntax element read from {@code position} (as {@link #position()}
     * counts), with its offset in the source.
     *
     * <pre>{@code
     * long at = r.position();
     * int idc = r.u(2, "weighted_bipred_idc");
     * if (idc == 3) {
     *     throw r.error(Kind.RESERVED, at, "weighted_bipred_idc: 3 is reserved");
     * }
     * }</pre>
     */
    public BitstreamException error(Kind kind, long position, String message) {
        return new BitstreamException(kind, sourceBitOffset(position), message);
    }

    /** Bits read so far. */
    public long position() {
        return pos - (long) startByte * 8;
    }

    /** Bits left. */
    public long remaining() {
        return endBit - pos;
    }

    /** True on a byte boundary. */
    public boolean isByteAligned() {
        return (pos & 7) == 0;
    }

    private void need(long n, String what) throws BitstreamException {
        if (n > endBit - pos) {
            throw error(Kind.TRUNCATED, position(), what + ": needs " + n + " bits, only " + remaining() + " left");
        }
    }

    /** One bit as a boolean ({@code u(1)}). */
    public boolean flag(String what) throws BitstreamException {
        need(1, what);
        int b = (data[(int) (pos >>> 3)] >>> (7 - (int) (pos & 7))) & 1;
        pos++;
        return b != 0;
    }

    /** {@code u(n)} for n from 0 to 32, as an int (u(32) may be negative: use {@link #uLong}). */
    public int u(int n, String what) throws BitstreamException {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("u(n) reads 0 to 32 bits: " + n);
        }
        return (int) uLong(n, what);
    }

    /** {@code u(n)} for n from 0 to 64. */
    public long uLong(int n, String what) throws BitstreamException {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("u(n) reads 0 to 64 bits: " + n);
        }
        need(n, what);
        int byteIndex = (int) (pos >>> 3);
        if (n > 0 && n <= 57 && byteIndex <= data.length - 8) {
            // One 8-byte load holds the n bits wherever they start in the first byte (7 + 57 = 64).
            long word = (long) BIG_ENDIAN_LONG.get(data, byteIndex);
            long v = (word << (pos & 7)) >>> (64 - n);
            pos += n;
            return v;
        }
        return uLongBytewise(n);
    }

    /** {@code u(n)} a byte at a time: near the end of the array, or above 57 bits. */
    private long uLongBytewise(int n) {
        long v = 0;
        int left = n;
        while (left > 0) {
            int byteIndex = (int) (pos >>> 3);
            int bitInByte = (int) (pos & 7);
            int take = Math.min(8 - bitInByte, left);
            int bits = ((data[byteIndex] & 0xFF) >>> (8 - bitInByte - take)) & ((1 << take) - 1);
            v = (v << take) | bits;
            left -= take;
            pos += take;
        }
        return v;
    }

    /**
     * The next {@code n} bits (0 to 32) as an unsigned number, without consuming them; bits past the end read
     * as 0. Table-driven decoders look ahead this way, then {@link #skip} what the table says they used.
     *
     * <pre>{@code
     * int entry = table[r.peek(9)];
     * r.skip(entry & 15, "codeword");
     * }</pre>
     */
    public int peek(int n) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("peek reads 0 to 32 bits: " + n);
        }
        if (n == 0) {
            return 0;
        }
        long left = endBit - pos;
        int byteIndex = (int) (pos >>> 3);
        long v;
        if (byteIndex <= data.length - 8) {
            long word = (long) BIG_ENDIAN_LONG.get(data, byteIndex);
            v = (word << (pos & 7)) >>> (64 - n);
        } else {
            v = 0;
            for (int i = 0; i < n; i++) {
                long at = pos + i;
                int bit = at < endBit ? (data[(int) (at >>> 3)] >>> (7 - (int) (at & 7))) & 1 : 0;
                v = (v << 1) | bit;
            }
        }
        if (left < n) {
            v &= left <= 0 ? 0 : ~((1L << (n - left)) - 1);
        }
        return (int) v;
    }

    /** Skips {@code n} bits. */
    public void skip(long n, String what) throws BitstreamException {
        need(n, what);
        pos += n;
    }

    /** Unsigned Exp-Golomb {@code ue(v)}, up to 2^32 - 2. */
    public long ueLong(String what) throws BitstreamException {
        long at = position();
        int zeros = 0;
        while (!flag(what)) {
            if (++zeros > 32) {
                throw error(Kind.OUT_OF_RANGE, at, what + ": Exp-Golomb code longer than 32 bits");
            }
        }
        return (1L << zeros) - 1 + uLong(zeros, what);
    }

    /** {@code ue(v)} that must fit in an int. */
    public int ue(String what) throws BitstreamException {
        long at = position();
        long v = ueLong(what);
        if (v > Integer.MAX_VALUE) {
            throw error(Kind.OUT_OF_RANGE, at, what + ": " + v + " does not fit in an int");
        }
        return (int) v;
    }

    /** {@code ue(v)} that must lie in {@code [min, max]}. */
    public int ue(String what, int min, int max) throws BitstreamException {
        long at = position();
        long v = ueLong(what);
        if (v < min || v > max) {
            throw error(Kind.OUT_OF_RANGE, at, what + ": " + v + " outside " + min + ".." + max);
        }
        return (int) v;
    }

    /** Signed Exp-Golomb {@code se(v)}. */
    public int se(String what) throws BitstreamException {
        long k = ueLong(what);
        long v = (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
        return (int) v;
    }

    /** {@code se(v)} that must lie in {@code [min, max]}. */
    public int se(String what, int min, int max) throws BitstreamException {
        long at = position();
        int v = se(what);
        if (v < min || v > max) {
            throw error(Kind.OUT_OF_RANGE, at, what + ": " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    /** Skips to the next byte boundary. */
    public void byteAlign() {
        pos = (pos + 7) & ~7L;
        if (pos > endBit) {
            pos = endBit;
        }
    }

    /**
     * H.264/HEVC {@code more_rbsp_data()}: true when there is more data before the rbsp_stop_one_bit
     * (the last 1 bit of the payload) that ends it.
     */
    public boolean moreRbspData() {
        if (pos >= endBit) {
            return false;
        }
        long last = endBit - 1;
        int first = (int) (pos >>> 3);
        while (last >= pos) {
            int byteIndex = (int) (last >>> 3);
            if (byteIndex < first) {
                break;
            }
            int b = data[byteIndex] & 0xFF;
            int bit = (b >>> (7 - (int) (last & 7))) & 1;
            if (bit == 1) {
                return last > pos;
            }
            last--;
        }
        return false;
    }
}
