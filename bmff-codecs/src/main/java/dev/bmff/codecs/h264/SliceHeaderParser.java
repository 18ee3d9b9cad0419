package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.bits.Rbsp;
import java.util.Map;

/** Reads slice_header() (7.3.3) up to and including dec_ref_pic_marking(). */
final class SliceHeaderParser {
    /**
     * A slice header is at most a few hundred bytes even with long modification lists and weight tables;
     * unescaping only this much keeps the cost independent of the slice data size.
     */
    private static final int HEADER_BYTES = 4096;

    private SliceHeaderParser() {
    }

    static SliceHeader parse(byte[] nal, Map<Integer, Sps> spsById, Map<Integer, Pps> ppsById)
            throws BitstreamException {
        NalHeader h = NalHeader.parse(nal);
        if (!h.isSlice()) {
            throw new BitstreamException(Kind.WRONG_TYPE, 3, "nal_unit_type: " + h.nalUnitType() + " ("
                    + h.typeName() + ") does not start with a slice header");
        }
        BitReader r = Rbsp.reader(nal, 1, Math.min(nal.length - 1, HEADER_BYTES));
        int firstMb = r.ue("first_mb_in_slice");
        int sliceTypeValue = r.ue("slice_type", 0, 9);
        SliceType type = SliceType.of(sliceTypeValue);
        long ppsIdAt = r.position();
        int ppsId = r.ue("pic_parameter_set_id", 0, 255);
        Pps pps = ppsById.get(ppsId);
        if (pps == null) {
            throw r.error(Kind.MISSING, ppsIdAt, "pic_parameter_set_id: PPS " + ppsId + " is not known");
        }
        Sps sps = spsById.get(pps.seqParameterSetId());
        if (sps == null) {
            throw r.error(Kind.MISSING, ppsIdAt, "pic_parameter_set_id: PPS " + ppsId + " refers to SPS "
                    + pps.seqParameterSetId() + ", which is not known");
        }
        int colourPlane = sps.separateColourPlane() ? r.u(2, "colour_plane_id") : 0;
        int frameNum = r.u(sps.log2MaxFrameNum(), "frame_num");
        boolean field = false;
        boolean bottom = false;
        if (!sps.frameMbsOnly()) {
            field = r.flag("field_pic_flag");
            bottom = field && r.flag("bottom_field_flag");
        }
        int idrPicId = h.isIdr() ? r.ue("idr_pic_id", 0, 65535) : -1;
        int pocLsb = 0;
        int deltaBottom = 0;
        int delta0 = 0;
        int delta1 = 0;
        if (sps.picOrderCntType() == 0) {
            pocLsb = r.u(sps.log2MaxPicOrderCntLsb(), "pic_order_cnt_lsb");
            if (pps.bottomFieldPicOrderInFramePresent() && !field) {
                deltaBottom = r.se("delta_pic_order_cnt_bottom");
            }
        }
        if (sps.picOrderCntType() == 1 && !sps.deltaPicOrderAlwaysZero()) {
            delta0 = r.se("delta_pic_order_cnt[0]");
            if (pps.bottomFieldPicOrderInFramePresent() && !field) {
                delta1 = r.se("delta_pic_order_cnt[1]");
            }
        }
        int redundant = pps.redundantPicCntPresent() ? r.ue("redundant_pic_cnt", 0, 127) : 0;
        if (type == SliceType.B) {
            r.flag("direct_spatial_mv_pred_flag");
        }
        int l0 = pps.numRefIdxL0DefaultActive();
        int l1 = pps.numRefIdxL1DefaultActive();
        if (type.isPredictive() || type == SliceType.B) {
            if (r.flag("num_ref_idx_active_override_flag")) {
                int max = field ? 32 : 16; // 7.4.3: 0..31 for fields, 0..15 for frames
                l0 = r.ue("num_ref_idx_l0_active_minus1", 0, max - 1) + 1;
                if (type == SliceType.B) {
                    l1 = r.ue("num_ref_idx_l1_active_minus1", 0, max - 1) + 1;
                }
            }
        }
        if (!type.isIntra()) {
            skipRefPicListModification(r, "l0");
            if (type == SliceType.B) {
                skipRefPicListModification(r, "l1");
            }
        }
        if ((pps.weightedPredFlag() && type.isPredictive()) || (pps.weightedBipredIdc() == 1 && type == SliceType.B)) {
            skipPredWeightTable(r, sps.chromaArrayType() != 0, l0, type == SliceType.B ? l1 : 0);
        }
        boolean noOutput = false;
        boolean longTerm = false;
        boolean adaptive = false;
        boolean mmco5 = false;
        if (h.isReference()) {
            if (h.isIdr()) {
                noOutput = r.flag("no_output_of_prior_pics_flag");
                longTerm = r.flag("long_term_reference_flag");
            } else {
                adaptive = r.flag("adaptive_ref_pic_marking_mode_flag");
                if (adaptive) {
                    mmco5 = readMemoryManagement(r);
                }
            }
        }
        return new SliceHeader(h, sps, pps, firstMb, sliceTypeValue, colourPlane, frameNum, field, bottom, idrPicId,
                pocLsb, deltaBottom, delta0, delta1, redundant, noOutput, longTerm, adaptive, mmco5);
    }

