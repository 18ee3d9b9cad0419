package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * {@code tfra}: random access points of one track. The three {@code lengthSize} fields are the byte
 * widths (1 to 4) of the traf, trun and sample numbers.
 */
public record TrackFragmentRandomAccessBox(int version, int flags, long trackId, int lengthSizeOfTrafNum,
        int lengthSizeOfTrunNum, int lengthSizeOfSampleNum, List<Entry> entries) implements FullBox {
    /** One random access point; numbers are 1-based. */
    public record Entry(long time, long moofOffset, long trafNumber, long trunNumber, long sampleNumber) {
    }

    public TrackFragmentRandomAccessBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.u32("track_ID", trackId);
        checkWidth(lengthSizeOfTrafNum);
        checkWidth(lengthSizeOfTrunNum);
        checkWidth(lengthSizeOfSampleNum);
        entries = List.copyOf(entries);
        for (Entry e : entries) {
            Fields.sized("time", version, e.time());
            Fields.sized("moof_offset", version, e.moofOffset());
            fits(e.trafNumber(), lengthSizeOfTrafNum);
            fits(e.trunNumber(), lengthSizeOfTrunNum);
            fits(e.sampleNumber(), lengthSizeOfSampleNum);
        }
    }

    private static void checkWidth(int w) {
        if (w < 1 || w > 4) {
            throw new IllegalArgumentException("tfra number width is 1 to 4 bytes: " + w);
        }
    }

    private static void fits(long v, int bytes) {
        if (v < 0 || v >= (1L << (8 * bytes))) {
            throw new IllegalArgumentException("tfra number " + v + " does not fit in " + bytes + " bytes");
        }
    }

    @Override
    public FourCC type() {
        return BoxTypes.TFRA;
    }
}
