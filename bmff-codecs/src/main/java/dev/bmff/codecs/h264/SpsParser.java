package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.bits.Rbsp;
import java.util.ArrayList;
import java.util.List;

/** Reads seq_parameter_set_data() (7.3.2.1.1) into an {@link Sps}; checks the ranges 7.4.2.1.1 gives. */
final class SpsParser {
    /**
     * Bounds on the picture size in macroblocks, far above any level's limit (level 6.2: 139264 MBs per
     * frame), that keep the pixel arithmetic inside an int.
     */
    private static final int MAX_MBS_PER_SIDE = 1 << 14;

    private SpsParser() {
    }

    static BitReader rbsp(byte[] nal, int expectedType, String what) throws BitstreamException {
        NalHeader h = NalHeader.parse(nal);
        if (h.nalUnitType() != expectedType) {
            throw new BitstreamException(Kind.WRONG_TYPE, 3, "nal_unit_type: " + h.nalUnitType() + " ("
                    + h.typeName() + ") is not " + what);
        }
        return Rbsp.reader(nal, 1, nal.length - 1);
    }

    static Sps parse(byte[] nal) throws BitstreamException {
        BitReader r = rbsp(nal, NalHeader.SPS, "an SPS");
        int profile = r.u(8, "profile_idc");
        int constraints = r.u(8, "constraint_set_flags");
        int level = r.u(8, "level_idc");
        int id = r.ue("seq_parameter_set_id", 0, 31);
        int chromaFormat = 1;
        boolean separate = false;
        int depthLuma = 8;
        int depthChroma = 8;
        boolean bypass = false;
        ScalingMatrix matrix = null;
        if (Sps.hasChromaInfo(profile)) {
            chromaFormat = r.ue("chroma_format_idc", 0, 3);
            if (chromaFormat == 3) {
                separate = r.flag("separate_colour_plane_flag");
            }
            depthLuma = r.ue("bit_depth_luma_minus8", 0, 6) + 8;
            depthChroma = r.ue("bit_depth_chroma_minus8", 0, 6) + 8;
            bypass = r.flag("qpprime_y_zero_transform_bypass_flag");
            if (r.flag("seq_scaling_matrix_present_flag")) {
                matrix = new ScalingMatrix(ScalingList.readAll(r, chromaFormat != 3 ? 8 : 12,
                        "seq_scaling_list_present_flag"));
            }
        }
        int log2MaxFrameNum = r.ue("log2_max_frame_num_minus4", 0, 12) + 4;
        int pocType = r.ue("pic_order_cnt_type", 0, 2);
        int log2MaxPocLsb = 0;
        boolean alwaysZero = false;
        int offsetNonRef = 0;
        int offsetTopToBottom = 0;
        List<Integer> offsets = List.of();
        if (pocType == 0) {
            log2MaxPocLsb = r.ue("log2_max_pic_order_cnt_lsb_minus4", 0, 12) + 4;
        } else if (pocType == 1) {
            alwaysZero = r.flag("delta_pic_order_always_zero_flag");
            offsetNonRef = r.se("offset_for_non_ref_pic");
            offsetTopToBottom = r.se("offset_for_top_to_bottom_field");
            int n = r.ue("num_ref_frames_in_pic_order_cnt_cycle", 0, 255);
            List<Integer> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(r.se("offset_for_ref_frame[" + i + "]"));
            }
            offsets = list;
        }
        int maxRefFrames = r.ue("max_num_ref_frames", 0, 16);
        boolean gaps = r.flag("gaps_in_frame_num_value_allowed_flag");
        int widthMbs = r.ue("pic_width_in_mbs_minus1", 0, MAX_MBS_PER_SIDE - 1) + 1;
        int heightMapUnits = r.ue("pic_height_in_map_units_minus1", 0, MAX_MBS_PER_SIDE - 1) + 1;
        boolean frameMbsOnly = r.flag("frame_mbs_only_flag");
        boolean mbaff = !frameMbsOnly && r.flag("mb_adaptive_frame_field_flag");
        boolean direct8x8 = r.flag("direct_8x8_inference_flag");
        Sps.Cropping crop = null;
        long cropAt = -1;
        if (r.flag("frame_cropping_flag")) {
            cropAt = r.position();
            crop = new Sps.Cropping(r.ue("frame_crop_left_offset", 0, MAX_MBS_PER_SIDE * 16),
                    r.ue("frame_crop_right_offset", 0, MAX_MBS_PER_SIDE * 16),
                    r.ue("frame_crop_top_offset", 0, MAX_MBS_PER_SIDE * 16),
                    r.ue("frame_crop_bottom_offset", 0, MAX_MBS_PER_SIDE * 16));
        }
        Vui vui = r.flag("vui_parameters_present_flag") ? Vui.read(r) : null;
        Sps sps = new Sps(profile, constraints, level, id, chromaFormat, separate, depthLuma, depthChroma, bypass,
                matrix, log2MaxFrameNum, pocType, log2MaxPocLsb, alwaysZero, offsetNonRef, offsetTopToBottom,
                offsets, maxRefFrames, gaps, widthMbs, heightMapUnits, frameMbsOnly, mbaff, direct8x8, crop, vui);
        // 7.4.2.1.1: the crop window must leave at least one sample in each direction.
        if (sps.width() <= 0) {
            throw r.error(Kind.INVALID, cropAt, "frame_crop_left_offset/frame_crop_right_offset: crop "
                    + (crop.left() + crop.right()) + " units leaves no width of " + widthMbs * 16);
        }
        if (sps.height() <= 0) {
            throw r.error(Kind.INVALID, cropAt, "frame_crop_top_offset/frame_crop_bottom_offset: crop "
                    + (crop.top() + crop.bottom()) + " units leaves no height of " + sps.frameHeightInMbs() * 16);
        }
        return sps;
    }
}
