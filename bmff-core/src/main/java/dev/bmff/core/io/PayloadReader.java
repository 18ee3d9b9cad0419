package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.LongArray;

/**
 * Reads big-endian fields from one box payload held in memory. Every read is checked against the
 * payload's end, and arrays are allocated only after their size is checked against the bytes present,
 * so a hostile count gives a {@link BmffFormatException}, never an {@code OutOfMemoryError}.
 */
public final class PayloadReader {
    private final byte[] data;
    private final int end;
    private final long fileOffsetOfZero;
    private final String path;
    private int pos;

    /**
     * @param data the buffer holding the payload
     * @param start index of the first payload byte in {@code data}
     * @param end index one past the last payload byte
     * @param fileOffsetOfZero file offset of {@code data[0]}, for error messages
     * @param path box path, for error messages
     */
    public PayloadReader(byte[] data, int start, int end, long fileOffsetOfZero, String path) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.fileOffsetOfZero = fileOffsetOfZero;
        this.path = path;
    }

    public int remaining() {
        return end - pos;
    }

    /** Index of the next byte in the underlying buffer. */
    public int position() {
        return pos;
    }

    /** Absolute file offset of the next byte. */
    public long fileOffset() {
        return fileOffsetOfZero + pos;
    }

    public String path() {
        return path;
    }

    private void need(long n, String what) throws BmffFormatException {
        if (n > end - pos) {
            throw BmffFormatException.malformed(fileOffset(), path,
                    what + " needs " + n + " bytes, only " + (end - pos) + " left in the box");
        }
    }

    public int u8() throws BmffFormatException {
        need(1, "u8");
        return data[pos++] & 0xFF;
    }

    public int u16() throws BmffFormatException {
        need(2, "u16");
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int s16() throws BmffFormatException {
        return (short) u16();
    }

    public int u24() throws BmffFormatException {
        need(3, "u24");
        int v = ((data[pos] & 0xFF) << 16) | ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    public int s32() throws BmffFormatException {
        need(4, "u32");
        int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long u32() throws BmffFormatException {
        return s32() & 0xFFFF_FFFFL;
    }

    /** A 64-bit field; values of 2^63 and above come back negative. */
    public long s64() throws BmffFormatException {
        return (u32() << 32) | u32();
    }

    /** A 64-bit field that must be below 2^63 (sizes, offsets, times). */
    public long u63(String field) throws BmffFormatException {
        long at = fileOffset();
        long v = s64();
        if (v < 0) {
            throw new BmffFormatException(BmffFormatException.Kind.UNSUPPORTED, at, path,
                    field + " is 2^63 or more");
        }
        return v;
    }

    /**
     * 32 bits when {@code version == 0}, else 64 bits as stored: for times and durations, where all ones
     * means "unknown" (a fragmented file's duration) and the value is read as unsigned by callers.
     */
    public long sizedRaw(int version) throws BmffFormatException {
        return version == 0 ? u32() : s64();
    }

    /** 32 bits when {@code version == 0}, else 64 bits (below 2^63): for offsets and times used in arithmetic. */
    public long sized(int version, String field) throws BmffFormatException {
        return version == 0 ? u32() : u63(field);
    }

    public FourCC fourCC() throws BmffFormatException {
        return new FourCC(s32());
    }

    public Bytes bytes(int n) throws BmffFormatException {
        need(n, n + " bytes");
        Bytes b = Bytes.of(data, pos, n);
        pos += n;
        return b;
    }

    /** Everything left in the payload. */
    public Bytes rest() {
        Bytes b = Bytes.of(data, pos, end - pos);
        pos = end;
        return b;
    }

    public void skip(int n) throws BmffFormatException {
        need(n, "skipping");
        pos += n;
    }

    /** Checks that {@code count} entries of {@code entryBytes} each are present before anything is allocated. */
    public int checkEntries(long count, int entryBytes, String what) throws BmffFormatException {
        if (count < 0 || count > (end - pos) / Math.max(1, entryBytes)) {
            throw BmffFormatException.malformed(fileOffset(), path, what + " count " + count + " needs "
                    + count * (long) entryBytes + " bytes, only " + (end - pos)
                    + " left in the box");
        }
        return (int) count;
    }

    /** {@code count} unsigned 32-bit values. */
    public LongArray u32Array(long count, String what) throws BmffFormatException {
        int n = checkEntries(count, 4, what);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = u32();
        }
        return LongArray.wrapOwned(v);
    }

    /** {@code count} 64-bit values below 2^63. */
    public LongArray u63Array(long count, String what) throws BmffFormatException {
        int n = checkEntries(count, 8, what);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = u63(what);
        }
        return LongArray.wrapOwned(v);
    }

    /** A malformed-file exception at the current position. */
    public BmffFormatException error(String detail) {
        return BmffFormatException.malformed(fileOffset(), path, detail);
    }

    /** An unsupported-feature exception at the current position. */
    public BmffFormatException unsupported(String detail) {
        return new BmffFormatException(BmffFormatException.Kind.UNSUPPORTED, fileOffset(), path, detail);
    }
}
