package dev.bmff.core.io;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Bytes;

/**
 * Where a box sits in the file and how its header was written.
 *
 * @param offset absolute offset of the first header byte
 * @param size total size including the header, as the box occupies the file (for a box whose declared
 *     size runs past its parent or the file, the clipped size; see {@link #declaredSize})
 * @param declaredSize the size the header claims (for size 0, "to the end", the resolved size)
 * @param headerSize 8, 16 (largesize), plus 16 for a uuid
 * @param type the box type
 * @param userType the uuid extended type, or {@code null}
 * @param largeSize the header used the 64-bit size field
 * @param toEnd the header's size field was 0 (box extends to the end of the file)
 */
public record BoxHeader(long offset, long size, long declaredSize, int headerSize, FourCC type, Bytes userType,
        boolean largeSize, boolean toEnd) {
    /** Offset of the first payload byte. */
    public long payloadOffset() {
        return offset + headerSize;
    }

    /** Payload length. */
    public long payloadSize() {
        return size - headerSize;
    }

    /** Offset one past the last byte. */
    public long end() {
        return offset + size;
    }

    /** True when the header claimed more bytes than were there. */
    public boolean truncated() {
        return declaredSize > size;
    }
}
