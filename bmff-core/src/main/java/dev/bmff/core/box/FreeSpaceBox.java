package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code free}, {@code skip} or {@code wide}: space to ignore. Large ones keep their content on disk.
 */
public record FreeSpaceBox(FourCC type, Payload content) implements Box {
    public FreeSpaceBox {
        if (!type.equals(BoxTypes.FREE) && !type.equals(BoxTypes.SKIP) && !type.equals(BoxTypes.WIDE)) {
            throw new IllegalArgumentException("free space box is free, skip or wide: " + type);
        }
    }

    /** A {@code free} box of {@code totalSize} bytes including its 8-byte header, filled with zeros. */
    public static FreeSpaceBox ofTotalSize(long totalSize) {
        if (totalSize < 8 || totalSize - 8 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("free box size must be 8 bytes to 2 GiB: " + totalSize);
        }
        return new FreeSpaceBox(BoxTypes.FREE, Bytes.zeros((int) (totalSize - 8)));
    }
}
