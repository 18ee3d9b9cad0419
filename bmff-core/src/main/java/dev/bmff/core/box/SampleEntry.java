package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * A sample description: the coding format ({@code avc1}, {@code hvc1}, {@code mp4a}, {@code twos}...)
 * and its configuration boxes ({@code avcC}, {@code esds}...), which the core keeps as opaque children; a
 * {@link MetadataSampleEntry} for any other track (timed metadata).
 */
public sealed interface SampleEntry extends ContainerBox permits VisualSampleEntry, AudioSampleEntry,
        MetadataSampleEntry {
    /** Same as {@link #type()}: the coding format. */
    default FourCC format() {
        return type();
    }

    /** 1-based index into the track's dref. */
    int dataReferenceIndex();
}
