package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code stz2}: sample sizes in 4, 8 or 16-bit fields. */
public record CompactSampleSizeBox(int version, int flags, int fieldSize, LongArray entrySizes) implements FullBox {
    public CompactSampleSizeBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        if (fieldSize != 4 && fieldSize != 8 && fieldSize != 16) {
            throw new IllegalArgumentException("stz2 field_size is 4, 8 or 16: " + fieldSize);
        }
        if (!entrySizes.allWithin(0, (1L << fieldSize) - 1)) {
            throw new IllegalArgumentException("stz2 entry sizes must fit in " + fieldSize + " bits");
        }
    }

    @Override
    public FourCC type() {
        return BoxTypes.STZ2;
    }
}
