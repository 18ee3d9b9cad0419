package dev.bmff.codecs.bits;

/**
 * Reads the syntax elements of H.264/HEVC/AAC bitstreams, most significant bit first: fixed-width
 * {@code u(n)}, Exp-Golomb {@code ue(v)}/{@code se(v)}, and the RBSP trailing-bit helpers. Reading past
 * the end throws {@link BitstreamException}; it never returns garbage.
 *
 * <pre>{@code
 * BitReader r = new BitReader(Rbsp.unescape(spsNalPayload));
 * int profileIdc = r.u(8, "profile_idc");
 * int id = r.ue("seq_parameter_set_id");
 * }</pre>
 */
public final class BitReader {
    private final byte[] data;
    private final int startByte;
    private final long endBit;
    private long pos;

    /** Reads all of {@code data}. */
    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code length} bytes of {@code data} from {@code offset}. */
    public BitReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.data = data;
        this.startByte = offset;
        this.pos = (long) offset * 8;
        this.endBit = (long) (offset + length) * 8;
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
            throw new BitstreamException(what + ": needs " + n + " bits at bit " + position() + ", only "
                    + remaining() + " left");
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

    /** Skips {@code n} bits. */
    public void skip(long n, String what) throws BitstreamException {
        need(n, what);
        pos += n;
    }

    /** Unsigned Exp-Golomb {@code ue(v)}, up to 2^32 - 2. */
    public long ueLong(String what) throws BitstreamException {
        int zeros = 0;
        while (!flag(what)) {
            if (++zeros > 32) {
                throw new BitstreamException(what + ": Exp-Golomb code longer than 32 bits at bit " + position());
            }
        }
        return (1L << zeros) - 1 + uLong(zeros, what);
    }

    /** {@code ue(v)} that must fit in an int. */
    public int ue(String what) throws BitstreamException {
        long v = ueLong(what);
        if (v > Integer.MAX_VALUE) {
            throw new BitstreamException(what + ": value " + v + " out of range");
        }
        return (int) v;
    }

    /** {@code ue(v)} that must lie in {@code [min, max]}. */
    public int ue(String what, int min, int max) throws BitstreamException {
        long v = ueLong(what);
        if (v < min || v > max) {
            throw new BitstreamException(what + ": " + v + " outside " + min + ".." + max);
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
        int v = se(what);
        if (v < min || v > max) {
            throw new BitstreamException(what + ": " + v + " outside " + min + ".." + max);
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
