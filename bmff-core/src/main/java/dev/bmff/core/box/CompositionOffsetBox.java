package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code ctts}: composition minus decode time, run-length coded. Version 0 stores unsigned offsets,
 * version 1 signed ones; the values here are as stored (a version 0 value above 2^31 is kept unsigned,
 * and {@link dev.bmff.core.index.SampleIndex} reads it as negative, as players do).
 */
public record CompositionOffsetBox(int version, int flags, LongArray sampleCounts, LongArray sampleOffsets)
        implements FullBox {
    public CompositionOffsetBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.sameSize("ctts", sampleCounts, sampleOffsets);
        Fields.allU32("sample_count", sampleCounts);
        if (version == 0) {
            Fields.allU32("sample_offset", sampleOffsets);
        } else if (!sampleOffsets.allWithin(Integer.MIN_VALUE, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("sample_offset values must fit in 32 signed bits");
        }
    }

    public int entryCount() {
        return sampleCounts.size();
    }

    @Override
    public FourCC type() {
        return BoxTypes.CTTS;
    }
}
