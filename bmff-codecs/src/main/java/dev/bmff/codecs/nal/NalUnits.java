package dev.bmff.codecs.nal;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and converts the two ways NAL units are framed: the Annex B byte stream ({@code 00 00 01} or
 * {@code 00 00 00 01} before each unit, as in .h264/.ts files) and the length-prefixed form of MP4
 * samples (a 1, 2 or 4-byte big-endian length before each unit, ISO/IEC 14496-15).
 *
 * <pre>{@code
 * byte[] sample = NalUnits.annexBToLengthPrefixed(annexB, 4);
 * byte[] back = NalUnits.lengthPrefixedToAnnexB(sample, 4);
 * List<NalRange> units = NalUnits.splitLengthPrefixed(sample, 4);
 * }</pre>
 */
public final class NalUnits {
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private NalUnits() {
    }

    /**
     * The NAL units of an Annex B byte stream. Zero bytes before the first start code
     * (leading_zero_8bits) and after each unit (trailing_zero_8bits, and the extra zero of a 4-byte
     * start code) are not part of any unit, because a NAL unit never ends in a zero byte. Empty units
     * (two start codes in a row) are dropped.
     *
     * @throws BitstreamException when non-zero bytes come before the first start code
     */
    public static List<NalRange> splitAnnexB(byte[] stream) throws BitstreamException {
        List<NalRange> out = new ArrayList<>();
        int start = nextStartCode(stream, 0);
        if (start < 0) {
            if (!allZero(stream, 0, stream.length)) {
                throw new BitstreamException(Kind.WRONG_TYPE, 0, "start_code_prefix_one_3bytes: no start code in "
                        + stream.length + " bytes");
            }
            return out;
        }
        if (!allZero(stream, 0, start)) {
            int nonZero = 0;
            while (stream[nonZero] == 0) {
                nonZero++;
            }
            throw BitstreamException.atByte(Kind.INVALID, nonZero,
                    "leading_zero_8bits: non-zero byte before the first start code");
        }
        int payload = start + 3;
        while (payload <= stream.length) {
            int next = nextStartCode(stream, payload);
            int end = next < 0 ? stream.length : next;
            while (end > payload && stream[end - 1] == 0) {
                end--;
            }
            if (end > payload) {
                out.add(new NalRange(payload, end - payload));
            }
            if (next < 0) {
                break;
            }
            payload = next + 3;
        }
        return out;
    }

    /**
     * The NAL units of a length-prefixed sample. Zero-length units are skipped (some muxers pad with
     * them); they carry nothing.
     *
     * @param lengthSize bytes per length field: 1, 2 or 4 (avcC/hvcC lengthSizeMinusOne + 1)
     * @throws BitstreamException when a length overruns the sample or {@code lengthSize} is not 1, 2 or 4
     */
    public static List<NalRange> splitLengthPrefixed(byte[] sample, int lengthSize) throws BitstreamException {
        return splitLengthPrefixed(sample, 0, sample.length, lengthSize);
    }

    /** {@link #splitLengthPrefixed(byte[], int)} of {@code length} bytes of {@code buffer} from {@code offset}. */
    public static List<NalRange> splitLengthPrefixed(byte[] buffer, int offset, int length, int lengthSize)
            throws BitstreamException {
        checkLengthSize(lengthSize);
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IllegalArgumentException("range outside the array");
        }
        List<NalRange> out = new ArrayList<>();
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (end - pos < lengthSize) {
                throw BitstreamException.atByte(Kind.TRUNCATED, pos - offset, "NALUnitLength: " + (end - pos)
                        + " bytes left, a length field needs " + lengthSize);
            }
            long n = 0;
            for (int i = 0; i < lengthSize; i++) {
                n = (n << 8) | (buffer[pos + i] & 0xFF);
            }
            pos += lengthSize;
            if (n > end - pos) {
                throw BitstreamException.atByte(Kind.TRUNCATED, pos - offset, "NALUnitLength: " + n
                        + " overruns the sample (" + (end - pos) + " bytes left)");
            }
            if (n > 0) {
                out.add(new NalRange(pos, (int) n));
            }
            pos += (int) n;
        }
        return out;
    }

    /**
     * Converts an Annex B stream to length-prefixed form.
     *
     * @throws BitstreamException when the stream is malformed or a unit is too long for {@code lengthSize}
     */
    public static byte[] annexBToLengthPrefixed(byte[] stream, int lengthSize) throws BitstreamException {
        checkLengthSize(lengthSize);
        List<NalRange> units = splitAnnexB(stream);
        long max = lengthSize == 4 ? 0xFFFF_FFFFL : (1L << (8 * lengthSize)) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(stream.length + units.size() * lengthSize);
        for (NalRange u : units) {
            if (u.length() > max) {
                throw BitstreamException.atByte(Kind.TOO_LARGE, u.offset(), "NALUnitLength: a unit of " + u.length()
                        + " bytes does not fit in " + lengthSize + " bytes");
            }
            for (int i = lengthSize - 1; i >= 0; i--) {
                out.write(u.length() >>> (8 * i));
            }
            out.write(stream, u.offset(), u.length());
        }
        return out.toByteArray();
    }

    /**
     * Converts a length-prefixed sample to an Annex B stream with a 4-byte start code before every unit
     * (the form H.264 B.1.2 requires for parameter sets and the first unit of an access unit).
     *
     * @throws BitstreamException when a length overruns the sample
     */
    public static byte[] lengthPrefixedToAnnexB(byte[] sample, int lengthSize) throws BitstreamException {
        List<NalRange> units = splitLengthPrefixed(sample, lengthSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream(sample.length + units.size() * 4);
        for (NalRange u : units) {
            out.write(START_CODE, 0, START_CODE.length);
            out.write(sample, u.offset(), u.length());
        }
        return out.toByteArray();
    }

    private static void checkLengthSize(int lengthSize) throws BitstreamException {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, -1, "lengthSizeMinusOne: NAL length fields are 1, 2 or 4 "
                    + "bytes, not " + lengthSize);
        }
    }

    /** Index of the next {@code 00 00 01} at or after {@code from}, or -1. */
    private static int nextStartCode(byte[] b, int from) {
        for (int i = from; i + 2 < b.length; i++) {
            if ((b[i + 2] & 0xFF) > 1) {
                i += 2; // no start code can begin at i, i+1 or i+2: skip ahead
            } else if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
