package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code mfro}: the size of the enclosing mfra, so a reader can find it from the end of the file. */
public record MovieFragmentRandomAccessOffsetBox(int version, int flags, long mfraSize) implements FullBox {
    public MovieFragmentRandomAccessOffsetBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.u32("size", mfraSize);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MFRO;
    }
}
