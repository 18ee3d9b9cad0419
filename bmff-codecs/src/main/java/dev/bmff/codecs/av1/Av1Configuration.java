package dev.bmff.codecs.av1;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;

/**
 * The AV1CodecConfigurationRecord, payload of the {@code av1C} box (AV1-ISOBMFF 2.3.3): the sequence header's
 * profile, level, tier, bit depth and chroma fields repeated in four bytes, then configOBUs (a sequence header OBU,
 * and metadata OBUs, each with a size field).
 *
 * <pre>{@code
 * Av1Configuration c = Av1Configuration.parse(av1CPayload);
 * SequenceHeader sh = c.sequenceHeader().orElseThrow();
 * byte[] again = c.toBytes();
 * Av1Configuration made = Av1Configuration.of(sequenceHeaderObu);   // what a recorder writes
 * }</pre>
 *
 * @param profile seq_profile
 * @param level seq_level_idx_0
 * @param tier seq_tier_0
 * @param highBitdepth high_bitdepth
 * @param twelveBit twelve_bit
 * @param monochrome monochrome
 * @param subsamplingX chroma_subsampling_x
 * @param subsamplingY chroma_subsampling_y
 * @param chromaSamplePosition chroma_sample_position
 * @param initialPresentationDelayMinusOne initial_presentation_delay_minus_one, -1 when absent
 * @param configObus the configOBUs (complete OBUs, headers and sizes included)
 */
public record Av1Configuration(int profile, int level, int tier, boolean highBitdepth, boolean twelveBit,
        boolean monochrome, boolean subsamplingX, boolean subsamplingY, int chromaSamplePosition,
        int initialPresentationDelayMinusOne, Bytes configObus) {

    public Av1Configuration {
        if (profile < 0 || profile > 7 || level < 0 || level > 31 || tier < 0 || tier > 1 || chromaSamplePosition < 0
                || chromaSamplePosition > 3 || initialPresentationDelayMinusOne < -1
                || initialPresentationDelayMinusOne > 15) {
            throw new IllegalArgumentException("av1C field out of range");
        }
        java.util.Objects.requireNonNull(configObus, "configObus");
    }

    /** Bit depth: 8, 10 or 12. */
    public int bitDepth() {
        return twelveBit ? 12 : highBitdepth ? 10 : 8;
    }

    /**
     * The record for a stream whose sequence header OBU (header and size field included) is {@code obu}: the four
     * bytes from its fields and the OBU itself as configOBUs, as AV1-ISOBMFF asks.
     */
    public static Av1Configuration of(byte[] sequenceHeaderObu) throws BitstreamException {
        SequenceHeader s = SequenceHeader.fromObu(sequenceHeaderObu);
        ObuHeader h = ObuHeader.parse(sequenceHeaderObu, 0, sequenceHeaderObu.length);
        byte[] obu = h.hasSizeField() ? java.util.Arrays.copyOf(sequenceHeaderObu, (int) h.totalLength())
                : ObuHeader.withSize(ObuHeader.SEQUENCE_HEADER, java.util.Arrays.copyOfRange(sequenceHeaderObu,
                        h.headerLength(), sequenceHeaderObu.length));
        return new Av1Configuration(s.profile(), s.level(), s.tier(), s.bitDepth() > 8, s.bitDepth() == 12,
                s.monochrome(), s.subsamplingX(), s.subsamplingY(), s.chromaSamplePosition(), -1, Bytes.of(obu));
    }

    /**
     * Parses an {@code av1C} payload.
     *
     * @throws BitstreamException fewer than 4 bytes ({@code TRUNCATED}), a marker other than 1 or a version other than
     *     1 ({@code INVALID}); configOBUs are kept as they are (see {@link #sequenceHeader()})
     */
    public static Av1Configuration parse(byte[] p) throws BitstreamException {
        if (p.length < 4) {
            throw BitstreamException.atByte(Kind.TRUNCATED, p.length, "av1C: " + p.length + " bytes, needs 4");
        }
        int b0 = p[0] & 0xFF;
        if ((b0 & 0x80) == 0) {
            throw new BitstreamException(Kind.INVALID, 0, "av1C: marker is 0");
        }
        if ((b0 & 0x7F) != 1) {
            throw new BitstreamException(Kind.UNSUPPORTED, 1, "av1C: version " + (b0 & 0x7F) + ", only 1 is defined");
        }
        int b1 = p[1] & 0xFF;
        int b2 = p[2] & 0xFF;
        int b3 = p[3] & 0xFF;
        return new Av1Configuration(b1 >> 5, b1 & 0x1F, b2 >> 7, (b2 & 0x40) != 0, (b2 & 0x20) != 0,
                (b2 & 0x10) != 0, (b2 & 8) != 0, (b2 & 4) != 0, b2 & 3, (b3 & 0x10) != 0 ? b3 & 0xF : -1,
                Bytes.of(p, 4, p.length - 4));
    }

    /** The payload: the four bytes (reserved bits 0) and the configOBUs. */
    public byte[] toBytes() {
        byte[] obus = configObus.toArray();
        byte[] out = new byte[4 + obus.length];
        out[0] = (byte) 0x81;
        out[1] = (byte) (profile << 5 | level);
        out[2] = (byte) (tier << 7 | (highBitdepth ? 0x40 : 0) | (twelveBit ? 0x20 : 0) | (monochrome ? 0x10 : 0)
                | (subsamplingX ? 8 : 0) | (subsamplingY ? 4 : 0) | chromaSamplePosition);
        out[3] = (byte) (initialPresentationDelayMinusOne >= 0 ? 0x10 | initialPresentationDelayMinusOne : 0);
        System.arraycopy(obus, 0, out, 4, obus.length);
        return out;
    }

    /**
     * The sequence header in configOBUs, if there is one.
     *
     * @throws BitstreamException configOBUs or the sequence header do not parse (offsets count from the record's
     *     first byte)
     */
    public java.util.Optional<SequenceHeader> sequenceHeader() throws BitstreamException {
        byte[] obus = configObus.toArray();
        java.util.List<Obus.Obu> list;
        try {
            list = Obus.split(obus);
        } catch (BitstreamException e) {
            throw e.shifted(32);
        }
        for (Obus.Obu o : list) {
            if (o.header().type() == ObuHeader.SEQUENCE_HEADER) {
                try {
                    return java.util.Optional.of(SequenceHeader.parse(obus, o.payloadOffset(),
                            (int) o.header().payloadSize()));
                } catch (BitstreamException e) {
                    throw e.shifted(8L * (4 + o.payloadOffset()));
                }
            }
        }
        return java.util.Optional.empty();
    }
}
