package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The AVCDecoderConfigurationRecord, payload of the {@code avcC} box (ISO/IEC 14496-15 5.3.3.1): profile,
 * level, NAL length size and the parameter set NAL units, plus for High profiles the chroma format,
 * bit depths and SPS extensions trailer when the record carries it.
 *
 * <p>{@link #toBytes()} writes the reserved bits as ones, as the standard requires, so a record with
 * other reserved bits or bytes after its end does not round-trip byte for byte.
 *
 * <pre>{@code
 * AvcConfiguration avcC = AvcConfiguration.parse(avcCPayload);
 * int lengthSize = avcC.nalLengthSize();
 * Sps sps = Sps.parse(avcC.sequenceParameterSets().get(0).toArray());
 * byte[] again = avcC.toBytes();
 * }</pre>
 *
 * @param configurationVersion 1
 * @param profileIndication AVCProfileIndication (profile_idc)
 * @param profileCompatibility the byte between profile_idc and level_idc in the SPS
 * @param levelIndication AVCLevelIndication (level_idc)
 * @param lengthSizeMinusOne 0, 1 or 3
 * @param sequenceParameterSets SPS NAL units, header byte included (at most 31)
 * @param pictureParameterSets PPS NAL units (at most 255)
 * @param highProfileFields the trailer, or null when the record ends after the PPSs
 */
public record AvcConfiguration(int configurationVersion, int profileIndication, int profileCompatibility,
        int levelIndication, int lengthSizeMinusOne, List<Bytes> sequenceParameterSets,
        List<Bytes> pictureParameterSets, HighProfileFields highProfileFields) {

    /**
     * The fields 14496-15 adds for profile_idc 100, 110, 122 and 144 (and that muxers write for every
     * profile other than 66, 77 and 88).
     *
     * @param chromaFormat chroma_format_idc, 0 to 3
     * @param bitDepthLumaMinus8 0 to 7
     * @param bitDepthChromaMinus8 0 to 7
     * @param sequenceParameterSetExts SPS extension NAL units (at most 255)
     */
    public record HighProfileFields(int chromaFormat, int bitDepthLumaMinus8, int bitDepthChromaMinus8,
            List<Bytes> sequenceParameterSetExts) {
        public HighProfileFields {
            if (chromaFormat < 0 || chromaFormat > 3 || bitDepthLumaMinus8 < 0 || bitDepthLumaMinus8 > 7
                    || bitDepthChromaMinus8 < 0 || bitDepthChromaMinus8 > 7) {
                throw new IllegalArgumentException("chroma_format 0..3, bit depths minus 8 0..7");
            }
            sequenceParameterSetExts = List.copyOf(sequenceParameterSetExts);
            checkUnits(sequenceParameterSetExts, 255, "SPS extensions");
        }
    }

    public AvcConfiguration {
        checkByte(configurationVersion, "configurationVersion");
        checkByte(profileIndication, "AVCProfileIndication");
        checkByte(profileCompatibility, "profile_compatibility");
        checkByte(levelIndication, "AVCLevelIndication");
        if (lengthSizeMinusOne < 0 || lengthSizeMinusOne > 3) {
            throw new IllegalArgumentException("lengthSizeMinusOne is 2 bits: " + lengthSizeMinusOne);
        }
        sequenceParameterSets = List.copyOf(sequenceParameterSets);
        pictureParameterSets = List.copyOf(pictureParameterSets);
        checkUnits(sequenceParameterSets, 31, "SPSs");
        checkUnits(pictureParameterSets, 255, "PPSs");
    }

    /** A record for one SPS and PPS with profile, level and (for High profiles) the trailer taken from the SPS. */
    public static AvcConfiguration of(Sps sps, byte[] spsNal, byte[] ppsNal, int nalLengthSize) {
        HighProfileFields high = switch (sps.profileIdc()) {
            case Sps.BASELINE, Sps.MAIN, Sps.EXTENDED -> null;
            default -> new HighProfileFields(sps.chromaFormatIdc(), sps.bitDepthLuma() - 8, sps.bitDepthChroma() - 8,
                    List.of());
        };
        return new AvcConfiguration(1, sps.profileIdc(), sps.constraintSetFlags(), sps.levelIdc(), nalLengthSize - 1,
                List.of(Bytes.of(spsNal)), List.of(Bytes.of(ppsNal)), high);
    }

    /** Bytes in each NAL unit length field of the samples. */
    public int nalLengthSize() {
        return lengthSizeMinusOne + 1;
    }

    /**
     * Parses an {@code avcC} payload (the box content after its header).
     *
     * @throws BitstreamException when the record is truncated or its version is not 1
     */
    public static AvcConfiguration parse(byte[] data) throws BitstreamException {
        Cursor c = new Cursor(data);
        int version = c.u8("configurationVersion");
        if (version != 1) {
            throw BitstreamException.atByte(Kind.UNSUPPORTED, 0, "configurationVersion: " + version
                    + ", only 1 is defined");
        }
        int profile = c.u8("AVCProfileIndication");
        int compatibility = c.u8("profile_compatibility");
        int level = c.u8("AVCLevelIndication");
        int lengthSizeMinusOne = c.u8("lengthSizeMinusOne") & 3;
        int spsCount = c.u8("numOfSequenceParameterSets") & 0x1F;
        List<Bytes> sps = c.units(spsCount, "sequenceParameterSetLength");
        int ppsCount = c.u8("numOfPictureParameterSets");
        List<Bytes> pps = c.units(ppsCount, "pictureParameterSetLength");
        HighProfileFields high = null;
        // 14496-15 conditions the trailer on the profile, but muxers disagree on the profile list and older
        // ones omit it, so its presence is taken from the bytes left (at least the 4 fixed bytes).
        if (c.remaining() >= 4 && profile != Sps.BASELINE && profile != Sps.MAIN && profile != Sps.EXTENDED) {
            int chroma = c.u8("chroma_format") & 3;
            int luma = c.u8("bit_depth_luma_minus8") & 7;
            int chromaDepth = c.u8("bit_depth_chroma_minus8") & 7;
            int extCount = c.u8("numOfSequenceParameterSetExt");
            high = new HighProfileFields(chroma, luma, chromaDepth, c.units(extCount, "sequenceParameterSetExtLength"));
        }
        return new AvcConfiguration(version, profile, compatibility, level, lengthSizeMinusOne, sps, pps, high);
    }

    /** The record as {@code avcC} payload bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(configurationVersion);
        out.write(profileIndication);
        out.write(profileCompatibility);
        out.write(levelIndication);
        out.write(0xFC | lengthSizeMinusOne);
        out.write(0xE0 | sequenceParameterSets.size());
        writeUnits(out, sequenceParameterSets);
        out.write(pictureParameterSets.size());
        writeUnits(out, pictureParameterSets);
        if (highProfileFields != null) {
            out.write(0xFC | highProfileFields.chromaFormat());
            out.write(0xF8 | highProfileFields.bitDepthLumaMinus8());
            out.write(0xF8 | highProfileFields.bitDepthChromaMinus8());
            out.write(highProfileFields.sequenceParameterSetExts().size());
            writeUnits(out, highProfileFields.sequenceParameterSetExts());
        }
        return out.toByteArray();
    }

    private static void writeUnits(ByteArrayOutputStream out, List<Bytes> units) {
        for (Bytes u : units) {
            out.write(u.size() >>> 8);
            out.write(u.size());
            out.writeBytes(u.toArray());
        }
    }

    private static void checkByte(int v, String name) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(name + " is 8 bits: " + v);
        }
    }

    private static void checkUnits(List<Bytes> units, int max, String what) {
        if (units.size() > max) {
            throw new IllegalArgumentException("at most " + max + " " + what + ": " + units.size());
        }
        for (Bytes u : units) {
            if (u.size() > 0xFFFF) {
                throw new IllegalArgumentException("a parameter set is at most 65535 bytes: " + u.size());
            }
        }
    }

    /** Reads bytes and length-prefixed units, failing with the element's name at the end of the data. */
    private static final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - pos;
        }

        int u8(String what) throws BitstreamException {
            if (pos >= data.length) {
                throw BitstreamException.atByte(Kind.TRUNCATED, pos, what + ": the avcC record ends");
            }
            return data[pos++] & 0xFF;
        }

        List<Bytes> units(int count, String what) throws BitstreamException {
            List<Bytes> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = u8(what) << 8 | u8(what);
                if (length > remaining()) {
                    throw BitstreamException.atByte(Kind.TRUNCATED, pos, what + "[" + i + "]: " + length
                            + " bytes, only " + remaining() + " left");
                }
                out.add(Bytes.of(data, pos, length));
                pos += length;
            }
            return out;
        }
    }
}
