package dev.bmff.codecs.mpa;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The 4-byte header of an MPEG-1/2/2.5 audio frame (ISO/IEC 11172-3 2.4.1.3, 13818-3; MP3 is layer III): it gives
 * the frame's length, so frames stored back to back split exactly.
 *
 * <pre>{@code
 * MpegAudioHeader h = MpegAudioHeader.parse(buf, pos);
 * int next = pos + h.frameLength();
 * }</pre>
 *
 * @param version 1 (MPEG-1), 2 (MPEG-2 LSF) or 25 (MPEG-2.5)
 * @param layer 1, 2 or 3
 * @param crcProtected a 16-bit CRC follows the header
 * @param bitrateIndex 1..14 (0, free format, is not read)
 * @param bitrate bits per second
 * @param sampleRate Hz
 * @param padding one slot (4 bytes in layer I, 1 byte otherwise) more in this frame
 * @param channelMode 0 stereo, 1 joint stereo, 2 dual channel, 3 mono
 * @param frameLength bytes of the frame, header included
 */
public record MpegAudioHeader(int version, int layer, boolean crcProtected, int bitrateIndex, int bitrate,
        int sampleRate, boolean padding, int channelMode, int frameLength) {

    /** Bytes of the header. */
    public static final int LENGTH = 4;
    /** The longest frame any header gives: layer II of MPEG-2.5 at 160 kbit/s and 8 kHz, padded. */
    public static final int MAX_FRAME_LENGTH = 2881;

    private static final int[][] BITRATES_KBPS = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // MPEG-1 layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // MPEG-1 layer III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // MPEG-2/2.5 layer I
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // MPEG-2/2.5 layers II and III
    };
    private static final int[] RATES_MPEG1 = {44100, 48000, 32000};

    /** True when the 11-bit frame sync is at {@code pos} (the rest of the header is not checked). */
    public static boolean isSync(byte[] b, int pos) {
        return pos >= 0 && pos + 1 < b.length && (b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xE0) == 0xE0;
    }

    /** Parses the header at {@code pos}; the offsets of its exceptions count from there. */
    public static MpegAudioHeader parse(byte[] b, int pos) throws BitstreamException {
        if (pos < 0 || pos > b.length - LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "header: needs 4 bytes, "
                    + Math.max(0, b.length - Math.max(pos, 0)) + " left");
        }
        if (!isSync(b, pos)) {
            throw new BitstreamException(Kind.WRONG_TYPE, 0, "syncword: no MPEG audio frame sync");
        }
        int b1 = b[pos + 1] & 0xFF;
        int b2 = b[pos + 2] & 0xFF;
        int b3 = b[pos + 3] & 0xFF;
        int versionBits = (b1 >>> 3) & 3;
        if (versionBits == 1) {
            throw new BitstreamException(Kind.RESERVED, 11, "version: 01 is reserved");
        }
        int layerBits = (b1 >>> 1) & 3;
        if (layerBits == 0) {
            throw new BitstreamException(Kind.RESERVED, 13, "layer: 00 is reserved");
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int bitrateIndex = b2 >>> 4;
        if (bitrateIndex == 0) {
            throw new BitstreamException(Kind.UNSUPPORTED, 16, "bitrate_index: free format is not read");
        }
        if (bitrateIndex == 15) {
            throw new BitstreamException(Kind.RESERVED, 16, "bitrate_index: 15 is forbidden");
        }
        int rateIndex = (b2 >>> 2) & 3;
        if (rateIndex == 3) {
            throw new BitstreamException(Kind.RESERVED, 20, "sampling_frequency: 11 is reserved");
        }
        if ((b3 & 3) == 2) {
            throw new BitstreamException(Kind.RESERVED, 30, "emphasis: 10 is reserved");
        }
        int table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int bitrate = BITRATES_KBPS[table][bitrateIndex] * 1000;
        int sampleRate = RATES_MPEG1[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        boolean padding = (b2 & 2) != 0;
        int length = frameLength(version, layer, bitrate, sampleRate, padding);
        return new MpegAudioHeader(version, layer, (b1 & 1) == 0, bitrateIndex, bitrate, sampleRate, padding,
                b3 >>> 6, length);
    }

    private static int frameLength(int version, int layer, int bitrate, int sampleRate, boolean padding) {
        if (layer == 1) {
            return (12 * bitrate / sampleRate + (padding ? 1 : 0)) * 4;
        }
        int factor = layer == 3 && version != 1 ? 72 : 144;
        return factor * bitrate / sampleRate + (padding ? 1 : 0);
    }

    /** Audio samples per channel in the frame: 384 (layer I), 1152, or 576 (layer III of MPEG-2/2.5). */
    public int samplesPerFrame() {
        return layer == 1 ? 384 : layer == 3 && version != 1 ? 576 : 1152;
    }

    /** 1 for mono, 2 otherwise. */
    public int channels() {
        return channelMode == 3 ? 1 : 2;
    }

    /** "MP1", "MP2" or "MP3". */
    public String format() {
        return "MP" + layer;
    }

    /**
     * The objectTypeIndication an {@code esds} gives this stream (ISO/IEC 14496-1 Table 5): 0x6B for MPEG-1 audio,
     * 0x69 for MPEG-2 (and 2.5, which has none of its own).
     */
    public int objectTypeIndication() {
        return version == 1 ? OTI_MPEG1 : OTI_MPEG2;
    }

    /** objectTypeIndication of MPEG-1 audio (ISO/IEC 11172-3). */
    public static final int OTI_MPEG1 = 0x6B;
    /** objectTypeIndication of MPEG-2 audio (ISO/IEC 13818-3). */
    public static final int OTI_MPEG2 = 0x69;

    /**
     * Where a Xing or Info tag (the VBR header LAME writes into an .mp3's first, silent frame) would start in this
     * frame: after the header, the CRC and the layer III side information.
     */
    public int xingTagOffset() {
        int sideInfo = version == 1 ? (channelMode == 3 ? 17 : 32) : (channelMode == 3 ? 9 : 17);
        return LENGTH + (crcProtected ? 2 : 0) + sideInfo;
    }

    /**
     * Whether the frame at {@code pos} (this header's) is a Xing/Info frame: a tag with no audio, which a player
     * reads for the stream's length and does not decode. Only layer III has one.
     */
    public boolean isXingFrame(byte[] b, int pos) {
        int at = pos + xingTagOffset();
        if (layer != 3 || at < 0 || at > b.length - 4) {
            return false;
        }
        return (b[at] == 'X' && b[at + 1] == 'i' && b[at + 2] == 'n' && b[at + 3] == 'g')
                || (b[at] == 'I' && b[at + 1] == 'n' && b[at + 2] == 'f' && b[at + 3] == 'o');
    }
}
