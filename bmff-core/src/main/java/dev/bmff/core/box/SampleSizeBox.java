package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code stsz}: sample sizes. When {@code sampleSize} is non-zero every one of the {@code sampleCount}
 * samples has that size and {@code entrySizes} is empty; otherwise {@code entrySizes} holds one size per sample.
 */
public record SampleSizeBox(int version, int flags, long sampleSize, long sampleCount, LongArray entrySizes)
        implements FullBox {
    public SampleSizeBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.u32("sample_size", sampleSize);
        Fields.u32("sample_count", sampleCount);
        Fields.allU32("entry_size", entrySizes);
        if (sampleSize == 0 && entrySizes.size() != sampleCount) {
            throw new IllegalArgumentException("stsz with sample_size 0 needs sample_count (" + sampleCount
                    + ") entry sizes, has " + entrySizes.size());
        }
        if (sampleSize != 0 && !entrySizes.isEmpty()) {
            throw new IllegalArgumentException("stsz with a constant sample_size has no entry sizes");
        }
    }

    /** One size per sample. */
    public static SampleSizeBox of(LongArray sizes) {
        return new SampleSizeBox(0, 0, 0, sizes.size(), sizes);
    }

    /** Size of sample {@code i} (0-based). */
    public long size(int i) {
        return sampleSize != 0 ? sampleSize : entrySizes.get(i);
    }

    @Override
    public FourCC type() {
        return BoxTypes.STSZ;
    }
}
