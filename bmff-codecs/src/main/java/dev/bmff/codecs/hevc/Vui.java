package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.Optional;

/**
 * vui_parameters() (H.265 E.2.1): sample aspect ratio, colour description, chroma location, default
 * display window, timing (with HRD) and bitstream restrictions. Absent parts take the spec's inferred
 * values (aspect ratio idc 0, video format 5, colour 2 = unspecified).
 *
 * <pre>{@code
 * Vui vui = sps.vui().orElseThrow();
 * if (vui.aspectRatioIdc() == 255) System.out.println(vui.sarWidth() + ":" + vui.sarHeight());
 * }</pre>
 *
 * @param aspectRatioIdc 0 unspecified, 1 square, ..., 255 explicit sarWidth:sarHeight
 * @param overscanAppropriate -1 when not signalled, else 0 or 1
 * @param chromaSampleLocTypeTop 0 when not signalled
 * @param defaultDisplayWindow left, right, top, bottom in chroma-sample units, or empty
 * @param minSpatialSegmentationIdc 0 when bitstream_restriction_flag is 0
 */
public record Vui(int aspectRatioIdc, int sarWidth, int sarHeight, int overscanAppropriate, int videoFormat,
        boolean videoFullRange, int colourPrimaries, int transferCharacteristics, int matrixCoeffs,
        int chromaSampleLocTypeTop, int chromaSampleLocTypeBottom, boolean neutralChromaIndication,
        boolean fieldSeq, boolean frameFieldInfoPresent, Optional<CropWindow> defaultDisplayWindow,
        Optional<TimingInfo> timing, boolean bitstreamRestriction, boolean tilesFixedStructure,
        boolean motionVectorsOverPicBoundaries, boolean restrictedRefPicLists, int minSpatialSegmentationIdc,
        int maxBytesPerPicDenom, int maxBitsPerMinCuDenom, int log2MaxMvLengthHorizontal,
        int log2MaxMvLengthVertical) {

    static Vui parse(BitReader r, int spsMaxSubLayersMinus1) throws BitstreamException {
        int arIdc = 0;
        int sarW = 0;
        int sarH = 0;
        if (r.flag("aspect_ratio_info_present_flag")) {
            arIdc = r.u(8, "aspect_ratio_idc");
            if (arIdc == 255) {
                sarW = r.u(16, "sar_width");
                sarH = r.u(16, "sar_height");
            }
        }
        int overscan = -1;
        if (r.flag("overscan_info_present_flag")) {
            overscan = r.flag("overscan_appropriate_flag") ? 1 : 0;
        }
        int videoFormat = 5;
        boolean fullRange = false;
        int primaries = 2;
        int transfer = 2;
        int matrix = 2;
        if (r.flag("video_signal_type_present_flag")) {
            videoFormat = r.u(3, "video_format");
            fullRange = r.flag("video_full_range_flag");
            if (r.flag("colour_description_present_flag")) {
                primaries = r.u(8, "colour_primaries");
                transfer = r.u(8, "transfer_characteristics");
                matrix = r.u(8, "matrix_coeffs");
            }
        }
        int locTop = 0;
        int locBottom = 0;
        if (r.flag("chroma_loc_info_present_flag")) {
            locTop = r.ue("chroma_sample_loc_type_top_field", 0, 5);
            locBottom = r.ue("chroma_sample_loc_type_bottom_field", 0, 5);
        }
        boolean neutral = r.flag("neutral_chroma_indication_flag");
        boolean fieldSeq = r.flag("field_seq_flag");
        boolean frameField = r.flag("frame_field_info_present_flag");
        Optional<CropWindow> display = Optional.empty();
        if (r.flag("default_display_window_flag")) {
            display = Optional.of(new CropWindow(r.ue("def_disp_win_left_offset"), r.ue("def_disp_win_right_offset"),
                    r.ue("def_disp_win_top_offset"), r.ue("def_disp_win_bottom_offset")));
        }
        Optional<TimingInfo> timing = Optional.empty();
        if (r.flag("vui_timing_info_present_flag")) {
            timing = Optional.of(parseTiming(r, "vui", spsMaxSubLayersMinus1));
        }
        boolean restriction = r.flag("bitstream_restriction_flag");
        boolean tilesFixed = false;
        boolean mvOver = true;
        boolean restrictedLists = false;
        int minSpatial = 0;
        int maxBytes = 2;
        int maxBits = 1;
        int mvH = 15;
        int mvV = 15;
        if (restriction) {
            tilesFixed = r.flag("tiles_fixed_structure_flag");
            mvOver = r.flag("motion_vectors_over_pic_boundaries_flag");
            restrictedLists = r.flag("restricted_ref_pic_lists_flag");
            minSpatial = r.ue("min_spatial_segmentation_idc", 0, 4095);
            maxBytes = r.ue("max_bytes_per_pic_denom", 0, 16);
            maxBits = r.ue("max_bits_per_min_cu_denom", 0, 16);
            mvH = r.ue("log2_max_mv_length_horizontal", 0, 16);
            mvV = r.ue("log2_max_mv_length_vertical", 0, 16);
        }
        return new Vui(arIdc, sarW, sarH, overscan, videoFormat, fullRange, primaries, transfer, matrix, locTop,
                locBottom, neutral, fieldSeq, frameField, display, timing, restriction, tilesFixed, mvOver,
                restrictedLists, minSpatial, maxBytes, maxBits, mvH, mvV);
    }

    /** The timing block shared by the VUI and (without the HRD loop) the VPS. */
    static TimingInfo parseTiming(BitReader r, String prefix, int maxSubLayersMinus1) throws BitstreamException {
        long units = r.uLong(32, prefix + "_num_units_in_tick");
        long scale = r.uLong(32, prefix + "_time_scale");
        boolean pocProp = r.flag(prefix + "_poc_proportional_to_timing_flag");
        long ticks = -1;
        if (pocProp) {
            ticks = r.ueLong(prefix + "_num_ticks_poc_diff_one_minus1");
        }
        Optional<HrdParameters> hrd = Optional.empty();
        if (prefix.equals("vui") && r.flag("vui_hrd_parameters_present_flag")) {
            hrd = Optional.of(HrdParameters.parse(r, true, maxSubLayersMinus1));
        }
        return new TimingInfo(units, scale, pocProp, ticks, hrd);
    }
}
