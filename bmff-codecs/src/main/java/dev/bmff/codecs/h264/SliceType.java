package dev.bmff.codecs.h264;

/**
 * slice_type (Table 7-6) modulo 5. Values 5 to 9 mean the same types and add that every slice of the
 * picture has that type; {@link SliceHeader#allSlicesSameType()} keeps that.
 *
 * <pre>{@code
 * SliceType t = SliceType.of(7);   // I
 * }</pre>
 */
public enum SliceType {
    P, B, I, SP, SI;

    /** The type of a slice_type value, 0 to 9. */
    public static SliceType of(int sliceType) {
        if (sliceType < 0 || sliceType > 9) {
            throw new IllegalArgumentException("slice_type 0..9: " + sliceType);
        }
        return values()[sliceType % 5];
    }

    /** P or SP: one reference list. */
    public boolean isPredictive() {
        return this == P || this == SP;
    }

    /** I or SI: no reference lists. */
    public boolean isIntra() {
        return this == I || this == SI;
    }
}
