package dev.bmff.core.box;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An immutable byte string. Callers see its content only as copies or read-only views,
 * so a box model that holds one stays immutable.
 *
 * <pre>{@code
 * Bytes b = Bytes.of(new byte[] {1, 2, 3});
 * ByteBuffer view = b.asReadOnlyBuffer();
 * }</pre>
 */
public final class Bytes implements Payload {
    /** No bytes. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** A copy of {@code length} bytes of {@code data} from {@code offset}. */
    public static Bytes of(byte[] data, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** A copy of the remaining bytes of {@code buffer}; the buffer's position is not changed. */
    public static Bytes copyOf(ByteBuffer buffer) {
        byte[] d = new byte[buffer.remaining()];
        buffer.duplicate().get(d);
        return d.length == 0 ? EMPTY : new Bytes(d);
    }

    /** {@code length} zero bytes. */
    public static Bytes zeros(int length) {
        return length == 0 ? EMPTY : new Bytes(new byte[length]);
    }

    /** Takes ownership of an array the caller will never touch again (no copy). */
    static Bytes wrapOwned(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    @Override
    public long length() {
        return data.length;
    }

    /** Length as an int (in-memory payloads are always smaller than 2 GiB). */
    public int size() {
        return data.length;
    }

    /** The byte at {@code index}, as 0..255. */
    public int get(int index) {
        return data[index] & 0xFF;
    }

    /** A fresh read-only view of the content, positioned at 0. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A copy of the content. */
    public byte[] toArray() {
        return data.clone();
    }

    /** True when every byte is zero. */
    public boolean isAllZero() {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** Length and up to the first 16 bytes in hex. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Bytes[").append(data.length);
        if (data.length > 0) {
            sb.append(": ");
        }
        for (int i = 0; i < Math.min(16, data.length); i++) {
            sb.append(String.format("%02x", data[i]));
        }
        if (data.length > 16) {
            sb.append("...");
        }
        return sb.append(']').toString();
    }
}
