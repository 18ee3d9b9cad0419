package dev.bmff.codecs.bits;

import java.io.ByteArrayOutputStream;

/**
 * Emulation prevention (H.264 7.4.1, HEVC 7.4.2): inside a NAL unit, every {@code 00 00} followed by a
 * byte of 0 to 3 gets an {@code 03} inserted, so no start code appears in the payload.
 *
 * <pre>{@code
 * byte[] rbsp = Rbsp.unescape(nal, 1, nal.length - 1);   // H.264: skip the 1-byte NAL header
 * byte[] ebsp = Rbsp.escape(rbsp);
 * BitReader r = Rbsp.reader(nal, 1, nal.length - 1);      // errors say where in nal they are
 * }</pre>
 */
public final class Rbsp {
    private Rbsp() {
    }

    /** The RBSP of {@code length} bytes of {@code ebsp} from {@code offset}: emulation prevention bytes removed. */
    public static byte[] unescape(byte[] ebsp, int offset, int length) {
        byte[] out = new byte[length];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = ebsp[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * A reader of the RBSP of {@code length} bytes of {@code nal} from {@code offset} (emulation prevention
     * bytes removed), whose {@link BitstreamException}s count bits of {@code nal} from {@code nal[0]}: the
     * offset of the NAL unit header and of the emulation prevention bytes before the element at fault
     * included. Its {@link BitReader#position()} counts RBSP bits from {@code offset}, as the syntax does.
     */
    public static BitReader reader(byte[] nal, int offset, int length) {
        if (offset < 0 || length < 0 || offset > nal.length - length) {
            throw new IllegalArgumentException("range outside the array");
        }
        byte[] out = new byte[length];
        int[] escapes = null;
        int escaped = 0;
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = nal[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                if (escapes == null) {
                    escapes = new int[4];
                } else if (escaped == escapes.length) {
                    escapes = java.util.Arrays.copyOf(escapes, 2 * escaped);
                }
                // The RBSP byte that follows it (at index n) is one byte further on in nal.
                escapes[escaped++] = n;
                zeros = 0;
                continue;
            }
            out[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        // Most NAL units have no emulation prevention byte: no copy, no table.
        return new BitReader(n == out.length ? out : java.util.Arrays.copyOf(out, n), 0, n, 8L * offset,
                escapes == null ? null : java.util.Arrays.copyOf(escapes, escaped));
    }

    /** {@link #unescape(byte[], int, int)} of the whole array. */
    public static byte[] unescape(byte[] ebsp) {
        return unescape(ebsp, 0, ebsp.length);
    }

    /** The escaped form of {@code rbsp}: an {@code 03} after every {@code 00 00} that precedes 0 to 3. */
    public static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + rbsp.length / 64 + 4);
        int zeros = 0;
        for (byte value : rbsp) {
            int b = value & 0xFF;
            if (zeros >= 2 && b <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }
}
