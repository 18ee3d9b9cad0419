package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A picture parameter set (H.265 7.3.2.3) up to the PPS extensions, which are flagged but not parsed.
 * It can be parsed without its SPS; ranges that depend on the SPS (tile counts, init_qp with high bit
 * depths) are checked against the widest value any SPS allows.
 *
 * <pre>{@code
 * Pps pps = Pps.parse(ppsNalUnit);            // the whole NAL unit, 2-byte header included
 * int qp = 26 + pps.initQpMinus26();
 * }</pre>
 *
 * @param extensionFlags the pps_range/multilayer/3d/scc extension flags and 4 bits after them (range at
 *     bit 7), 0 when pps_extension_present_flag is 0
 */
public record Pps(int id, int spsId, boolean dependentSliceSegmentsEnabled, boolean outputFlagPresent,
        int numExtraSliceHeaderBits, boolean signDataHidingEnabled, boolean cabacInitPresent,
        int numRefIdxL0DefaultActiveMinus1, int numRefIdxL1DefaultActiveMinus1, int initQpMinus26,
        boolean constrainedIntraPred, boolean transformSkipEnabled, boolean cuQpDeltaEnabled, int diffCuQpDeltaDepth,
        int cbQpOffset, int crQpOffset, boolean sliceChromaQpOffsetsPresent, boolean weightedPred,
        boolean weightedBipred, boolean transquantBypassEnabled, Optional<Tiles> tiles,
        boolean entropyCodingSyncEnabled, boolean loopFilterAcrossSlicesEnabled, Optional<Deblocking> deblocking,
        Optional<ScalingList> scalingList, boolean listsModificationPresent, int log2ParallelMergeLevelMinus2,
        boolean sliceSegmentHeaderExtensionPresent, int extensionFlags) {
    /** The widest tile grid: PicWidthInCtbsY with 16-sample CTBs at the largest picture side. */
    private static final int MAX_TILES_PER_SIDE = (Sps.MAX_SIDE + 15) / 16;

    /** Parses a PPS NAL unit (type 34), header included. */
    public static Pps parse(byte[] nal) throws BitstreamException {
        return parse(nal, false);
    }

    /**
     * With {@code strict}, also checks that the RBSP ends exactly where the syntax does (when there are no
     * unparsed extensions): a test that every field was read with the right width.
     */
    static Pps parse(byte[] nal, boolean strict) throws BitstreamException {
        BitReader r = HevcNal.open(nal, NalHeader.PPS_NUT, "pic_parameter_set_rbsp");
        int id = r.ue("pps_pic_parameter_set_id", 0, 63);
        int spsId = r.ue("pps_seq_parameter_set_id", 0, 15);
        boolean dependent = r.flag("dependent_slice_segments_enabled_flag");
        boolean outputFlag = r.flag("output_flag_present_flag");
        int extraBits = r.u(3, "num_extra_slice_header_bits");
        boolean signHiding = r.flag("sign_data_hiding_enabled_flag");
        boolean cabacInit = r.flag("cabac_init_present_flag");
        int l0 = r.ue("num_ref_idx_l0_default_active_minus1", 0, 14);
        int l1 = r.ue("num_ref_idx_l1_default_active_minus1", 0, 14);
        // -(26 + QpBdOffsetY) with the largest bit depth (16: QpBdOffsetY 48).
        int initQp = r.se("init_qp_minus26", -(26 + 48), 25);
        boolean constrainedIntra = r.flag("constrained_intra_pred_flag");
        boolean transformSkip = r.flag("transform_skip_enabled_flag");
        boolean cuQpDelta = r.flag("cu_qp_delta_enabled_flag");
        int cuQpDepth = cuQpDelta ? r.ue("diff_cu_qp_delta_depth", 0, 3) : 0;
        int cb = r.se("pps_cb_qp_offset", -12, 12);
        int cr = r.se("pps_cr_qp_offset", -12, 12);
        boolean sliceChroma = r.flag("pps_slice_chroma_qp_offsets_present_flag");
        boolean weighted = r.flag("weighted_pred_flag");
        boolean weightedBi = r.flag("weighted_bipred_flag");
        boolean bypass = r.flag("transquant_bypass_enabled_flag");
        boolean tilesEnabled = r.flag("tiles_enabled_flag");
        boolean wpp = r.flag("entropy_coding_sync_enabled_flag");
        Optional<Tiles> tiles = Optional.empty();
        if (tilesEnabled) {
            long colsAt = r.position();
            int cols = r.ue("num_tile_columns_minus1", 0, MAX_TILES_PER_SIDE - 1);
            int rows = r.ue("num_tile_rows_minus1", 0, MAX_TILES_PER_SIDE - 1);
            if (cols == 0 && rows == 0) {
                // 7.4.3.3: with tiles enabled there is more than one tile.
                throw r.error(Kind.INVALID, colsAt, "num_tile_columns_minus1: tiles enabled with a single tile");
            }
            boolean uniform = r.flag("uniform_spacing_flag");
            List<Integer> widths = new ArrayList<>();
            List<Integer> heights = new ArrayList<>();
            if (!uniform) {
                for (int i = 0; i < cols; i++) {
                    widths.add(r.ue("column_width_minus1", 0, MAX_TILES_PER_SIDE - 1));
                }
                for (int i = 0; i < rows; i++) {
                    heights.add(r.ue("row_height_minus1", 0, MAX_TILES_PER_SIDE - 1));
                }
            }
            tiles = Optional.of(new Tiles(cols, rows, uniform, widths, heights,
                    r.flag("loop_filter_across_tiles_enabled_flag")));
        }
        boolean acrossSlices = r.flag("pps_loop_filter_across_slices_enabled_flag");
        Optional<Deblocking> deblocking = Optional.empty();
        if (r.flag("deblocking_filter_control_present_flag")) {
            boolean override = r.flag("deblocking_filter_override_enabled_flag");
            boolean disabled = r.flag("pps_deblocking_filter_disabled_flag");
            int beta = 0;
            int tc = 0;
            if (!disabled) {
                beta = r.se("pps_beta_offset_div2", -6, 6);
                tc = r.se("pps_tc_offset_div2", -6, 6);
            }
            deblocking = Optional.of(new Deblocking(override, disabled, beta, tc));
        }
        Optional<ScalingList> scaling = Optional.empty();
        if (r.flag("pps_scaling_list_data_present_flag")) {
            scaling = Optional.of(ScalingList.parse(r));
        }
        boolean listsMod = r.flag("lists_modification_present_flag");
        // Log2ParMrgLevel <= CtbLog2SizeY, which is at most 6.
        int merge = r.ue("log2_parallel_merge_level_minus2", 0, 4);
        boolean headerExt = r.flag("slice_segment_header_extension_present_flag");
        int ext = 0;
        if (r.flag("pps_extension_present_flag")) {
            ext = r.u(8, "pps_extension_flags");
        }
        if (strict && ext == 0) {
            HevcNal.checkTrailingBits(r, "Pps");
        }
        return new Pps(id, spsId, dependent, outputFlag, extraBits, signHiding, cabacInit, l0, l1, initQp,
                constrainedIntra, transformSkip, cuQpDelta, cuQpDepth, cb, cr, sliceChroma, weighted, weightedBi, bypass,
                tiles, wpp, acrossSlices, deblocking, scaling, listsMod, merge, headerExt, ext);
    }
}
