package dev.bmff.codecs.nal;

import java.util.Arrays;

/**
 * Where one NAL unit (header and escaped payload, no start code or length prefix) lies in a buffer.
 *
 * <pre>{@code
 * NalRange r = NalUnits.splitAnnexB(stream).get(0);
 * byte[] nal = r.copyFrom(stream);
 * }</pre>
 *
 * @param offset index of the NAL unit's first byte
 * @param length bytes, at least 1
 */
public record NalRange(int offset, int length) {
    public NalRange {
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("bad NAL range " + offset + "+" + length);
        }
    }

    /** Index one past the last byte. */
    public int end() {
        return offset + length;
    }

    /** A copy of the NAL unit's bytes out of {@code buffer}. */
    public byte[] copyFrom(byte[] buffer) {
        return Arrays.copyOfRange(buffer, offset, end());
    }
}
