package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code mehd}: the duration of the whole fragmented movie, in the movie timescale. */
public record MovieExtendsHeaderBox(int version, int flags, long fragmentDuration) implements FullBox {
    public MovieExtendsHeaderBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.sized("fragment_duration", version, fragmentDuration);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MEHD;
    }
}
