package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code stco}: 32-bit chunk offsets. Files whose data reaches past 4 GiB need {@link ChunkLargeOffsetBox}. */
public record ChunkOffsetBox(int version, int flags, LongArray offsets) implements FullBox, ChunkOffsets {
    public ChunkOffsetBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.allU32("chunk_offset", offsets);
    }

    @Override
    public FourCC type() {
        return BoxTypes.STCO;
    }
}
