package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.OptionalDouble;

/**
 * The SPS video usability information (Annex E.1.1). Elements whose present flag was 0 hold the value
 * E.2.1 infers (aspect_ratio_idc 0, video_format 5, colour codes 2 = unspecified, chroma location 0), so
 * read the flag before trusting them. HRD parameters are null when absent.
 *
 * <pre>{@code
 * Vui vui = sps.vui();
 * if (vui != null && vui.timingInfoPresent()) System.out.println(vui.frameRate().getAsDouble());
 * }</pre>
 */
public record Vui(boolean aspectRatioInfoPresent, int aspectRatioIdc, int sarWidth, int sarHeight,
        boolean overscanInfoPresent, boolean overscanAppropriate,
        boolean videoSignalTypePresent, int videoFormat, boolean videoFullRange,
        boolean colourDescriptionPresent, int colourPrimaries, int transferCharacteristics, int matrixCoefficients,
        boolean chromaLocInfoPresent, int chromaSampleLocTypeTopField, int chromaSampleLocTypeBottomField,
        boolean timingInfoPresent, long numUnitsInTick, long timeScale, boolean fixedFrameRate,
        HrdParameters nalHrd, HrdParameters vclHrd, boolean lowDelayHrd, boolean picStructPresent,
        boolean bitstreamRestriction, boolean motionVectorsOverPicBoundaries, int maxBytesPerPicDenom,
        int maxBitsPerMbDenom, int log2MaxMvLengthHorizontal, int log2MaxMvLengthVertical, int maxNumReorderFrames,
        int maxDecFrameBuffering) {

    /** aspect_ratio_idc of Extended_SAR: sar_width and sar_height follow. */
    public static final int EXTENDED_SAR = 255;

    /** Table E-1, indexed by aspect_ratio_idc 1..16. */
    private static final int[][] SAR = {{0, 0}, {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11},
        {20, 11}, {32, 11}, {80, 33}, {18, 11}, {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1}};

    /**
     * The sample aspect ratio as {width, height}: Table E-1 or Extended_SAR; {0, 0} when unspecified
     * or reserved.
     */
    public int[] sampleAspectRatio() {
        if (aspectRatioIdc == EXTENDED_SAR) {
            return new int[] {sarWidth, sarHeight};
        }
        return aspectRatioIdc < SAR.length ? SAR[aspectRatioIdc].clone() : new int[] {0, 0};
    }

    /**
     * Frames per second from timing_info: time_scale / (2 * num_units_in_tick), because a tick is one
     * field period (E.2.1). Empty without timing info or with a zero field.
     */
    public OptionalDouble frameRate() {
        if (!timingInfoPresent || numUnitsInTick == 0 || timeScale == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(timeScale / (2.0 * numUnitsInTick));
    }

    static Vui read(BitReader r) throws BitstreamException {
        boolean aspect = r.flag("aspect_ratio_info_present_flag");
        int idc = 0;
        int sarW = 0;
        int sarH = 0;
        if (aspect) {
            idc = r.u(8, "aspect_ratio_idc");
            if (idc == EXTENDED_SAR) {
                sarW = r.u(16, "sar_width");
                sarH = r.u(16, "sar_height");
            }
        }
        boolean overscanPresent = r.flag("overscan_info_present_flag");
        boolean overscan = overscanPresent && r.flag("overscan_appropriate_flag");
        boolean signal = r.flag("video_signal_type_present_flag");
        int format = 5;
        boolean fullRange = false;
        boolean colour = false;
        int primaries = 2;
        int transfer = 2;
        int matrix = 2;
        if (signal) {
            format = r.u(3, "video_format");
            fullRange = r.flag("video_full_range_flag");
            colour = r.flag("colour_description_present_flag");
            if (colour) {
                primaries = r.u(8, "colour_primaries");
                transfer = r.u(8, "transfer_characteristics");
                matrix = r.u(8, "matrix_coefficients");
            }
        }
        boolean chromaLoc = r.flag("chroma_loc_info_present_flag");
        int locTop = 0;
        int locBottom = 0;
        if (chromaLoc) {
            locTop = r.ue("chroma_sample_loc_type_top_field", 0, 5);
            locBottom = r.ue("chroma_sample_loc_type_bottom_field", 0, 5);
        }
        boolean timing = r.flag("timing_info_present_flag");
        long units = 0;
        long scale = 0;
        boolean fixed = false;
        if (timing) {
            units = r.uLong(32, "num_units_in_tick");
            scale = r.uLong(32, "time_scale");
            fixed = r.flag("fixed_frame_rate_flag");
        }
        HrdParameters nal = r.flag("nal_hrd_parameters_present_flag") ? HrdParameters.read(r) : null;
        HrdParameters vcl = r.flag("vcl_hrd_parameters_present_flag") ? HrdParameters.read(r) : null;
        boolean lowDelay = (nal != null || vcl != null) && r.flag("low_delay_hrd_flag");
        boolean picStruct = r.flag("pic_struct_present_flag");
        boolean restriction = r.flag("bitstream_restriction_flag");
        // E.2.1 inferences when bitstream_restriction_flag is 0: MaxDpbFrames stands in for the last two;
        // we report 16, the largest allowed, since the level is not applied here.
        boolean mvOver = true;
        int bytesDenom = 2;
        int bitsDenom = 1;
        int mvH = 15;
        int mvV = 15;
        int reorder = 16;
        int dpb = 16;
        if (restriction) {
            mvOver = r.flag("motion_vectors_over_pic_boundaries_flag");
            bytesDenom = r.ue("max_bytes_per_pic_denom", 0, 16);
            bitsDenom = r.ue("max_bits_per_mb_denom", 0, 16);
            mvH = r.ue("log2_max_mv_length_horizontal", 0, 16);
            mvV = r.ue("log2_max_mv_length_vertical", 0, 16);
            reorder = r.ue("max_num_reorder_frames", 0, 16);
            dpb = r.ue("max_dec_frame_buffering", 0, 16);
        }
        return new Vui(aspect, idc, sarW, sarH, overscanPresent, overscan, signal, format, fullRange, colour,
                primaries, transfer, matrix, chromaLoc, locTop, locBottom, timing, units, scale, fixed, nal, vcl,
                lowDelay, picStruct, restriction, mvOver, bytesDenom, bitsDenom, mvH, mvV, reorder, dpb);
    }
}
