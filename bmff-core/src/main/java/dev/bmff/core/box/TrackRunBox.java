package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code trun}: a run of contiguous samples. Each per-sample column is present when its flag is set,
 * and then has {@code sampleCount} values; otherwise it is empty and the tfhd/trex default applies.
 * Composition offsets are unsigned in version 0 and signed in version 1, as stored.
 */
public record TrackRunBox(int version, int flags, long sampleCount, int dataOffset, long firstSampleFlags,
        LongArray durations, LongArray sizes, LongArray sampleFlags, LongArray compositionOffsets)
        implements FullBox {
    public static final int DATA_OFFSET_PRESENT = 0x1;
    public static final int FIRST_SAMPLE_FLAGS_PRESENT = 0x4;
    public static final int DURATION_PRESENT = 0x100;
    public static final int SIZE_PRESENT = 0x200;
    public static final int FLAGS_PRESENT = 0x400;
    public static final int COMPOSITION_OFFSET_PRESENT = 0x800;

    public TrackRunBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.u32("sample_count", sampleCount);
        if ((flags & DATA_OFFSET_PRESENT) == 0 && dataOffset != 0
                || (flags & FIRST_SAMPLE_FLAGS_PRESENT) == 0 && firstSampleFlags != 0) {
            throw new IllegalArgumentException("trun field set whose presence flag is clear");
        }
        Fields.u32("first_sample_flags", firstSampleFlags);
        column("sample_duration", flags, DURATION_PRESENT, sampleCount, durations);
        column("sample_size", flags, SIZE_PRESENT, sampleCount, sizes);
        column("sample_flags", flags, FLAGS_PRESENT, sampleCount, sampleFlags);
        if ((flags & COMPOSITION_OFFSET_PRESENT) != 0) {
            if (compositionOffsets.size() != sampleCount) {
                throw new IllegalArgumentException("trun composition offsets: " + compositionOffsets.size()
                        + " values for " + sampleCount + " samples");
            }
            boolean ok = version == 0 ? compositionOffsets.allWithin(0, 0xFFFF_FFFFL)
                    : compositionOffsets.allWithin(Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (!ok) {
                throw new IllegalArgumentException("trun composition offsets out of range for version " + version);
            }
        } else if (!compositionOffsets.isEmpty()) {
            throw new IllegalArgumentException("trun composition offsets given but flag 0x800 is clear");
        }
    }

    private static void column(String name, int flags, int bit, long count, LongArray values) {
        if ((flags & bit) != 0) {
            if (values.size() != count) {
                throw new IllegalArgumentException("trun " + name + ": " + values.size() + " values for "
                        + count + " samples");
            }
            Fields.allU32(name, values);
        } else if (!values.isEmpty()) {
            throw new IllegalArgumentException("trun " + name + " given but its flag is clear");
        }
    }

    public boolean has(int bit) {
        return (flags & bit) != 0;
    }

    @Override
    public FourCC type() {
        return BoxTypes.TRUN;
    }
}
