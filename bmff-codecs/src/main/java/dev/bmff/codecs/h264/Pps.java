package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.Map;

/**
 * A picture parameter set (7.3.2.2). Slice group maps are read past but not kept (only their count and
 * type). The High-profile tail (transform_8x8_mode_flag, pic_scaling_matrix,
 * second_chroma_qp_index_offset) is read when more_rbsp_data() says it is there; otherwise it holds
 * the inferred values (false, null, and chroma_qp_index_offset).
 *
 * <pre>{@code
 * Pps pps = Pps.parse(ppsNalUnit, Map.of(sps.seqParameterSetId(), sps));
 * boolean cabac = pps.entropyCodingModeFlag();
 * }</pre>
 *
 * @param numSliceGroups num_slice_groups_minus1 + 1
 * @param sliceGroupMapType slice_group_map_type, 0 when there is one slice group
 * @param numRefIdxL0DefaultActive num_ref_idx_l0_default_active_minus1 + 1
 * @param numRefIdxL1DefaultActive num_ref_idx_l1_default_active_minus1 + 1
 * @param picInitQp pic_init_qp_minus26 + 26
 * @param picInitQs pic_init_qs_minus26 + 26
 * @param picScalingMatrix null when absent
 */
public record Pps(int picParameterSetId, int seqParameterSetId, boolean entropyCodingModeFlag,
        boolean bottomFieldPicOrderInFramePresent, int numSliceGroups, int sliceGroupMapType,
        int numRefIdxL0DefaultActive, int numRefIdxL1DefaultActive, boolean weightedPredFlag, int weightedBipredIdc,
        int picInitQp, int picInitQs, int chromaQpIndexOffset, boolean deblockingFilterControlPresent,
        boolean constrainedIntraPred, boolean redundantPicCntPresent, boolean transform8x8Mode,
        ScalingMatrix picScalingMatrix, int secondChromaQpIndexOffset) {

    /**
     * Parses a PPS NAL unit (nal_unit_type 8). The SPS it refers to is needed only when a picture scaling
     * matrix is present (its chroma_format_idc decides the number of 8x8 lists); {@code spsById} may be
     * empty otherwise.
     *
     * @throws BitstreamException when the unit is malformed or needs an SPS that is not in the map
     */
    public static Pps parse(byte[] nal, Map<Integer, Sps> spsById) throws BitstreamException {
        BitReader r = SpsParser.rbsp(nal, NalHeader.PPS, "a PPS");
        int id = r.ue("pic_parameter_set_id", 0, 255);
        int spsId = r.ue("seq_parameter_set_id", 0, 31);
        boolean cabac = r.flag("entropy_coding_mode_flag");
        boolean bottomPoc = r.flag("bottom_field_pic_order_in_frame_present_flag");
        int groups = r.ue("num_slice_groups_minus1", 0, 7) + 1;
        int mapType = 0;
        if (groups > 1) {
            mapType = r.ue("slice_group_map_type", 0, 6);
            skipSliceGroupMap(r, mapType, groups);
        }
        int l0 = r.ue("num_ref_idx_l0_default_active_minus1", 0, 31) + 1;
        int l1 = r.ue("num_ref_idx_l1_default_active_minus1", 0, 31) + 1;
        boolean weighted = r.flag("weighted_pred_flag");
        int bipred = r.u(2, "weighted_bipred_idc");
        if (bipred == 3) {
            throw r.error(Kind.RESERVED, r.position() - 2, "weighted_bipred_idc: 3 is reserved");
        }
        // The lower bound is -(26 + QpBdOffsetY); 36 is QpBdOffsetY at the largest bit depth, 14.
        int qp = r.se("pic_init_qp_minus26", -26 - 36, 25) + 26;
        int qs = r.se("pic_init_qs_minus26", -26, 25) + 26;
        int chromaQp = r.se("chroma_qp_index_offset", -12, 12);
        boolean deblocking = r.flag("deblocking_filter_control_present_flag");
        boolean constrainedIntra = r.flag("constrained_intra_pred_flag");
        boolean redundant = r.flag("redundant_pic_cnt_present_flag");
        boolean t8x8 = false;
        ScalingMatrix matrix = null;
        int secondChromaQp = chromaQp;
        if (r.moreRbspData()) {
            t8x8 = r.flag("transform_8x8_mode_flag");
            if (r.flag("pic_scaling_matrix_present_flag")) {
                Sps sps = spsById.get(spsId);
                if (sps == null) {
                    throw r.error(Kind.MISSING, r.position() - 1, "pic_scaling_matrix_present_flag: needs SPS "
                            + spsId + ", which is not known");
                }
                int count = 6 + (t8x8 ? (sps.chromaFormatIdc() != 3 ? 2 : 6) : 0);
                matrix = new ScalingMatrix(ScalingList.readAll(r, count, "pic_scaling_list_present_flag"));
            }
            secondChromaQp = r.se("second_chroma_qp_index_offset", -12, 12);
        }
        return new Pps(id, spsId, cabac, bottomPoc, groups, mapType, l0, l1, weighted, bipred, qp, qs, chromaQp,
                deblocking, constrainedIntra, redundant, t8x8, matrix, secondChromaQp);
    }

    /** Reads the slice group map fields (7.3.2.2) without keeping them: nothing downstream needs FMO maps. */
    private static void skipSliceGroupMap(BitReader r, int mapType, int groups) throws BitstreamException {
        switch (mapType) {
            case 0 -> {
                for (int g = 0; g < groups; g++) {
                    r.ueLong("run_length_minus1[" + g + "]");
                }
            }
            case 2 -> {
                for (int g = 0; g < groups - 1; g++) {
                    r.ueLong("top_left[" + g + "]");
                    r.ueLong("bottom_right[" + g + "]");
                }
            }
            case 3, 4, 5 -> {
                r.flag("slice_group_change_direction_flag");
                r.ueLong("slice_group_change_rate_minus1");
            }
            case 6 -> {
                long units = r.ueLong("pic_size_in_map_units_minus1") + 1;
                int bits = 32 - Integer.numberOfLeadingZeros(groups - 1); // Ceil(Log2(num_slice_groups_minus1 + 1))
                // Checked against the bits left first, so a huge count fails at once instead of looping.
                r.skip(units * bits, "slice_group_id");
            }
            default -> {
                // type 1 (dispersed) has no fields of its own
            }
        }
    }
}
