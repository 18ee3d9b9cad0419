package dev.bmff.recover.indexed;

import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.table.SampleTableBuilder;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.TrackSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One track of a broken file that still has its index: the samples kept (a prefix in decode order) turned into a
 * track spec like the original's (sample entry, handler, timescale, language, edit list) and new sample tables
 * whose chunk offsets point into the repaired file.
 */
final class IndexedTrack {
    private IndexedTrack() {
    }

    /** A track ready for {@link MovieBuilder#standard}. */
    record Built(TrackSpec spec, MovieBuilder.TrackMedia media, long keyframes, long bytes) {
    }

    /** How many samples of {@code t}, in decode order, end at or before {@code limit}. */
    static int kept(TrackSamples t, long limit) {
        int n = 0;
        while (n < t.sampleCount() && t.offset(n) + t.size(n) <= limit) {
            n++;
        }
        return n;
    }

    /**
     * @param count how many samples to keep
     * @param offsetShift added to an offset of the broken file to get the offset in the repaired file
     * @param startShift the track's first decode time minus the earliest track start, in its timescale: an
     *     empty edit keeps a track that started later in sync when it has no edit list of its own
     */
    static Built build(TrackSamples t, SampleEntry entry, int count, long offsetShift, long startShift) {
        SampleTableBuilder tables = new SampleTableBuilder();
        long previousEnd = -1;
        long keyframes = 0;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            long offset = t.offset(i);
            if (offset != previousEnd) {
                tables.startChunk(offset + offsetShift, 1);
            }
            tables.addSample(t.size(i), t.duration(i), Math.toIntExact(t.cts(i) - t.dts(i)), t.isSync(i));
            previousEnd = offset + t.size(i);
            keyframes += t.isSync(i) ? 1 : 0;
            bytes += t.size(i);
        }
        long firstDts = count == 0 ? 0 : t.dts(0);
        String language = TrackSpec.languageOf(t.trackBox());
        long mediaEnd = Math.max(tables.totalDuration(), tables.presentationEnd());
        // The original track's boxes that are not about samples (tkhd matrix, tref, hdlr name, udta...) come along.
        TrackSpec spec = new TrackSpec(t.handlerType(), t.timescale(), entry, language,
                editList(t, firstDts, mediaEnd, startShift)).withSource(t.trackBox());
        return new Built(spec, new MovieBuilder.TrackMedia(tables, 0), keyframes, bytes);
    }

    /**
     * The original edit list for the kept media: media times move with the media timeline (which now starts at
     * the first kept decode time), and the last media edit that reaches past the kept media runs to its end
     * (-1), as does one of duration 0 (what fragmented files write for "all of it"). Without an edit list the
     * media is shown as its times say; only a later start than the other tracks' becomes an empty edit.
     */
    static List<EditListBox.Entry> editList(TrackSamples t, long firstDts, long mediaEnd, long startShift) {
        List<EditListBox.Entry> original = t.editList();
        // The repaired file keeps the original's movie timescale (IndexedRepair hands the writer its mvhd), so the
        // segment durations are kept exactly as they were.
        long movieTimescale = t.movieTimescale() > 0 ? t.movieTimescale() : MovieBuilder.MOVIE_TIMESCALE;
        if (original.isEmpty()) {
            if (startShift <= 0) {
                return null;
            }
            return List.of(new EditListBox.Entry(toMovie(startShift, t.timescale(), movieTimescale), -1, 1, 0),
                    new EditListBox.Entry(-1, 0, 1, 0));
        }
        List<EditListBox.Entry> out = new ArrayList<>();
        boolean anyMedia = false;
        for (EditListBox.Entry e : original) {
            long segment = e.segmentDuration();
            if (e.mediaTime() < 0) {
                out.add(new EditListBox.Entry(segment, -1, e.mediaRateInteger(), e.mediaRateFraction()));
                continue;
            }
            long mediaTime = Math.max(0, e.mediaTime() - firstDts);
            long available = mediaEnd - mediaTime;
            if (available <= 0) {
                break;
            }
            anyMedia = true;
            if (e.segmentDuration() == 0 || segment >= toMovie(available, t.timescale(), movieTimescale)) {
                out.add(new EditListBox.Entry(-1, mediaTime, e.mediaRateInteger(), e.mediaRateFraction()));
                break;
            }
            out.add(new EditListBox.Entry(segment, mediaTime, e.mediaRateInteger(), e.mediaRateFraction()));
        }
        return anyMedia ? out : null;
    }

    private static long toMovie(long t, long timescale, long movieTimescale) {
        return Math.round((double) t * movieTimescale / timescale);
    }
}
