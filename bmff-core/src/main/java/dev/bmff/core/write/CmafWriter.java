package dev.bmff.core.write;

import dev.bmff.core.box.SegmentIndexBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a live HLS presentation of CMAF segments into a directory: {@code init.mp4} (the CMAF header:
 * {@code ftyp} with {@code cmfc}/{@code iso6} and a sample-less {@code moov}), one media segment
 * {@code seg-NNNNN.m4s} per segment ({@code styp}, an optional {@code sidx}, and one CMAF fragment: one
 * {@code moof} with a {@code tfdt} in every {@code traf}, default-base-is-moof and no base data offset, then
 * its {@code mdat}), and {@code playlist.m3u8}, rewritten after each segment. With {@link Options#codecs()}
 * a multivariant playlist {@code master.m3u8} names the codecs and the peak bit rate, which lets a player pick
 * its decoder before it loads a segment.
 *
 * <p>Every file appears through {@link AtomicOutput}: a segment is listed only once it is complete on disk,
 * and a player re-reading the playlist never sees half of it. A segment is cut at a keyframe of the first
 * video track once it lasts {@link Options#segmentDuration()} (without video, at any sample of the first
 * track); decode times run on across segments (each {@code tfdt} is the time on the recording's timeline),
 * so the segments played one after another are the recording. Samples of tracks other than video are
 * written as sync samples, as CMAF asks of audio. A crash loses the segment being built, held in memory
 * (one segment of samples); everything listed plays.
 *
 * <pre>{@code
 * CmafWriter.Options o = CmafWriter.Options.defaults().withSegmentDuration(Duration.ofSeconds(4));
 * try (CmafWriter w = CmafWriter.create(Path.of("live"), List.of(video, audio), o)) {
 *     for (Sample s : samples) w.write(s);
 * }
 * // live/playlist.m3u8 plays in hls.js, Safari, ffmpeg and GStreamer while it grows
 * }</pre>
 */
public final class CmafWriter implements Mp4Writer {
    /** The init segment's name in the directory. */
    public static final String INIT = "init.mp4";
    /** The media playlist's name. */
    public static final String PLAYLIST = "playlist.m3u8";
    /** The multivariant playlist's name (written only with {@link Options#codecs()}). */
    public static final String MASTER = "master.m3u8";

    /** Hears each media segment once it and the playlist listing it are on disk. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = segment -> { };

        void segmentWritten(Segment segment) throws IOException;
    }

    /**
     * A written media segment.
     *
     * @param sequence its number, from 0
     * @param path the file
     * @param seconds its duration on the reference track (the first video track, else the first)
     * @param bytes its size
     */
    public record Segment(long sequence, Path path, double seconds, long bytes) {
    }

    /**
     * How the presentation is cut and written.
     *
     * @param segmentDuration cut at the first keyframe once a segment lasts this long
     * @param segmentIndex write a {@code sidx} in every segment (some DASH packagers ask for it)
     * @param codecs the RFC 6381 codecs of the tracks ({@code "avc1.64001f,mp4a.40.2"}) for the multivariant
     *     playlist; null writes none
     * @param timelinePolicy what to do with a decode time that does not increase
     * @param listener hears each written segment
     */
    public record Options(Duration segmentDuration, boolean segmentIndex, String codecs,
            TrackTimeline.Policy timelinePolicy, Listener listener) {
        public Options {
            if (segmentDuration == null || segmentDuration.isNegative() || segmentDuration.isZero()) {
                throw new IllegalArgumentException("segment duration must be positive: " + segmentDuration);
            }
            if (timelinePolicy == null || listener == null) {
                throw new IllegalArgumentException("options need a timeline policy and a listener");
            }
            if (codecs != null && (codecs.isBlank() || codecs.indexOf('"') >= 0)) {
                throw new IllegalArgumentException("codecs must be a list like avc1.64001f,mp4a.40.2: " + codecs);
            }
        }

        /** Segments of 4 s, no sidx, no multivariant playlist, repaired times. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(4), false, null, TrackTimeline.Policy.REPAIR, Listener.NONE);
        }

        public Options withSegmentDuration(Duration d) {
            return new Options(d, segmentIndex, codecs, timelinePolicy, listener);
        }

        public Options withSegmentIndex(boolean on) {
            return new Options(segmentDuration, on, codecs, timelinePolicy, listener);
        }

        public Options withCodecs(String c) {
            return new Options(segmentDuration, segmentIndex, c, timelinePolicy, listener);
        }

        public Options withTimelinePolicy(TrackTimeline.Policy p) {
            return new Options(segmentDuration, segmentIndex, codecs, p, listener);
        }

        public Options withListener(Listener l) {
            return new Options(segmentDuration, segmentIndex, codecs, timelinePolicy, l);
        }
    }

    private final Path dir;
    private final List<TrackSpec> tracks;
    private final Options options;
    private final TrackTimeline[] timelines;
    private final FragmentBuilder fragment;
    private final HlsPlaylist playlist;
    private final int referenceTrack;
    private final boolean cutAtKeyframes;
    private final long segmentUnits;
    private final Failure failure;
    private long spanStart = -1;
    private long spanEnd;
    private long sequence;
    private double peakBitsPerSecond;
    private boolean closed;

    private CmafWriter(Path dir, List<TrackSpec> tracks, Options options) {
        this.dir = dir;
        this.tracks = List.copyOf(tracks);
        this.options = options;
        int n = tracks.size();
        timelines = new TrackTimeline[n];
        int video = -1;
        for (int i = 0; i < n; i++) {
            timelines[i] = new TrackTimeline(i, options.timelinePolicy(), Math.max(1, tracks.get(i).timescale() / 25));
            if (video < 0 && tracks.get(i).isVideo()) {
                video = i;
            }
        }
        referenceTrack = Math.max(0, video);
        cutAtKeyframes = video >= 0;
        segmentUnits = Math.max(1, SegmentedWriter.convert(options.segmentDuration().toNanos(), 1_000_000_000L,
                tracks.get(referenceTrack).timescale()));
        fragment = new FragmentBuilder(n);
        playlist = new HlsPlaylist(INIT, (long) Math.ceil(options.segmentDuration().toNanos() / 1e9));
        failure = new Failure(dir.toString());
    }

    /**
     * Writes the init segment into {@code dir} (which must exist); the media segments and the playlist follow
     * as samples arrive.
     *
     * @throws IllegalArgumentException no tracks
     */
    public static CmafWriter create(Path dir, List<TrackSpec> tracks, Options options) throws IOException {
        if (tracks == null || tracks.isEmpty()) {
            throw new IllegalArgumentException("a presentation needs at least one track");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write a CMAF presentation into " + dir + ": not a directory");
        }
        CmafWriter w = new CmafWriter(dir, tracks, options);
        byte[] head = Headers.fragmentedHead(Brands.cmaf(), w.tracks, false, List.of());
        AtomicOutput.write(dir.resolve(INIT), ch -> PositionalWrites.writeFully(ch, ByteBuffer.wrap(head)));
        return w;
    }

    @Override
    public List<TrackSpec> tracks() {
        return tracks;
    }

    /** Takes the next sample; a segment is written when the next one starts (or on close). */
    @Override
    public void write(Sample sample) throws IOException {
        failure.check(closed);
        int t = sample.track();
        if (t >= tracks.size()) {
            throw new IllegalArgumentException("sample of track " + t + " but there are " + tracks.size() + " tracks");
        }
        Sample ready = timelines[t].push(withAudioSync(tracks, sample));
        if (ready != null) {
            add(ready);
        }
    }

    /**
     * {@code s} as CMAF writes it: a sample of any track but video is a sync sample (CMAF 7.5.x asks it of audio:
     * an AAC or Opus frame decodes on its own, whatever flag a source gave it).
     */
    static Sample withAudioSync(List<TrackSpec> tracks, Sample s) {
        return s.sync() || tracks.get(s.track()).isVideo() ? s
                : new Sample(s.track(), s.data(), s.dts(), s.compositionOffset(), s.duration(), true);
    }

    private void add(Sample s) throws IOException {
        boolean reference = s.track() == referenceTrack;
        if (reference && spanStart >= 0 && (!cutAtKeyframes || s.sync()) && s.dts() - spanStart >= segmentUnits) {
            writeSegment();
        }
        if (reference) {
            if (spanStart < 0) {
                spanStart = s.dts();
            }
            spanEnd = s.dts() + s.duration();
        }
        if (fragment.bytes() + s.data().size() > FragmentBuilder.MAX_BYTES) {
            throw failure.record("adding a sample", new IOException("segment " + sequence + " would pass "
                    + FragmentBuilder.MAX_BYTES + " bytes: choose a shorter segment duration"));
        }
        fragment.add(s);
    }

    /**
     * Does nothing: a CMAF segment must start with a keyframe, so what is buffered is written when the next
     * segment starts or on close, never cut short.
     */
    @Override
    public void flush() throws IOException {
        failure.check(closed);
    }

    /** Writes the held samples as the last segment and the playlist with {@code EXT-X-ENDLIST}. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failure.failed()) {
            return;
        }
        for (TrackTimeline t : timelines) {
            Sample last = t.finish();
            if (last != null) {
                add(last);
            }
        }
        if (!fragment.isEmpty()) {
            writeSegment();
        }
        try {
            writePlaylists(true);
        } catch (IOException e) {
            throw failure.record("writing the playlist", e);
        }
    }

    private void writeSegment() throws IOException {
        long number = sequence++;
        double seconds = (double) (spanEnd - Math.max(0, spanStart)) / tracks.get(referenceTrack).timescale();
        String name = String.format(Locale.ROOT, "seg-%05d.m4s", number);
        Path path = dir.resolve(name);
        try {
            FragmentBuilder.Layout layout = fragment.layout(number + 1);
            List<ByteBuffer> buffers = new ArrayList<>();
            buffers.add(ByteBuffer.wrap(BoxWriter.toBytes(Brands.cmafSegment())));
            if (options.segmentIndex()) {
                buffers.add(ByteBuffer.wrap(BoxWriter.toBytes(segmentIndex(layout))));
            }
            buffers.addAll(List.of(layout.buffers()));
            long[] size = new long[1];
            AtomicOutput.write(path, ch -> {
                for (ByteBuffer b : buffers) {
                    size[0] += b.remaining();
                    PositionalWrites.writeFully(ch, b);
                }
            });
            fragment.clear();
            spanStart = -1;
            playlist.add(name, seconds);
            if (seconds > 0) {
                peakBitsPerSecond = Math.max(peakBitsPerSecond, size[0] * 8 / seconds);
            }
            writePlaylists(false);
            options.listener().segmentWritten(new Segment(number, path, seconds, size[0]));
        } catch (IOException e) {
            throw failure.record("writing segment " + name, e);
        }
    }

    /** One reference to the segment's fragment, timed on the reference track. */
    private SegmentIndexBox segmentIndex(FragmentBuilder.Layout layout) {
        long earliest = Long.MAX_VALUE;
        long duration = 0;
        boolean sap = false;
        for (FragmentBuilder.Run run : layout.runs()) {
            if (run.track() != referenceTrack) {
                continue;
            }
            sap = run.samples().get(0).sync();
            for (Sample s : run.samples()) {
                earliest = Math.min(earliest, s.cts());
                duration += s.duration();
            }
        }
        earliest = earliest == Long.MAX_VALUE ? 0 : Math.max(0, earliest);
        return new SegmentIndexBox(1, 0, referenceTrack + 1L, tracks.get(referenceTrack).timescale(), earliest, 0, 0,
                List.of(new SegmentIndexBox.Reference(false, layout.totalSize(), duration, sap, sap ? 1 : 0, 0)));
    }

    private void writePlaylists(boolean ended) throws IOException {
        if (playlist.size() == 0) {
            return;
        }
        writeText(PLAYLIST, playlist.text(ended));
        if (options.codecs() != null) {
            writeText(MASTER, master());
        }
    }

    private String master() {
        StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, (long) Math.ceil(peakBitsPerSecond)))
                .append(",CODECS=\"").append(options.codecs()).append('"');
        for (TrackSpec t : tracks) {
            if (t.sampleEntry() instanceof VisualSampleEntry v) {
                sb.append(",RESOLUTION=").append(v.width()).append('x').append(v.height());
                break;
            }
        }
        return sb.append('\n').append(PLAYLIST).append('\n').toString();
    }

    private void writeText(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(dir.resolve(name), ch -> PositionalWrites.writeFully(ch, ByteBuffer.wrap(bytes)));
    }
}
