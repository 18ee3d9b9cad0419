package dev.bmff.codecs.entry;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.bits.Rbsp;
import dev.bmff.codecs.nal.NalRange;
import dev.bmff.codecs.nal.NalUnits;
import dev.bmff.core.box.Bytes;

/**
 * The static HDR metadata an HDR10 stream carries in SEI messages of its first access unit: the mastering
 * display colour volume (payloadType 137) and the content light level (payloadType 144), the same numbers and
 * the same bytes in H.264 (D.1) and HEVC (D.2). The sample entry's {@code mdcv} and {@code clli} boxes
 * (ISO/IEC 23001-8 / 14496-15) hold exactly these payloads: a player that reads only the entry (Chromium, Safari,
 * Media3 choose their HDR output before decoding) needs them there, not in the bitstream.
 *
 * <pre>{@code
 * HdrMetadata hdr = HdrMetadata.of(firstSample, 4, true);
 * VisualSampleEntry entry = VideoSampleEntries.withHdr(VideoSampleEntries.hevc(hvcC, false, Bitrate.NONE), hdr);
 * }</pre>
 *
 * @param masteringDisplay the 24 payload bytes of mastering_display_colour_volume, or null
 * @param contentLightLevel the 4 payload bytes of content_light_level_info, or null
 */
public record HdrMetadata(Bytes masteringDisplay, Bytes contentLightLevel) {
    /** SEI payloadType of mastering_display_colour_volume. */
    static final int MASTERING_DISPLAY = 137;
    /** SEI payloadType of content_light_level_info. */
    static final int CONTENT_LIGHT_LEVEL = 144;

    public static final HdrMetadata NONE = new HdrMetadata(null, null);

    public HdrMetadata {
        if (masteringDisplay != null && masteringDisplay.size() != 24) {
            throw new IllegalArgumentException("mastering display colour volume is 24 bytes: " + masteringDisplay.size());
        }
        if (contentLightLevel != null && contentLightLevel.size() != 4) {
            throw new IllegalArgumentException("content light level is 4 bytes: " + contentLightLevel.size());
        }
    }

    /** True when neither message was found. */
    public boolean isEmpty() {
        return masteringDisplay == null && contentLightLevel == null;
    }

    /**
     * The messages in the SEI NAL units of one length-prefixed sample (the first access unit: HDR10 encoders
     * repeat them at every keyframe); a message of another type or another size is passed over.
     *
     * @param lengthSize bytes of each NAL unit's length (avcC/hvcC lengthSizeMinusOne + 1)
     * @param hevc HEVC NAL unit headers (2 bytes, prefix SEI type 39) rather than H.264 (1 byte, type 6)
     * @throws BitstreamException when the sample's lengths or an SEI message's size overrun their bytes
     */
    public static HdrMetadata of(Bytes sample, int lengthSize, boolean hevc) throws BitstreamException {
        byte[] bytes = sample.toArray();
        Bytes mastering = null;
        Bytes light = null;
        for (NalRange nal : NalUnits.splitLengthPrefixed(bytes, lengthSize)) {
            int header = hevc ? 2 : 1;
            if (nal.length() <= header) {
                continue;
            }
            int type = hevc ? (bytes[nal.offset()] >> 1) & 0x3F : bytes[nal.offset()] & 0x1F;
            if (type != (hevc ? 39 : 6)) {
                continue;
            }
            byte[] rbsp = Rbsp.unescape(bytes, nal.offset() + header, nal.length() - header);
            int pos = 0;
            // sei_message()s until the rbsp trailing bits (0x80) end the unit.
            while (pos < rbsp.length && !(pos == rbsp.length - 1 && (rbsp[pos] & 0xFF) == 0x80)) {
                int[] read = new int[] {pos};
                int payloadType = ffCoded(rbsp, read);
                int payloadSize = ffCoded(rbsp, read);
                pos = read[0];
                if (payloadSize > rbsp.length - pos) {
                    throw BitstreamException.atByte(Kind.TRUNCATED, nal.offset(), "SEI message of type " + payloadType
                            + " claims " + payloadSize + " bytes, " + (rbsp.length - pos) + " left");
                }
                if (payloadType == MASTERING_DISPLAY && payloadSize == 24 && mastering == null) {
                    mastering = Bytes.of(rbsp, pos, 24);
                } else if (payloadType == CONTENT_LIGHT_LEVEL && payloadSize == 4 && light == null) {
                    light = Bytes.of(rbsp, pos, 4);
                }
                pos += payloadSize;
            }
        }
        return new HdrMetadata(mastering, light);
    }

    /** payloadType / payloadSize: a run of 0xFF bytes (255 each) and a last byte. */
    private static int ffCoded(byte[] rbsp, int[] at) throws BitstreamException {
        int value = 0;
        while (true) {
            if (at[0] >= rbsp.length) {
                throw BitstreamException.atByte(Kind.TRUNCATED, at[0], "SEI message header runs past its NAL unit");
            }
            int b = rbsp[at[0]++] & 0xFF;
            value += b;
            if (b != 0xFF) {
                return value;
            }
            if (value > 1 << 20) {
                throw BitstreamException.atByte(Kind.INVALID, at[0], "SEI payload type or size over 1 MiB");
            }
        }
    }
}
