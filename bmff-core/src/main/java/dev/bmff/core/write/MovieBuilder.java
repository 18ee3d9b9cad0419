package dev.bmff.core.write;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.DataInformationBox;
import dev.bmff.core.box.DataReferenceBox;
import dev.bmff.core.box.EditBox;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.FreeSpaceBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.Matrix;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieExtendsBox;
import dev.bmff.core.box.MovieExtendsHeaderBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.NullMediaHeaderBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SoundMediaHeaderBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackExtendsBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.box.VideoMediaHeaderBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.table.SampleTableBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the moov: a standard one from each track's {@link SampleTableBuilder}, or the sample-less one a
 * fragmented file starts with. Shared by every writer and by the recovery, so a fix here fixes all.
 *
 * <pre>{@code
 * MovieBox moov = MovieBuilder.standard(List.of(videoSpec), List.of(new MovieBuilder.TrackMedia(tables, 1024)));
 * }</pre>
 */
public final class MovieBuilder {
    /**
     * The movie timescale of every file we write (mvhd, tkhd and edit list durations): milliseconds; a file that
     * copies another's movie-level boxes keeps that file's ({@link #movieTimescale(List)}).
     */
    public static final long MOVIE_TIMESCALE = 1000;

    private MovieBuilder() {
    }

    /**
     * The samples of one track for a standard moov.
     *
     * <p>The sample tables count decode time from the track's first sample, so where the track starts
     * on the timeline shared by all tracks must be told apart: {@code firstDecodeTime}. A track's
     * presentation starts at its first decode time (its normal edit skips a B-frame delay, so the first
     * picture shows there); the file's zero is the earliest such start among the tracks that know it (in
     * seconds), and a track that starts later is delayed by an empty edit, so audio that starts 0.2 s
     * after the video still does.
     *
     * <pre>{@code
     * // audio (48 kHz) whose first frame was captured 0.2 s after the first picture
     * new MovieBuilder.TrackMedia(audioTables, 0, 9_600);
     * }</pre>
     *
     * @param tables the track's sample tables
     * @param firstPresentationTime the smallest composition time of the track counted from its first
     *     decode time (media timescale); an automatic edit list starts presentation there
     * @param firstDecodeTime the decode time of the track's first sample on the shared timeline (media
     *     timescale), or {@link #UNALIGNED} when unknown: such a track starts at the file's zero
     */
    public record TrackMedia(SampleTableBuilder tables, long firstPresentationTime, long firstDecodeTime) {
        /** The track's place on the shared timeline is unknown: it starts at the file's zero. */
        public static final long UNALIGNED = -1;

        public TrackMedia {
            if (tables == null) {
                throw new IllegalArgumentException("sample tables are required");
            }
            if (firstDecodeTime < UNALIGNED) {
                throw new IllegalArgumentException("first decode time must not be negative: " + firstDecodeTime);
            }
        }

        /** A track that starts at the file's zero (no delay is known). */
        public TrackMedia(SampleTableBuilder tables, long firstPresentationTime) {
            this(tables, firstPresentationTime, UNALIGNED);
        }

        /** Where presentation starts on the shared timeline, in seconds; NaN when unknown or empty. */
        double startSeconds(long timescale) {
            if (firstDecodeTime == UNALIGNED || tables.sampleCount() == 0) {
                return Double.NaN;
            }
            // The track's edit skips its own B-frame delay, so its first picture shows at its first decode time.
            return (double) firstDecodeTime / timescale;
        }
    }

    /** A standard moov: one trak per spec (track ids 1, 2, ...), with complete sample tables. */
    public static MovieBox standard(List<TrackSpec> specs, List<TrackMedia> media) {
        return standard(specs, media, List.of());
    }

