package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code co64}: 64-bit chunk offsets. */
public record ChunkLargeOffsetBox(int version, int flags, LongArray offsets) implements FullBox, ChunkOffsets {
    public ChunkLargeOffsetBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        if (!offsets.allWithin(0, Long.MAX_VALUE)) {
            throw new IllegalArgumentException("chunk offsets above 2^63 are not supported");
        }
    }

    /** stco when every offset fits in 32 bits, co64 otherwise. */
    public static FullBox forOffsets(LongArray offsets) {
        return offsets.allWithin(0, 0xFFFF_FFFFL) ? new ChunkOffsetBox(0, 0, offsets)
                : new ChunkLargeOffsetBox(0, 0, offsets);
    }

    @Override
    public FourCC type() {
        return BoxTypes.CO64;
    }
}
