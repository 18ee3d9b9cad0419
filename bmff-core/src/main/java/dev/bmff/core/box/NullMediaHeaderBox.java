package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code nmhd}: the media header of tracks that are neither video nor sound. */
public record NullMediaHeaderBox(int version, int flags) implements FullBox {
    public NullMediaHeaderBox {
        Fields.version(version, 255);
        Fields.flags(flags);
    }

    @Override
    public FourCC type() {
        return BoxTypes.NMHD;
    }
}
