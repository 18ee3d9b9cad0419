package dev.bmff.codecs.prores;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The header of an Apple ProRes frame (SMPTE RDD 36, 5.1 and 5.2): every frame, and so every sample of an
 * {@code apcn}, {@code apch}, {@code apcs}, {@code apco}, {@code ap4h} or {@code ap4x} track, starts with its own
 * size and the identifier {@code icpf}, which makes its boundaries exact.
 *
 * <pre>{@code
 * ProResFrameHeader h = ProResFrameHeader.parse(sample, 0, sample.length);
 * System.out.println(h.frameSize() + " bytes " + h.width() + "x" + h.height() + " " + h.chroma());
 * }</pre>
 *
 * @param frameSize frame_size: bytes of the whole frame, these 4 included
 * @param headerSize frame_header_size
 * @param version bitstream_version (0 or 1)
 * @param encoder encoder_identifier, four characters ({@code apl0} for Apple, {@code fmpg} for ffmpeg)
 * @param width horizontal_size
 * @param height vertical_size (of the frame; each field holds half of it when interlaced)
 * @param chromaFormat chroma_format: 2 for 4:2:2, 3 for 4:4:4
 * @param interlaceMode interlace_mode: 0 progressive, 1 top field first, 2 bottom field first
 * @param aspectRatio aspect_ratio_information
 * @param frameRateCode frame_rate_code
 * @param colorPrimaries color_primaries (ISO/IEC 23091-2 code points; 0 and 2 say nothing)
 * @param transferCharacteristic transfer_characteristic
 * @param matrixCoefficients matrix_coefficients
 * @param alphaChannelType alpha_channel_type: 0 none, 1 8-bit, 2 16-bit
 */
public record ProResFrameHeader(long frameSize, int headerSize, int version, String encoder, int width, int height,
        int chromaFormat, int interlaceMode, int aspectRatio, int frameRateCode, int colorPrimaries,
        int transferCharacteristic, int matrixCoefficients, int alphaChannelType) {
    /** frame_size, {@code icpf}, and the header up to the quantisation matrix flags. */
    public static final int MIN_BYTES = 8 + 20;
    /** {@code icpf} as a big-endian number. */
    public static final int ICPF = 0x69637066;

    /**
     * Whether {@code data} holds {@code icpf} at {@code at + 4}: the cheap test of a frame start (the size before it
     * is checked by {@link #parse}).
     */
    public static boolean hasIdentifier(byte[] data, int at) {
        return at + 8 <= data.length && data[at + 4] == 'i' && data[at + 5] == 'c' && data[at + 6] == 'p'
                && data[at + 7] == 'f';
    }

    /**
     * Parses the frame header at {@code offset}; {@code length} bytes are available (the frame itself may be longer).
     *
     * @throws BitstreamException {@link Kind#WRONG_TYPE} without {@code icpf}; {@link Kind#TRUNCATED} when fewer
     *     than the header's bytes are there; {@link Kind#OUT_OF_RANGE} or {@link Kind#RESERVED} for a frame size
     *     smaller than its header, a zero picture size, a header size outside 20..512, a reserved chroma format,
     *     interlace mode or alpha type. Offsets count from {@code offset}.
     */
    public static ProResFrameHeader parse(byte[] data, int offset, int length) throws BitstreamException {
        if (length < 8) {
            throw BitstreamException.atByte(Kind.TRUNCATED, 0, "frame_size and frame_identifier: " + length + " bytes");
        }
        if (!hasIdentifier(data, offset)) {
            throw BitstreamException.atByte(Kind.WRONG_TYPE, 4, "frame_identifier is not icpf");
        }
        if (length < 10) {
            throw BitstreamException.atByte(Kind.TRUNCATED, 8, "frame_header_size: " + length + " bytes");
        }
        long frameSize = u32(data, offset);
        int headerSize = u16(data, offset + 8);
        if (headerSize < 20 || headerSize > 512) {
            throw BitstreamException.atByte(Kind.OUT_OF_RANGE, 8, "frame_header_size " + headerSize);
        }
        if (frameSize < 8 + headerSize) {
            throw BitstreamException.atByte(Kind.OUT_OF_RANGE, 0, "frame_size " + frameSize + " below its header");
        }
        if (length < 8 + 20) {
            throw BitstreamException.atByte(Kind.TRUNCATED, length, "frame header cut at " + length + " bytes");
        }
        int version = data[offset + 11] & 0xFF;
        if (version > 1) {
            throw BitstreamException.atByte(Kind.UNSUPPORTED, 11, "bitstream_version " + version);
        }
        String encoder = new String(data, offset + 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        int width = u16(data, offset + 16);
        int height = u16(data, offset + 18);
        if (width == 0 || height == 0) {
            throw BitstreamException.atByte(Kind.OUT_OF_RANGE, 16, "a picture of " + width + "x" + height);
        }
        int flags = data[offset + 20] & 0xFF;
        int chroma = flags >>> 6;
        int interlace = (flags >>> 2) & 3;
        if (chroma < 2) {
            throw BitstreamException.atByte(Kind.RESERVED, 20, "chroma_format " + chroma + " is reserved");
        }
        if (interlace == 3) {
            throw BitstreamException.atByte(Kind.RESERVED, 20, "interlace_mode 3 is reserved");
        }
        int aspect = (data[offset + 21] & 0xFF) >>> 4;
        int rate = data[offset + 21] & 0x0F;
        int primaries = data[offset + 22] & 0xFF;
        int transfer = data[offset + 23] & 0xFF;
        int matrix = data[offset + 24] & 0xFF;
        int alpha = data[offset + 25] & 0x0F;
        if (alpha > 2) {
            throw BitstreamException.atByte(Kind.RESERVED, 25, "alpha_channel_type " + alpha + " is reserved");
        }
        return new ProResFrameHeader(frameSize, headerSize, version, encoder, width, height, chroma, interlace,
                aspect, rate, primaries, transfer, matrix, alpha);
    }

    /** "4:2:2" or "4:4:4". */
    public String chroma() {
        return chromaFormat == 3 ? "4:4:4" : "4:2:2";
    }

    /** Whether the frame holds two fields. */
    public boolean interlaced() {
        return interlaceMode != 0;
    }

    private static long u32(byte[] d, int p) {
        return ((d[p] & 0xFFL) << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
    }

    private static int u16(byte[] d, int p) {
        return ((d[p] & 0xFF) << 8) | (d[p + 1] & 0xFF);
    }
}
