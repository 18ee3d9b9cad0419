package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * {@code elst}: maps the media timeline onto the presentation. An entry with {@code mediaTime == -1}
 * is an empty edit (a delay).
 */
public record EditListBox(int version, int flags, List<Entry> entries) implements FullBox {
    /**
     * One edit.
     *
     * @param segmentDuration in the movie timescale
     * @param mediaTime start in the media timescale, or -1 for an empty edit
     */
    public record Entry(long segmentDuration, long mediaTime, int mediaRateInteger, int mediaRateFraction) {
    }

    public EditListBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        entries = List.copyOf(entries);
        for (Entry e : entries) {
            Fields.sized("segment_duration", version, e.segmentDuration());
            if (version == 0 && (e.mediaTime() < Integer.MIN_VALUE || e.mediaTime() > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("media_time needs version 1: " + e.mediaTime());
            }
            if (e.mediaRateInteger() < Short.MIN_VALUE || e.mediaRateInteger() > Short.MAX_VALUE) {
                throw new IllegalArgumentException("media_rate_integer must fit in 16 signed bits");
            }
            if (e.mediaRateFraction() < Short.MIN_VALUE || e.mediaRateFraction() > Short.MAX_VALUE) {
                throw new IllegalArgumentException("media_rate_fraction must fit in 16 signed bits");
            }
        }
    }

    @Override
    public FourCC type() {
        return BoxTypes.ELST;
    }
}
