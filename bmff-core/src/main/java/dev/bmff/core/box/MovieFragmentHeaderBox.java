package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code mfhd}: the fragment's sequence number. */
public record MovieFragmentHeaderBox(int version, int flags, long sequenceNumber) implements FullBox {
    public MovieFragmentHeaderBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.u32("sequence_number", sequenceNumber);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MFHD;
    }
}
