package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code stss}: the 1-based numbers of the sync samples (keyframes). No stss means every sample is sync. */
public record SyncSampleBox(int version, int flags, LongArray sampleNumbers) implements FullBox {
    public SyncSampleBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.allU32("sample_number", sampleNumbers);
    }

    @Override
    public FourCC type() {
        return BoxTypes.STSS;
    }
}
