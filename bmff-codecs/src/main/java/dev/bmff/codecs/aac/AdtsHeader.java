package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;

/**
 * An ADTS frame header (ISO/IEC 13818-7 / 14496-3, 1.A.2.2): what an RTSP camera or {@code ffmpeg -f adts}
 * puts before every AAC frame. MP4 stores the raw frame without it; {@link #toAudioSpecificConfig()}
 * gives the configuration for the sample entry.
 *
 * <pre>{@code
 * AdtsHeader h = AdtsHeader.parse(buf, pos);
 * byte[] raw = Arrays.copyOfRange(buf, pos + h.headerLength(), pos + h.frameLength());
 * }</pre>
 *
 * @param mpeg2 the ID bit: true for MPEG-2 AAC, false for MPEG-4
 * @param protectionAbsent no CRC follows the header when true
 * @param profile audio object type minus 1 (1 = AAC LC)
 * @param samplingFrequencyIndex 0..12
 * @param channelConfiguration 0..7
 * @param frameLength header plus payload, in bytes
 * @param bufferFullness 0x7FF for variable bit rate
 * @param rawDataBlocks number_of_raw_data_blocks_in_frame + 1
 */
public record AdtsHeader(boolean mpeg2, boolean protectionAbsent, int profile, int samplingFrequencyIndex,
        int channelConfiguration, int frameLength, int bufferFullness, int rawDataBlocks) {

    /** Bytes of a header without CRC. */
    public static final int MIN_LENGTH = 7;

    /** True when {@code buf} has an ADTS syncword (12 one bits, layer 0) at {@code pos}. */
    public static boolean isSync(byte[] buf, int pos) {
        return pos >= 0 && pos + 1 < buf.length && (buf[pos] & 0xFF) == 0xFF && (buf[pos + 1] & 0xF6) == 0xF0;
    }

    /** Parses the header at {@code pos}; the offsets of its exceptions count from there. */
    public static AdtsHeader parse(byte[] buf, int pos) throws BitstreamException {
        if (pos < 0 || buf.length - pos < MIN_LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "adts_fixed_header: needs 7 bytes, "
                    + Math.max(0, buf.length - Math.max(pos, 0)) + " left");
        }
        if (!isSync(buf, pos)) {
            throw new BitstreamException(Kind.WRONG_TYPE, 0, "syncword: no ADTS syncword");
        }
        int b1 = buf[pos + 1] & 0xFF;
        int b2 = buf[pos + 2] & 0xFF;
        int b3 = buf[pos + 3] & 0xFF;
        int b4 = buf[pos + 4] & 0xFF;
        int b5 = buf[pos + 5] & 0xFF;
        int b6 = buf[pos + 6] & 0xFF;
        boolean mpeg2 = (b1 & 0x08) != 0;
        boolean noCrc = (b1 & 0x01) != 0;
        int profile = b2 >>> 6;
        int sfi = (b2 >>> 2) & 0xF;
        int channels = ((b2 & 1) << 2) | (b3 >>> 6);
        int length = ((b3 & 3) << 11) | (b4 << 3) | (b5 >>> 5);
        int fullness = ((b5 & 0x1F) << 6) | (b6 >>> 2);
        int blocks = (b6 & 3) + 1;
        if (sfi > 12) {
            throw new BitstreamException(Kind.RESERVED, 18, "sampling_frequency_index: " + sfi + " is reserved");
        }
        int header = noCrc ? 7 : 9;
        if (length < header) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 30, "frame_length: " + length
                    + " is shorter than the header of " + header + " bytes");
        }
        return new AdtsHeader(mpeg2, noCrc, profile, sfi, channels, length, fullness, blocks);
    }

    /** 7, or 9 with the CRC. */
    public int headerLength() {
        return protectionAbsent ? 7 : 9;
    }

    /** Bytes of the raw AAC frame after the header. */
    public int payloadLength() {
        return frameLength - headerLength();
    }

    /** Sampling rate in Hz. */
    public int samplingFrequency() {
        return SamplingFrequencies.rate(samplingFrequencyIndex);
    }

    /** The AudioSpecificConfig an MP4 sample entry needs for this stream. */
    public AudioSpecificConfig toAudioSpecificConfig() throws BitstreamException {
        int aot = profile + 1;
        byte[] b = {(byte) ((aot << 3) | (samplingFrequencyIndex >>> 1)),
            (byte) (((samplingFrequencyIndex & 1) << 7) | (channelConfiguration << 3))};
        AudioSpecificConfig asc = AudioSpecificConfig.parse(b);
        return new AudioSpecificConfig(asc.audioObjectType(), asc.samplingFrequency(), asc.channelConfiguration(),
                0, 0, -1, -1, 1024, 0, Bytes.of(b));
    }
}
