package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * Bytes at the end of a container that are too short to be a box, such as the 32-bit zero terminator
 * QuickTime writes after some child lists. Kept so a round trip loses nothing; written without a header.
 */
public record TrailingBytes(Bytes bytes) implements Box {
    /** Not a real box type: four zero bytes. */
    public static final FourCC NONE = new FourCC(0);

    @Override
    public FourCC type() {
        return NONE;
    }
}
