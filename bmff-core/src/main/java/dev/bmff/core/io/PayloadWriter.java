package dev.bmff.core.io;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.LongArray;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable big-endian byte sink for box serialization. Box sizes are patched after the payload is
 * written ({@link #beginBox}/{@link #endBox}), so nothing is serialized twice.
 */
public final class PayloadWriter {
    private byte[] buf;
    private int pos;

    public PayloadWriter() {
        this(256);
    }

    public PayloadWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (n > buf.length - pos) {
            long want = Math.max((long) buf.length * 2, (long) pos + n);
            if (want > Integer.MAX_VALUE - 16) {
                if ((long) pos + n > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("box tree larger than 2 GiB cannot be built in memory");
                }
                want = Integer.MAX_VALUE - 16;
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public int position() {
        return pos;
    }

    public PayloadWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public PayloadWriter u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PayloadWriter u24(int v) {
        ensure(3);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PayloadWriter u32(long v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PayloadWriter u64(long v) {
        u32(v >>> 32);
        return u32(v);
    }

    /** 32 bits when {@code version == 0}, else 64. */
    public PayloadWriter sized(int version, long v) {
        return version == 0 ? u32(v) : u64(v);
    }

    public PayloadWriter fourCC(FourCC c) {
        return u32(c.value());
    }

    /** Version and flags of a full box. */
    public PayloadWriter versionAndFlags(int version, int flags) {
        u8(version);
        return u24(flags);
    }

    public PayloadWriter bytes(Bytes b) {
        ensure(b.size());
        b.asReadOnlyBuffer().get(buf, pos, b.size());
        pos += b.size();
        return this;
    }

    public PayloadWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    public PayloadWriter zeros(int n) {
        ensure(n);
        pos += n;
        return this;
    }

    /** Each value as 32 bits. */
    public PayloadWriter u32s(LongArray values) {
        ensure(Math.multiplyExact(values.size(), 4));
        for (int i = 0; i < values.size(); i++) {
            u32(values.get(i));
        }
        return this;
    }

    /** Each value as 64 bits. */
    public PayloadWriter u64s(LongArray values) {
        ensure(Math.multiplyExact(values.size(), 8));
        for (int i = 0; i < values.size(); i++) {
            u64(values.get(i));
        }
        return this;
    }

    /**
     * Starts a box with a compact 8-byte header (or a 16-byte one when {@code large}); returns the
     * mark to pass to {@link #endBox}.
     */
    public int beginBox(FourCC type, Bytes userType, boolean large) {
        int mark = pos;
        if (large) {
            u32(1).fourCC(type).u64(0);
        } else {
            u32(0).fourCC(type);
        }
        if (userType != null) {
            bytes(userType);
        }
        return mark;
    }

    /** Patches the size of the box started at {@code mark}. */
    public void endBox(int mark) {
        long size = pos - mark;
        int sizeField = (buf[mark] << 24) | ((buf[mark + 1] & 0xFF) << 16) | ((buf[mark + 2] & 0xFF) << 8)
                | (buf[mark + 3] & 0xFF);
        if (sizeField == 1) {
            putLong(mark + 8, size);
        } else {
            putInt(mark, (int) size);
        }
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void putLong(int at, long v) {
        putInt(at, (int) (v >>> 32));
        putInt(at + 4, (int) v);
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** A view of what was written (valid until the next write). */
    public ByteBuffer view() {
        return ByteBuffer.wrap(buf, 0, pos).asReadOnlyBuffer();
    }
}
