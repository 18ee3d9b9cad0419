package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code cslg}: composition/decode relationship when composition offsets are negative (v0: 32-bit fields). */
public record CompositionToDecodeBox(int version, int flags, long compositionToDtsShift,
        long leastDecodeToDisplayDelta, long greatestDecodeToDisplayDelta, long compositionStartTime,
        long compositionEndTime) implements FullBox {
    public CompositionToDecodeBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        if (version == 0) {
            for (long v : new long[] {compositionToDtsShift, leastDecodeToDisplayDelta,
                greatestDecodeToDisplayDelta, compositionStartTime, compositionEndTime}) {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("cslg version 0 fields are 32-bit signed: " + v);
                }
            }
        }
    }

    @Override
    public FourCC type() {
        return BoxTypes.CSLG;
    }
}
