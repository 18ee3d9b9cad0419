package dev.bmff.codecs.pcm;

import java.nio.ByteOrder;

/** Byte order of PCM samples wider than 8 bits; 8-bit formats are {@link #BIG} by convention. */
public enum PcmEndianness {
    BIG,
    LITTLE;

    /** The matching {@link ByteOrder}, for reading samples through a {@link java.nio.ByteBuffer}. */
    public ByteOrder byteOrder() {
        return this == BIG ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
}
