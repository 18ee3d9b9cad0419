package dev.bmff.codecs.opus;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * An Opus packet's framing (RFC 6716 3.1 to 3.4): the TOC byte (config, stereo, frame count code), the frame count
 * (code 3's frame count byte) and the packet's duration, with the packet checked against the rules R1 to R7 of
 * 3.4 for the length it is given. In an MP4 a sample is one packet and nothing gives its length but the sample
 * table; a recovery tries candidate lengths and keeps those this accepts.
 *
 * <pre>{@code
 * OpusPacket p = OpusPacket.parse(sample, 0, sample.length);
 * int samples48k = p.durationSamples();          // 960 for one 20 ms frame
 * }</pre>
 *
 * @param toc the TOC byte
 * @param frames frames in the packet (1 to 48)
 * @param durationSamples the packet's duration in 48 kHz samples
 */
public record OpusPacket(int toc, int frames, int durationSamples) {
    /** The longest frame (R2). */
    public static final int MAX_FRAME_BYTES = 1275;
    /** The longest packet duration, 120 ms at 48 kHz (R5). */
    public static final int MAX_DURATION = 5760;

    /** config: 0 to 31 (Table 2). */
    public int config() {
        return config(toc);
    }

    /** The s bit: stereo. */
    public boolean stereo() {
        return (toc & 4) != 0;
    }

    /** The frame count code c: 0 one frame, 1 two equal, 2 two different, 3 arbitrary. */
    public int frameCountCode() {
        return toc & 3;
    }

    /** config of a TOC byte. */
    public static int config(int toc) {
        return (toc & 0xFF) >> 3;
    }

    /** The duration of one frame of TOC config {@code config}, in 48 kHz samples (Table 2). */
    public static int frameSamples(int config) {
        if (config < 12) {
            return new int[] {480, 960, 1920, 2880}[config & 3];
        }
        if (config < 16) {
            return (config & 1) == 0 ? 480 : 960;
        }
        return 120 << (config & 3);
    }

    /** "SILK", "Hybrid" or "CELT": the mode of TOC config {@code config}. */
    public static String mode(int config) {
        return config < 12 ? "SILK" : config < 16 ? "Hybrid" : "CELT";
    }

    /**
     * The packet in {@code data[offset, offset + length)}, checked to be exactly {@code length} bytes long.
     *
     * @throws BitstreamException a packet that breaks one of R1 to R7 at this length ({@code INVALID}, {@code
     *     TRUNCATED} when a length field runs past the end); offsets count from {@code offset}
     */
    public static OpusPacket parse(byte[] data, int offset, int length) throws BitstreamException {
        if (length < 1) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "Opus packet: no TOC byte (R1)");
        }
        int toc = data[offset] & 0xFF;
        int frameSamples = frameSamples(config(toc));
        int n = length - 1;
        switch (toc & 3) {
            case 0 -> {
                if (n > MAX_FRAME_BYTES) {
                    throw BitstreamException.atByte(Kind.INVALID, 1, "code 0 frame of " + n + " bytes (R2)");
                }
                return new OpusPacket(toc, 1, frameSamples);
            }
            case 1 -> {
                if ((n & 1) != 0 || n / 2 > MAX_FRAME_BYTES) {
                    throw BitstreamException.atByte(Kind.INVALID, 1, "code 1 with " + n + " bytes for two equal frames (R3)");
                }
                return new OpusPacket(toc, 2, 2 * frameSamples);
            }
            case 2 -> {
                int[] len = frameLength(data, offset + 1, offset + length, 1);
                int second = n - len[1] - len[0];
                if (second < 0 || len[0] > MAX_FRAME_BYTES || second > MAX_FRAME_BYTES) {
                    throw BitstreamException.atByte(Kind.INVALID, 1, "code 2 frame lengths " + len[0] + " and "
                            + second + " do not fit " + n + " bytes (R4)");
                }
                return new OpusPacket(toc, 2, 2 * frameSamples);
            }
            default -> {
                return code3(data, offset, length, toc, frameSamples);
            }
        }
    }

    private static OpusPacket code3(byte[] data, int offset, int length, int toc, int frameSamples)
            throws BitstreamException {
        if (length < 2) {
            throw BitstreamException.atByte(Kind.TRUNCATED, 1, "code 3 without its frame count byte (R6)");
        }
        int fc = data[offset + 1] & 0xFF;
        boolean vbr = (fc & 0x80) != 0;
        boolean padded = (fc & 0x40) != 0;
        int m = fc & 0x3F;
        if (m == 0 || m * frameSamples > MAX_DURATION) {
            throw BitstreamException.atByte(Kind.INVALID, 1, "code 3 with " + m + " frames of " + frameSamples
                    + " samples (R5)");
        }
        int pos = offset + 2;
        int end = offset + length;
        long padding = 0;
        if (padded) {
            for (; ; ) {
                if (pos >= end) {
                    throw BitstreamException.atByte(Kind.TRUNCATED, pos - offset, "code 3 padding length cut (R7)");
                }
                int p = data[pos++] & 0xFF;
                padding += p == 255 ? 254 : p;
                if (p != 255) {
                    break;
                }
            }
        }
        long left = end - pos - padding;
        if (left < 0) {
            throw BitstreamException.atByte(Kind.INVALID, 1, "code 3 padding of " + padding + " bytes is longer"
                    + " than the packet (R6/R7)");
        }
        if (vbr) {
            long sum = 0;
            for (int i = 0; i < m - 1; i++) {
                int[] len = frameLength(data, pos, end, pos - offset);
                pos += len[1];
                sum += len[0];
                if (len[0] > MAX_FRAME_BYTES) {
                    throw BitstreamException.atByte(Kind.INVALID, pos - offset, "frame of " + len[0] + " bytes (R2)");
                }
            }
            long last = end - pos - padding - sum;
            if (last < 0 || last > MAX_FRAME_BYTES) {
                throw BitstreamException.atByte(Kind.INVALID, 1, "code 3 VBR frame lengths do not fit the packet (R7)");
            }
        } else if (left % m != 0 || left / m > MAX_FRAME_BYTES) {
            throw BitstreamException.atByte(Kind.INVALID, 1, "code 3 CBR: " + left + " bytes for " + m
                    + " equal frames (R6)");
        }
        return new OpusPacket(toc, m, m * frameSamples);
    }

    /** A frame length (3.2.1) at {@code pos}: {length, bytes it took}. */
    private static int[] frameLength(byte[] data, int pos, int end, int reported) throws BitstreamException {
        if (pos >= end) {
            throw BitstreamException.atByte(Kind.TRUNCATED, reported, "frame length cut");
        }
        int b0 = data[pos] & 0xFF;
        if (b0 < 252) {
            return new int[] {b0, 1};
        }
        if (pos + 1 >= end) {
            throw BitstreamException.atByte(Kind.TRUNCATED, reported + 1, "two-byte frame length cut");
        }
        return new int[] {4 * (data[pos + 1] & 0xFF) + b0, 2};
    }
}