    /**
     * A standard moov with the movie-level boxes of a file it copies: an {@code mvhd} among {@code movieBoxes}
     * lends its times, rate, volume and matrix (the timescale, duration and next track id are ours); every other
     * box ({@code udta}, {@code meta}, ...) is written after the tracks as it is. Tracks and {@code mvex} in the
     * list are ignored.
     */
    public static MovieBox standard(List<TrackSpec> specs, List<TrackMedia> media, List<Box> movieBoxes) {
        if (specs.size() != media.size()) {
            throw new IllegalArgumentException(specs.size() + " track specs but " + media.size() + " tables");
        }
        // The file's zero: the earliest first presentation, in seconds, so tracks of any timescale compare.
        double zero = Double.NaN;
        for (int i = 0; i < specs.size(); i++) {
            double start = media.get(i).startSeconds(specs.get(i).timescale());
            if (!Double.isNaN(start) && (Double.isNaN(zero) || start < zero)) {
                zero = start;
            }
        }
        List<Box> children = new ArrayList<>();
        children.add(null);
        long movieDuration = 0;
        long movieTimescale = movieTimescale(movieBoxes);
        java.util.Map<Long, Long> ids = CarriedTrack.newIds(specs);
        for (int i = 0; i < specs.size(); i++) {
            TrackSpec spec = specs.get(i);
            TrackMedia m = media.get(i);
            long mediaDuration = m.tables().totalDuration();
            long end = Math.max(mediaDuration, m.tables().presentationEnd());
            double start = m.startSeconds(spec.timescale());
            long delay = Double.isNaN(start) ? 0 : Math.round((start - zero) * movieTimescale);
            List<EditListBox.Entry> edits = withDelay(editList(spec, end, m.firstPresentationTime(), movieTimescale),
                    delay, spec, end, movieTimescale);
            long presented = edits == null
                    ? toMovie(mediaDuration, spec.timescale(), movieTimescale)
                    : edits.stream().mapToLong(EditListBox.Entry::segmentDuration).sum();
            movieDuration = Math.max(movieDuration, presented);
            List<Box> stbl = new ArrayList<>();
            stbl.add(new SampleDescriptionBox(0, 0, List.of(spec.sampleEntry())));
            stbl.addAll(m.tables().build(constantSizeMeansFrames(spec, m.tables())));
            children.add(track(i + 1, spec, presented, mediaDuration, edits, stbl, ids));
        }
        children.set(0, CarriedTrack.movieHeader(movieBoxes, movieTimescale, movieDuration, specs.size() + 1L));
        children.addAll(CarriedTrack.movieExtras(movieBoxes));
        return new MovieBox(children);
    }

    /**
     * The moov a fragmented file starts with: every track with empty tables, and mvex with a trex each.
     * A track's explicit edit list is written too (its -1 durations as 0); none is made up.
     */
    public static MovieBox fragmented(List<TrackSpec> specs) {
        return fragmented(specs, List.of());
    }

    /**
     * {@link #fragmented(List)} with the movie-level boxes of a file it copies, as
     * {@link #standard(List, List, List)} takes them.
     */
    public static MovieBox fragmented(List<TrackSpec> specs, List<Box> movieBoxes) {
        return fragmented(specs, movieBoxes, null, false);
    }

    /**
     * The fragmented moov, with the durations a writer knows once it closes: the mvhd's, each tkhd's and mdhd's, and an
     * mehd (a streaming reader, ffmpeg on a pipe, GStreamer's qtdemux and Media3's fragmented extractor take the
     * duration from it instead of reading every fragment).
     *
     * @param trackEnds where each track's media and presentation end, or null while the durations are not known: they
     *     are 0, and with {@code durationBox} a free box of the mehd's size holds its place, so the moov written again
     *     at close keeps its size
     * @param durationBox write the mehd (or, without {@code trackEnds}, its place)
     */
    static MovieBox fragmented(List<TrackSpec> specs, List<Box> movieBoxes, TrackEnds trackEnds, boolean durationBox) {
        List<Box> children = new ArrayList<>();
        long movieTimescale = movieTimescale(movieBoxes);
        long[] presented = new long[specs.size()];
        long movieDuration = 0;
        for (int i = 0; i < specs.size() && trackEnds != null; i++) {
            presented[i] = toMovie(Math.max(0, trackEnds.presentation()[i] - mediaStart(specs.get(i))),
                    specs.get(i).timescale(), movieTimescale);
            movieDuration = Math.max(movieDuration, presented[i]);
        }
        children.add(CarriedTrack.movieHeader(movieBoxes, movieTimescale, movieDuration, specs.size() + 1L));
        java.util.Map<Long, Long> ids = CarriedTrack.newIds(specs);
        List<Box> mvex = new ArrayList<>();
        if (durationBox) {
            // mehd version 1 (64-bit): its size never depends on the value; until then a free box of that size.
            mvex.add(trackEnds == null ? FreeSpaceBox.ofTotalSize(MEHD_SIZE)
                    : new MovieExtendsHeaderBox(1, 0, movieDuration));
        }
        for (int i = 0; i < specs.size(); i++) {
            List<Box> stbl = new ArrayList<>();
            stbl.add(new SampleDescriptionBox(0, 0, List.of(specs.get(i).sampleEntry())));
            stbl.addAll(new SampleTableBuilder().build());
            // An explicit edit list is kept (a B-frame delay or AAC priming must be trimmed in the crash
            // copy too); a -1 duration becomes 0, "the rest of the media", as fragmented files say it, and so does
            // a last media edit that reaches the end of the copied track's media: GStreamer's qtdemux clips the
            // last picture of a fragmented stream against a duration given here, even the right one. An edit that
            // ends before the media (a trailing trim) stays as it is.
            TrackSpec spec = specs.get(i);
            List<EditListBox.Entry> given = spec.editList();
            if (given != null && reachesSourceEnd(spec, given, movieTimescale)) {
                given = toMediaEnd(given);
            }
            List<EditListBox.Entry> edits = given == null ? null
                    : editList(spec.withEditList(given), 0, 0, movieTimescale);
            children.add(track(i + 1, spec, presented[i], trackEnds == null ? 0 : trackEnds.media()[i], edits, stbl,
                    ids));
            mvex.add(new TrackExtendsBox(0, 0, i + 1L, 1, 0, 0, 0));
        }
        children.add(new MovieExtendsBox(mvex));
        children.addAll(CarriedTrack.movieExtras(movieBoxes));
        return new MovieBox(children);
    }

