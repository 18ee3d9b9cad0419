package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * st_ref_pic_set(stRpsIdx) (H.265 7.3.7) with the variables 7.4.8 derives from it: DeltaPocS0 (negative,
 * nearest first), DeltaPocS1 (positive, nearest first) and UsedByCurrPicS0/S1. A set coded with
 * inter-RPS prediction is resolved against its reference set, so every instance holds plain lists.
 *
 * <pre>{@code
 * ShortTermRefPicSet rps = sps.shortTermRefPicSets().get(0);
 * for (int i = 0; i < rps.numNegativePics(); i++) System.out.println(rps.deltaPocS0().get(i));
 * }</pre>
 *
 * @param interRefPicSetPrediction whether the set was coded as a delta from another set
 * @param deltaPocS0 NumNegativePics values, each below the previous one
 * @param deltaPocS1 NumPositivePics values, each above the previous one
 */
public record ShortTermRefPicSet(boolean interRefPicSetPrediction, List<Integer> deltaPocS0,
        List<Boolean> usedByCurrPicS0, List<Integer> deltaPocS1, List<Boolean> usedByCurrPicS1) {
    /** At most 16 pictures can be in the DPB (A.4.2), so no set can list more. */
    static final int MAX_PICS = 16;

    public ShortTermRefPicSet {
        deltaPocS0 = List.copyOf(deltaPocS0);
        usedByCurrPicS0 = List.copyOf(usedByCurrPicS0);
        deltaPocS1 = List.copyOf(deltaPocS1);
        usedByCurrPicS1 = List.copyOf(usedByCurrPicS1);
        if (deltaPocS0.size() != usedByCurrPicS0.size() || deltaPocS1.size() != usedByCurrPicS1.size()) {
            throw new IllegalArgumentException("delta and used lists differ in length");
        }
    }

    public int numNegativePics() {
        return deltaPocS0.size();
    }

    public int numPositivePics() {
        return deltaPocS1.size();
    }

    /** NumDeltaPocs = NumNegativePics + NumPositivePics. */
    public int numDeltaPocs() {
        return deltaPocS0.size() + deltaPocS1.size();
    }

    /** NumPicTotalCurr's short-term part: the entries used by the current picture. */
    public int numUsedByCurr() {
        int n = 0;
        for (boolean b : usedByCurrPicS0) {
            n += b ? 1 : 0;
        }
        for (boolean b : usedByCurrPicS1) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /**
     * Parses st_ref_pic_set(stRpsIdx).
     *
     * @param stRpsIdx the index being parsed: below numSets in the SPS, equal to it in a slice header
     * @param numSets num_short_term_ref_pic_sets of the SPS
     * @param previous the SPS's sets 0 to stRpsIdx - 1 (the candidates for inter-RPS prediction)
     * @param maxDecPicBufferingMinus1 sps_max_dec_pic_buffering_minus1[sps_max_sub_layers_minus1], which bounds
     *     num_negative_pics and num_positive_pics
     */
    public static ShortTermRefPicSet parse(BitReader r, int stRpsIdx, int numSets, List<ShortTermRefPicSet> previous,
            int maxDecPicBufferingMinus1) throws BitstreamException {
        if (stRpsIdx != 0 && r.flag("inter_ref_pic_set_prediction_flag")) {
            int deltaIdxMinus1 = 0;
            long deltaIdxAt = r.position();
            if (stRpsIdx == numSets) {
                deltaIdxMinus1 = r.ue("delta_idx_minus1", 0, stRpsIdx - 1);
            }
            int refIdx = stRpsIdx - (deltaIdxMinus1 + 1);
            if (refIdx < 0 || refIdx >= previous.size()) {
                throw r.error(Kind.OUT_OF_RANGE, deltaIdxAt, "delta_idx_minus1: reference set " + refIdx
                        + " does not exist");
            }
            boolean sign = r.flag("delta_rps_sign");
            int absMinus1 = r.ue("abs_delta_rps_minus1", 0, (1 << 15) - 1);
            int deltaRps = (sign ? -1 : 1) * (absMinus1 + 1);
            return predict(r, previous.get(refIdx), deltaRps);
        }
        int numNegative = r.ue("num_negative_pics", 0, maxDecPicBufferingMinus1);
        int numPositive = r.ue("num_positive_pics", 0, maxDecPicBufferingMinus1 - numNegative);
        List<Integer> s0 = new ArrayList<>(numNegative);
        List<Boolean> u0 = new ArrayList<>(numNegative);
        int poc = 0;
        for (int i = 0; i < numNegative; i++) {
            poc -= r.ue("delta_poc_s0_minus1", 0, (1 << 15) - 1) + 1;
            s0.add(poc);
            u0.add(r.flag("used_by_curr_pic_s0_flag"));
        }
        List<Integer> s1 = new ArrayList<>(numPositive);
        List<Boolean> u1 = new ArrayList<>(numPositive);
        poc = 0;
        for (int i = 0; i < numPositive; i++) {
            poc += r.ue("delta_poc_s1_minus1", 0, (1 << 15) - 1) + 1;
            s1.add(poc);
            u1.add(r.flag("used_by_curr_pic_s1_flag"));
        }
        return new ShortTermRefPicSet(false, s0, u0, s1, u1);
    }

    /**
     * Reads the used/use_delta flags of an inter-predicted set and derives its lists (equations 7-61 and
     * 7-62): every reference entry shifted by deltaRps, plus the reference picture itself (index
     * NumDeltaPocs), split by sign and ordered nearest first.
     */
    private static ShortTermRefPicSet predict(BitReader r, ShortTermRefPicSet ref, int deltaRps)
            throws BitstreamException {
        long flagsAt = r.position();
        int n = ref.numDeltaPocs();
        boolean[] used = new boolean[n + 1];
        boolean[] useDelta = new boolean[n + 1];
        for (int j = 0; j <= n; j++) {
            used[j] = r.flag("used_by_curr_pic_flag");
            // use_delta_flag is inferred to be 1 when absent.
            useDelta[j] = used[j] || r.flag("use_delta_flag");
        }
        int refNeg = ref.numNegativePics();
        List<Integer> s0 = new ArrayList<>();
        List<Boolean> u0 = new ArrayList<>();
        for (int j = ref.numPositivePics() - 1; j >= 0; j--) {
            int dPoc = ref.deltaPocS1.get(j) + deltaRps;
            if (dPoc < 0 && useDelta[refNeg + j]) {
                s0.add(dPoc);
                u0.add(used[refNeg + j]);
            }
        }
        if (deltaRps < 0 && useDelta[n]) {
            s0.add(deltaRps);
            u0.add(used[n]);
        }
        for (int j = 0; j < refNeg; j++) {
            int dPoc = ref.deltaPocS0.get(j) + deltaRps;
            if (dPoc < 0 && useDelta[j]) {
                s0.add(dPoc);
                u0.add(used[j]);
            }
        }
        List<Integer> s1 = new ArrayList<>();
        List<Boolean> u1 = new ArrayList<>();
        for (int j = refNeg - 1; j >= 0; j--) {
            int dPoc = ref.deltaPocS0.get(j) + deltaRps;
            if (dPoc > 0 && useDelta[j]) {
                s1.add(dPoc);
                u1.add(used[j]);
            }
        }
        if (deltaRps > 0 && useDelta[n]) {
            s1.add(deltaRps);
            u1.add(used[n]);
        }
        for (int j = 0; j < ref.numPositivePics(); j++) {
            int dPoc = ref.deltaPocS1.get(j) + deltaRps;
            if (dPoc > 0 && useDelta[refNeg + j]) {
                s1.add(dPoc);
                u1.add(used[refNeg + j]);
            }
        }
        if (s0.size() + s1.size() > MAX_PICS) {
            throw r.error(Kind.OUT_OF_RANGE, flagsAt, "used_by_curr_pic_flag/use_delta_flag: inter-RPS prediction gives "
                    + (s0.size() + s1.size()) + " pictures, more than " + MAX_PICS);
        }
        return new ShortTermRefPicSet(true, s0, u0, s1, u1);
    }
}
