package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sequence parameter set (H.265 7.3.2.2) with the range extension; the multilayer, 3D and SCC
 * extensions are flagged but not parsed. Values are checked against their 7.4.3.2 ranges, so the derived
 * sizes below are safe to use.
 *
 * <pre>{@code
 * Sps sps = Sps.parse(spsNalUnit);            // the whole NAL unit, 2-byte header included
 * System.out.println(sps.displayWidth() + "x" + sps.displayHeight() + " " + sps.chromaFormat()
 *         + " " + sps.bitDepthLuma() + "-bit");  // 1920x1080 4:2:0 10-bit
 * }</pre>
 *
 * @param conformanceWindow the conformance_window offsets, in chroma units, when the flag is 1
 * @param subLayerOrdering maxSubLayersMinus1 + 1 entries (lower ones inferred when not coded)
 * @param scalingList the SPS scaling list data when sps_scaling_list_data_present_flag is 1 (when
 *     scaling is enabled without it, {@link ScalingList#defaults()} applies)
 * @param ltRefPicPocLsbSps lt_ref_pic_poc_lsb_sps, num_long_term_ref_pics_sps entries
 * @param extensionFlags the sps_range/multilayer/3d/scc extension flags and the 4 bits after them, as
 *     one 8-bit value (range extension at bit 7)
 */
public record Sps(int vpsId, int maxSubLayersMinus1, boolean temporalIdNesting, ProfileTierLevel profileTierLevel,
        int id, int chromaFormatIdc, boolean separateColourPlane, int picWidthInLumaSamples,
        int picHeightInLumaSamples, Optional<CropWindow> conformanceWindow, int bitDepthLumaMinus8,
        int bitDepthChromaMinus8, int log2MaxPicOrderCntLsbMinus4, List<SubLayerOrdering> subLayerOrdering,
        int log2MinLumaCodingBlockSizeMinus3, int log2DiffMaxMinLumaCodingBlockSize,
        int log2MinLumaTransformBlockSizeMinus2, int log2DiffMaxMinLumaTransformBlockSize,
        int maxTransformHierarchyDepthInter, int maxTransformHierarchyDepthIntra, boolean scalingListEnabled,
        Optional<ScalingList> scalingList, boolean ampEnabled, boolean sampleAdaptiveOffsetEnabled, Optional<Pcm> pcm,
        List<ShortTermRefPicSet> shortTermRefPicSets, boolean longTermRefPicsPresent, List<Integer> ltRefPicPocLsbSps,
        List<Boolean> usedByCurrPicLtSps, boolean temporalMvpEnabled, boolean strongIntraSmoothingEnabled,
        Optional<Vui> vui, int extensionFlags, Optional<RangeExtension> rangeExtension) {
    /** Largest picture side allowed by any level (A.4.1: sqrt(MaxLumaPs * 8) at level 6.2). */
    static final int MAX_SIDE = 16888;

    public Sps {
        subLayerOrdering = List.copyOf(subLayerOrdering);
        shortTermRefPicSets = List.copyOf(shortTermRefPicSets);
        ltRefPicPocLsbSps = List.copyOf(ltRefPicPocLsbSps);
        usedByCurrPicLtSps = List.copyOf(usedByCurrPicLtSps);
    }

    /** Parses an SPS NAL unit (type 33), header included. */
    public static Sps parse(byte[] nal) throws BitstreamException {
        return parse(nal, false);
    }

    /**
     * With {@code strict}, also checks that the RBSP ends exactly where the syntax does (when there are no
     * unparsed extensions): a test that every field was read with the right width.
     */
    static Sps parse(byte[] nal, boolean strict) throws BitstreamException {
        BitReader r = HevcNal.open(nal, NalHeader.SPS_NUT, "seq_parameter_set_rbsp");
        int vpsId = r.u(4, "sps_video_parameter_set_id");
        int maxSub = r.u(3, "sps_max_sub_layers_minus1");
        if (maxSub > 6) {
            throw r.error(Kind.OUT_OF_RANGE, r.position() - 3, "sps_max_sub_layers_minus1: 7 outside 0..6");
        }
        boolean nesting = r.flag("sps_temporal_id_nesting_flag");
        ProfileTierLevel ptl = ProfileTierLevel.parse(r, maxSub);
        int id = r.ue("sps_seq_parameter_set_id", 0, 15);
        int chroma = r.ue("chroma_format_idc", 0, 3);
        boolean separate = chroma == 3 && r.flag("separate_colour_plane_flag");
        int subW = chroma == 1 || chroma == 2 ? 2 : 1;
        int subH = chroma == 1 ? 2 : 1;
        long widthAt = r.position();
        int width = r.ue("pic_width_in_luma_samples", 1, MAX_SIDE);
        int height = r.ue("pic_height_in_luma_samples", 1, MAX_SIDE);
        Optional<CropWindow> conf = Optional.empty();
        if (r.flag("conformance_window_flag")) {
            long windowAt = r.position();
            CropWindow w = new CropWindow(r.ue("conf_win_left_offset", 0, MAX_SIDE),
                    r.ue("conf_win_right_offset", 0, MAX_SIDE), r.ue("conf_win_top_offset", 0, MAX_SIDE),
                    r.ue("conf_win_bottom_offset", 0, MAX_SIDE));
            if (subW * (w.left() + w.right()) >= width || subH * (w.top() + w.bottom()) >= height) {
                throw r.error(Kind.INVALID, windowAt, "conf_win_offset: window " + w + " leaves no picture of "
                        + width + "x" + height);
            }
            conf = Optional.of(w);
        }
        int depthLuma = r.ue("bit_depth_luma_minus8", 0, 8);
        int depthChroma = r.ue("bit_depth_chroma_minus8", 0, 8);
        int pocLsbBits = r.ue("log2_max_pic_order_cnt_lsb_minus4", 0, 12);
        boolean orderingForAll = r.flag("sps_sub_layer_ordering_info_present_flag");
        List<SubLayerOrdering> ordering = SubLayerOrdering.parse(r, orderingForAll, maxSub, "sps");
        int minCb = r.ue("log2_min_luma_coding_block_size_minus3", 0, 3);
        // CtbLog2SizeY must be 4 to 6 (7.4.3.2.1).
        int diffCb = r.ue("log2_diff_max_min_luma_coding_block_size", Math.max(0, 1 - minCb), 3 - minCb);
        int ctbLog2 = minCb + 3 + diffCb;
        int minCbSize = 1 << (minCb + 3);
        if (width % minCbSize != 0 || height % minCbSize != 0) {
            throw r.error(Kind.INVALID, widthAt, "pic_width_in_luma_samples: " + width + "x" + height
                    + " is not a multiple of MinCbSizeY " + minCbSize);
        }
        // MinTbLog2SizeY < MinCbLog2SizeY and MaxTbLog2SizeY <= Min(CtbLog2SizeY, 5).
        int minTb = r.ue("log2_min_luma_transform_block_size_minus2", 0, minCb);
        int diffTb = r.ue("log2_diff_max_min_luma_transform_block_size", 0, Math.min(ctbLog2, 5) - (minTb + 2));
        int depthRange = ctbLog2 - (minTb + 2);
        int depthInter = r.ue("max_transform_hierarchy_depth_inter", 0, depthRange);
        int depthIntra = r.ue("max_transform_hierarchy_depth_intra", 0, depthRange);
        boolean scaling = r.flag("scaling_list_enabled_flag");
        Optional<ScalingList> scalingList = Optional.empty();
        if (scaling && r.flag("sps_scaling_list_data_present_flag")) {
            scalingList = Optional.of(ScalingList.parse(r));
        }
        boolean amp = r.flag("amp_enabled_flag");
        boolean sao = r.flag("sample_adaptive_offset_enabled_flag");
        Optional<Pcm> pcm = Optional.empty();
        if (r.flag("pcm_enabled_flag")) {
            int pcmLuma = r.u(4, "pcm_sample_bit_depth_luma_minus1");
            int pcmChroma = r.u(4, "pcm_sample_bit_depth_chroma_minus1");
            if (pcmLuma + 1 > depthLuma + 8 || pcmChroma + 1 > depthChroma + 8) {
                throw r.error(Kind.OUT_OF_RANGE, r.position() - 8,
                        "pcm_sample_bit_depth_minus1: deeper than the sample bit depth");
            }
            int maxPcm = Math.min(ctbLog2, 5);
            int minPcm = r.ue("log2_min_pcm_luma_coding_block_size_minus3", 0, maxPcm - 3);
            int diffPcm = r.ue("log2_diff_max_min_pcm_luma_coding_block_size", 0, maxPcm - (minPcm + 3));
            pcm = Optional.of(new Pcm(pcmLuma, pcmChroma, minPcm, diffPcm, r.flag("pcm_loop_filter_disabled_flag")));
        }
        int numSets = r.ue("num_short_term_ref_pic_sets", 0, 64);
        int maxDpbMinus1 = ordering.get(maxSub).maxDecPicBufferingMinus1();
        List<ShortTermRefPicSet> sets = new ArrayList<>(numSets);
        for (int i = 0; i < numSets; i++) {
            sets.add(ShortTermRefPicSet.parse(r, i, numSets, sets, maxDpbMinus1));
        }
        boolean longTerm = r.flag("long_term_ref_pics_present_flag");
        List<Integer> ltLsb = new ArrayList<>();
        List<Boolean> ltUsed = new ArrayList<>();
        if (longTerm) {
            int n = r.ue("num_long_term_ref_pics_sps", 0, 32);
            for (int i = 0; i < n; i++) {
                ltLsb.add(r.u(pocLsbBits + 4, "lt_ref_pic_poc_lsb_sps"));
                ltUsed.add(r.flag("used_by_curr_pic_lt_sps_flag"));
            }
        }
        boolean tmvp = r.flag("sps_temporal_mvp_enabled_flag");
        boolean strong = r.flag("strong_intra_smoothing_enabled_flag");
        Optional<Vui> vui = Optional.empty();
        if (r.flag("vui_parameters_present_flag")) {
            vui = Optional.of(Vui.parse(r, maxSub));
        }
        int ext = 0;
        Optional<RangeExtension> range = Optional.empty();
        if (r.flag("sps_extension_present_flag")) {
            ext = r.u(8, "sps_extension_flags");
            if ((ext & 0x80) != 0) {
                range = Optional.of(RangeExtension.parse(r));
            }
        }
        if (strict && (ext & 0x7F) == 0) {
            HevcNal.checkTrailingBits(r, "Sps");
        }
        return new Sps(vpsId, maxSub, nesting, ptl, id, chroma, separate, width, height, conf, depthLuma, depthChroma,
                pocLsbBits, ordering, minCb, diffCb, minTb, diffTb, depthInter, depthIntra, scaling, scalingList, amp,
                sao, pcm, sets, longTerm, ltLsb, ltUsed, tmvp, strong, vui, ext, range);
    }

    /** ChromaArrayType: 0 with separate colour planes, else chroma_format_idc. */
    public int chromaArrayType() {
        return separateColourPlane ? 0 : chromaFormatIdc;
    }

    /** SubWidthC of Table 6-1: 2 for 4:2:0 and 4:2:2, else 1. */
    public int subWidthC() {
        return (chromaFormatIdc == 1 || chromaFormatIdc == 2) && !separateColourPlane ? 2 : 1;
    }

    /** SubHeightC of Table 6-1: 2 for 4:2:0, else 1. */
    public int subHeightC() {
        return chromaFormatIdc == 1 && !separateColourPlane ? 2 : 1;
    }

    /** "4:0:0", "4:2:0", "4:2:2" or "4:4:4" (separate colour planes are 4:4:4 too). */
    public String chromaFormat() {
        return switch (chromaFormatIdc) {
            case 0 -> "4:0:0";
            case 1 -> "4:2:0";
            case 2 -> "4:2:2";
            default -> "4:4:4";
        };
    }

    /** Luma width after the conformance window: what a player shows. */
    public int displayWidth() {
        CropWindow w = conformanceWindow.orElse(CropWindow.NONE);
        return picWidthInLumaSamples - subWidthC() * (w.left() + w.right());
    }

    /** Luma height after the conformance window. */
    public int displayHeight() {
        CropWindow w = conformanceWindow.orElse(CropWindow.NONE);
        return picHeightInLumaSamples - subHeightC() * (w.top() + w.bottom());
    }

    /** BitDepthY. */
    public int bitDepthLuma() {
        return bitDepthLumaMinus8 + 8;
    }

    /** BitDepthC. */
    public int bitDepthChroma() {
        return bitDepthChromaMinus8 + 8;
    }

    /** MaxPicOrderCntLsb = 2^(log2_max_pic_order_cnt_lsb_minus4 + 4). */
    public int maxPicOrderCntLsb() {
        return 1 << (log2MaxPicOrderCntLsbMinus4 + 4);
    }

    /** CtbLog2SizeY. */
    public int ctbLog2SizeY() {
        return log2MinLumaCodingBlockSizeMinus3 + 3 + log2DiffMaxMinLumaCodingBlockSize;
    }

    /** PicWidthInCtbsY. */
    public int picWidthInCtbsY() {
        int ctb = 1 << ctbLog2SizeY();
        return (picWidthInLumaSamples + ctb - 1) / ctb;
    }

    /** PicHeightInCtbsY. */
    public int picHeightInCtbsY() {
        int ctb = 1 << ctbLog2SizeY();
        return (picHeightInLumaSamples + ctb - 1) / ctb;
    }

    /** PicSizeInCtbsY. */
    public int picSizeInCtbsY() {
        return picWidthInCtbsY() * picHeightInCtbsY();
    }

    /** Frames per second from the VUI timing info (time_scale / num_units_in_tick), when present. */
    public Optional<Double> frameRate() {
        return vui.flatMap(Vui::timing).map(TimingInfo::frameRate).filter(f -> !f.isNaN());
    }
}