    /** Size of an mehd of version 1. */
    static final int MEHD_SIZE = 20;

    /** Where a track's presentation starts in its media: its explicit edit's media time, else 0. */
    private static long mediaStart(TrackSpec spec) {
        if (spec.editList() != null) {
            for (EditListBox.Entry e : spec.editList()) {
                if (e.mediaTime() >= 0) {
                    return e.mediaTime();
                }
            }
        }
        return 0;
    }

    /**
     * The edit list to write: the spec's (with -1 durations filled in), or one that skips a B-frame delay.
     *
     * @param mediaDuration where the media's presentation ends (the latest composition time plus duration,
     *     which with B-frames is later than the sum of the durations; counting only that would cut the
     *     last pictures shown)
     */
    static List<EditListBox.Entry> editList(TrackSpec spec, long mediaDuration, long firstPresentationTime,
            long movieTimescale) {
        if (spec.editList() != null) {
            List<EditListBox.Entry> out = new ArrayList<>();
            for (EditListBox.Entry e : spec.editList()) {
                long d = e.segmentDuration();
                if (d < 0) {
                    long start = Math.max(0, e.mediaTime());
                    d = editDuration(Math.max(0, mediaDuration - start), spec.timescale(), movieTimescale);
                }
                out.add(new EditListBox.Entry(d, e.mediaTime(), e.mediaRateInteger(), e.mediaRateFraction()));
            }
            return out.isEmpty() ? null : out;
        }
        if (firstPresentationTime > 0) {
            long presented = editDuration(Math.max(0, mediaDuration - firstPresentationTime), spec.timescale(),
                    movieTimescale);
            return List.of(new EditListBox.Entry(presented, firstPresentationTime, 1, 0));
        }
        return null;
    }

    /**
     * Whether a constant stsz size may stand for this track's sizes. QuickTime's PCM formats ({@code twos},
     * {@code sowt}...) read a constant size as one PCM frame per sample, and GStreamer's qtdemux follows it ("chunks
     * are samples"): an application that hands over equal buffers of many frames each (durations above 1) would
     * get a file GStreamer plays as a few bytes per chunk, so those sizes are listed. One sample per frame (what
     * ffmpeg writes, and the repair) keeps the constant form, which a long recording needs.
     */
    private static boolean constantSizeMeansFrames(TrackSpec spec, SampleTableBuilder tables) {
        return !FileBrands.quickTimeOnly(spec.sampleEntry().format()) || tables.totalDuration() == tables.sampleCount();
    }

    /**
     * Whether the last edit of {@code edits} (durations in {@code movieTimescale}) is a media edit that presents the
     * source track's media to its end (its mdhd duration): nothing is lost when it says "to the end" instead.
     */
    private static boolean reachesSourceEnd(TrackSpec spec, List<EditListBox.Entry> edits, long movieTimescale) {
        if (edits.isEmpty() || spec.source() == null) {
            return false;
        }
        EditListBox.Entry last = edits.get(edits.size() - 1);
        if (last.mediaTime() < 0 || last.segmentDuration() < 0) {
            return false;
        }
        return spec.source().first(MediaBox.class).flatMap(m -> m.first(MediaHeaderBox.class))
                .filter(h -> h.timescale() > 0 && h.duration() > 0)
                .map(h -> last.mediaTime() * movieTimescale + last.segmentDuration() * h.timescale()
                        >= h.duration() * movieTimescale)
                .orElse(false);
    }

