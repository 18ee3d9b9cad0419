package dev.bmff.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds box bytes by hand for reader tests, including malformed ones (any size field can be forced).
 *
 * <pre>{@code
 * byte[] file = BoxBytes.concat(BoxBytes.ftyp(), BoxBytes.box("moov", BoxBytes.box("trak")));
 * }</pre>
 */
public final class BoxBytes {
    private BoxBytes() {
    }

    /** A box with a compact header whose size is computed. */
    public static byte[] box(String type, byte[]... payload) {
        byte[] p = concat(payload);
        return concat(u32(8L + p.length), fourCC(type), p);
    }

    /** A box whose 32-bit size field is {@code sizeField}, whatever the payload (0 = to the end, 1 = large). */
    public static byte[] boxWithSize(long sizeField, String type, byte[]... payload) {
        return concat(u32(sizeField), fourCC(type), concat(payload));
    }

    /** A full box (version and flags before the payload). */
    public static byte[] fullBox(String type, int version, int flags, byte[]... payload) {
        return box(type, u8(version), u24(flags), concat(payload));
    }

    /** A box with the 16-byte header: size field 1 and a 64-bit largesize. */
    public static byte[] largeBox(String type, byte[]... payload) {
        byte[] p = concat(payload);
        return concat(u32(1), fourCC(type), u64(16L + p.length), p);
    }

    /** A {@code uuid} box with its 16-byte user type. */
    public static byte[] uuidBox(byte[] userType, byte[]... payload) {
        if (userType.length != 16) {
            throw new IllegalArgumentException("user type must be 16 bytes");
        }
        byte[] p = concat(payload);
        return concat(u32(24L + p.length), fourCC("uuid"), userType, p);
    }

    /** A minimal valid {@code ftyp}: major brand isom, minor version 512, compatible brand isom. */
    public static byte[] ftyp() {
        return box("ftyp", fourCC("isom"), u32(0x200), fourCC("isom"));
    }

    public static byte[] fourCC(String code) {
        byte[] b = code.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("not a four-character code: '" + code + "'");
        }
        return b;
    }

    public static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    public static byte[] u24(int v) {
        return new byte[] {(byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Each value as 32 bits, big endian. */
    public static byte[] u32(long... values) {
        byte[] b = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            b[i * 4] = (byte) (v >>> 24);
            b[i * 4 + 1] = (byte) (v >>> 16);
            b[i * 4 + 2] = (byte) (v >>> 8);
            b[i * 4 + 3] = (byte) v;
        }
        return b;
    }

    public static byte[] u64(long v) {
        return concat(u32(v >>> 32), u32(v & 0xFFFF_FFFFL));
    }

    public static byte[] zeros(int n) {
        return new byte[n];
    }

    /** {@code n} bytes 1, 2, 3... (so misplaced bytes show up in comparisons). */
    public static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i + 1);
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
