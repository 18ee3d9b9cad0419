package dev.bmff.codecs.av1;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a run of OBUs (a temporal unit, an MP4 sample, {@code av1C}'s configOBUs) into its OBUs. Every OBU but
 * the last must have a size field; the last may run to the end (AV1-ISOBMFF 2.4 allows it in a sample).
 *
 * <pre>{@code
 * for (Obus.Obu o : Obus.split(sample)) {
 *     System.out.println(o.header().type() + " at " + o.offset());
 * }
 * }</pre>
 */
public final class Obus {
    /** Far more OBUs than a temporal unit holds (tiles are in tile groups): a bound against hostile input. */
    private static final int MAX_OBUS = 1 << 16;

    private Obus() {
    }

    /**
     * One OBU: its header and where it starts.
     *
     * @param offset where the header starts, counted from the start of the range given to {@link #split}
     */
    public record Obu(int offset, ObuHeader header) {
        /** Where the payload starts. */
        public int payloadOffset() {
            return offset + header.headerLength();
        }

        /** Bytes of the whole OBU. */
        public int length() {
            return (int) header.totalLength();
        }
    }

    /** {@link #split(byte[], int, int)} of all of {@code data}. */
    public static List<Obu> split(byte[] data) throws BitstreamException {
        return split(data, 0, data.length);
    }

    /**
     * The OBUs of {@code data[offset, offset + length)}, which they must fill exactly.
     *
     * @throws BitstreamException an OBU header that does not parse, an OBU past the end ({@code TRUNCATED}), an OBU
     *     without a size field before the last ({@code INVALID}); offsets count from {@code offset}
     */
    public static List<Obu> split(byte[] data, int offset, int length) throws BitstreamException {
        int end = offset + length;
        List<Obu> out = new ArrayList<>();
        int pos = offset;
        while (pos < end) {
            if (out.size() == MAX_OBUS) {
                throw BitstreamException.atByte(Kind.TOO_LARGE, pos - offset, "more than " + MAX_OBUS + " OBUs");
            }
            ObuHeader h;
            try {
                h = ObuHeader.parse(data, pos, end);
            } catch (BitstreamException e) {
                throw e.shifted(8L * (pos - offset));
            }
            if (h.totalLength() > end - pos) {
                throw BitstreamException.atByte(Kind.TRUNCATED, pos - offset, "OBU of type " + h.type() + ": "
                        + h.totalLength() + " bytes, only " + (end - pos) + " left");
            }
            out.add(new Obu(pos - offset, h));
            pos += (int) h.totalLength();
        }
        return List.copyOf(out);
    }
}
