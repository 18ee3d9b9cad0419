package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code vmhd}: the video media header (flags are 1 in ISO files). */
public record VideoMediaHeaderBox(int version, int flags, int graphicsMode, int opColorRed, int opColorGreen,
        int opColorBlue) implements FullBox {
    public VideoMediaHeaderBox {
        Fields.version(version, 0);
        Fields.flags(flags);
        Fields.u16("graphicsmode", graphicsMode);
        Fields.u16("opcolor", opColorRed);
        Fields.u16("opcolor", opColorGreen);
        Fields.u16("opcolor", opColorBlue);
    }

    @Override
    public FourCC type() {
        return BoxTypes.VMHD;
    }
}
