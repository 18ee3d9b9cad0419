package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.ArrayList;
import java.util.List;

/**
 * hrd_parameters() of the VUI (E.1.2): the coded picture buffer specifications and the lengths of the
 * timing fields that picture timing SEI messages use.
 *
 * <pre>{@code
 * sps.vui().nalHrd().cpbs().get(0).bitRate(sps.vui().nalHrd().bitRateScale());
 * }</pre>
 *
 * @param bitRateScale bit_rate_scale
 * @param cpbSizeScale cpb_size_scale
 * @param cpbs one entry per CPB (cpb_cnt_minus1 + 1 of them)
 * @param initialCpbRemovalDelayLength initial_cpb_removal_delay_length_minus1 + 1
 * @param cpbRemovalDelayLength cpb_removal_delay_length_minus1 + 1
 * @param dpbOutputDelayLength dpb_output_delay_length_minus1 + 1
 * @param timeOffsetLength time_offset_length
 */
public record HrdParameters(int bitRateScale, int cpbSizeScale, List<Cpb> cpbs, int initialCpbRemovalDelayLength,
        int cpbRemovalDelayLength, int dpbOutputDelayLength, int timeOffsetLength) {

    /**
     * One coded picture buffer specification.
     *
     * @param bitRateValueMinus1 bit_rate_value_minus1
     * @param cpbSizeValueMinus1 cpb_size_value_minus1
     * @param cbr cbr_flag
     */
    public record Cpb(long bitRateValueMinus1, long cpbSizeValueMinus1, boolean cbr) {
        /** Bits per second (E.2.2): (bit_rate_value_minus1 + 1) * 2^(6 + bit_rate_scale). */
        public long bitRate(int bitRateScale) {
            return (bitRateValueMinus1 + 1) << (6 + bitRateScale);
        }

        /** CPB size in bits (E.2.2): (cpb_size_value_minus1 + 1) * 2^(4 + cpb_size_scale). */
        public long cpbSize(int cpbSizeScale) {
            return (cpbSizeValueMinus1 + 1) << (4 + cpbSizeScale);
        }
    }

    public HrdParameters {
        cpbs = List.copyOf(cpbs);
    }

    static HrdParameters read(BitReader r) throws BitstreamException {
        int cpbCount = r.ue("cpb_cnt_minus1", 0, 31) + 1;
        int bitRateScale = r.u(4, "bit_rate_scale");
        int cpbSizeScale = r.u(4, "cpb_size_scale");
        List<Cpb> cpbs = new ArrayList<>(cpbCount);
        for (int i = 0; i < cpbCount; i++) {
            long bitRate = r.ueLong("bit_rate_value_minus1[" + i + "]");
            long cpbSize = r.ueLong("cpb_size_value_minus1[" + i + "]");
            cpbs.add(new Cpb(bitRate, cpbSize, r.flag("cbr_flag[" + i + "]")));
        }
        return new HrdParameters(bitRateScale, cpbSizeScale, cpbs,
                r.u(5, "initial_cpb_removal_delay_length_minus1") + 1, r.u(5, "cpb_removal_delay_length_minus1") + 1,
                r.u(5, "dpb_output_delay_length_minus1") + 1, r.u(5, "time_offset_length"));
    }
}
