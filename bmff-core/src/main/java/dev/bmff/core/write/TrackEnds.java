package dev.bmff.core.write;

/**
 * Where each track of a fragmented file ends, once its writer closes: what its moov's durations are made of.
 *
 * <p>Two ends, because they differ by the composition offsets: the media (mdhd) lasts to where the last sample's
 * decode time plus duration ends; the presentation (tkhd, mvhd, mehd) to where the latest composition time plus
 * duration ends. A presentation duration taken from decode times cuts the last pictures of a stream with B-frames
 * whose first decode time is above 0 (a segment after the first): GStreamer's qtdemux shows none past it.
 *
 * @param media per track, the decode time where its last sample ends (its timescale; 0 without samples)
 * @param presentation per track, the latest composition time plus duration of its samples (its timescale)
 */
record TrackEnds(long[] media, long[] presentation) {
    TrackEnds {
        if (media.length != presentation.length) {
            throw new IllegalArgumentException("one media and one presentation end per track");
        }
        media = media.clone();
        presentation = presentation.clone();
    }

    /** {@code count} tracks without samples. */
    static TrackEnds empty(int count) {
        return new TrackEnds(new long[count], new long[count]);
    }

    /** These ends with the run of {@code samples} of track {@code track} added. */
    TrackEnds with(int track, java.util.List<Sample> samples) {
        long[] m = media.clone();
        long[] p = presentation.clone();
        for (Sample s : samples) {
            m[track] = Math.max(m[track], s.dts() + s.duration());
            p[track] = Math.max(p[track], s.cts() + s.duration());
        }
        return new TrackEnds(m, p);
    }
}
