package dev.bmff.core.write;

import dev.bmff.core.box.Bytes;

/**
 * One sample to write: a video picture or an audio frame, with its times in its track's timescale. Its bytes are in
 * memory ({@link #Sample(int, Bytes, long, int, long, boolean)}), or a range of a file the writer copies by the
 * operating system ({@link SampleData.InFile}, what a remux writes).
 *
 * <pre>{@code
 * writer.write(new Sample(0, Bytes.of(accessUnit), dts, cts - dts, Sample.UNKNOWN_DURATION, keyframe));
 * }</pre>
 *
 * @param track 0-based index of the track in the list the writer was created with
 * @param content the sample's bytes (for H.264/HEVC: length-prefixed NAL units), in memory or in a file
 * @param dts decode time
 * @param compositionOffset presentation time minus decode time (negative allowed)
 * @param duration decode duration, or {@link #UNKNOWN_DURATION} to take it from the next sample's dts
 * @param sync true for a sync sample (keyframe)
 */
public record Sample(int track, SampleData content, long dts, int compositionOffset, long duration, boolean sync) {
    /** The duration is the next sample's dts minus this one's (the last sample repeats the one before). */
    public static final long UNKNOWN_DURATION = -1;

    public Sample {
        if (track < 0) {
            throw new IllegalArgumentException("track index must not be negative: " + track);
        }
        if (content == null) {
            throw new IllegalArgumentException("sample data is required");
        }
        if (dts < 0) {
            throw new IllegalArgumentException("decode time must not be negative: " + dts);
        }
        if (duration < UNKNOWN_DURATION || duration > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("duration must be 0 to 2^32 - 1, or UNKNOWN_DURATION: " + duration);
        }
    }

    /**
     * A sample whose bytes are {@code data}, in memory.
     *
     * @param data the sample's bytes (for H.264/HEVC: length-prefixed NAL units)
     */
    public Sample(int track, Bytes data, long dts, int compositionOffset, long duration, boolean sync) {
        this(track, data == null ? null : new SampleData.InMemory(data), dts, compositionOffset, duration, sync);
    }

    /**
     * The sample's bytes, when they are in memory.
     *
     * @throws IllegalStateException they are in a file ({@link SampleData.InFile}): see {@link #content()}
     */
    public Bytes data() {
        if (content instanceof SampleData.InMemory m) {
            return m.bytes();
        }
        throw new IllegalStateException("the sample's bytes are in a file, not in memory: " + content);
    }

    /** The number of bytes, wherever they are. */
    public int size() {
        return content.size();
    }

    /** Presentation time. */
    public long cts() {
        return dts + compositionOffset;
    }
}
