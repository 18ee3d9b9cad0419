package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.bits.Rbsp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start of slice_segment_header() (H.265 7.3.6.1): everything up to and including
 * slice_temporal_mvp_enabled_flag, which is what picture boundaries, random access and POC need. The SAO,
 * reference list, weighted prediction and entry point fields after it are not parsed.
 *
 * <pre>{@code
 * SliceSegmentHeader sh = SliceSegmentHeader.parse(nal, parameterSets);
 * if (sh.firstSliceSegmentInPic()) poc = pocCalculator.next(sh);
 * }</pre>
 *
 * @param sliceType 0 B, 1 P, 2 I; -1 for a dependent slice segment (it takes its independent segment's)
 * @param picOutput pic_output_flag, 1 when absent
 * @param colourPlaneId 0 when absent
 * @param slicePicOrderCntLsb 0 for IDR pictures, which do not code it
 * @param shortTermRefPicSetIdx the SPS set used, or -1 when the set is coded in the header
 * @param shortTermRefPicSet the set in use (the SPS one or the coded one); empty for IDR pictures and
 *     dependent slice segments
 * @param shortTermRefPicSetBits the size of a coded set in bits (the decoder's NumBitsForStRps), 0 otherwise
 */
public record SliceSegmentHeader(NalHeader nalHeader, boolean firstSliceSegmentInPic, boolean noOutputOfPriorPics,
        int ppsId, boolean dependentSliceSegment, int sliceSegmentAddress, int sliceType, boolean picOutput,
        int colourPlaneId, int slicePicOrderCntLsb, boolean shortTermRefPicSetSpsFlag, int shortTermRefPicSetIdx,
        Optional<ShortTermRefPicSet> shortTermRefPicSet, long shortTermRefPicSetBits, int numLongTermSps,
        List<LongTermRef> longTermRefs, boolean sliceTemporalMvpEnabled, Sps sps, Pps pps) {
    public static final int B = 0;
    public static final int P = 1;
    public static final int I = 2;

    public SliceSegmentHeader {
        longTermRefs = List.copyOf(longTermRefs);
    }

    /**
     * Parses the header of a coded slice segment NAL unit (types 0 to 31), header included, looking up
     * its PPS and SPS in {@code sets}; a missing one is a {@link BitstreamException}.
     */
    public static SliceSegmentHeader parse(byte[] nal, ParameterSets sets) throws BitstreamException {
        NalHeader h = NalHeader.parse(nal);
        if (!h.isVcl() || (h.type() > NalHeader.RASL_R && h.type() < NalHeader.BLA_W_LP) || h.type() > 23) {
            throw new BitstreamException(Kind.WRONG_TYPE, 1, "slice_segment_layer_rbsp: nal_unit_type " + h.typeName()
                    + " is not a coded slice segment");
        }
        // A slice header is short; unescaping the first bytes avoids copying the whole slice data.
        int len = Math.min(nal.length - 2, 1024);
        BitReader r = Rbsp.reader(nal, 2, len);
        boolean first = r.flag("first_slice_segment_in_pic_flag");
        boolean noOutput = h.isIrap() && r.flag("no_output_of_prior_pics_flag");
        long ppsIdAt = r.position();
        int ppsId = r.ue("slice_pic_parameter_set_id", 0, 63);
        Pps pps = sets.pps(ppsId).orElseThrow(
                () -> r.error(Kind.MISSING, ppsIdAt, "slice_pic_parameter_set_id: no PPS " + ppsId));
        Sps sps = sets.sps(pps.spsId()).orElseThrow(() -> r.error(Kind.MISSING, ppsIdAt,
                "slice_pic_parameter_set_id: PPS " + ppsId + " refers to SPS " + pps.spsId() + ", which is absent"));
        boolean dependent = false;
        int address = 0;
        if (!first) {
            if (pps.dependentSliceSegmentsEnabled()) {
                dependent = r.flag("dependent_slice_segment_flag");
            }
            int ctbs = sps.picSizeInCtbsY();
            address = r.u(HevcNal.ceilLog2(ctbs), "slice_segment_address");
            if (address >= ctbs) {
                throw r.error(Kind.OUT_OF_RANGE, r.position() - HevcNal.ceilLog2(ctbs),
                        "slice_segment_address: " + address + " outside 0.." + (ctbs - 1));
            }
        }
        if (dependent) {
            return new SliceSegmentHeader(h, first, noOutput, ppsId, true, address, -1, true, 0, 0, false, -1,
                    Optional.empty(), 0, 0, List.of(), false, sps, pps);
        }
        r.skip(pps.numExtraSliceHeaderBits(), "slice_reserved_flag");
        int type = r.ue("slice_type", 0, 2);
        boolean output = !pps.outputFlagPresent() || r.flag("pic_output_flag");
        int plane = sps.separateColourPlane() ? r.u(2, "colour_plane_id") : 0;
        if (plane > 2) {
            throw r.error(Kind.OUT_OF_RANGE, r.position() - 2, "colour_plane_id: 3 outside 0..2");
        }
        int pocLsb = 0;
        boolean rpsSps = false;
        int rpsIdx = -1;
        Optional<ShortTermRefPicSet> rps = Optional.empty();
        long rpsBits = 0;
        int numLtSps = 0;
        List<LongTermRef> lts = new ArrayList<>();
        boolean tmvp = false;
        if (!h.isIdr()) {
            int lsbBits = sps.log2MaxPicOrderCntLsbMinus4() + 4;
            pocLsb = r.u(lsbBits, "slice_pic_order_cnt_lsb");
            rpsSps = r.flag("short_term_ref_pic_set_sps_flag");
            List<ShortTermRefPicSet> spsSets = sps.shortTermRefPicSets();
            int maxDpbMinus1 = sps.subLayerOrdering().get(sps.maxSubLayersMinus1()).maxDecPicBufferingMinus1();
            if (!rpsSps) {
                long before = r.position();
                rps = Optional.of(ShortTermRefPicSet.parse(r, spsSets.size(), spsSets.size(), spsSets, maxDpbMinus1));
                rpsBits = r.position() - before;
            } else {
                if (spsSets.isEmpty()) {
                    throw r.error(Kind.INVALID, r.position() - 1,
                            "short_term_ref_pic_set_sps_flag: 1, but the SPS has no sets");
                }
                long rpsIdxAt = r.position();
                rpsIdx = spsSets.size() > 1 ? r.u(HevcNal.ceilLog2(spsSets.size()), "short_term_ref_pic_set_idx") : 0;
                if (rpsIdx >= spsSets.size()) {
                    throw r.error(Kind.OUT_OF_RANGE, rpsIdxAt, "short_term_ref_pic_set_idx: " + rpsIdx + " outside 0.."
                            + (spsSets.size() - 1));
                }
                rps = Optional.of(spsSets.get(rpsIdx));
            }
            if (sps.longTermRefPicsPresent()) {
                int candidates = sps.ltRefPicPocLsbSps().size();
                int room = maxDpbMinus1 - rps.get().numDeltaPocs();
                if (candidates > 0) {
                    numLtSps = r.ue("num_long_term_sps", 0, Math.min(candidates, Math.max(room, 0)));
                }
                int numLtPics = r.ue("num_long_term_pics", 0, Math.max(room - numLtSps, 0));
                for (int i = 0; i < numLtSps + numLtPics; i++) {
                    int idx = -1;
                    int lsb;
                    boolean used;
                    if (i < numLtSps) {
                        long idxAt = r.position();
                        idx = candidates > 1 ? r.u(HevcNal.ceilLog2(candidates), "lt_idx_sps") : 0;
                        if (idx >= candidates) {
                            throw r.error(Kind.OUT_OF_RANGE, idxAt, "lt_idx_sps: " + idx + " outside 0.."
                                    + (candidates - 1));
                        }
                        lsb = sps.ltRefPicPocLsbSps().get(idx);
                        used = sps.usedByCurrPicLtSps().get(idx);
                    } else {
                        lsb = r.u(lsbBits, "poc_lsb_lt");
                        used = r.flag("used_by_curr_pic_lt_flag");
                    }
                    boolean msbPresent = r.flag("delta_poc_msb_present_flag");
                    int cycle = msbPresent ? r.ue("delta_poc_msb_cycle_lt", 0, 1 << (32 - lsbBits)) : 0;
                    lts.add(new LongTermRef(idx, lsb, used, msbPresent, cycle));
                }
            }
            if (sps.temporalMvpEnabled()) {
                tmvp = r.flag("slice_temporal_mvp_enabled_flag");
            }
        }
        return new SliceSegmentHeader(h, first, noOutput, ppsId, false, address, type, output, plane, pocLsb, rpsSps,
                rpsIdx, rps, rpsBits, numLtSps, lts, tmvp, sps, pps);
    }
}
