package dev.bmff.core.write;

import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a live HLS presentation of CMAF segments into a directory: {@code init.mp4} (the CMAF header:
 * {@code ftyp} with {@code cmfc}/{@code iso6} and a sample-less {@code moov}), one media segment
 * {@code seg-NNNNN.m4s} per segment ({@code styp}, an optional {@code sidx}, and one CMAF fragment: one
 * {@code moof} with a {@code tfdt} in every {@code traf}, default-base-is-moof and no base data offset, then
 * its {@code mdat}), and {@code playlist.m3u8}, rewritten after each segment. With {@link Options#codecs()}
 * a multivariant playlist {@code master.m3u8} names the codecs and the peak bit rate, which lets a player pick
 * its decoder before it loads a segment.
 *
 * <p>{@link Options#separateTracks()} writes each track as a CMAF track of its own, as CMAF has it (one track
 * per header and segment): {@code trackN-init.mp4}, {@code trackN-00000.m4s}..., {@code trackN.m3u8}, and a
 * {@code master.m3u8} whose variant is the first video track with the audio tracks as {@code EXT-X-MEDIA}
 * renditions. Every track's segments are cut at the same keyframe times.
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
     * @param paths its files: one, or with {@link Options#separateTracks()} one per rendition that has samples in it
     * @param seconds its duration on the reference track (the first video track, else the first)
     * @param bytes the size of its files together
     */
    public record Segment(long sequence, List<Path> paths, double seconds, long bytes) {
        public Segment {
            paths = List.copyOf(paths);
        }
    }

    /**
     * How the presentation is cut and written.
     *
     * @param segmentDuration cut at the first keyframe once a segment lasts this long
     * @param segmentIndex write a {@code sidx} in every segment (some DASH packagers ask for it)
     * @param codecs the RFC 6381 codecs of the tracks ({@code "avc1.64001f,mp4a.40.2"}) for the multivariant
     *     playlist; null leaves them out (and, multiplexed, the multivariant playlist)
     * @param separateTracks one CMAF track per track, as CMAF has it: {@code trackN-init.mp4},
     *     {@code trackN-00000.m4s}..., {@code trackN.m3u8} each, and {@code master.m3u8} naming the first video
     *     track's playlist with every audio track as an {@code EXT-X-MEDIA} rendition; false multiplexes every
     *     track into one segment series, which every HLS player reads too
     * @param timelinePolicy what to do with a decode time that does not increase
     * @param listener hears each written segment
     */
    public record Options(Duration segmentDuration, boolean segmentIndex, String codecs, boolean separateTracks,
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

        /** Multiplexed segments of 4 s, no sidx, no multivariant playlist, repaired times. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(4), false, null, false, TrackTimeline.Policy.REPAIR, Listener.NONE);
        }

        public Options withSegmentDuration(Duration d) {
            return new Options(d, segmentIndex, codecs, separateTracks, timelinePolicy, listener);
        }

        public Options withSegmentIndex(boolean on) {
            return new Options(segmentDuration, on, codecs, separateTracks, timelinePolicy, listener);
        }

        public Options withCodecs(String c) {
            return new Options(segmentDuration, segmentIndex, c, separateTracks, timelinePolicy, listener);
        }

        public Options withSeparateTracks(boolean on) {
            return new Options(segmentDuration, segmentIndex, codecs, on, timelinePolicy, listener);
        }

        public Options withTimelinePolicy(TrackTimeline.Policy p) {
            return new Options(segmentDuration, segmentIndex, codecs, separateTracks, p, listener);
        }

        public Options withListener(Listener l) {
            return new Options(segmentDuration, segmentIndex, codecs, separateTracks, timelinePolicy, l);
        }
    }

    private final Path dir;
    private final List<TrackSpec> tracks;
    private final Options options;
    private final TrackTimeline[] timelines;
    private final List<CmafRendition> renditions = new ArrayList<>();
    private final int referenceTrack;
    private final boolean cutAtKeyframes;
    private final long segmentUnits;
    private final Failure failure;
    private long spanStart = -1;
    private long sequence;
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
        long target = (long) Math.ceil(options.segmentDuration().toNanos() / 1e9);
        if (options.separateTracks()) {
            // The reference track's rendition first: the master playlist's variant.
            renditions.add(new CmafRendition("track" + (referenceTrack + 1), List.of(referenceTrack), this.tracks,
                    referenceTrack, target));
            for (int i = 0; i < n; i++) {
                if (i != referenceTrack) {
                    renditions.add(new CmafRendition("track" + (i + 1), List.of(i), this.tracks, i, target));
                }
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            renditions.add(new CmafRendition("", all, this.tracks, referenceTrack, target));
        }
        failure = new Failure(dir.toString());
    }

    /**
     * Writes the init segment(s) into {@code dir} (which must exist); the media segments and the playlists follow
     * as samples arrive.
     *
     * @throws IllegalArgumentException no tracks, or with separate tracks a track that is neither video nor audio
     *     (a multivariant playlist has no place for it)
     */
    public static CmafWriter create(Path dir, List<TrackSpec> tracks, Options options) throws IOException {
        if (tracks == null || tracks.isEmpty()) {
            throw new IllegalArgumentException("a presentation needs at least one track");
        }
        if (options.separateTracks() && tracks.stream().anyMatch(t -> !t.isVideo() && !t.isAudio())) {
            throw new IllegalArgumentException("separate CMAF tracks carry video and audio only; multiplex the others");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write a CMAF presentation into " + dir + ": not a directory");
        }
        CmafWriter w = new CmafWriter(dir, tracks, options);
        for (CmafRendition r : w.renditions) {
            byte[] head = r.head();
            AtomicOutput.write(dir.resolve(r.initName()), ch -> PositionalWrites.writeFully(ch, ByteBuffer.wrap(head)));
        }
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
                : new Sample(s.track(), s.content(), s.dts(), s.compositionOffset(), s.duration(), true);
    }

    private void add(Sample s) throws IOException {
        boolean reference = s.track() == referenceTrack;
        if (reference && spanStart >= 0 && (!cutAtKeyframes || s.sync()) && s.dts() - spanStart >= segmentUnits) {
            writeSegment();
        }
        if (reference && spanStart < 0) {
            spanStart = s.dts();
        }
        for (CmafRendition r : renditions) {
            if (r.carries(s.track())) {
                if (r.bytes() + s.size() > FragmentBuilder.MAX_BYTES) {
                    throw failure.record("adding a sample", new IOException("segment " + sequence + " would pass "
                            + FragmentBuilder.MAX_BYTES + " bytes: choose a shorter segment duration"));
                }
                r.add(s);
            }
        }
    }

    /**
     * Does nothing: a CMAF segment must start with a keyframe, so what is buffered is written when the next
     * segment starts or on close, never cut short.
     */
    @Override
    public void flush() throws IOException {
        failure.check(closed);
    }

    /** Writes the held samples as the last segment and the playlists with {@code EXT-X-ENDLIST}. Idempotent. */
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
        if (renditions.stream().anyMatch(r -> !r.isEmpty())) {
            writeSegment();
        }
        try {
            writePlaylists(true);
        } catch (IOException e) {
            throw failure.record("writing the playlist", e);
        }
    }

    /** Writes every rendition's segment, then the playlists that list them: a listed segment is complete. */
    private void writeSegment() throws IOException {
        long number = sequence++;
        double seconds = renditions.get(0).seconds();
        List<Path> paths = new ArrayList<>();
        long bytes = 0;
        try {
            for (CmafRendition r : renditions) {
                if (!r.isEmpty()) {
                    bytes += r.writeSegment(dir, number, options.segmentIndex());
                    paths.add(dir.resolve(r.segmentName(number)));
                }
            }
            spanStart = -1;
            writePlaylists(false);
            options.listener().segmentWritten(new Segment(number, paths, seconds, bytes));
        } catch (IOException e) {
            throw failure.record("writing segment " + number, e);
        }
    }

    private void writePlaylists(boolean ended) throws IOException {
        for (CmafRendition r : renditions) {
            if (r.playlist().size() > 0) {
                writeText(r.playlistName(), r.playlist().text(ended));
            }
        }
        if (renditions.get(0).playlist().size() > 0 && (options.codecs() != null || options.separateTracks())) {
            writeText(MASTER, master());
        }
    }

    /** The multivariant playlist: one variant (the reference rendition), the other tracks as audio renditions. */
    private String master() {
        StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        double bandwidth = 0;
        for (CmafRendition r : renditions) {
            bandwidth += r.peakBitsPerSecond();
        }
        boolean audioGroup = renditions.size() > 1;
        for (CmafRendition r : renditions.subList(1, renditions.size())) {
            sb.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"").append(r.playlistName(), 0,
                    r.playlistName().length() - 5).append("\",DEFAULT=").append(r == renditions.get(1) ? "YES" : "NO")
                    .append(",AUTOSELECT=YES,URI=\"").append(r.playlistName()).append("\"\n");
        }
        sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, (long) Math.ceil(bandwidth)));
        if (options.codecs() != null) {
            sb.append(",CODECS=\"").append(options.codecs()).append('"');
        }
        for (TrackSpec t : renditions.get(0).specs()) {
            if (t.sampleEntry() instanceof VisualSampleEntry v) {
                sb.append(",RESOLUTION=").append(v.width()).append('x').append(v.height());
                break;
            }
        }
        if (audioGroup) {
            sb.append(",AUDIO=\"audio\"");
        }
        return sb.append('\n').append(renditions.get(0).playlistName()).append('\n').toString();
    }

    private void writeText(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(dir.resolve(name), ch -> PositionalWrites.writeFully(ch, ByteBuffer.wrap(bytes)));
    }
}
