package dev.bmff.codecs.access;

/**
 * Where parameter sets and access unit delimiters go when an Annex B stream becomes MP4 samples
 * (ISO/IEC 14496-15, 5.4.2 and 8.4.1).
 *
 * <pre>{@code
 * AccessUnitAssembler.hevc(ParameterSetPlacement.IN_BAND);   // for an hev1 track
 * }</pre>
 */
public enum ParameterSetPlacement {
    /**
     * For {@code avc1}/{@code hvc1}: the configuration record carries the parameter sets, so SPS, PPS, VPS
     * and access unit delimiters are left out of the samples. A parameter set that differs from the one
     * with the same id in the configuration (a mid-stream change) stays in its sample, so no decoder state
     * is lost; such a stream is better written as {@code avc3}/{@code hev1}.
     */
    OUT_OF_BAND,
    /**
     * For {@code avc3}/{@code hev1}: every NAL unit stays in its sample as the stream had it (which is
     * also what ffmpeg's MP4 muxer does with {@code -c copy} from a raw stream, even for avc1/hvc1).
     */
    IN_BAND
}
