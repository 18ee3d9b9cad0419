package dev.bmff.codecs.jpeg;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.Optional;

/**
 * One JPEG image (ITU-T T.81 B.2), SOI to EOI, found by walking its marker segments and skipping the
 * entropy-coded data after each SOS (where {@code FF 00} is a stuffed byte and {@code FF D0..D7} a restart
 * marker). Its length is exact: this is how a Motion JPEG frame (or an {@code mjpa} field) is delimited.
 *
 * <pre>{@code
 * JpegImage img = JpegImage.scan(sample, 0, sample.length, 8 << 20);
 * System.out.println(img.length() + " bytes, " + img.frameHeader().width() + "x" + img.frameHeader().height());
 * }</pre>
 *
 * @param length bytes from the SOI marker to the end of the EOI marker
 * @param frameHeader the (first) SOF segment
 * @param quantTables DQT segments
 * @param huffmanTables DHT segments
 * @param scans SOS segments
 * @param appleField the {@code mjpg} APP1 segment of Motion-JPEG format A, if present
 */
public record JpegImage(int length, JpegFrameHeader frameHeader, int quantTables, int huffmanTables, int scans,
        Optional<AppleMjpegField> appleField) {
    /** The second byte of SOI. */
    public static final int SOI = 0xD8;
    /** The second byte of EOI. */
    public static final int EOI = 0xD9;
    /** The second byte of SOS. */
    public static final int SOS = 0xDA;
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int APP1 = 0xE1;

    /** Whether {@code FF marker} begins a frame header: SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    public static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC;
    }

    /** Whether the two bytes at {@code at} are an SOI marker followed by the {@code FF} of another marker. */
    public static boolean startsAt(byte[] data, int at, int end) {
        return at + 3 < end && data[at] == (byte) 0xFF && data[at + 1] == (byte) SOI && data[at + 2] == (byte) 0xFF;
    }

    /**
     * Walks the image that starts at {@code offset}.
     *
     * @param length bytes available from {@code offset}
     * @param maxLength the longest image accepted: the walk stops with {@link Kind#TOO_LARGE} past it
     * @throws BitstreamException {@link Kind#WRONG_TYPE} without an SOI; {@link Kind#TRUNCATED} when the data ends
     *     before the EOI; {@link Kind#INVALID} or {@link Kind#RESERVED} for a byte that is no marker where one must
     *     be, a reserved marker, a second SOI, or segments out of order; {@link Kind#MISSING} for an EOI before any
     *     frame header or scan. Offsets count in bytes from {@code offset}.
     */
    public static JpegImage scan(byte[] data, int offset, int length, int maxLength) throws BitstreamException {
        int end = (int) Math.min((long) offset + length, (long) offset + Math.max(0, maxLength) + 1);
        end = Math.min(end, data.length);
        if (offset + 2 > end || data[offset] != (byte) 0xFF || data[offset + 1] != (byte) SOI) {
            throw BitstreamException.atByte(offset + 2 > end ? Kind.TRUNCATED : Kind.WRONG_TYPE, 0, "no SOI marker");
        }
        JpegFrameHeader sof = null;
        AppleMjpegField apple = null;
        int dqt = 0;
        int dht = 0;
        int sos = 0;
        int p = offset + 2;
        while (true) {
            if (p - offset > maxLength) {
                throw BitstreamException.atByte(Kind.TOO_LARGE, p - offset, "no EOI within " + maxLength + " bytes");
            }
            if (p + 2 > end) {
                throw truncated(p, offset, end, length, maxLength, "marker");
            }
            if (data[p] != (byte) 0xFF) {
                throw BitstreamException.atByte(Kind.INVALID, p - offset, String.format("byte %02X where a marker"
                        + " must be", data[p] & 0xFF));
            }
            int marker = data[p + 1] & 0xFF;
            if (marker == 0xFF) {
                // A fill byte before a marker (B.1.1.2).
                p++;
                continue;
            }
            if (marker == EOI) {
                if (sof == null || sos == 0) {
                    throw BitstreamException.atByte(Kind.MISSING, p - offset, "EOI before any "
                            + (sof == null ? "frame header" : "scan"));
                }
                return new JpegImage(p + 2 - offset, sof, dqt, dht, sos, Optional.ofNullable(apple));
            }
            if (marker == SOI || marker == 0x00 || (marker >= 0x02 && marker <= 0xBF)) {
                throw BitstreamException.atByte(marker == SOI ? Kind.INVALID : Kind.RESERVED, p - offset,
                        String.format("marker FF%02X inside an image", marker));
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                // TEM and RSTn stand alone.
                p += 2;
                continue;
            }
            if (p + 4 > end) {
                throw truncated(p, offset, end, length, maxLength, "segment length");
            }
            int segment = ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
            if (segment < 2) {
                throw BitstreamException.atByte(Kind.INVALID, p + 2 - offset, "segment length " + segment);
            }
            int body = p + 4;
            int next = p + 2 + segment;
            if (next > end) {
                throw truncated(p, offset, end, length, maxLength, String.format("segment FF%02X", marker));
            }
            if (isFrameHeader(marker)) {
                if (sof == null) {
                    sof = JpegFrameHeader.parse(marker, data, body, segment - 2, offset);
                }
            } else if (marker == DQT) {
                dqt++;
            } else if (marker == DHT) {
                dht++;
            } else if (marker == APP1 && segment - 2 >= AppleMjpegField.BODY_LENGTH && data[body + 4] == 'm'
                    && data[body + 5] == 'j' && data[body + 6] == 'p' && data[body + 7] == 'g') {
                apple = AppleMjpegField.read(data, body + 8);
            } else if (marker == SOS) {
                if (sof == null) {
                    throw BitstreamException.atByte(Kind.INVALID, p - offset, "SOS before a frame header");
                }
                sos++;
                next = entropyEnd(data, next, end);
                if (next < 0) {
                    throw truncated(end, offset, end, length, maxLength, "entropy-coded data");
                }
            }
            p = next;
        }
    }

    /** The first marker after entropy-coded data from {@code from}: not a stuffed FF 00, not RSTn; -1 if none. */
    private static int entropyEnd(byte[] data, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (data[i] != (byte) 0xFF) {
                continue;
            }
            int b = data[i + 1] & 0xFF;
            if (b == 0x00 || (b >= 0xD0 && b <= 0xD7)) {
                i++;
            } else if (b != 0xFF) {
                return i;
            }
            // FF FF: fill bytes; the marker is after them.
        }
        return -1;
    }

    private static BitstreamException truncated(int p, int offset, int end, int length, int maxLength,
            String what) {
        // The window ends at maxLength + 1 when the data goes on: that is a too-long image, not a cut one.
        if (end - offset > maxLength && length > maxLength) {
            return BitstreamException.atByte(Kind.TOO_LARGE, p - offset, "no EOI within " + maxLength + " bytes");
        }
        return BitstreamException.atByte(Kind.TRUNCATED, Math.max(0, Math.min(p, end) - offset), what
                + " cut by the end of the data");
    }
}
