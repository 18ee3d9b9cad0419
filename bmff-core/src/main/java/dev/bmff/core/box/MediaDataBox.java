package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code mdat}: the media data. Read from a file, its content is a {@link FileRange} and is never
 * loaded into memory; the writer copies the range.
 *
 * @param largeHeader write the 16-byte header with a 64-bit size even when the size fits in 32 bits
 *     (as read, so a round trip keeps the file's layout; muxers reserve it to grow past 4 GiB)
 */
public record MediaDataBox(Payload content, boolean largeHeader) implements Box {
    public MediaDataBox {
        if (content == null) {
            throw new IllegalArgumentException("mdat content is required");
        }
    }

    @Override
    public FourCC type() {
        return BoxTypes.MDAT;
    }
}
