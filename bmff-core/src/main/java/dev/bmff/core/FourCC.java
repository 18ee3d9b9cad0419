package dev.bmff.core;

/**
 * A four-character code: the 32-bit type of a box, a brand, a handler or a sample entry format.
 *
 * <pre>{@code
 * FourCC moov = FourCC.of("moov");
 * assert moov.value() == 0x6d6f6f76;
 * }</pre>
 *
 * @param value the code as a big-endian 32-bit integer
 */
public record FourCC(int value) implements Comparable<FourCC> {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The code made of four ISO-8859-1 characters, e.g. {@code "moov"} or {@code "url "}. */
    public static FourCC of(String code) {
        if (code.length() != 4) {
            throw new IllegalArgumentException("a four-character code has 4 characters: \"" + code + "\"");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char c = code.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("not an ISO-8859-1 character in \"" + code + "\"");
            }
            v = (v << 8) | c;
        }
        return new FourCC(v);
    }

    /** True when every byte is printable ASCII (or the copyright sign QuickTime uses), as in real box types. */
    public boolean isPrintable() {
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (value >>> shift) & 0xFF;
            if ((c < 0x20 || c > 0x7E) && c != 0xA9) {
                return false;
            }
        }
        return true;
    }

    /** The four characters, with unprintable bytes escaped as {@code \xNN}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (value >>> shift) & 0xFF;
            if (c >= 0x20 && c <= 0x7E || c == 0xA9) {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    // equals and hashCode written out: the record's generated ones are bootstrapped through method handles on
    // first use, which costs a short command a noticeable part of its start (FourCC is the first map key).
    @Override
    public boolean equals(Object o) {
        return o instanceof FourCC f && f.value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public int compareTo(FourCC o) {
        return Integer.compareUnsigned(value, o.value);
    }
}
