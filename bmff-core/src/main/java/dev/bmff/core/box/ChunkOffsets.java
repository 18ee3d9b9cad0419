package dev.bmff.core.box;

/** Either chunk offset box: {@link ChunkOffsetBox} ({@code stco}) or {@link ChunkLargeOffsetBox} ({@code co64}). */
public interface ChunkOffsets {
    /** Absolute file offsets of the chunks, in order. */
    LongArray offsets();
}
