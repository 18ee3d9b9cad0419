package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitstreamException;
import java.util.Map;

/**
 * The start of a slice header (7.3.3): everything picture order count and picture boundary detection
 * need, plus dec_ref_pic_marking so that memory_management_control_operation 5 is seen. Reading stops
 * after dec_ref_pic_marking(); slice QP and deblocking fields are not read.
 *
 * <pre>{@code
 * SliceHeader sh = SliceHeader.parse(sliceNal, spsById, ppsById);
 * int poc = pocCalculator.next(sh).picOrderCnt();
 * }</pre>
 *
 * @param nalHeader the NAL unit header (IdrPicFlag and nal_ref_idc matter to POC)
 * @param sliceTypeValue slice_type as coded, 0 to 9
 * @param colourPlaneId 0 unless separate_colour_plane_flag
 * @param idrPicId -1 for non-IDR slices
 * @param picOrderCntLsb pic_order_cnt_type 0 only, else 0
 * @param deltaPicOrderCntBottom pic_order_cnt_type 0 only, else 0
 * @param deltaPicOrderCnt0 delta_pic_order_cnt[0], pic_order_cnt_type 1 only
 * @param deltaPicOrderCnt1 delta_pic_order_cnt[1], pic_order_cnt_type 1 only
 * @param redundantPicCnt 0 when absent
 * @param noOutputOfPriorPics IDR slices only
 * @param longTermReference IDR slices only
 * @param adaptiveRefPicMarking adaptive_ref_pic_marking_mode_flag
 * @param memoryManagementControlOperation5 true when an MMCO 5 (all references dropped, frame_num and
 *     POC restart) is among the marking operations
 */
public record SliceHeader(NalHeader nalHeader, Sps sps, Pps pps, int firstMbInSlice, int sliceTypeValue,
        int colourPlaneId, int frameNum, boolean fieldPic, boolean bottomField, int idrPicId, int picOrderCntLsb,
        int deltaPicOrderCntBottom, int deltaPicOrderCnt0, int deltaPicOrderCnt1, int redundantPicCnt,
        boolean noOutputOfPriorPics, boolean longTermReference, boolean adaptiveRefPicMarking,
        boolean memoryManagementControlOperation5) {

    /**
     * Parses the header of a slice NAL unit (types 1, 2 and 5).
     *
     * @param spsById the active SPSs by seq_parameter_set_id
     * @param ppsById the PPSs by pic_parameter_set_id
     * @throws BitstreamException when the header is malformed or names a parameter set that is not known
     */
    public static SliceHeader parse(byte[] nal, Map<Integer, Sps> spsById, Map<Integer, Pps> ppsById)
            throws BitstreamException {
        return SliceHeaderParser.parse(nal, spsById, ppsById);
    }

    /** slice_type modulo 5. */
    public SliceType sliceType() {
        return SliceType.of(sliceTypeValue);
    }

    /** slice_type 5 to 9: all slices of the picture have this type. */
    public boolean allSlicesSameType() {
        return sliceTypeValue >= 5;
    }

    /** IdrPicFlag. */
    public boolean isIdr() {
        return nalHeader.isIdr();
    }

    /** A frame (not one field of one). */
    public boolean isFrame() {
        return !fieldPic;
    }
}
