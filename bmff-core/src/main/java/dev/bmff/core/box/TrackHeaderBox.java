package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code tkhd}: track id, duration in the movie timescale, and presentation size.
 *
 * @param flags 1 = enabled, 2 = in movie, 4 = in preview
 * @param volume 8.8 fixed point (0x0100 for audio, 0 otherwise)
 * @param width 16.16 fixed point
 * @param height 16.16 fixed point
 */
public record TrackHeaderBox(int version, int flags, long creationTime, long modificationTime, long trackId,
        long duration, int layer, int alternateGroup, int volume, Matrix matrix, long width, long height)
        implements FullBox {
    public TrackHeaderBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.sized("creation_time", version, creationTime);
        Fields.sized("modification_time", version, modificationTime);
        Fields.u32("track_ID", trackId);
        Fields.sized("duration", version, duration);
        if (layer < Short.MIN_VALUE || layer > Short.MAX_VALUE) {
            throw new IllegalArgumentException("layer must fit in 16 signed bits: " + layer);
        }
        if (alternateGroup < Short.MIN_VALUE || alternateGroup > Short.MAX_VALUE) {
            throw new IllegalArgumentException("alternate_group must fit in 16 signed bits: " + alternateGroup);
        }
        Fields.u16("volume", volume);
        Fields.u32("width", width);
        Fields.u32("height", height);
    }

    @Override
    public FourCC type() {
        return BoxTypes.TKHD;
    }
}
