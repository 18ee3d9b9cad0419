package dev.bmff.codecs.flac;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.bits.Crc;

/**
 * A FLAC frame header (RFC 9639 9.1): sync code 0xFFF8 (fixed block size) or 0xFFF9 (variable), block size, rate,
 * channels, sample size, the frame or sample number in UTF-8 form, and the CRC-8 over all of it. A frame carries no
 * length: it ends with a CRC-16 over the whole frame, where the next frame's header starts.
 *
 * <pre>{@code
 * FlacFrameHeader h = FlacFrameHeader.parse(buf, pos, buf.length - pos);
 * boolean ours = h.fits(streamInfo);
 * }</pre>
 *
 * @param variableBlockSize blocking strategy: the number is a sample number, not a frame number
 * @param blockSize samples per channel in the frame
 * @param sampleRate Hz, 0 when the header refers to STREAMINFO
 * @param channelAssignment 0..7 independent channels (1..8), 8 left/side, 9 side/right, 10 mid/side
 * @param bitsPerSample 0 when the header refers to STREAMINFO
 * @param number frame number (fixed block size) or number of the first sample (variable)
 * @param length bytes of the header, CRC-8 included
 */
public record FlacFrameHeader(boolean variableBlockSize, int blockSize, int sampleRate, int channelAssignment,
        int bitsPerSample, long number, int length) {
    /** The longest header: 4 fixed bytes, a 7-byte number, 16-bit block size and rate, the CRC-8. */
    public static final int MAX_LENGTH = 16;
    /** The shortest. */
    public static final int MIN_LENGTH = 6;

    private static final int[] RATES = {0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000,
        96000};
    private static final int[] SAMPLE_SIZES = {0, 8, 12, -1, 16, 20, 24, 32};

    /** True when the frame sync code (14 bits 0x3FFE, a reserved 0) is at {@code pos}. */
    public static boolean isSync(byte[] b, int pos) {
        return pos >= 0 && pos + 1 < b.length && (b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFE) == 0xF8;
    }

    /**
     * Parses the header at {@code pos} of the {@code available} bytes from there, its CRC-8 checked; exception offsets
     * count from {@code pos}.
     */
    public static FlacFrameHeader parse(byte[] b, int pos, int available) throws BitstreamException {
        int end = (int) Math.min((long) pos + Math.max(0, available), b.length);
        if (pos < 0 || end - pos < MIN_LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "frame header: " + MIN_LENGTH + " bytes needed");
        }
        if (!isSync(b, pos)) {
            throw new BitstreamException(Kind.WRONG_TYPE, 0, "sync code: no FLAC frame sync");
        }
        boolean variable = (b[pos + 1] & 1) != 0;
        int blockCode = (b[pos + 2] & 0xFF) >>> 4;
        int rateCode = b[pos + 2] & 0xF;
        int channels = (b[pos + 3] & 0xFF) >>> 4;
        int sizeCode = (b[pos + 3] >>> 1) & 7;
        if (blockCode == 0) {
            throw new BitstreamException(Kind.RESERVED, 16, "block size: code 0 is reserved");
        }
        if (rateCode == 15) {
            throw new BitstreamException(Kind.RESERVED, 20, "sample rate: code 15 is forbidden");
        }
        if (channels > 10) {
            throw new BitstreamException(Kind.RESERVED, 24, "channel assignment: " + channels + " is reserved");
        }
        if (SAMPLE_SIZES[sizeCode] < 0) {
            throw new BitstreamException(Kind.RESERVED, 28, "sample size: code 3 is reserved");
        }
        if ((b[pos + 3] & 1) != 0) {
            throw new BitstreamException(Kind.RESERVED, 31, "reserved bit: 1");
        }
        int p = pos + 4;
        int first = b[p] & 0xFF;
        int extra;
        long number;
        if (first < 0x80) {
            extra = 0;
            number = first;
        } else if (first >= 0xC0 && first < 0xFE) {
            extra = Integer.numberOfLeadingZeros(~first << 24);
            extra -= 1;
            number = first & (0x3F >>> extra);
        } else if (first == 0xFE) {
            extra = 6;
            number = 0;
        } else {
            throw new BitstreamException(Kind.INVALID, 32, "coded number: byte 0x" + Integer.toHexString(first));
        }
        if (extra > (variable ? 6 : 5)) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 32, "coded number: " + (extra + 1)
                    + " bytes for a " + (variable ? "sample" : "frame") + " number");
        }
        if (end - p < 1 + extra + 1) {
            throw new BitstreamException(Kind.TRUNCATED, 32, "coded number: " + (extra + 1) + " bytes");
        }
        for (int i = 1; i <= extra; i++) {
            int c = b[p + i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                throw new BitstreamException(Kind.INVALID, 8L * (p + i - pos), "coded number: continuation byte 0x"
                        + Integer.toHexString(c));
            }
            number = (number << 6) | (c & 0x3F);
        }
        p += 1 + extra;
        int blockSize;
        int rest = (blockCode == 6 ? 1 : blockCode == 7 ? 2 : 0) + (rateCode == 12 ? 1 : rateCode >= 13 ? 2 : 0);
        if (end - p < rest + 1) {
            throw new BitstreamException(Kind.TRUNCATED, 8L * (p - pos), "frame header: " + (rest + 1)
                    + " more bytes needed");
        }
        if (blockCode == 1) {
            blockSize = 192;
        } else if (blockCode <= 5) {
            blockSize = 576 << (blockCode - 2);
        } else if (blockCode == 6) {
            blockSize = (b[p++] & 0xFF) + 1;
        } else if (blockCode == 7) {
            blockSize = (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF)) + 1;
            p += 2;
        } else {
            blockSize = 256 << (blockCode - 8);
        }
        int rate;
        if (rateCode < 12) {
            rate = RATES[rateCode];
        } else if (rateCode == 12) {
            rate = (b[p++] & 0xFF) * 1000;
        } else {
            int v = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            p += 2;
            rate = rateCode == 13 ? v : v * 10;
        }
        int crc = Crc.crc8(b, pos, p - pos);
        if (crc != (b[p] & 0xFF)) {
            throw new BitstreamException(Kind.INVALID, 8L * (p - pos), "CRC-8: header gives 0x"
                    + Integer.toHexString(b[p] & 0xFF) + ", bytes give 0x" + Integer.toHexString(crc));
        }
        return new FlacFrameHeader(variable, blockSize, rate, channels, SAMPLE_SIZES[sizeCode], number,
                p + 1 - pos);
    }

    /** Channels: 1..8 from the assignment. */
    public int channels() {
        return channelAssignment < 8 ? channelAssignment + 1 : 2;
    }

    /**
     * Whether a frame with this header belongs to the stream {@code si} describes: its channels, and its rate and
     * sample size where it gives them, are the stream's, and its block is no longer than the stream's longest.
     */
    public boolean fits(StreamInfo si) {
        return channels() == si.channels() && (sampleRate == 0 || sampleRate == si.sampleRate())
                && (bitsPerSample == 0 || bitsPerSample == si.bitsPerSample()) && blockSize <= si.maxBlockSize();
    }

    /**
     * Whether the {@code length} bytes at {@code pos} end with the CRC-16 of the bytes before it: a whole FLAC frame
     * (header, subframes, padding and its footer).
     */
    public static boolean crc16Ok(byte[] b, int pos, int length) {
        return length >= MIN_LENGTH + 2 && pos >= 0 && pos <= b.length - length
                && Crc.crc16(0, b, pos, length) == 0;
    }
}
