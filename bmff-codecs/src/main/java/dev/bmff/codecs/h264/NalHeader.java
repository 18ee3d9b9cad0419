package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The one-byte H.264 NAL unit header (7.3.1): forbidden_zero_bit, nal_ref_idc and nal_unit_type.
 *
 * <pre>{@code
 * NalHeader h = NalHeader.parse(nal);
 * if (h.isIdr()) System.out.println(h.typeName());   // "IDR slice"
 * }</pre>
 *
 * @param forbiddenZeroBit must be false in a conforming stream; kept so callers can spot corruption
 * @param nalRefIdc 0 for a non-reference unit, 1 to 3 otherwise
 * @param nalUnitType 0 to 31, see the constants
 */
public record NalHeader(boolean forbiddenZeroBit, int nalRefIdc, int nalUnitType) {
    public static final int NON_IDR_SLICE = 1;
    public static final int SLICE_DATA_PARTITION_A = 2;
    public static final int SLICE_DATA_PARTITION_B = 3;
    public static final int SLICE_DATA_PARTITION_C = 4;
    public static final int IDR_SLICE = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int ACCESS_UNIT_DELIMITER = 9;
    public static final int END_OF_SEQUENCE = 10;
    public static final int END_OF_STREAM = 11;
    public static final int FILLER_DATA = 12;
    public static final int SPS_EXTENSION = 13;
    public static final int PREFIX_NAL = 14;
    public static final int SUBSET_SPS = 15;
    public static final int DEPTH_PARAMETER_SET = 16;
    public static final int AUXILIARY_SLICE = 19;
    public static final int SLICE_EXTENSION = 20;
    public static final int DEPTH_SLICE_EXTENSION = 21;

    private static final String[] NAMES = new String[32];

    static {
        NAMES[0] = "unspecified";
        NAMES[1] = "non-IDR slice";
        NAMES[2] = "slice data partition A";
        NAMES[3] = "slice data partition B";
        NAMES[4] = "slice data partition C";
        NAMES[5] = "IDR slice";
        NAMES[6] = "SEI";
        NAMES[7] = "SPS";
        NAMES[8] = "PPS";
        NAMES[9] = "access unit delimiter";
        NAMES[10] = "end of sequence";
        NAMES[11] = "end of stream";
        NAMES[12] = "filler data";
        NAMES[13] = "SPS extension";
        NAMES[14] = "prefix NAL unit";
        NAMES[15] = "subset SPS";
        NAMES[16] = "depth parameter set";
        NAMES[19] = "auxiliary slice";
        NAMES[20] = "slice extension";
        NAMES[21] = "depth slice extension";
    }

    public NalHeader {
        if (nalRefIdc < 0 || nalRefIdc > 3 || nalUnitType < 0 || nalUnitType > 31) {
            throw new IllegalArgumentException("nal_ref_idc 0..3 and nal_unit_type 0..31: " + nalRefIdc + ", "
                    + nalUnitType);
        }
    }

    /** The header in the first byte of {@code nal}. */
    public static NalHeader parse(byte[] nal) throws BitstreamException {
        if (nal.length == 0) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "nal_unit_header: empty NAL unit");
        }
        return of(nal[0]);
    }

    /** The header that {@code firstByte} encodes; every byte is a valid header. */
    public static NalHeader of(byte firstByte) {
        int b = firstByte & 0xFF;
        return new NalHeader((b & 0x80) != 0, (b >>> 5) & 3, b & 0x1F);
    }

    /** The header as its byte. */
    public byte toByte() {
        return (byte) ((forbiddenZeroBit ? 0x80 : 0) | nalRefIdc << 5 | nalUnitType);
    }

    /** Header bytes before the payload: 4 for the SVC/MVC/3D types 14, 20 and 21, which add 3 bytes. */
    public int headerLength() {
        return nalUnitType == PREFIX_NAL || nalUnitType == SLICE_EXTENSION || nalUnitType == DEPTH_SLICE_EXTENSION
                ? 4 : 1;
    }

    /** nal_unit_type 5 (IdrPicFlag). */
    public boolean isIdr() {
        return nalUnitType == IDR_SLICE;
    }

    /** A unit that starts with a slice header of the primary coded picture (types 1, 2 and 5). */
    public boolean isSlice() {
        return nalUnitType == NON_IDR_SLICE || nalUnitType == SLICE_DATA_PARTITION_A || nalUnitType == IDR_SLICE;
    }

    /** nal_ref_idc != 0: the picture may be used for reference. */
    public boolean isReference() {
        return nalRefIdc != 0;
    }

    /** Table 7-1's name for the type, "reserved" for reserved ones. */
    public String typeName() {
        String n = NAMES[nalUnitType];
        return n != null ? n : nalUnitType >= 24 ? "unspecified" : "reserved";
    }
}
