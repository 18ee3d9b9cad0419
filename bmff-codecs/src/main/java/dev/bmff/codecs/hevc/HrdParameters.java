package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.ArrayList;
import java.util.List;

/**
 * hrd_parameters() (H.265 E.2.2). The per-CPB bit rates and sizes are read (so the fields after the
 * HRD are found) but not kept; what is kept is what a muxer or repair tool may want: which HRDs are
 * present, the delay field lengths and each sub-layer's fixed picture rate.
 *
 * <pre>{@code
 * sps.vui().flatMap(Vui::timing).flatMap(TimingInfo::hrd)
 *     .ifPresent(h -> System.out.println(h.nalHrdPresent()));
 * }</pre>
 *
 * @param auCpbRemovalDelayLengthMinus1 23 (the inferred value) when the common info is absent
 */
public record HrdParameters(boolean commonInfoPresent, boolean nalHrdPresent, boolean vclHrdPresent,
        boolean subPicHrdParamsPresent, int initialCpbRemovalDelayLengthMinus1, int auCpbRemovalDelayLengthMinus1,
        int dpbOutputDelayLengthMinus1, List<SubLayer> subLayers) {
    /**
     * One sub-layer's picture-rate fields.
     *
     * @param elementalDurationInTcMinus1 -1 when the rate is not fixed within the CVS
     * @param cpbCntMinus1 0 to 31
     */
    public record SubLayer(boolean fixedPicRateGeneral, boolean fixedPicRateWithinCvs,
            int elementalDurationInTcMinus1, boolean lowDelayHrd, int cpbCntMinus1) {
    }

    public HrdParameters {
        subLayers = List.copyOf(subLayers);
    }

    /** Parses hrd_parameters(commonInfPresentFlag, maxNumSubLayersMinus1). */
    public static HrdParameters parse(BitReader r, boolean commonInfPresent, int maxNumSubLayersMinus1)
            throws BitstreamException {
        boolean nal = false;
        boolean vcl = false;
        boolean subPic = false;
        int initialLen = 23;
        int auLen = 23;
        int dpbLen = 23;
        if (commonInfPresent) {
            nal = r.flag("nal_hrd_parameters_present_flag");
            vcl = r.flag("vcl_hrd_parameters_present_flag");
            if (nal || vcl) {
                subPic = r.flag("sub_pic_hrd_params_present_flag");
                if (subPic) {
                    r.skip(8, "tick_divisor_minus2");
                    r.skip(5, "du_cpb_removal_delay_increment_length_minus1");
                    r.skip(1, "sub_pic_cpb_params_in_pic_timing_sei_flag");
                    r.skip(5, "dpb_output_delay_du_length_minus1");
                }
                r.skip(4, "bit_rate_scale");
                r.skip(4, "cpb_size_scale");
                if (subPic) {
                    r.skip(4, "cpb_size_du_scale");
                }
                initialLen = r.u(5, "initial_cpb_removal_delay_length_minus1");
                auLen = r.u(5, "au_cpb_removal_delay_length_minus1");
                dpbLen = r.u(5, "dpb_output_delay_length_minus1");
            }
        }
        List<SubLayer> subs = new ArrayList<>(maxNumSubLayersMinus1 + 1);
        for (int i = 0; i <= maxNumSubLayersMinus1; i++) {
            boolean general = r.flag("fixed_pic_rate_general_flag");
            // fixed_pic_rate_within_cvs_flag is inferred to be 1 when the general flag is 1.
            boolean withinCvs = general || r.flag("fixed_pic_rate_within_cvs_flag");
            int elemental = -1;
            boolean lowDelay = false;
            if (withinCvs) {
                elemental = r.ue("elemental_duration_in_tc_minus1", 0, 2047);
            } else {
                lowDelay = r.flag("low_delay_hrd_flag");
            }
            int cpbCnt = 0;
            if (!lowDelay) {
                cpbCnt = r.ue("cpb_cnt_minus1", 0, 31);
            }
            if (nal) {
                skipSubLayerHrd(r, cpbCnt, subPic);
            }
            if (vcl) {
                skipSubLayerHrd(r, cpbCnt, subPic);
            }
            subs.add(new SubLayer(general, withinCvs, elemental, lowDelay, cpbCnt));
        }
        return new HrdParameters(commonInfPresent, nal, vcl, subPic, initialLen, auLen, dpbLen, subs);
    }

    private static void skipSubLayerHrd(BitReader r, int cpbCntMinus1, boolean subPic) throws BitstreamException {
        for (int i = 0; i <= cpbCntMinus1; i++) {
            r.ueLong("bit_rate_value_minus1");
            r.ueLong("cpb_size_value_minus1");
            if (subPic) {
                r.ueLong("cpb_size_du_value_minus1");
                r.ueLong("bit_rate_du_value_minus1");
            }
            r.flag("cbr_flag");
        }
    }
}
