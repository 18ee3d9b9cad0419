package dev.bmff.codecs.hevc;

/**
 * One long-term reference picture entry of a slice segment header: either taken from the SPS candidates
 * (lt_idx_sps) or coded in the header.
 *
 * <pre>{@code
 * for (LongTermRef lt : header.longTermRefs()) if (lt.usedByCurrPic()) ...
 * }</pre>
 *
 * @param ltIdxSps the SPS candidate index, or -1 for an entry coded in the slice header
 * @param pocLsbLt PocLsbLt (from the SPS candidate or poc_lsb_lt)
 * @param deltaPocMsbCycleLt delta_poc_msb_cycle_lt as coded (0 when absent; not yet accumulated)
 */
public record LongTermRef(int ltIdxSps, int pocLsbLt, boolean usedByCurrPic, boolean deltaPocMsbPresent,
        int deltaPocMsbCycleLt) {
}
