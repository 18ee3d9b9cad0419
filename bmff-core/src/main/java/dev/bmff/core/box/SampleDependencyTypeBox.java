package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code sdtp}: one byte per sample (is_leading, sample_depends_on, sample_is_depended_on,
 * sample_has_redundancy, two bits each). The sample count comes from stsz, so the bytes are kept as a whole.
 */
public record SampleDependencyTypeBox(int version, int flags, Bytes entries) implements FullBox {
    public SampleDependencyTypeBox {
        Fields.version(version, 255);
        Fields.flags(flags);
    }

    /** sample_depends_on of sample {@code i} (0-based): 1 = depends on others, 2 = does not (an I picture). */
    public int dependsOn(int i) {
        return (entries.get(i) >> 4) & 3;
    }

    @Override
    public FourCC type() {
        return BoxTypes.SDTP;
    }
}
