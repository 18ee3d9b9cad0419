package dev.bmff.codecs.hevc;

/**
 * The PPS deblocking filter control, present when deblocking_filter_control_present_flag is 1.
 *
 * <pre>{@code
 * boolean off = pps.deblocking().map(Deblocking::disabled).orElse(false);
 * }</pre>
 *
 * @param betaOffsetDiv2 -6 to 6, 0 when disabled
 * @param tcOffsetDiv2 -6 to 6, 0 when disabled
 */
public record Deblocking(boolean overrideEnabled, boolean disabled, int betaOffsetDiv2, int tcOffsetDiv2) {
}
