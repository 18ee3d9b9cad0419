package dev.bmff.core.write;

import dev.bmff.core.box.Bytes;

/**
 * One sample to write: a video picture or an audio frame, with its times in its track's timescale.
 *
 * <pre>{@code
 * writer.write(new Sample(0, Bytes.of(accessUnit), dts, cts - dts, Sample.UNKNOWN_DURATION, keyframe));
 * }</pre>
 *
 * @param track 0-based index of the track in the list the writer was created with
 * @param data the sample's bytes (for H.264/HEVC: length-prefixed NAL units)
 * @param dts decode time
 * @param compositionOffset presentation time minus decode time (negative allowed)
 * @param duration decode duration, or {@link #UNKNOWN_DURATION} to take it from the next sample's dts
 * @param sync true for a sync sample (keyframe)
 */
public record Sample(int track, Bytes data, long dts, int compositionOffset, long duration, boolean sync) {
    /** The duration is the next sample's dts minus this one's (the last sample repeats the one before). */
    public static final long UNKNOWN_DURATION = -1;

    public Sample {
        if (track < 0) {
            throw new IllegalArgumentException("track index must not be negative: " + track);
        }
        if (data == null) {
            throw new IllegalArgumentException("sample data is required");
        }
        if (dts < 0) {
            throw new IllegalArgumentException("decode time must not be negative: " + dts);
        }
        if (duration < UNKNOWN_DURATION || duration > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("duration must be 0 to 2^32 - 1, or UNKNOWN_DURATION: " + duration);
        }
    }

    /** Presentation time. */
    public long cts() {
        return dts + compositionOffset;
    }
}
