package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitstreamException;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A sequence parameter set (7.3.2.1.1), every field up to and including the VUI, plus the values
 * derived from them that containers and players need: cropped picture size, bit depth, chroma format,
 * frame rate. Fields are stored as decoded values ({@code log2MaxFrameNum} is
 * log2_max_frame_num_minus4 + 4, {@code picWidthInMbs} is pic_width_in_mbs_minus1 + 1, and so on).
 *
 * <pre>{@code
 * Sps sps = Sps.parse(spsNalUnit);              // header byte included, emulation prevention intact
 * String desc = sps.width() + "x" + sps.height() + " " + sps.chroma() + " " + sps.bitDepthLuma() + "-bit";
 * }</pre>
 *
 * @param constraintSetFlags the byte after profile_idc: constraint_set0_flag in bit 7 down to
 *     constraint_set5_flag in bit 2, then reserved_zero_2bits (also avcC's profile_compatibility)
 * @param scalingMatrix the seq_scaling_matrix, null when seq_scaling_matrix_present_flag is 0
 * @param log2MaxPicOrderCntLsb for pic_order_cnt_type 0, else 0
 * @param offsetForRefFrame for pic_order_cnt_type 1 (at most 255 entries), else empty
 * @param cropping frame cropping offsets in crop units, null when frame_cropping_flag is 0
 * @param vui null when vui_parameters_present_flag is 0
 */
public record Sps(int profileIdc, int constraintSetFlags, int levelIdc, int seqParameterSetId,
        int chromaFormatIdc, boolean separateColourPlane, int bitDepthLuma, int bitDepthChroma,
        boolean qpprimeYZeroTransformBypass, ScalingMatrix scalingMatrix, int log2MaxFrameNum, int picOrderCntType,
        int log2MaxPicOrderCntLsb, boolean deltaPicOrderAlwaysZero, int offsetForNonRefPic,
        int offsetForTopToBottomField, List<Integer> offsetForRefFrame, int maxNumRefFrames,
        boolean gapsInFrameNumValueAllowed, int picWidthInMbs, int picHeightInMapUnits, boolean frameMbsOnly,
        boolean mbAdaptiveFrameField, boolean direct8x8Inference, Cropping cropping, Vui vui) {

    /**
     * frame_crop_left/right/top/bottom_offset, in crop units (see {@link Sps#cropUnitX()}).
     */
    public record Cropping(int left, int right, int top, int bottom) {
    }

    public static final int BASELINE = 66;
    public static final int MAIN = 77;
    public static final int EXTENDED = 88;
    public static final int HIGH = 100;
    public static final int HIGH_10 = 110;
    public static final int HIGH_422 = 122;
    public static final int HIGH_444_PREDICTIVE = 244;
    public static final int CAVLC_444_INTRA = 44;

    public Sps {
        offsetForRefFrame = List.copyOf(offsetForRefFrame);
    }

    /**
     * Parses an SPS NAL unit (nal_unit_type 7): the header byte, then the escaped RBSP.
     *
     * @throws BitstreamException when the unit is not an SPS, is truncated, or a field is out of range
     */
    public static Sps parse(byte[] nal) throws BitstreamException {
        return SpsParser.parse(nal);
    }

    /** True for the profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices. */
    public static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    /** constraint_set{@code n}_flag, n from 0 to 5. */
    public boolean constraintSet(int n) {
        if (n < 0 || n > 5) {
            throw new IllegalArgumentException("constraint_set0..5: " + n);
        }
        return (constraintSetFlags >>> (7 - n) & 1) != 0;
    }

    /** ChromaArrayType: 0 with separate colour planes (each coded like monochrome), else chroma_format_idc. */
    public int chromaArrayType() {
        return separateColourPlane ? 0 : chromaFormatIdc;
    }

    /** "4:0:0", "4:2:0", "4:2:2" or "4:4:4" from chroma_format_idc. */
    public String chroma() {
        return switch (chromaFormatIdc) {
            case 0 -> "4:0:0";
            case 1 -> "4:2:0";
            case 2 -> "4:2:2";
            default -> "4:4:4";
        };
    }

    /** MaxFrameNum = 2^log2_max_frame_num. */
    public int maxFrameNum() {
        return 1 << log2MaxFrameNum;
    }

    /** Crop unit in luma samples horizontally (7-19, 7-21). */
    public int cropUnitX() {
        return chromaArrayType() == 0 || chromaFormatIdc == 3 ? 1 : 2;
    }

    /** Crop unit in luma rows (7-20, 7-22): doubled when frames may be coded as two fields. */
    public int cropUnitY() {
        int subHeightC = chromaArrayType() == 1 ? 2 : 1;
        return subHeightC * (frameMbsOnly ? 1 : 2);
    }

    /** Height of a frame in macroblocks: twice the map units when fields are possible (7-18). */
    public int frameHeightInMbs() {
        return (frameMbsOnly ? 1 : 2) * picHeightInMapUnits;
    }

    /** Displayed width in luma samples, after cropping. */
    public int width() {
        int w = picWidthInMbs * 16;
        return cropping == null ? w : w - cropUnitX() * (cropping.left() + cropping.right());
    }

    /** Displayed frame height in luma samples, after cropping. */
    public int height() {
        int h = frameHeightInMbs() * 16;
        return cropping == null ? h : h - cropUnitY() * (cropping.top() + cropping.bottom());
    }

    /** Frames per second from the VUI timing info, empty when it is absent. */
    public OptionalDouble frameRate() {
        return vui == null ? OptionalDouble.empty() : vui.frameRate();
    }

    /** The profile's name as Annex A (and ffprobe) gives it, e.g. "High 4:2:2". */
    public String profileName() {
        return switch (profileIdc) {
            case BASELINE -> constraintSet(1) ? "Constrained Baseline" : "Baseline";
            case MAIN -> "Main";
            case EXTENDED -> "Extended";
            case HIGH -> constraintSet(4) && constraintSet(5) ? "Constrained High"
                    : constraintSet(4) ? "Progressive High" : "High";
            case HIGH_10 -> constraintSet(3) ? "High 10 Intra" : "High 10";
            case HIGH_422 -> constraintSet(3) ? "High 4:2:2 Intra" : "High 4:2:2";
            case HIGH_444_PREDICTIVE -> constraintSet(3) ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
            case CAVLC_444_INTRA -> "CAVLC 4:4:4 Intra";
            default -> "profile " + profileIdc;
        };
    }
}