    /**
     * {@code edits} with the last one, when it is a media edit, running to the end of the media (duration -1,
     * which {@link #editList} fills in): for a file that holds only part of the stream the edits were given for
     * (the first segment of a recording) or whose moov comes before its media (a fragmented file).
     */
    static List<EditListBox.Entry> toMediaEnd(List<EditListBox.Entry> edits) {
        List<EditListBox.Entry> out = new ArrayList<>(edits);
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).mediaTime() >= 0) {
            EditListBox.Entry e = out.get(last);
            out.set(last, new EditListBox.Entry(-1, e.mediaTime(), e.mediaRateInteger(), e.mediaRateFraction()));
        }
        return out;
    }

    /**
     * Puts an empty edit of {@code delay} (movie timescale) in front of {@code edits}: the track shows
     * nothing until its own start. Without edits, the whole media follows it.
     */
    static List<EditListBox.Entry> withDelay(List<EditListBox.Entry> edits, long delay, TrackSpec spec,
            long mediaDuration, long movieTimescale) {
        if (delay <= 0) {
            return edits;
        }
        List<EditListBox.Entry> out = new ArrayList<>();
        out.add(new EditListBox.Entry(delay, -1, 1, 0));
        if (edits == null) {
            out.add(new EditListBox.Entry(editDuration(mediaDuration, spec.timescale(), movieTimescale), 0, 1, 0));
        } else {
            out.addAll(edits);
        }
        return out;
    }

    private static TrackBox track(long id, TrackSpec spec, long movieDuration, long mediaDuration,
            List<EditListBox.Entry> edits, List<Box> stbl, java.util.Map<Long, Long> ids) {
        if (spec.source() != null) {
            return CarriedTrack.build(id, spec, movieDuration, mediaDuration, edits == null ? null : editBox(edits),
                    new SampleTableBox(stbl), ids);
        }
        long width = 0;
        long height = 0;
        SampleEntry entry = spec.sampleEntry();
        if (entry instanceof VisualSampleEntry v) {
            width = (long) v.width() << 16;
            height = (long) v.height() << 16;
        }
        int volume = spec.isAudio() ? 0x100 : 0;
        int group = spec.isAudio() ? 1 : 0;
        List<Box> trak = new ArrayList<>();
        trak.add(new TrackHeaderBox(movieDuration > 0xFFFF_FFFFL ? 1 : 0, 3, 0, 0, id, movieDuration, 0, group,
                volume, Matrix.IDENTITY, width, height));
        if (edits != null) {
            trak.add(editBox(edits));
        }
        Box header = spec.isVideo() ? new VideoMediaHeaderBox(0, 1, 0, 0, 0, 0)
                : spec.isAudio() ? new SoundMediaHeaderBox(0, 0, 0) : new NullMediaHeaderBox(0, 0);
        String name = spec.isVideo() ? "VideoHandler" : spec.isAudio() ? "SoundHandler" : "DataHandler";
        MediaInformationBox minf = new MediaInformationBox(List.of(header,
                new DataInformationBox(List.of(new DataReferenceBox(0, 0,
                        List.of(new RawBox(FourCC.of("url "), null, Bytes.of(new byte[] {0, 0, 0, 1})))))),
                new SampleTableBox(stbl)));
        MediaBox mdia = new MediaBox(List.of(
                MediaHeaderBox.of(spec.timescale(), mediaDuration, spec.language()),
                HandlerBox.of(spec.handler(), name), minf));
        trak.add(mdia);
        return new TrackBox(trak);
    }

    /** An edts with one elst; version 1 only when a value needs 64 bits. */
    static EditBox editBox(List<EditListBox.Entry> edits) {
        boolean wide = edits.stream().anyMatch(e -> e.segmentDuration() > 0xFFFF_FFFFL
                || e.mediaTime() > Integer.MAX_VALUE);
        return new EditBox(List.of(new EditListBox(wide ? 1 : 0, 0, edits)));
    }

    /** {@code t} in {@code timescale} units, in the movie timescale, rounded to nearest. */
    static long toMovie(long t, long timescale, long movieTimescale) {
        return Math.round((double) t * movieTimescale / timescale);
    }

    /**
     * A media edit's duration in the movie timescale for {@code t} of media, rounded up: players (GStreamer's
     * qtdemux, Chromium) stop presenting where the edit ends, so one rounded down cuts the last fraction of a
     * tick of media, a few PCM frames or the end of an audio frame. Rounded up it ends at most a tick after the
     * media, which players ignore.
     *
     * <pre>{@code
     * MovieBuilder.editDuration(55654, 48000, 1000);   // 1160 (1159.46 ms of PCM), not 1159
     * }</pre>
     */
    public static long editDuration(long t, long timescale, long movieTimescale) {
        return Math.floorDiv(Math.addExact(Math.multiplyExact(t, movieTimescale), timescale - 1), timescale);
    }

    /**
     * The movie timescale to write: that of an mvhd among the movie-level boxes of a file the output copies (so its
     * edit lists, given in that timescale, are kept exactly), else {@link #MOVIE_TIMESCALE}.
     */
    public static long movieTimescale(List<Box> movieBoxes) {
        for (Box b : movieBoxes) {
            if (b instanceof MovieHeaderBox h && h.timescale() > 0) {
                return h.timescale();
            }
        }
        return MOVIE_TIMESCALE;
    }
}
