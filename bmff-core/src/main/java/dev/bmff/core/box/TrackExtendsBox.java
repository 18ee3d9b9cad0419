package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code trex}: per-track defaults for the samples of movie fragments. */
public record TrackExtendsBox(int version, int flags, long trackId, long defaultSampleDescriptionIndex,
        long defaultSampleDuration, long defaultSampleSize, long defaultSampleFlags) implements FullBox {
    public TrackExtendsBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.u32("track_ID", trackId);
        Fields.u32("default_sample_description_index", defaultSampleDescriptionIndex);
        Fields.u32("default_sample_duration", defaultSampleDuration);
        Fields.u32("default_sample_size", defaultSampleSize);
        Fields.u32("default_sample_flags", defaultSampleFlags);
    }

    @Override
    public FourCC type() {
        return BoxTypes.TREX;
    }
}
