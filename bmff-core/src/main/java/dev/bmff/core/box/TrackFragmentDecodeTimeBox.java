package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code tfdt}: the decode time of the traf's first sample, in the media timescale. */
public record TrackFragmentDecodeTimeBox(int version, int flags, long baseMediaDecodeTime) implements FullBox {
    public TrackFragmentDecodeTimeBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.sized("baseMediaDecodeTime", version, baseMediaDecodeTime);
    }

    /** Version 1 only when the time needs it. */
    public static TrackFragmentDecodeTimeBox of(long time) {
        return new TrackFragmentDecodeTimeBox(time > 0xFFFF_FFFFL ? 1 : 0, 0, time);
    }

    @Override
    public FourCC type() {
        return BoxTypes.TFDT;
    }
}
