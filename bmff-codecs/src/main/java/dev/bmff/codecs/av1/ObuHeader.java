package dev.bmff.codecs.av1;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * One OBU header (AV1 5.3.1, 5.3.2) with its {@code obu_size} (4.10.5 leb128): what the OBU is and how many bytes
 * it takes. The one place in this library where OBU headers and leb128 are decoded and encoded.
 *
 * <pre>{@code
 * ObuHeader h = ObuHeader.parse(sample, 0, sample.length);
 * if (h.type() == ObuHeader.SEQUENCE_HEADER) { ... }
 * int next = h.totalLength();          // header, size field and payload
 * }</pre>
 *
 * @param type obu_type (1 sequence header, 2 temporal delimiter, 3 frame header, 4 tile group, 5 metadata,
 *     6 frame, 7 redundant frame header, 8 tile list, 15 padding; 0 and 9 to 14 are reserved)
 * @param extension obu_extension_flag
 * @param temporalId temporal_id (0 without an extension)
 * @param spatialId spatial_id (0 without an extension)
 * @param hasSizeField obu_has_size_field
 * @param headerLength bytes of the header and the size field
 * @param payloadSize obu_size; without a size field, what is left of the data given to {@link #parse}
 */
public record ObuHeader(int type, boolean extension, int temporalId, int spatialId, boolean hasSizeField,
        int headerLength, long payloadSize) {
    public static final int SEQUENCE_HEADER = 1;
    public static final int TEMPORAL_DELIMITER = 2;
    public static final int FRAME_HEADER = 3;
    public static final int TILE_GROUP = 4;
    public static final int METADATA = 5;
    public static final int FRAME = 6;
    public static final int REDUNDANT_FRAME_HEADER = 7;
    public static final int TILE_LIST = 8;
    public static final int PADDING = 15;
    /** The spec limits leb128 values to 2^32 - 1 and their encoding to 8 bytes. */
    private static final int MAX_LEB128_BYTES = 8;

    /** Bytes of the whole OBU: header, size field and payload. */
    public long totalLength() {
        return headerLength + payloadSize;
    }

    /** Whether {@code type} is one the spec defines (not reserved). */
    public static boolean definedType(int type) {
        return type >= 1 && type <= 8 || type == 15;
    }

    /**
     * The OBU header at {@code offset}; {@code end} bounds what may be read. The payload may run past {@code end}
     * (a caller checks {@link #totalLength()} against what it has).
     *
     * @throws BitstreamException {@code RESERVED} for a set forbidden bit, {@code TRUNCATED} when the header or its
     *     size field runs past {@code end}, {@code OUT_OF_RANGE} for a size of 2^32 or more or a longer leb128;
     *     offsets count from {@code offset}
     */
    public static ObuHeader parse(byte[] data, int offset, int end) throws BitstreamException {
        if (offset < 0 || end > data.length || offset > end) {
            throw new IllegalArgumentException("range outside the array");
        }
        if (offset >= end) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "obu_header: no bytes");
        }
        int b = data[offset] & 0xFF;
        if ((b & 0x80) != 0) {
            throw new BitstreamException(Kind.RESERVED, 0, "obu_forbidden_bit is 1");
        }
        int type = (b >> 3) & 0xF;
        boolean ext = (b & 4) != 0;
        boolean hasSize = (b & 2) != 0;
        int pos = offset + 1;
        int tid = 0;
        int sid = 0;
        if (ext) {
            if (pos >= end) {
                throw new BitstreamException(Kind.TRUNCATED, 8, "obu_extension_header: no byte");
            }
            int e = data[pos++] & 0xFF;
            tid = e >> 5;
            sid = (e >> 3) & 3;
        }
        long size;
        if (hasSize) {
            long v = 0;
            int i = 0;
            for (; ; i++) {
                if (i == MAX_LEB128_BYTES) {
                    throw BitstreamException.atByte(Kind.OUT_OF_RANGE, pos - offset, "obu_size: leb128 longer than 8 bytes");
                }
                if (pos + i >= end) {
                    throw BitstreamException.atByte(Kind.TRUNCATED, pos + i - offset, "obu_size: leb128 cut");
                }
                int c = data[pos + i] & 0xFF;
                v |= (long) (c & 0x7F) << (7 * i);
                if ((c & 0x80) == 0) {
                    break;
                }
            }
            if (v > 0xFFFF_FFFFL) {
                throw BitstreamException.atByte(Kind.OUT_OF_RANGE, pos - offset, "obu_size: " + v + " is 2^32 or more");
            }
            pos += i + 1;
            size = v;
        } else {
            size = end - pos;
        }
        return new ObuHeader(type, ext, tid, sid, hasSize, pos - offset, size);
    }

    /** {@code value} as leb128 in the fewest bytes. */
    public static byte[] leb128(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("leb128 holds 0 to 2^32 - 1: " + value);
        }
        byte[] tmp = new byte[MAX_LEB128_BYTES];
        int n = 0;
        do {
            int c = (int) (value & 0x7F);
            value >>>= 7;
            tmp[n++] = (byte) (value != 0 ? c | 0x80 : c);
        } while (value != 0);
        return java.util.Arrays.copyOf(tmp, n);
    }

    /**
     * An OBU of {@code type} (no extension) with a size field around {@code payload}: how a recorder writes the
     * sequence header it was given without a size field into {@code av1C}.
     */
    public static byte[] withSize(int type, byte[] payload) {
        byte[] size = leb128(payload.length);
        byte[] out = new byte[1 + size.length + payload.length];
        out[0] = (byte) (type << 3 | 2);
        System.arraycopy(size, 0, out, 1, size.length);
        System.arraycopy(payload, 0, out, 1 + size.length, payload.length);
        return out;
    }
}
