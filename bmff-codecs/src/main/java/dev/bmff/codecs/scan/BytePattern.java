package dev.bmff.codecs.scan;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A fixed-length byte signature where each byte must equal {@code value} in the bits its {@code mask}
 * selects ({@code data[i] & mask[i]) == value[i]}); a zero mask byte is a wildcard.
 *
 * <pre>{@code
 * BytePattern p = BytePattern.parse("ebml", "1a 45 df a3");
 * boolean hit = p.matches(data, 0);
 * }</pre>
 *
 * @param name what the pattern finds, for messages
 */
public record BytePattern(String name, byte[] value, byte[] mask) {
    /**
     * An Annex B start code {@code 00 00 01}, reported at its first {@code 00}. A four-byte start code
     * {@code 00 00 00 01} at {@code p} is reported once, at {@code p + 1} (the three-byte code it ends
     * with); {@link #isFourByteStartCode} tells the two apart.
     */
    public static final BytePattern ANNEX_B_START_CODE = parse("Annex B start code", "00 00 01");

    /**
     * An H.264 access unit delimiter in a length-prefixed stream: NAL length 2, NAL header {@code 09}
     * (nal_ref_idc 0, type 9), then primary_pic_type (3 bits) and the RBSP stop bit: {@code xxx1 0000}.
     */
    public static final BytePattern H264_AUD = parse("H.264 AUD", "00 00 00 02 09 10", "ff ff ff ff ff 1f");

    /**
     * An HEVC access unit delimiter in a length-prefixed stream: NAL length 3, NAL header {@code 46 01}
     * (type 35, layer 0, temporal id 0), then pic_type (3 bits) and the RBSP stop bit: {@code xxx1 0000}.
     */
    public static final BytePattern HEVC_AUD = parse("HEVC AUD", "00 00 00 03 46 01 10", "ff ff ff ff ff ff 1f");

    /** A ProRes frame: its 4-byte size (any), then {@code icpf}. */
    public static final BytePattern PRORES_FRAME = parse("ProRes frame", "00 00 00 00 69 63 70 66",
            "00 00 00 00 ff ff ff ff");

    /** A JPEG image: SOI ({@code FF D8}) and the {@code FF} of the marker after it. */
    public static final BytePattern JPEG_SOI = parse("JPEG SOI", "ff d8 ff");

    /** The header of a Sony real-time metadata ({@code rtmd}) packet; bytes 4 to 7 vary. */
    public static final BytePattern SONY_RTMD = parse("Sony rtmd header", "00 1c 01 00 00 00 00 00 f0 01 00 10",
            "ff ff ff ff 00 00 00 00 ff ff ff ff");

    public BytePattern {
        if (value.length == 0 || value.length != mask.length) {
            throw new IllegalArgumentException("value and mask must have the same, non-zero length");
        }
        value = value.clone();
        mask = mask.clone();
        for (int i = 0; i < value.length; i++) {
            if ((value[i] & ~mask[i]) != 0) {
                throw new IllegalArgumentException("value has bits outside the mask at byte " + i);
            }
        }
    }

    /** An exact pattern from hex ({@code "00 00 01"}, spaces optional). */
    public static BytePattern parse(String name, String hex) {
        byte[] v = hex(hex);
        byte[] m = new byte[v.length];
        Arrays.fill(m, (byte) 0xFF);
        return new BytePattern(name, v, m);
    }

    /** A masked pattern from hex value and hex mask of the same length. */
    public static BytePattern parse(String name, String hexValue, String hexMask) {
        return new BytePattern(name, hex(hexValue), hex(hexMask));
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A copy of the values. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** A copy of the masks. */
    @Override
    public byte[] mask() {
        return mask.clone();
    }

    /** Pattern length in bytes. */
    public int length() {
        return value.length;
    }

    /** The value of byte {@code i} (0..255). */
    public int valueAt(int i) {
        return value[i] & 0xFF;
    }

    /** The mask of byte {@code i} (0..255). */
    public int maskAt(int i) {
        return mask[i] & 0xFF;
    }

    /** True when the pattern matches at {@code at} (all of it must be inside the array). */
    public boolean matches(byte[] data, int at) {
        for (int i = 0; i < value.length; i++) {
            if ((data[at + i] & mask[i]) != value[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the pattern matches at absolute index {@code at} of {@code buffer}. */
    public boolean matches(java.nio.ByteBuffer buffer, int at) {
        for (int i = 0; i < value.length; i++) {
            if ((buffer.get(at + i) & mask[i]) != value[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the start code reported at {@code at} is the tail of a four-byte {@code 00 00 00 01}
     * (the byte before it is a zero_byte inside {@code [from, ...)}).
     */
    public static boolean isFourByteStartCode(byte[] data, int from, int at) {
        return at > from && data[at - 1] == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytePattern p && name.equals(p.name) && Arrays.equals(value, p.value)
                && Arrays.equals(mask, p.mask);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(value)) + Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return name + "[" + HexFormat.ofDelimiter(" ").formatHex(value) + " / "
                + HexFormat.ofDelimiter(" ").formatHex(mask) + "]";
    }
}
