package dev.bmff.codecs.flac;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;

/**
 * FLAC's STREAMINFO metadata block (RFC 9639 8.2), which the {@code dfLa} box of a {@code fLaC} sample entry holds
 * first (Encapsulation of FLAC in ISO BMFF, 3.3.2): block sizes, frame sizes, rate, channels, bits per sample.
 *
 * <pre>{@code
 * StreamInfo si = StreamInfo.parseDfLa(dfLaPayload);
 * byte[] dfLa = si.toDfLaPayload();     // for AudioSampleEntries.flac(si)
 * }</pre>
 *
 * @param minBlockSize samples per channel of the shortest block (the last excepted), 16..65535
 * @param maxBlockSize of the longest
 * @param minFrameSize bytes of the smallest frame, 0 unknown
 * @param maxFrameSize bytes of the largest frame, 0 unknown
 * @param sampleRate Hz, 1..655350
 * @param channels 1..8
 * @param bitsPerSample 4..32
 * @param totalSamples samples per channel in the stream, 0 unknown
 * @param md5 the MD5 of the decoded audio (16 bytes, zero unknown)
 */
public record StreamInfo(int minBlockSize, int maxBlockSize, int minFrameSize, int maxFrameSize, int sampleRate,
        int channels, int bitsPerSample, long totalSamples, Bytes md5) {
    /** Bytes of the block's body. */
    public static final int LENGTH = 34;
    private static final int STREAMINFO = 0;

    public StreamInfo {
        if (md5 == null || md5.size() != 16) {
            throw new IllegalArgumentException("md5 is 16 bytes");
        }
    }

    /** Parses the 34-byte body of a STREAMINFO block at {@code offset}; exception offsets count from there. */
    public static StreamInfo parse(byte[] b, int offset) throws BitstreamException {
        if (offset < 0 || offset > b.length - LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "STREAMINFO: 34 bytes needed, "
                    + Math.max(0, b.length - Math.max(0, offset)) + " left");
        }
        BitReader r = new BitReader(b, offset, LENGTH);
        int minBlock = r.u(16, "minimum block size");
        int maxBlock = r.u(16, "maximum block size");
        if (minBlock < 16 || maxBlock < minBlock) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 0, "block sizes: " + minBlock + ".." + maxBlock
                    + " (16 or more, minimum first)");
        }
        int minFrame = r.u(24, "minimum frame size");
        int maxFrame = r.u(24, "maximum frame size");
        int rate = r.u(20, "sample rate");
        if (rate == 0) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 80, "sample rate: 0");
        }
        int channels = r.u(3, "channels") + 1;
        int bits = r.u(5, "bits per sample") + 1;
        if (bits < 4) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 103, "bits per sample: " + bits + " < 4");
        }
        long total = r.uLong(36, "total samples");
        byte[] md5 = java.util.Arrays.copyOfRange(b, offset + 18, offset + LENGTH);
        return new StreamInfo(minBlock, maxBlock, minFrame, maxFrame, rate, channels, bits, total, Bytes.of(md5));
    }

    /**
     * Parses a {@code dfLa} payload (version and flags, then metadata blocks, STREAMINFO first); exception offsets
     * count from its first byte.
     */
    public static StreamInfo parseDfLa(byte[] payload) throws BitstreamException {
        if (payload.length < 8) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "dfLa: " + payload.length + " bytes");
        }
        if (payload[0] != 0) {
            throw new BitstreamException(Kind.UNSUPPORTED, 0, "dfLa: version " + (payload[0] & 0xFF));
        }
        int type = payload[4] & 0x7F;
        int length = ((payload[5] & 0xFF) << 16) | ((payload[6] & 0xFF) << 8) | (payload[7] & 0xFF);
        if (type != STREAMINFO) {
            throw new BitstreamException(Kind.WRONG_TYPE, 33, "metadata block type: " + type
                    + ", STREAMINFO (0) must come first");
        }
        if (length != LENGTH) {
            throw new BitstreamException(Kind.INVALID, 40, "STREAMINFO length: " + length + ", not 34");
        }
        try {
            return parse(payload, 8);
        } catch (BitstreamException e) {
            throw e.shifted(64);
        }
    }

    /** The STREAMINFO block's 34-byte body. */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        w.u(16, minBlockSize).u(16, maxBlockSize).u(24, minFrameSize).u(24, maxFrameSize).u(20, sampleRate)
                .u(3, channels - 1).u(5, bitsPerSample - 1).u(36, totalSamples);
        byte[] head = w.toByteArray();
        byte[] out = java.util.Arrays.copyOf(head, LENGTH);
        System.arraycopy(md5.toArray(), 0, out, 18, 16);
        return out;
    }

    /** A {@code dfLa} payload: version 0, flags 0, this STREAMINFO as the last (only) metadata block. */
    public byte[] toDfLaPayload() {
        byte[] out = new byte[8 + LENGTH];
        out[4] = (byte) 0x80;
        out[7] = LENGTH;
        System.arraycopy(toBytes(), 0, out, 8, LENGTH);
        return out;
    }

    /**
     * The most bytes a frame of this stream can take whatever its content: every subframe verbatim (one bit more
     * for a side channel), plus headers and CRCs. The frame sizes STREAMINFO records describe the frames of this
     * one file; another recording's frames may be larger.
     */
    public int worstCaseFrameSize() {
        long bits = (long) maxBlockSize * channels * (bitsPerSample + 1) + channels * 8L * 2;
        return (int) Math.min(1 << 24, bits / 8 + FlacFrameHeader.MAX_LENGTH + 2 + 8);
    }
}
