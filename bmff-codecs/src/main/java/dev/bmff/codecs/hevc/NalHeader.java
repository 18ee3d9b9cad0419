package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The two-byte HEVC NAL unit header (H.265 7.3.1.2): forbidden_zero_bit, nal_unit_type, nuh_layer_id
 * and nuh_temporal_id_plus1, with the nal_unit_type values of Table 7-1 and the ranges the decoding
 * process cares about (IRAP, IDR, CRA, BLA, RASL, RADL, sub-layer non-reference).
 *
 * <pre>{@code
 * NalHeader h = NalHeader.parse(nal, 0, nal.length);
 * if (h.isIrap()) { ... }                       // a random access point
 * System.out.println(h.typeName());             // "IDR_W_RADL"
 * }</pre>
 *
 * @param forbiddenZeroBit must be 0 in a conforming stream; kept so damaged units can be reported
 * @param type nal_unit_type, 0 to 63
 * @param layerId nuh_layer_id, 0 to 63 (0 is the base layer)
 * @param temporalIdPlus1 nuh_temporal_id_plus1, 1 to 7 (0 is rejected by {@link #parse})
 */
public record NalHeader(int forbiddenZeroBit, int type, int layerId, int temporalIdPlus1) {
    public static final int TRAIL_N = 0;
    public static final int TRAIL_R = 1;
    public static final int TSA_N = 2;
    public static final int TSA_R = 3;
    public static final int STSA_N = 4;
    public static final int STSA_R = 5;
    public static final int RADL_N = 6;
    public static final int RADL_R = 7;
    public static final int RASL_N = 8;
    public static final int RASL_R = 9;
    public static final int BLA_W_LP = 16;
    public static final int BLA_W_RADL = 17;
    public static final int BLA_N_LP = 18;
    public static final int IDR_W_RADL = 19;
    public static final int IDR_N_LP = 20;
    public static final int CRA_NUT = 21;
    /** Last of the reserved IRAP types (22 and 23 are IRAP too). */
    public static final int RSV_IRAP_VCL23 = 23;
    public static final int VPS_NUT = 32;
    public static final int SPS_NUT = 33;
    public static final int PPS_NUT = 34;
    public static final int AUD_NUT = 35;
    public static final int EOS_NUT = 36;
    public static final int EOB_NUT = 37;
    public static final int FD_NUT = 38;
    public static final int PREFIX_SEI_NUT = 39;
    public static final int SUFFIX_SEI_NUT = 40;

    private static final String[] NAMES = new String[64];

    static {
        String[] known = {"TRAIL_N", "TRAIL_R", "TSA_N", "TSA_R", "STSA_N", "STSA_R", "RADL_N", "RADL_R",
            "RASL_N", "RASL_R"};
        System.arraycopy(known, 0, NAMES, 0, known.length);
        String[] irap = {"BLA_W_LP", "BLA_W_RADL", "BLA_N_LP", "IDR_W_RADL", "IDR_N_LP", "CRA_NUT"};
        System.arraycopy(irap, 0, NAMES, 16, irap.length);
        String[] nonVcl = {"VPS_NUT", "SPS_NUT", "PPS_NUT", "AUD_NUT", "EOS_NUT", "EOB_NUT", "FD_NUT",
            "PREFIX_SEI_NUT", "SUFFIX_SEI_NUT"};
        System.arraycopy(nonVcl, 0, NAMES, 32, nonVcl.length);
        for (int i = 0; i < 64; i++) {
            if (NAMES[i] == null) {
                NAMES[i] = i < 32 ? "RSV_VCL" + i : i < 48 ? "RSV_NVCL" + i : "UNSPEC" + i;
            }
        }
    }

    public NalHeader {
        if (forbiddenZeroBit < 0 || forbiddenZeroBit > 1 || type < 0 || type > 63 || layerId < 0 || layerId > 63
                || temporalIdPlus1 < 0 || temporalIdPlus1 > 7) {
            throw new IllegalArgumentException("NAL header field out of range");
        }
    }

    /** Reads the header from the first two bytes of a NAL unit. */
    public static NalHeader parse(byte[] data, int offset, int length) throws BitstreamException {
        if (length < 2 || offset < 0 || offset > data.length - 2) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "nal_unit_header: a NAL unit needs 2 header bytes, has "
                    + Math.max(0, Math.min(length, data.length - Math.max(offset, 0))));
        }
        int b0 = data[offset] & 0xFF;
        int b1 = data[offset + 1] & 0xFF;
        int tid = b1 & 7;
        if (tid == 0) {
            // 7.4.2.2: nuh_temporal_id_plus1 shall not be 0; TemporalId would be -1.
            throw new BitstreamException(Kind.OUT_OF_RANGE, 13, "nuh_temporal_id_plus1: 0 outside 1..7");
        }
        return new NalHeader(b0 >>> 7, (b0 >>> 1) & 0x3F, ((b0 & 1) << 5) | (b1 >>> 3), tid);
    }

    /** Reads the header at the start of {@code nal}. */
    public static NalHeader parse(byte[] nal) throws BitstreamException {
        return parse(nal, 0, nal.length);
    }

    /** The two header bytes. */
    public byte[] toBytes() {
        return new byte[] {(byte) (forbiddenZeroBit << 7 | type << 1 | layerId >>> 5),
            (byte) ((layerId & 0x1F) << 3 | temporalIdPlus1)};
    }

    /** TemporalId = nuh_temporal_id_plus1 - 1. */
    public int temporalId() {
        return temporalIdPlus1 - 1;
    }

    /** The Table 7-1 name of {@code type}, e.g. "CRA_NUT", "RSV_VCL24", "UNSPEC48". */
    public static String typeName(int type) {
        return type >= 0 && type < 64 ? NAMES[type] : "invalid(" + type + ")";
    }

    /** The Table 7-1 name of this unit's type. */
    public String typeName() {
        return typeName(type);
    }

    /** A VCL (coded slice segment) unit: types 0 to 31. */
    public boolean isVcl() {
        return type < 32;
    }

    /** Intra random access point: types 16 to 23 (BLA, IDR, CRA and the reserved IRAP types). */
    public static boolean isIrap(int type) {
        return type >= BLA_W_LP && type <= RSV_IRAP_VCL23;
    }

    public boolean isIrap() {
        return isIrap(type);
    }

    public static boolean isIdr(int type) {
        return type == IDR_W_RADL || type == IDR_N_LP;
    }

    public boolean isIdr() {
        return isIdr(type);
    }

    public static boolean isBla(int type) {
        return type >= BLA_W_LP && type <= BLA_N_LP;
    }

    public boolean isBla() {
        return isBla(type);
    }

    public boolean isCra() {
        return type == CRA_NUT;
    }

    /** Random access skipped leading picture: undecodable when decoding starts at its CRA. */
    public static boolean isRasl(int type) {
        return type == RASL_N || type == RASL_R;
    }

    public boolean isRasl() {
        return isRasl(type);
    }

    /** Random access decodable leading picture. */
    public static boolean isRadl(int type) {
        return type == RADL_N || type == RADL_R;
    }

    public boolean isRadl() {
        return isRadl(type);
    }

    /**
     * Sub-layer non-reference picture (the even types below 16: TRAIL_N, TSA_N, ..., RSV_VCL_N14), which
     * 8.3.1 excludes from prevTid0Pic.
     */
    public static boolean isSubLayerNonReference(int type) {
        return type <= 14 && (type & 1) == 0;
    }

    public boolean isSubLayerNonReference() {
        return isSubLayerNonReference(type);
    }

    @Override
    public String toString() {
        return typeName() + "(layer " + layerId + ", tid " + temporalId() + ")";
    }
}
