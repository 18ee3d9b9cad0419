package dev.bmff.core.write;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Rewrites a file in another layout without touching its media bytes: a standard MP4 into a fragmented
 * one, or a fragmented (or hybrid) one into a standard MP4. Every sample is copied as it is, with its
 * times, composition offset and sync flag; sample descriptions and edit lists are kept.
 *
 * <pre>{@code
 * Remux.toFragmented(Path.of("in.mp4"), Path.of("frag.mp4"));
 * Remux.toStandard(Path.of("frag.mp4"), Path.of("plain.mp4"), (done, total) -> System.err.print("\r" + 100 * done / total + "%"));
 * }</pre>
 */
public final class Remux {
    private Remux() {
    }

    /** Copying every few mebibytes between progress reports keeps the calls cheap on any file size. */
    private static final long PROGRESS_STEP = 4L << 20;

    /** Told how many sample bytes were copied of how many; called every few mebibytes and once at the end. */
    @FunctionalInterface
    public interface Progress {
        /** Nothing. */
        Progress NONE = (done, total) -> { };

        /**
         * @param done sample bytes copied so far
         * @param total sample bytes to copy in all
         */
        void progress(long done, long total);
    }

    /** {@code in} (any layout) as a fragmented MP4 at {@code out}, with fragments cut at video keyframes. */
    public static void toFragmented(Path in, Path out) throws IOException {
        toFragmented(in, out, Progress.NONE);
    }

    /** {@link #toFragmented(Path, Path)}, telling {@code progress} how far the copy has come. */
    public static void toFragmented(Path in, Path out, Progress progress) throws IOException {
        copy(in, specs -> FragmentedWriter.create(out, specs, FragmentedWriter.Options.defaults()), progress);
    }

    /** {@code in} (any layout) as a standard MP4 at {@code out}, moov at the end. */
    public static void toStandard(Path in, Path out) throws IOException {
        toStandard(in, out, Progress.NONE);
    }

    /** {@link #toStandard(Path, Path)}, telling {@code progress} how far the copy has come. */
    public static void toStandard(Path in, Path out, Progress progress) throws IOException {
        copy(in, specs -> StandardWriter.create(out, specs, StandardWriter.Options.defaults()), progress);
    }

    /** Opens the writer for the tracks read from the input. */
    private interface WriterFactory {
        Mp4Writer open(List<TrackSpec> specs) throws IOException;
    }

    private static void copy(Path in, WriterFactory factory, Progress progress) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(in, ReadOptions.strict()));
        List<TrackSamples> tracks = new ArrayList<>();
        List<TrackSpec> specs = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            if (t.sampleCount() == 0 || t.sampleDescriptions().isEmpty()) {
                continue;
            }
            SampleEntry entry = sampleEntry(t);
            if (t.sampleDescriptions().size() > 1) {
                throw new BmffFormatException(BmffFormatException.Kind.UNSUPPORTED, 0, "moov/trak",
                        "track " + t.trackId() + " has several sample descriptions; remuxing keeps one");
            }
            tracks.add(t);
            specs.add(spec(t, entry));
        }
        if (tracks.isEmpty()) {
            throw new BmffFormatException(BmffFormatException.Kind.MALFORMED, 0, "", "no track with samples");
        }
        // Samples go out in decode-time order across tracks (compared in seconds), as a muxer would.
        record Next(int track, int sample, double time) {
        }
        PriorityQueue<Next> queue = new PriorityQueue<>((a, b) -> Double.compare(a.time(), b.time()));
        for (int k = 0; k < tracks.size(); k++) {
            queue.add(new Next(k, 0, seconds(tracks.get(k), 0)));
        }
        long total = 0;
        for (TrackSamples t : tracks) {
            for (int i = 0; i < t.sampleCount(); i++) {
                total += t.size(i);
            }
        }
        long copied = 0;
        long reported = 0;
        progress.progress(0, total);
        try (FileChannel src = FileChannel.open(in); Mp4Writer writer = factory.open(specs)) {
            while (!queue.isEmpty()) {
                Next n = queue.poll();
                TrackSamples t = tracks.get(n.track());
                int i = n.sample();
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(t.size(i)));
                long pos = t.offset(i);
                while (data.hasRemaining()) {
                    int r = src.read(data, pos);
                    if (r < 0) {
                        throw new BmffFormatException(BmffFormatException.Kind.MALFORMED, pos, "mdat",
                                "sample " + i + " of track " + t.trackId() + " ends past the end of the file");
                    }
                    pos += r;
                }
                long dts0 = t.dts(0);
                writer.write(new Sample(n.track(), Bytes.of(data.array()), t.dts(i) - dts0,
                        Math.toIntExact(t.cts(i) - t.dts(i)), t.duration(i), t.isSync(i)));
                if (i + 1 < t.sampleCount()) {
                    queue.add(new Next(n.track(), i + 1, seconds(t, i + 1)));
                }
                copied += t.size(i);
                if (copied - reported >= PROGRESS_STEP) {
                    progress.progress(copied, total);
                    reported = copied;
                }
            }
        }
        progress.progress(total, total);
    }

    /**
     * The track's sample description as the writers take it. A format the reader keeps raw (a QuickTime timecode
     * {@code tmcd}, timed metadata such as {@code rtmd}, subtitles) is carried as opaque fields, so no track is
     * dropped on the way.
     */
    static SampleEntry sampleEntry(TrackSamples t) throws BmffFormatException {
        Box d = t.sampleDescriptions().get(0);
        if (d instanceof SampleEntry entry) {
            return entry;
        }
        if (d instanceof RawBox raw) {
            try {
                return MetadataSampleEntry.of(raw);
            } catch (IllegalArgumentException e) {
                throw new BmffFormatException(BmffFormatException.Kind.MALFORMED, 0, "moov/trak/mdia/minf/stbl/stsd",
                        "track " + t.trackId() + ": " + e.getMessage());
            }
        }
        throw new BmffFormatException(BmffFormatException.Kind.UNSUPPORTED, 0, "moov/trak/mdia/minf/stbl/stsd",
                "track " + t.trackId() + " has a " + d.type() + " sample description that cannot be copied");
    }

    private static double seconds(TrackSamples t, int i) {
        return (double) (t.dts(i) - t.dts(0)) / t.timescale();
    }

    /** The track's spec: handler, timescale, language, its one sample description, its edit list. */
    private static TrackSpec spec(TrackSamples t, SampleEntry entry) {
        String language = t.trackBox().first(MediaBox.class).flatMap(m -> m.first(MediaHeaderBox.class))
                .map(MediaHeaderBox::languageCode).orElse(null);
        List<EditListBox.Entry> edits = null;
        if (!t.editList().isEmpty() && t.movieTimescale() > 0) {
            edits = new ArrayList<>();
            for (EditListBox.Entry e : t.editList()) {
                // Segment durations are in the source's movie timescale; ours is MovieBuilder's.
                long d = Math.round((double) e.segmentDuration() * MovieBuilder.MOVIE_TIMESCALE / t.movieTimescale());
                // Samples are rewritten from decode time 0, so media times move by the first dts too.
                long mediaTime = e.mediaTime() < 0 ? e.mediaTime() : Math.max(0, e.mediaTime() - t.dts(0));
                edits.add(new EditListBox.Entry(t.editList().size() == 1 ? -1 : d, mediaTime,
                        e.mediaRateInteger(), e.mediaRateFraction()));
            }
        }
        return new TrackSpec(t.handlerType(), t.timescale(), entry, language == null ? "und" : language, edits);
    }
}