    /** ref_pic_list_modification() for one list (7.3.3.1). Each pass reads bits, so the loop is bounded. */
    private static void skipRefPicListModification(BitReader r, String list) throws BitstreamException {
        if (!r.flag("ref_pic_list_modification_flag_" + list)) {
            return;
        }
        while (true) {
            long idcAt = r.position();
            int idc = r.ue("modification_of_pic_nums_idc", 0, 5);
            if (idc == 3) {
                return;
            }
            if (idc == 0 || idc == 1) {
                r.ueLong("abs_diff_pic_num_minus1");
            } else if (idc == 2) {
                r.ueLong("long_term_pic_num");
            } else {
                // 4 and 5 belong to the MVC form (nal_unit_type 20), which this parser does not read.
                throw r.error(Kind.UNSUPPORTED, idcAt, "modification_of_pic_nums_idc: " + idc
                        + " only occurs in MVC slices");
            }
        }
    }

    /** pred_weight_table() (7.3.3.2). */
    private static void skipPredWeightTable(BitReader r, boolean chroma, int l0, int l1) throws BitstreamException {
        r.ue("luma_log2_weight_denom", 0, 7);
        if (chroma) {
            r.ue("chroma_log2_weight_denom", 0, 7);
        }
        for (int list = 0; list < 2; list++) {
            int n = list == 0 ? l0 : l1;
            for (int i = 0; i < n; i++) {
                if (r.flag("luma_weight_flag")) {
                    r.se("luma_weight");
                    r.se("luma_offset");
                }
                if (chroma && r.flag("chroma_weight_flag")) {
                    for (int j = 0; j < 2; j++) {
                        r.se("chroma_weight");
                        r.se("chroma_offset");
                    }
                }
            }
        }
    }

    /** The MMCO loop of dec_ref_pic_marking() (7.3.3.3); returns whether operation 5 occurs. */
    private static boolean readMemoryManagement(BitReader r) throws BitstreamException {
        boolean five = false;
        while (true) {
            int op = r.ue("memory_management_control_operation", 0, 6);
            if (op == 0) {
                return five;
            }
            if (op == 1 || op == 3) {
                r.ueLong("difference_of_pic_nums_minus1");
            }
            if (op == 2) {
                r.ueLong("long_term_pic_num");
            }
            if (op == 3 || op == 6) {
                r.ueLong("long_term_frame_idx");
            }
            if (op == 4) {
                r.ueLong("max_long_term_frame_idx_plus1");
            }
            five |= op == 5;
        }
    }
}
