package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.List;

/**
 * One sub-layer's DPB sizing (the *_max_dec_pic_buffering_minus1, *_max_num_reorder_pics,
 * *_max_latency_increase_plus1 triple of the VPS and SPS).
 *
 * <pre>{@code
 * int reorder = sps.subLayerOrdering().get(sps.maxSubLayersMinus1()).maxNumReorderPics();
 * }</pre>
 */
public record SubLayerOrdering(int maxDecPicBufferingMinus1, int maxNumReorderPics, int maxLatencyIncreasePlus1) {
    /** MaxDpbSize is at most 16 (A.4.2), so max_dec_pic_buffering_minus1 is at most 15. */
    static final int MAX_DPB_MINUS1 = 15;

    /**
     * Reads the loop; when the present flag is 0 only the highest sub-layer is coded and the lower ones
     * take its values (7.4.3.2.1), so the returned list always has maxSubLayersMinus1 + 1 entries.
     */
    static List<SubLayerOrdering> parse(BitReader r, boolean presentForAll, int maxSubLayersMinus1, String prefix)
            throws BitstreamException {
        SubLayerOrdering[] out = new SubLayerOrdering[maxSubLayersMinus1 + 1];
        for (int i = presentForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
            int dpb = r.ue(prefix + "_max_dec_pic_buffering_minus1", 0, MAX_DPB_MINUS1);
            int reorder = r.ue(prefix + "_max_num_reorder_pics", 0, dpb);
            int latency = r.ue(prefix + "_max_latency_increase_plus1", 0, Integer.MAX_VALUE - 1);
            out[i] = new SubLayerOrdering(dpb, reorder, latency);
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (out[i] == null) {
                out[i] = out[maxSubLayersMinus1];
            }
        }
        return List.of(out);
    }
}
