package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * A box this library does not model, kept whole: reading and writing it gives back the same type and
 * payload bytes. The header is written in its compact form (a 64-bit size only when the box needs it), so a
 * box that a file stored with an unnecessary 64-bit size comes back 8 bytes shorter; only {@code mdat}
 * remembers its header form ({@link MediaDataBox#largeHeader()}), because muxers reserve it on purpose.
 *
 * @param userType the 16-byte extended type of a {@code uuid} box, or {@code null} for any other type
 * @param payload everything after the header (in memory, or on disk for large top-level boxes)
 */
public record RawBox(FourCC type, Bytes userType, Payload payload) implements Box {
    public RawBox {
        if (type.equals(BoxTypes.UUID)) {
            if (userType == null || userType.size() != 16) {
                throw new IllegalArgumentException("a uuid box has a 16-byte user type");
            }
        } else if (userType != null) {
            throw new IllegalArgumentException("only a uuid box has a user type: " + type);
        }
    }

    /** A non-uuid box with an in-memory payload. */
    public static RawBox of(FourCC type, byte[] payload) {
        return new RawBox(type, null, Bytes.of(payload));
    }
}
