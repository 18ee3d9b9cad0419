package dev.bmff.codecs.opus;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The OpusSpecificBox payload, {@code dOps} (Opus in ISOBMFF 4.3.2), big-endian; the same fields as Ogg's
 * {@code OpusHead} (RFC 7845 5.1), little-endian, which {@link #fromOpusHead} reads.
 *
 * <pre>{@code
 * OpusConfiguration c = OpusConfiguration.parse(dOpsPayload);
 * int preSkip = c.preSkip();                 // 48 kHz samples to drop: the edit list's media_time
 * byte[] again = c.toBytes();
 * }</pre>
 *
 * @param version 0
 * @param channels OutputChannelCount
 * @param preSkip PreSkip, in 48 kHz samples
 * @param inputSampleRate InputSampleRate (informative; Opus decodes at 48 kHz)
 * @param outputGain OutputGain, Q7.8 dB
 * @param mappingFamily ChannelMappingFamily
 * @param streamCount StreamCount (1 for family 0)
 * @param coupledCount CoupledCount (channels - 1 for family 0)
 * @param channelMapping ChannelMapping, one byte per output channel (empty for family 0)
 */
public record OpusConfiguration(int version, int channels, int preSkip, long inputSampleRate, int outputGain,
        int mappingFamily, int streamCount, int coupledCount, Bytes channelMapping) {
    private static final byte[] OPUS_HEAD = "OpusHead".getBytes(StandardCharsets.US_ASCII);

    public OpusConfiguration {
        if (version < 0 || version > 255 || channels < 1 || channels > 255 || preSkip < 0 || preSkip > 0xFFFF
                || inputSampleRate < 0 || inputSampleRate > 0xFFFF_FFFFL || outputGain < -32768 || outputGain > 32767
                || mappingFamily < 0 || mappingFamily > 255 || streamCount < 1 || streamCount > 255 || coupledCount < 0
                || coupledCount > streamCount) {
            throw new IllegalArgumentException("dOps field out of range");
        }
        if (mappingFamily == 0 ? channels > 2 || channelMapping.size() != 0 : channelMapping.size() != channels) {
            throw new IllegalArgumentException("family 0 has 1 or 2 channels and no table; others one byte a channel");
        }
    }

    /** Family 0 (mono or stereo, no table). */
    public static OpusConfiguration of(int channels, int preSkip, long inputSampleRate) {
        return new OpusConfiguration(0, channels, preSkip, inputSampleRate, 0, 0, 1, channels - 1, Bytes.EMPTY);
    }

    /** Parses a {@code dOps} payload. */
    public static OpusConfiguration parse(byte[] p) throws BitstreamException {
        return read(ByteBuffer.wrap(p).order(ByteOrder.BIG_ENDIAN), 0, "dOps");
    }

    /** Reads an Ogg identification header packet ({@code OpusHead}, RFC 7845 5.1). */
    public static OpusConfiguration fromOpusHead(byte[] packet) throws BitstreamException {
        if (packet.length < 8 || !java.util.Arrays.equals(packet, 0, 8, OPUS_HEAD, 0, 8)) {
            throw new BitstreamException(Kind.WRONG_TYPE, 0, "not an OpusHead packet");
        }
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        OpusConfiguration c = read(b, 8, "OpusHead");
        if ((c.version() >> 4) != 0) {
            throw new BitstreamException(Kind.UNSUPPORTED, 64, "OpusHead version " + c.version());
        }
        // dOps has version 0 where OpusHead has 1.
        return new OpusConfiguration(0, c.channels(), c.preSkip(), c.inputSampleRate(), c.outputGain(),
                c.mappingFamily(), c.streamCount(), c.coupledCount(), c.channelMapping());
    }

    private static OpusConfiguration read(ByteBuffer b, int start, String what) throws BitstreamException {
        int base = b.position();
        if (b.remaining() < 11) {
            throw BitstreamException.atByte(Kind.TRUNCATED, start + b.remaining(), what + ": " + b.remaining()
                    + " bytes, needs 11");
        }
        int version = b.get() & 0xFF;
        if (what.equals("dOps") && version != 0) {
            throw new BitstreamException(Kind.UNSUPPORTED, 0, "dOps version " + version + ", only 0 is defined");
        }
        int channels = b.get() & 0xFF;
        if (channels == 0) {
            throw BitstreamException.atByte(Kind.OUT_OF_RANGE, start + 1, what + ": OutputChannelCount 0");
        }
        int preSkip = b.getShort() & 0xFFFF;
        long rate = b.getInt() & 0xFFFF_FFFFL;
        int gain = b.getShort();
        int family = b.get() & 0xFF;
        if (family == 0) {
            if (channels > 2) {
                throw BitstreamException.atByte(Kind.INVALID, start + 1, what + ": family 0 with " + channels
                        + " channels");
            }
            return new OpusConfiguration(version, channels, preSkip, rate, gain, 0, 1, channels - 1, Bytes.EMPTY);
        }
        if (b.remaining() < 2 + channels) {
            throw BitstreamException.atByte(Kind.TRUNCATED, start + b.position() - base, what
                    + ": channel mapping table cut");
        }
        int streams = b.get() & 0xFF;
        int coupled = b.get() & 0xFF;
        if (streams == 0 || coupled > streams || streams + coupled > 255) {
            throw BitstreamException.atByte(Kind.INVALID, start + 11, what + ": StreamCount " + streams
                    + ", CoupledCount " + coupled);
        }
        byte[] map = new byte[channels];
        b.get(map);
        for (int i = 0; i < channels; i++) {
            int m = map[i] & 0xFF;
            if (m != 255 && m >= streams + coupled) {
                throw BitstreamException.atByte(Kind.OUT_OF_RANGE, start + 13 + i, what + ": ChannelMapping[" + i
                        + "] " + m + " names no decoded channel");
            }
        }
        return new OpusConfiguration(version, channels, preSkip, rate, gain, family, streams, coupled, Bytes.of(map));
    }

    /** The {@code dOps} payload, big-endian. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(11 + (mappingFamily == 0 ? 0 : 2 + channels));
        b.put((byte) version).put((byte) channels).putShort((short) preSkip).putInt((int) inputSampleRate)
                .putShort((short) outputGain).put((byte) mappingFamily);
        if (mappingFamily != 0) {
            b.put((byte) streamCount).put((byte) coupledCount).put(channelMapping.toArray());
        }
        return b.array();
    }
}
