package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code tfhd}: the track a traf belongs to and its defaults. Which optional fields are present is
 * given by {@code flags}; an absent field is 0 in this model.
 */
public record TrackFragmentHeaderBox(int version, int flags, long trackId, long baseDataOffset,
        long sampleDescriptionIndex, long defaultSampleDuration, long defaultSampleSize, long defaultSampleFlags)
        implements FullBox {
    public static final int BASE_DATA_OFFSET_PRESENT = 0x1;
    public static final int SAMPLE_DESCRIPTION_INDEX_PRESENT = 0x2;
    public static final int DEFAULT_SAMPLE_DURATION_PRESENT = 0x8;
    public static final int DEFAULT_SAMPLE_SIZE_PRESENT = 0x10;
    public static final int DEFAULT_SAMPLE_FLAGS_PRESENT = 0x20;
    public static final int DURATION_IS_EMPTY = 0x10000;
    public static final int DEFAULT_BASE_IS_MOOF = 0x20000;

    public TrackFragmentHeaderBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.u32("track_ID", trackId);
        if (!has(flags, BASE_DATA_OFFSET_PRESENT) && baseDataOffset != 0
                || !has(flags, SAMPLE_DESCRIPTION_INDEX_PRESENT) && sampleDescriptionIndex != 0
                || !has(flags, DEFAULT_SAMPLE_DURATION_PRESENT) && defaultSampleDuration != 0
                || !has(flags, DEFAULT_SAMPLE_SIZE_PRESENT) && defaultSampleSize != 0
                || !has(flags, DEFAULT_SAMPLE_FLAGS_PRESENT) && defaultSampleFlags != 0) {
            throw new IllegalArgumentException("tfhd field set whose presence flag is clear (flags 0x"
                    + Integer.toHexString(flags) + ")");
        }
        if (baseDataOffset < 0) {
            throw new IllegalArgumentException("base_data_offset above 2^63 is not supported");
        }
        Fields.u32("sample_description_index", sampleDescriptionIndex);
        Fields.u32("default_sample_duration", defaultSampleDuration);
        Fields.u32("default_sample_size", defaultSampleSize);
        Fields.u32("default_sample_flags", defaultSampleFlags);
    }

    private static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }

    /** True when {@code bit} (one of the constants) is set in {@code flags}. */
    public boolean has(int bit) {
        return has(flags, bit);
    }

    @Override
    public FourCC type() {
        return BoxTypes.TFHD;
    }
}
