package dev.bmff.core.write;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records into a series of files: a new segment starts when the current one reaches a duration, a size or
 * a wall-clock boundary, always at a keyframe of the first video track (without video, at any sample).
 * Each segment is a complete file written by an inner writer ({@link HybridWriter} by default), so a
 * crash loses at most what the inner writer would lose of the last segment.
 *
 * <p>Every segment is a file of its own: its timeline starts at 0 (the earliest decode time among its
 * tracks becomes 0, converted to each track's timescale, so audio and video keep their offset), its first
 * video sample is a keyframe, and no sample is lost or doubled at a cut: the last sample of a segment gets
 * its duration from the decode time of the sample that started the next one. Joining the segments (for
 * instance with ffmpeg's concat demuxer) gives every frame once.
 *
 * <p>Rotation rules, checked at each sample that may start a segment (a video keyframe, or any sample
 * without video), whichever comes first: the segment's span on that track reaches
 * {@link Options#segmentDuration()}; the sample bytes given to the segment reach {@link Options#maxBytes()};
 * the wall clock passed the next multiple of {@link Options#alignment()} (counted in the clock's time zone
 * from midnight, so 15 minutes gives :00, :15, :30 and :45). A segment is opened when its first sample is
 * ready, so no empty file is made.
 *
 * <p>Limitations: a track's explicit edit list (AAC priming) describes the start of the stream, so it is
 * written into the first segment only, its last media edit ending with that segment's media; samples of a
 * track that arrive after the cut with decode times before the segment's zero start that track at their own
 * time. A track that starts later than the others in a segment keeps its delay (the inner writers give it an
 * empty edit).
 *
 * <pre>{@code
 * SegmentedWriter.Options o = SegmentedWriter.Options.defaults()
 *         .withSegmentDuration(Duration.ofMinutes(1))
 *         .withListener(seg -> System.out.println("closed " + seg.path()));
 * try (SegmentedWriter w = SegmentedWriter.create("cam-%03d.mp4", List.of(video, audio), o)) {
 *     for (Sample s : samples) w.write(s);
 * }
 * }</pre>
 */
public final class SegmentedWriter implements Mp4Writer {

    /** Opens the writer of one segment: the layout of each file. */
    @FunctionalInterface
    public interface SegmentFactory {
        Mp4Writer open(Path path, List<TrackSpec> tracks) throws IOException;

        /** Hybrid segments (fragmented while recording, standard once closed). */
        static SegmentFactory hybrid(HybridWriter.Options options) {
            return (path, tracks) -> HybridWriter.create(path, tracks, options);
        }

        /** Fragmented segments. */
        static SegmentFactory fragmented(FragmentedWriter.Options options) {
            return (path, tracks) -> FragmentedWriter.create(path, tracks, options);
        }

        /** Standard segments (each appears under its name only once closed). */
        static SegmentFactory standard(StandardWriter.Options options) {
            return (path, tracks) -> StandardWriter.create(path, tracks, options);
        }
    }

    /** Hears each segment once its file is closed (complete on disk). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = segment -> { };

        void segmentClosed(Segment segment) throws IOException;
    }

    /**
     * One track's samples in a closed segment, in the times the caller gave (before the shift to 0).
     *
     * @param samples how many samples the segment holds
     * @param firstDts decode time of the first (-1 without samples)
     * @param endDts decode time of the last plus its duration (-1 without samples)
     */
    public record TrackSummary(int samples, long firstDts, long endDts) {
        /** {@code endDts - firstDts}, 0 without samples. */
        public long duration() {
            return samples == 0 ? 0 : endDts - firstDts;
        }
    }

    /**
     * A closed segment.
     *
     * @param sequence its number, from 0, as the name pattern shows it
     * @param path the file
     * @param opened the wall-clock time it was opened (the time its name shows)
     * @param tracks per track, what it holds
     * @param duration the longest of its tracks
     */
    public record Segment(long sequence, Path path, Instant opened, List<TrackSummary> tracks, Duration duration) {
        public Segment {
            tracks = List.copyOf(tracks);
        }
    }

    /**
     * How segments are cut and written.
     *
     * @param factory opens each segment's writer (its layout)
     * @param segmentDuration cut once a segment lasts this long; null for no duration rule
     * @param maxBytes cut once a segment holds this many sample bytes; 0 for no size rule
     * @param alignment cut at the first keyframe after each multiple of this wall-clock interval; null for none
     * @param strftime expand {@code %Y %m %d %H %M %S} in the name pattern from the wall clock
     * @param clock the wall clock for names and alignment (tests pass a fixed one)
     * @param listener hears each closed segment
     * @param timelinePolicy what to do with a decode time that does not increase
     */
    public record Options(SegmentFactory factory, Duration segmentDuration, long maxBytes, Duration alignment,
            boolean strftime, Clock clock, Listener listener, TrackTimeline.Policy timelinePolicy) {
        public Options {
            if (factory == null || clock == null || listener == null || timelinePolicy == null) {
                throw new IllegalArgumentException("options need a segment factory, a clock, a listener and a"
                        + " timeline policy");
            }
            if (segmentDuration != null && (segmentDuration.isNegative() || segmentDuration.isZero())) {
                throw new IllegalArgumentException("segment duration must be positive: " + segmentDuration);
            }
            if (alignment != null && (alignment.isNegative() || alignment.isZero())) {
                throw new IllegalArgumentException("alignment must be positive: " + alignment);
            }
            if (maxBytes < 0) {
                throw new IllegalArgumentException("max bytes must not be negative: " + maxBytes);
            }
        }

        /** Hybrid segments of 60 s, no size or clock rule, sequence-number names, the system clock. */
        public static Options defaults() {
            return new Options(SegmentFactory.hybrid(HybridWriter.Options.defaults()), Duration.ofSeconds(60), 0,
                    null, false, Clock.systemDefaultZone(), Listener.NONE, TrackTimeline.Policy.REPAIR);
        }

        public Options withFactory(SegmentFactory f) {
            return new Options(f, segmentDuration, maxBytes, alignment, strftime, clock, listener, timelinePolicy);
        }

        public Options withSegmentDuration(Duration d) {
            return new Options(factory, d, maxBytes, alignment, strftime, clock, listener, timelinePolicy);
        }

        public Options withMaxBytes(long n) {
            return new Options(factory, segmentDuration, n, alignment, strftime, clock, listener, timelinePolicy);
        }

        public Options withAlignment(Duration a) {
            return new Options(factory, segmentDuration, maxBytes, a, strftime, clock, listener, timelinePolicy);
        }

        public Options withStrftime(boolean on) {
            return new Options(factory, segmentDuration, maxBytes, alignment, on, clock, listener, timelinePolicy);
        }

        public Options withClock(Clock c) {
            return new Options(factory, segmentDuration, maxBytes, alignment, strftime, c, listener, timelinePolicy);
        }

        public Options withListener(Listener l) {
            return new Options(factory, segmentDuration, maxBytes, alignment, strftime, clock, l, timelinePolicy);
        }

        public Options withTimelinePolicy(TrackTimeline.Policy p) {
            return new Options(factory, segmentDuration, maxBytes, alignment, strftime, clock, listener, p);
        }
    }

    private final List<TrackSpec> tracks;
    /** The first segment's tracks: the stream's edit lists, ending where the segment's media ends. */
    private final List<TrackSpec> firstTracks;
    private final List<TrackSpec> laterTracks;
    private final Options options;
    private final SegmentNames names;
    private final TrackTimeline[] timelines;
    private final long[] segmentUnits;
    private final int cutTrack;
    private final Set<Path> used = new HashSet<>();

    /** Last decode time pushed per track (-1 before any): the candidates for the next segment's zero. */
    private final long[] lastPushed;
    /** Decode time of the first sample pushed per track since the last cut (-1 before any). */
    private final long[] spanStart;

    private long sequence;
    private Open current;
    /** The next segment's zero as a time in some track's timescale: {@code zeroDts / zeroScale} seconds. */
    private long zeroDts = -1;
    private long zeroScale = 1;
    private boolean closed;

    /** The segment being written. */
    private final class Open {
        final long number;
        final Path path;
        final Instant opened;
        final Mp4Writer writer;
        final long zeroDts;
        final long zeroScale;
        final long[] shift;
        final int[] count;
        final long[] first;
        final long[] end;
        final Instant nextBoundary;
        long bytes;

        Open(long number, Path path, Instant opened, Mp4Writer writer, long zeroDts, long zeroScale) {
            this.number = number;
            this.path = path;
            this.opened = opened;
            this.writer = writer;
            this.zeroDts = zeroDts;
            this.zeroScale = zeroScale;
            int n = tracks.size();
            shift = new long[n];
            count = new int[n];
            first = new long[n];
            end = new long[n];
            nextBoundary = options.alignment() == null ? null : nextBoundary(opened, options.alignment());
        }

        void write(Sample s) throws IOException {
            int t = s.track();
            if (count[t] == 0) {
                // The segment's zero in this track's units; never after the track's own first sample.
                shift[t] = Math.min(s.dts(), convert(zeroDts, zeroScale, tracks.get(t).timescale()));
                first[t] = s.dts();
            }
            count[t]++;
            end[t] = s.dts() + s.duration();
            bytes += s.size();
            writer.write(new Sample(t, s.content(), s.dts() - shift[t], s.compositionOffset(), s.duration(), s.sync()));
        }

        Segment summary() {
            List<TrackSummary> list = new ArrayList<>();
            double seconds = 0;
            for (int t = 0; t < tracks.size(); t++) {
                TrackSummary ts = count[t] == 0 ? new TrackSummary(0, -1, -1) : new TrackSummary(count[t], first[t],
                        end[t]);
                list.add(ts);
                seconds = Math.max(seconds, (double) ts.duration() / tracks.get(t).timescale());
            }
            return new Segment(number, path, opened, list, Duration.ofNanos(Math.round(seconds * 1e9)));
        }
    }

    private SegmentedWriter(String pattern, List<TrackSpec> tracks, Options options) {
        List<TrackSpec> first = new ArrayList<>();
        List<TrackSpec> later = new ArrayList<>();
        for (TrackSpec t : tracks) {
            // The stream's edits may last as long as the whole recording; kept as given they would declare the
            // first segment that long, and players (GStreamer's discoverer, ffprobe) report that for its duration.
            first.add(t.editList() == null ? t : t.withEditList(MovieBuilder.toMediaEnd(t.editList())));
            later.add(t.withEditList(null));
        }
        this.tracks = List.copyOf(tracks);
        this.firstTracks = List.copyOf(first);
        this.laterTracks = List.copyOf(later);
        this.options = options;
        this.names = new SegmentNames(pattern, options.strftime());
        int n = tracks.size();
        timelines = new TrackTimeline[n];
        segmentUnits = new long[n];
        lastPushed = new long[n];
        spanStart = new long[n];
        int video = -1;
        for (int i = 0; i < n; i++) {
            TrackSpec t = tracks.get(i);
            timelines[i] = new TrackTimeline(i, options.timelinePolicy(), Math.max(1, t.timescale() / 25));
            segmentUnits[i] = options.segmentDuration() == null ? Long.MAX_VALUE
                    : Math.max(1, convert(options.segmentDuration().toNanos(), 1_000_000_000L, t.timescale()));
            lastPushed[i] = -1;
            spanStart[i] = -1;
            if (video < 0 && t.isVideo()) {
                video = i;
            }
        }
        cutTrack = video;
    }

    /**
     * Starts a segmented recording; the first file is created with the first sample.
     *
     * @param pattern the file name pattern (see the class comment of the options: {@code %03d}, and with
     *     {@link Options#strftime()} {@code %Y-%m-%d_%H-%M-%S})
     * @throws IllegalArgumentException no tracks, or a pattern with an unknown field or none that numbers
     *     the segments
     */
    public static SegmentedWriter create(String pattern, List<TrackSpec> tracks, Options options) {
        if (tracks == null || tracks.isEmpty()) {
            throw new IllegalArgumentException("a recording needs at least one track");
        }
        if (options == null) {
            throw new IllegalArgumentException("options are required (Options.defaults())");
        }
        return new SegmentedWriter(pattern, tracks, options);
    }

    /**
     * Checks a name pattern without writing anything (a command line checks its arguments first).
     *
     * @throws IllegalArgumentException an unknown field, or no field that tells segments apart
     */
    public static void checkPattern(String pattern, boolean strftime) {
        new SegmentNames(pattern, strftime);
    }

    @Override
    public List<TrackSpec> tracks() {
        return tracks;
    }

    /**
     * Takes the next sample of its track. The sample before it on the same track is now complete and goes
     * to the current segment; if this sample starts a new segment, the current one is closed first.
     */
    @Override
    public void write(Sample sample) throws IOException {
        if (closed) {
            throw new IOException("the segmented writer is closed");
        }
        int t = sample.track();
        if (t >= tracks.size()) {
            throw new IllegalArgumentException("sample of track " + t + " but there are " + tracks.size() + " tracks");
        }
        Sample ready = timelines[t].push(sample);
        if (ready != null) {
            segment().write(ready);
        }
        if (zeroDts < 0) {
            zeroDts = sample.dts();
            zeroScale = tracks.get(t).timescale();
        }
        if (current != null && cutsHere(sample)) {
            closeCurrent();
            // The next segment starts at the earliest time among this sample and the samples every other
            // track still holds: those go into the next segment too.
            zeroDts = sample.dts();
            zeroScale = tracks.get(t).timescale();
            for (int i = 0; i < tracks.size(); i++) {
                if (i != t && lastPushed[i] >= 0 && (double) lastPushed[i] / tracks.get(i).timescale()
                        < (double) zeroDts / zeroScale) {
                    zeroDts = lastPushed[i];
                    zeroScale = tracks.get(i).timescale();
                }
                spanStart[i] = -1;
            }
        }
        if (spanStart[t] < 0) {
            spanStart[t] = sample.dts();
        }
        lastPushed[t] = sample.dts();
    }

    private boolean cutsHere(Sample s) {
        int t = s.track();
        if (cutTrack >= 0 ? t != cutTrack || !s.sync() : false) {
            return false;
        }
        boolean byDuration = spanStart[t] >= 0 && s.dts() - spanStart[t] >= segmentUnits[t];
        boolean bySize = options.maxBytes() > 0 && current.bytes >= options.maxBytes();
        boolean byClock = current.nextBoundary != null && !options.clock().instant().isBefore(current.nextBoundary);
        return byDuration || bySize || byClock;
    }

    /** Flushes the current segment's writer (the last sample of each track is still held back). */
    @Override
    public void flush() throws IOException {
        if (closed) {
            throw new IOException("the segmented writer is closed");
        }
        if (current != null) {
            current.writer.flush();
        }
    }

    /** Writes every held-back sample into the last segment and closes it. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (TrackTimeline tl : timelines) {
            Sample last = tl.finish();
            if (last != null) {
                segment().write(last);
            }
        }
        if (current != null) {
            closeCurrent();
        }
    }

    /** The segment being written, opened now if there is none. */
    private Open segment() throws IOException {
        if (current == null) {
            Instant now = options.clock().instant();
            Path path = names.expand(sequence, ZonedDateTime.ofInstant(now, options.clock().getZone()));
            if (!used.add(path.toAbsolutePath().normalize())) {
                throw new IOException("segment " + sequence + " would be named " + path + " like an earlier one;"
                        + " add a sequence number (%03d) to the name pattern");
            }
            Mp4Writer w = options.factory().open(path, sequence == 0 ? firstTracks : laterTracks);
            current = new Open(sequence, path, now, w, Math.max(0, zeroDts), zeroScale);
            sequence++;
        }
        return current;
    }

    private void closeCurrent() throws IOException {
        Open done = current;
        current = null;
        done.writer.close();
        options.listener().segmentClosed(done.summary());
    }

    /** {@code t} in {@code from} units, in {@code to} units, rounded down. */
    static long convert(long t, long from, long to) {
        try {
            return Math.floorDiv(Math.multiplyExact(t, to), from);
        } catch (ArithmeticException e) {
            return (long) Math.floor((double) t / from * to);
        }
    }

    /** The first multiple of {@code every} (counted from midnight in the clock's zone) after {@code now}. */
    private Instant nextBoundary(Instant now, Duration every) {
        ZonedDateTime local = ZonedDateTime.ofInstant(now, options.clock().getZone());
        ZonedDateTime midnight = local.toLocalDate().atStartOfDay(local.getZone());
        long step = every.toNanos();
        long since = Duration.between(midnight, local).toNanos();
        return midnight.toInstant().plusNanos((since / step + 1) * step);
    }
}
