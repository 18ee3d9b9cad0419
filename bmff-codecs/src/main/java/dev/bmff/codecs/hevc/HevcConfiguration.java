package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The HEVCDecoderConfigurationRecord, payload of the {@code hvcC} box (ISO/IEC 14496-15 8.3.3.1): the
 * stream's profile, tier and level, chroma format and bit depths, the NAL length size of its samples,
 * and the parameter-set (and SEI) NAL units in arrays by type.
 *
 * <p>{@link #parse} and {@link #toBytes} are inverse for records whose reserved bits are all ones, as the
 * standard requires; reserved bits are not kept, and bytes after the last array are ignored.
 *
 * <pre>{@code
 * HevcConfiguration c = HevcConfiguration.parse(hvcCPayload);
 * int lengthSize = c.lengthSizeMinusOne() + 1;           // bytes before each NAL unit in a sample
 * Sps sps = Sps.parse(c.nalUnits(NalHeader.SPS_NUT).get(0).toArray());
 *
 * HevcConfiguration built = HevcConfiguration.of(List.of(vpsNal, spsNal, ppsNal));  // for a writer
 * byte[] payload = built.toBytes();
 * }</pre>
 *
 * @param configurationVersion 1
 * @param compatibilityFlags general_profile_compatibility_flags, flag j at bit (31 - j)
 * @param constraintIndicatorFlags 48 bits
 * @param minSpatialSegmentationIdc 12 bits
 * @param parallelismType 0 unknown/mixed, 1 slices, 2 tiles, 3 wavefront
 * @param chromaFormatIdc 2 bits, as chroma_format_idc
 * @param avgFrameRate frames per 256 seconds, 0 unspecified
 * @param constantFrameRate 0 unknown, 1 constant, 2 each temporal layer constant
 * @param numTemporalLayers 3 bits: 0 unknown, 1 not temporally scalable, else sps_max_sub_layers_minus1 + 1
 * @param lengthSizeMinusOne 0, 1 or 3: NAL unit length fields of 1, 2 or 4 bytes in the samples
 */
public record HevcConfiguration(int configurationVersion, int profileSpace, boolean tier, int profileIdc,
        int compatibilityFlags, long constraintIndicatorFlags, int levelIdc, int minSpatialSegmentationIdc,
        int parallelismType, int chromaFormatIdc, int bitDepthLumaMinus8, int bitDepthChromaMinus8, int avgFrameRate,
        int constantFrameRate, int numTemporalLayers, boolean temporalIdNested, int lengthSizeMinusOne,
        List<NalArray> arrays) {

    /**
     * The NAL units of one type.
     *
     * @param arrayCompleteness true when all NAL units of this type are here and none are in the samples
     * @param nalUnitType 6 bits
     * @param nalUnits whole NAL units, header included, each at most 65535 bytes
     */
    public record NalArray(boolean arrayCompleteness, int nalUnitType, List<Bytes> nalUnits) {
        public NalArray {
            check("NAL_unit_type", nalUnitType, 6);
            nalUnits = List.copyOf(nalUnits);
            if (nalUnits.size() > 0xFFFF) {
                throw new IllegalArgumentException("numNalus must fit in 16 bits");
            }
            for (Bytes b : nalUnits) {
                if (b.size() > 0xFFFF) {
                    throw new IllegalArgumentException("nalUnitLength must fit in 16 bits: " + b.size());
                }
            }
        }
    }

    public HevcConfiguration {
        check("configurationVersion", configurationVersion, 8);
        check("general_profile_space", profileSpace, 2);
        check("general_profile_idc", profileIdc, 5);
        if (constraintIndicatorFlags < 0 || constraintIndicatorFlags >>> 48 != 0) {
            throw new IllegalArgumentException("general_constraint_indicator_flags must fit in 48 bits");
        }
        check("general_level_idc", levelIdc, 8);
        check("min_spatial_segmentation_idc", minSpatialSegmentationIdc, 12);
        check("parallelismType", parallelismType, 2);
        check("chromaFormat", chromaFormatIdc, 2);
        check("bitDepthLumaMinus8", bitDepthLumaMinus8, 3);
        check("bitDepthChromaMinus8", bitDepthChromaMinus8, 3);
        check("avgFrameRate", avgFrameRate, 16);
        check("constantFrameRate", constantFrameRate, 2);
        check("numTemporalLayers", numTemporalLayers, 3);
        check("lengthSizeMinusOne", lengthSizeMinusOne, 2);
        arrays = List.copyOf(arrays);
        if (arrays.size() > 0xFF) {
            throw new IllegalArgumentException("numOfArrays must fit in 8 bits");
        }
    }

    private static void check(String name, long value, int bits) {
        if (value < 0 || value >>> bits != 0) {
            throw new IllegalArgumentException(name + " must fit in " + bits + " bits: " + value);
        }
    }

    /** Parses an hvcC payload (the box contents after its header). */
    public static HevcConfiguration parse(byte[] payload) throws BitstreamException {
        BitReader r = new BitReader(payload);
        int version = r.u(8, "configurationVersion");
        int space = r.u(2, "general_profile_space");
        boolean tier = r.flag("general_tier_flag");
        int idc = r.u(5, "general_profile_idc");
        int compat = r.u(32, "general_profile_compatibility_flags");
        long constraints = r.uLong(48, "general_constraint_indicator_flags");
        int level = r.u(8, "general_level_idc");
        r.skip(4, "reserved");
        int minSpatial = r.u(12, "min_spatial_segmentation_idc");
        r.skip(6, "reserved");
        int parallelism = r.u(2, "parallelismType");
        r.skip(6, "reserved");
        int chroma = r.u(2, "chromaFormat");
        r.skip(5, "reserved");
        int luma = r.u(3, "bitDepthLumaMinus8");
        r.skip(5, "reserved");
        int chromaDepth = r.u(3, "bitDepthChromaMinus8");
        int avg = r.u(16, "avgFrameRate");
        int cfr = r.u(2, "constantFrameRate");
        int layers = r.u(3, "numTemporalLayers");
        boolean nested = r.flag("temporalIdNested");
        int lengthSize = r.u(2, "lengthSizeMinusOne");
        int numArrays = r.u(8, "numOfArrays");
        List<NalArray> arrays = new ArrayList<>(numArrays);
        for (int j = 0; j < numArrays; j++) {
            boolean complete = r.flag("array_completeness");
            r.skip(1, "reserved");
            int type = r.u(6, "NAL_unit_type");
            int numNalus = r.u(16, "numNalus");
            // Each NAL unit takes at least its 2-byte length: a count beyond that is a lie.
            if ((long) numNalus * 16 > r.remaining()) {
                throw r.error(Kind.TRUNCATED, r.position(), "numNalus: " + numNalus + " NAL units cannot fit in the "
                        + r.remaining() / 8 + " bytes left");
            }
            List<Bytes> nalus = new ArrayList<>(numNalus);
            for (int i = 0; i < numNalus; i++) {
                int len = r.u(16, "nalUnitLength");
                if ((long) len * 8 > r.remaining()) {
                    throw r.error(Kind.TRUNCATED, r.position(), "nalUnitLength: " + len + " bytes, only "
                            + r.remaining() / 8 + " left");
                }
                int start = (int) (r.position() / 8);
                r.skip((long) len * 8, "nalUnit");
                nalus.add(Bytes.of(payload, start, len));
            }
            arrays.add(new NalArray(complete, type, nalus));
        }
        return new HevcConfiguration(version, space, tier, idc, compat, constraints, level, minSpatial, parallelism,
                chroma, luma, chromaDepth, avg, cfr, layers, nested, lengthSize, arrays);
    }

    /** The hvcC payload, reserved bits set to ones. */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        w.u(8, configurationVersion).u(2, profileSpace).flag(tier).u(5, profileIdc).u(32, compatibilityFlags & 0xFFFFFFFFL)
                .u(48, constraintIndicatorFlags).u(8, levelIdc).u(4, 0xF).u(12, minSpatialSegmentationIdc)
                .u(6, 0x3F).u(2, parallelismType).u(6, 0x3F).u(2, chromaFormatIdc).u(5, 0x1F)
                .u(3, bitDepthLumaMinus8).u(5, 0x1F).u(3, bitDepthChromaMinus8).u(16, avgFrameRate)
                .u(2, constantFrameRate).u(3, numTemporalLayers).flag(temporalIdNested).u(2, lengthSizeMinusOne)
                .u(8, arrays.size());
        for (NalArray a : arrays) {
            w.flag(a.arrayCompleteness()).u(1, 0).u(6, a.nalUnitType()).u(16, a.nalUnits().size());
            for (Bytes b : a.nalUnits()) {
                w.u(16, b.size());
                for (byte x : b.toArray()) {
                    w.u(8, x & 0xFF);
                }
            }
        }
        return w.toByteArray();
    }

    /** The NAL units of one type, in order, from every array of that type. */
    public List<Bytes> nalUnits(int nalUnitType) {
        List<Bytes> out = new ArrayList<>();
        for (NalArray a : arrays) {
            if (a.nalUnitType() == nalUnitType) {
                out.addAll(a.nalUnits());
            }
        }
        return List.copyOf(out);
    }

    /** Every NAL unit, array by array: what a decoder is fed before the first sample. */
    public List<Bytes> nalUnits() {
        List<Bytes> out = new ArrayList<>();
        for (NalArray a : arrays) {
            out.addAll(a.nalUnits());
        }
        return List.copyOf(out);
    }

    /** The size in bytes of the length field before each NAL unit in a sample. */
    public int nalLengthSize() {
        return lengthSizeMinusOne + 1;
    }

    /**
     * A record for a writer: fields from the (first) SPS, with its VUI's min_spatial_segmentation_idc, 4-byte
     * NAL lengths, unknown frame rate and parallelism, and complete arrays in VPS, SPS, PPS, SEI order.
     *
     * @param nalUnits VPS, SPS and PPS NAL units (prefix SEI too, if wanted), header included
     */
    public static HevcConfiguration of(List<byte[]> nalUnits) throws BitstreamException {
        Sps sps = null;
        List<Integer> order = List.of(NalHeader.VPS_NUT, NalHeader.SPS_NUT, NalHeader.PPS_NUT,
                NalHeader.PREFIX_SEI_NUT, NalHeader.SUFFIX_SEI_NUT);
        List<List<Bytes>> byType = new ArrayList<>();
        order.forEach(t -> byType.add(new ArrayList<>()));
        for (byte[] nal : nalUnits) {
            int type = NalHeader.parse(nal).type();
            int k = order.indexOf(type);
            if (k < 0) {
                throw new BitstreamException(Kind.WRONG_TYPE, -1, "nal_unit_type: " + NalHeader.typeName(type)
                        + " does not belong in hvcC");
            }
            if (type == NalHeader.SPS_NUT && sps == null) {
                sps = Sps.parse(nal);
            }
            byType.get(k).add(Bytes.of(nal));
        }
        if (sps == null) {
            throw new BitstreamException(Kind.MISSING, -1, "hvcC: no SPS");
        }
        List<NalArray> arrays = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            if (!byType.get(k).isEmpty()) {
                // SEI arrays are never complete: more SEI may follow in the samples.
                arrays.add(new NalArray(k < 3, order.get(k), byType.get(k)));
            }
        }
        ProfileTierLevel ptl = sps.profileTierLevel();
        int minSpatial = sps.vui().map(Vui::minSpatialSegmentationIdc).orElse(0);
        return new HevcConfiguration(1, ptl.profileSpace(), ptl.tier(), ptl.profileIdc(), ptl.compatibilityFlags(),
                ptl.constraintIndicatorFlags(), ptl.levelIdc(), minSpatial, 0, sps.chromaFormatIdc(),
                sps.bitDepthLumaMinus8(), sps.bitDepthChromaMinus8(), 0, 0, sps.maxSubLayersMinus1() + 1,
                sps.temporalIdNesting(), 3, arrays);
    }
}
