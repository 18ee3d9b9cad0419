package dev.bmff.codecs.alac;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.nio.ByteBuffer;

/**
 * The ALAC magic cookie (ALACSpecificConfig of Apple's ALAC specification), the payload of the {@code alac} box inside
 * an {@code alac} sample entry (after its version and flags) or inside a QuickTime {@code wave} box: frame length,
 * bit depth, the entropy coder's tuning, channels, rate.
 *
 * <pre>{@code
 * AlacConfig c = AlacConfig.parse(alacBoxPayload);
 * System.out.println(c.sampleRate() + " Hz " + c.bitDepth() + "-bit " + c.channels() + " ch");
 * }</pre>
 *
 * @param frameLength samples per channel in a frame (4096 by default)
 * @param compatibleVersion 0
 * @param bitDepth 16, 20, 24 or 32
 * @param pb rice history multiplier (40)
 * @param mb rice initial history (10)
 * @param kb rice parameter limit (14)
 * @param channels 1..8
 * @param maxRun 255 (unused; ffmpeg writes 0)
 * @param maxFrameBytes bytes of the largest frame, 0 unknown
 * @param avgBitRate bits per second, 0 unknown
 * @param sampleRate Hz
 */
public record AlacConfig(long frameLength, int compatibleVersion, int bitDepth, int pb, int mb, int kb, int channels,
        int maxRun, long maxFrameBytes, long avgBitRate, long sampleRate) {
    /** Bytes of the cookie. */
    public static final int LENGTH = 24;

    /**
     * Parses an {@code alac} box payload: version and flags then the 24-byte cookie, or the bare cookie; exception
     * offsets count from the payload's first byte.
     */
    public static AlacConfig parse(byte[] payload) throws BitstreamException {
        int at = payload.length >= LENGTH + 4 ? 4 : 0;
        if (payload.length < LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "ALACSpecificConfig: 24 bytes needed, " + payload.length
                    + " given");
        }
        if (at == 4 && (payload[0] != 0 || payload[1] != 0 || payload[2] != 0 || payload[3] != 0)) {
            throw new BitstreamException(Kind.UNSUPPORTED, 0, "alac box: version/flags not 0");
        }
        ByteBuffer b = ByteBuffer.wrap(payload, at, LENGTH);
        long frameLength = b.getInt() & 0xFFFF_FFFFL;
        int compatible = b.get() & 0xFF;
        int bitDepth = b.get() & 0xFF;
        int pb = b.get() & 0xFF;
        int mb = b.get() & 0xFF;
        int kb = b.get() & 0xFF;
        int channels = b.get() & 0xFF;
        int maxRun = b.getShort() & 0xFFFF;
        long maxFrameBytes = b.getInt() & 0xFFFF_FFFFL;
        long avg = b.getInt() & 0xFFFF_FFFFL;
        long rate = b.getInt() & 0xFFFF_FFFFL;
        long base = 8L * at;
        if (compatible != 0) {
            throw new BitstreamException(Kind.UNSUPPORTED, base + 32, "compatibleVersion: " + compatible);
        }
        if (frameLength == 0 || frameLength > (1 << 16)) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, base, "frameLength: " + frameLength + " (1..65536)");
        }
        if (bitDepth < 8 || bitDepth > 32) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, base + 40, "bitDepth: " + bitDepth);
        }
        if (channels < 1 || channels > 8) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, base + 72, "numChannels: " + channels + " (1..8)");
        }
        if (kb == 0 || kb > 32) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, base + 64, "kb: " + kb + " (1..32)");
        }
        return new AlacConfig(frameLength, compatible, bitDepth, pb, mb, kb, channels, maxRun, maxFrameBytes, avg,
                rate);
    }

    /** The 24-byte cookie. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt((int) frameLength).put((byte) compatibleVersion).put((byte) bitDepth).put((byte) pb)
                .put((byte) mb).put((byte) kb).put((byte) channels).putShort((short) maxRun)
                .putInt((int) maxFrameBytes).putInt((int) avgBitRate).putInt((int) sampleRate);
        return b.array();
    }

    /** The {@code alac} box payload of an MP4 sample entry: version 0, flags 0, the cookie. */
    public byte[] toAlacBoxPayload() {
        byte[] out = new byte[4 + LENGTH];
        System.arraycopy(toBytes(), 0, out, 4, LENGTH);
        return out;
    }
}
