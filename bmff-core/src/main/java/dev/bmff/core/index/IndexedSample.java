package dev.bmff.core.index;

/**
 * One sample of a track, as the index describes it. Times are in the track's media timescale.
 *
 * @param index 0-based position in decode order
 * @param offset absolute file offset of the sample's first byte
 * @param size bytes
 * @param dts decode time
 * @param cts composition (presentation) time, before any edit list
 * @param duration decode duration
 * @param sync true for a sync sample (keyframe)
 * @param sampleDescriptionIndex 1-based index into the track's stsd
 */
public record IndexedSample(int index, long offset, long size, long dts, long cts, long duration, boolean sync,
        int sampleDescriptionIndex) {
    /** cts - dts. */
    public long compositionOffset() {
        return cts - dts;
    }

    /** Offset one past the last byte. */
    public long end() {
        return offset + size;
    }
}
