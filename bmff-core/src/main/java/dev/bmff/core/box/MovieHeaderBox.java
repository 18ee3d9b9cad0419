package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code mvhd}: movie timescale and duration. Version 1 stores times in 64 bits.
 *
 * @param rate playback rate, 16.16 fixed point (0x00010000 is normal speed)
 * @param volume 8.8 fixed point
 * @param reserved the 10 reserved bytes after volume, kept as read
 * @param preDefined the 24 bytes ISO calls pre_defined (QuickTime's preview, poster and selection times), kept as read
 */
public record MovieHeaderBox(int version, int flags, long creationTime, long modificationTime, long timescale,
        long duration, int rate, int volume, Bytes reserved, Matrix matrix, Bytes preDefined, long nextTrackId)
        implements FullBox {
    public MovieHeaderBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.sized("creation_time", version, creationTime);
        Fields.sized("modification_time", version, modificationTime);
        Fields.u32("timescale", timescale);
        Fields.sized("duration", version, duration);
        Fields.u16("volume", volume);
        Fields.exact("reserved", reserved, 10);
        Fields.exact("pre_defined", preDefined, 24);
        Fields.u32("next_track_ID", nextTrackId);
    }

    /** A header with the usual defaults; version 1 only when a value needs 64 bits. */
    public static MovieHeaderBox of(long timescale, long duration, long nextTrackId) {
        int v = duration > 0xFFFF_FFFFL ? 1 : 0;
        return new MovieHeaderBox(v, 0, 0, 0, timescale, duration, 0x10000, 0x100, Bytes.zeros(10),
                Matrix.IDENTITY, Bytes.zeros(24), nextTrackId);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MVHD;
    }
}
