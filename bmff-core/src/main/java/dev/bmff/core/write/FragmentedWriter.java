package dev.bmff.core.write;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieFragmentRandomAccessBox;
import dev.bmff.core.box.MovieFragmentRandomAccessOffsetBox;
import dev.bmff.core.box.TrackFragmentRandomAccessBox;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a fragmented MP4: {@code ftyp} and a {@code moov} without samples, then one {@code moof}+{@code mdat}
 * pair per fragment. Each fragment is complete on its own, so after a crash the file plays up to its last
 * complete fragment; only the fragment being built (at most one, held in memory) is lost.
 *
 * <p>A fragment ends before a keyframe of the first video track, when a track's fragment would reach
 * {@link Options#maxFragmentDuration()} (the only rule without video), and on {@link #flush()}. The last
 * sample of each track waits for the next sample's decode time (its duration) unless the writer is
 * closed. {@link Options#randomAccessIndex()} appends an {@code mfra} at close, and the close writes the
 * durations into the moov (mvhd, tkhd, and an {@code mehd} whose place a {@code free} box kept), so a reader
 * that does not read every fragment (a stream, a player's quick open) knows how long the file is.
 *
 * <pre>{@code
 * try (FragmentedWriter w = FragmentedWriter.create(path, List.of(video, audio), FragmentedWriter.Options.defaults())) {
 *     for (Sample s : samples) w.write(s);
 * }
 * }</pre>
 */
public final class FragmentedWriter extends FragmentFile {
    /**
     * How a fragmented file is written.
     *
     * @param maxFragmentDuration the longest a fragment may get (the fragment length without video)
     * @param durability when fragments are forced to the device
     * @param timelinePolicy what to do with a decode time that does not increase
     * @param randomAccessIndex append an mfra (a tfra per track, then mfro) at close
     * @param movieBoxes movie-level boxes of a file the output copies (its mvhd's times, rate and matrix; udta,
     *     meta...), written in the moov as {@link MovieBuilder#fragmented(List, List)} says; empty by default
     * @param cmaf a CMAF track file: brands {@code cmfc} and {@code iso6}, and every sample of a track other than
     *     video a sync sample (the rest of CMAF's fragment rules every fragmented file keeps); for separate
     *     segments and a playlist see {@link CmafWriter}
     */
    public record Options(Duration maxFragmentDuration, Durability durability, TrackTimeline.Policy timelinePolicy,
            boolean randomAccessIndex, List<Box> movieBoxes, boolean cmaf) {
        public Options {
            movieBoxes = movieBoxes == null ? List.of() : List.copyOf(movieBoxes);
            new FragmentFile.Settings(maxFragmentDuration, durability, timelinePolicy); // checks the values
        }

        /** Options without movie-level boxes to copy, not CMAF. */
        public Options(Duration maxFragmentDuration, Durability durability, TrackTimeline.Policy timelinePolicy,
                boolean randomAccessIndex) {
            this(maxFragmentDuration, durability, timelinePolicy, randomAccessIndex, List.of(), false);
        }

        FragmentFile.Settings settings() {
            return new FragmentFile.Settings(maxFragmentDuration, durability, timelinePolicy, movieBoxes, cmaf);
        }

        /** The same options with the movie-level boxes of a file the output copies. */
        public Options withMovieBoxes(List<Box> boxes) {
            return new Options(maxFragmentDuration, durability, timelinePolicy, randomAccessIndex, boxes, cmaf);
        }

        /** Fragments of at most 2 s, forced after each, repaired times, with an mfra. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(2), Durability.everyFragment(), TrackTimeline.Policy.REPAIR, true);
        }

        public Options withMaxFragmentDuration(Duration d) {
            return new Options(d, durability, timelinePolicy, randomAccessIndex, movieBoxes, cmaf);
        }

        public Options withDurability(Durability d) {
            return new Options(maxFragmentDuration, d, timelinePolicy, randomAccessIndex, movieBoxes, cmaf);
        }

        public Options withTimelinePolicy(TrackTimeline.Policy p) {
            return new Options(maxFragmentDuration, durability, p, randomAccessIndex, movieBoxes, cmaf);
        }

        public Options withRandomAccessIndex(boolean on) {
            return new Options(maxFragmentDuration, durability, timelinePolicy, on, movieBoxes, cmaf);
        }

        public Options withCmaf(boolean on) {
            return new Options(maxFragmentDuration, durability, timelinePolicy, randomAccessIndex, movieBoxes, on);
        }

        FileTypeBox brands() {
            return cmaf ? Brands.cmaf() : Brands.fragmented();
        }
    }

    private final Options options;
    private final List<List<TrackFragmentRandomAccessBox.Entry>> randomAccess = new ArrayList<>();
    /** Where each track's committed samples end. */
    private TrackEnds trackEnds;

    private FragmentedWriter(FileChannel channel, String name, List<TrackSpec> tracks, Options options,
            FragmentStream.WriteHook hook) throws IOException {
        super(channel, name, tracks, Headers.fragmentedHead(options.brands(), tracks, false, options.movieBoxes(),
                null, true), options.settings(), hook);
        this.options = options;
        trackEnds = TrackEnds.empty(tracks.size());
        for (int i = 0; i < tracks.size(); i++) {
            randomAccess.add(new ArrayList<>());
        }
    }

    /** Creates (or truncates) {@code path} and writes the file header. */
    public static FragmentedWriter create(Path path, List<TrackSpec> tracks, Options options) throws IOException {
        return FragmentFile.create(path, (ch, name) -> new FragmentedWriter(ch, name, tracks, options,
                FragmentStream.WriteHook.NONE));
    }

    /** Writes to an open, empty channel (tests inject faults through it); the writer closes it. */
    static FragmentedWriter create(FileChannel channel, List<TrackSpec> tracks, Options options,
            FragmentStream.WriteHook hook) throws IOException {
        return new FragmentedWriter(channel, "channel", tracks, options, hook);
    }

    /** Writes the last fragment and the mfra (when asked). Idempotent; after an I/O error, only closes. */
    @Override
    public void close() throws IOException {
        close("closing", stream -> {
            stream.finish();
            if (options.randomAccessIndex()) {
                PositionalWrites.writeFully(channel(), stream.position(), ByteBuffer.wrap(randomAccessIndex()));
            }
            writeDurations();
            stream.force();
        });
    }

    /**
     * Writes the moov again over itself, now with the durations (mvhd, each tkhd, and the mehd in the place its
     * free box kept). A duration too long for the 32-bit fields would grow the moov: then it stays as it was,
     * and readers count the fragments as they do without an mehd.
     */
    private void writeDurations() throws IOException {
        byte[] before = Headers.fragmentedHead(options.brands(), tracks(), false, options.movieBoxes(), null, true);
        byte[] after = Headers.fragmentedHead(options.brands(), tracks(), false, options.movieBoxes(), trackEnds,
                true);
        if (after.length == before.length) {
            PositionalWrites.writeFully(channel(), 0, ByteBuffer.wrap(after));
        }
    }

    @Override
    void committed(long moofOffset, long sequence, FragmentBuilder.Layout layout) {
        for (FragmentBuilder.Run run : layout.runs()) {
            List<Sample> samples = run.samples();
            trackEnds = trackEnds.with(run.track(), samples);
            for (int i = 0; i < samples.size(); i++) {
                if (samples.get(i).sync()) {
                    // One point per traf: its first sync sample (time as its decode time, like ffmpeg).
                    randomAccess.get(run.track()).add(new TrackFragmentRandomAccessBox.Entry(samples.get(i).dts(),
                            moofOffset, run.trafNumber(), 1, i + 1L));
                    break;
                }
            }
        }
    }

    private byte[] randomAccessIndex() {
        List<Box> children = new ArrayList<>();
        for (int t = 0; t < tracks().size(); t++) {
            children.add(new TrackFragmentRandomAccessBox(1, 0, t + 1L, 4, 4, 4, randomAccess.get(t)));
        }
        // mfro holds the mfra's size, which does not depend on the value: encode, then encode again.
        List<Box> probe = new ArrayList<>(children);
        probe.add(new MovieFragmentRandomAccessOffsetBox(0, 0, 0));
        long size = BoxWriter.toBytes(new MovieFragmentRandomAccessBox(probe)).length;
        children.add(new MovieFragmentRandomAccessOffsetBox(0, 0, size));
        return BoxWriter.toBytes(new MovieFragmentRandomAccessBox(children));
    }
}
