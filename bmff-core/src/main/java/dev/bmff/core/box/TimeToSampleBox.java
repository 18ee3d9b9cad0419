package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code stts}: decode-time deltas, run-length coded as (sample count, delta) pairs. */
public record TimeToSampleBox(int version, int flags, LongArray sampleCounts, LongArray sampleDeltas)
        implements FullBox {
    public TimeToSampleBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.sameSize("stts", sampleCounts, sampleDeltas);
        Fields.allU32("sample_count", sampleCounts);
        Fields.allU32("sample_delta", sampleDeltas);
    }

    public int entryCount() {
        return sampleCounts.size();
    }

    @Override
    public FourCC type() {
        return BoxTypes.STTS;
    }
}
