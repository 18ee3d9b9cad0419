package dev.bmff.codecs.pcm;

/** How one PCM sample's bits are read as a number. */
public enum PcmEncoding {
    /** Two's complement integer ({@code twos}, {@code sowt}, {@code in24}, {@code in32}, {@code ipcm}). */
    SIGNED_INTEGER,
    /** Unsigned integer with the midpoint as silence ({@code raw }: 8-bit offset binary). */
    UNSIGNED_INTEGER,
    /** IEEE 754 binary32 or binary64 ({@code fl32}, {@code fl64}, {@code fpcm}). */
    FLOAT
}
