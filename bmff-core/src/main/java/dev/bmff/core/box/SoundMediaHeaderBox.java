package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code smhd}: the sound media header. @param balance 8.8 fixed point, signed */
public record SoundMediaHeaderBox(int version, int flags, int balance) implements FullBox {
    public SoundMediaHeaderBox {
        Fields.version(version, 0);
        Fields.flags(flags);
        if (balance < Short.MIN_VALUE || balance > Short.MAX_VALUE) {
            throw new IllegalArgumentException("balance must fit in 16 signed bits: " + balance);
        }
    }

    @Override
    public FourCC type() {
        return BoxTypes.SMHD;
    }
}
