package dev.bmff.core.write;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.io.Segments;
import dev.bmff.core.box.MovieBox;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
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
 * times, composition offset and sync flag; every track with samples is kept (timed metadata, timecode), with
 * its sample description, edit list, tref and the boxes this library does not model, and so are the movie's
 * udta and meta. The output appears only when complete: a failure leaves nothing under its name.
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
        Source source = Source.of(in);
        // The fragmented writer writes where it is told, fragment by fragment: a temporary file here, forced and
        // renamed once complete, so a failure leaves nothing under the name asked for.
        Path temp = AtomicOutput.temporaryBeside(out, ".partial");
        boolean done = false;
        try {
            FragmentedWriter.Options options = FragmentedWriter.Options.defaults().withDurability(Durability.none())
                    .withTimelinePolicy(TrackTimeline.Policy.REJECT).withMovieBoxes(source.movieBoxes());
            copy(source, specs -> FragmentedWriter.create(temp, specs, options), progress);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            AtomicOutput.moveIntoPlace(temp, out);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** {@code in} (any layout) as a standard MP4 at {@code out}, moov at the end. */
    public static void toStandard(Path in, Path out) throws IOException {
        toStandard(in, out, Progress.NONE);
    }

    /**
     * {@link #toStandard(Path, Path)}, telling {@code progress} how far the copy has come. The standard writer
     * writes a temporary file and renames it at close; on a failure it is deleted.
     */
    public static void toStandard(Path in, Path out, Progress progress) throws IOException {
        Source source = Source.of(in);
        StandardWriter.Options options = StandardWriter.Options.defaults().withMovieBoxes(source.movieBoxes());
        copy(source, specs -> StandardWriter.create(out, specs, options), progress);
    }

    /**
     * {@code segment}, a media segment (CMAF, DASH, HLS fMP4) read with the init segment that declares its tracks,
     * as a standard MP4 at {@code out}.
     */
    public static void segmentToStandard(Path init, Path segment, Path out, Progress progress) throws IOException {
        SampleIndex index = SampleIndex.of(Segments.read(init, segment, ReadOptions.strict()));
        Source source = new Source(segment, index, movieBoxes(init));
        StandardWriter.Options options = StandardWriter.Options.defaults().withMovieBoxes(source.movieBoxes());
        copy(source, specs -> StandardWriter.create(out, specs, options), progress);
    }

    /** Opens the writer for the tracks read from the input. */
    private interface WriterFactory {
        Mp4Writer open(List<TrackSpec> specs) throws IOException;
    }

    /** The file whose samples are copied, its index, and its movie-level boxes (mvhd, udta, meta...). */
    private record Source(Path data, SampleIndex index, List<Box> movieBoxes) {
        static Source of(Path in) throws IOException {
            ReadResult read = BoxReader.read(in, ReadOptions.strict());
            return new Source(in, SampleIndex.of(read), Remux.movieBoxes(read));
        }
    }

    private static List<Box> movieBoxes(Path file) throws IOException {
        return movieBoxes(BoxReader.read(file, ReadOptions.strict()));
    }

    private static List<Box> movieBoxes(ReadResult read) {
        return read.movie().map(MovieBox::children).orElse(List.of());
    }

    private static void copy(Source source, WriterFactory factory, Progress progress) throws IOException {
        SampleIndex index = source.index();
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
        PriorityQueue<Next> queue = new PriorityQueue<>((a, b) -> a.time() != b.time()
                ? Double.compare(a.time(), b.time()) : Integer.compare(a.track(), b.track()));
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
        Mp4Writer writer = factory.open(specs);
        try (FileChannel src = FileChannel.open(source.data())) {
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
                try {
                    writer.write(new Sample(n.track(), Bytes.of(data.array()), t.dts(i) - dts0,
                            Math.toIntExact(t.cts(i) - t.dts(i)), t.duration(i), t.isSync(i)));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    // The input's own times or sizes, not a bug: say which sample, as for any malformed file.
                    throw new BmffFormatException(BmffFormatException.Kind.MALFORMED, t.offset(i), "",
                            "sample " + (i + 1) + " of track " + t.trackId() + " cannot be copied: " + e.getMessage());
                }
                if (i + 1 < t.sampleCount()) {
                    queue.add(new Next(n.track(), i + 1, seconds(t, i + 1)));
                }
                copied += t.size(i);
                if (copied - reported >= PROGRESS_STEP) {
                    progress.progress(copied, total);
                    reported = copied;
                }
            }
            writer.close();
        } catch (IOException | RuntimeException | Error e) {
            abandon(writer, e);
            throw e;
        }
        progress.progress(total, total);
    }

    /** After a failure: no finished file may come out of it (closing a standard writer would rename it into place). */
    private static void abandon(Mp4Writer writer, Throwable failure) {
        try {
            if (writer instanceof StandardWriter w) {
                w.abandon();
            } else {
                writer.close(); // a fragmented writer writes to our temporary file, deleted by the caller
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The track's sample description as the writers take it. A format the reader keeps raw (a QuickTime timecode
     * {@code tmcd}, timed metadata such as {@code rtmd}, subtitles) is carried as opaque fields, so no track is
     * dropped on the way.
     */
    static SampleEntry sampleEntry(TrackSamples t) throws BmffFormatException {
        Box d = t.sampleDescriptions().get(0);
        return MetadataSampleEntry.carrying(d).orElseThrow(() -> new BmffFormatException(
                BmffFormatException.Kind.UNSUPPORTED, 0, "moov/trak/mdia/minf/stbl/stsd", "track " + t.trackId()
                        + " has a " + d.type() + " sample description that cannot be copied (shorter than 8 bytes)"));
    }

    private static double seconds(TrackSamples t, int i) {
        return (double) (t.dts(i) - t.dts(0)) / t.timescale();
    }

    /**
     * The track's spec: handler, timescale, language, its one sample description, its edit list (none when it has
     * none: an automatic one would change the times players show), and the source track, whose boxes that are
     * not about samples (tkhd's matrix, tref, hdlr name, QuickTime media headers, udta) are carried over.
     */
    private static TrackSpec spec(TrackSamples t, SampleEntry entry) {
        String language = t.trackBox().first(MediaBox.class).flatMap(m -> m.first(MediaHeaderBox.class))
                .map(MediaHeaderBox::languageCode).filter(c -> c.matches("[a-z]{3}")).orElse(null);
        return new TrackSpec(t.handlerType(), t.timescale(), entry, language == null ? "und" : language,
                editList(t)).withSource(t.trackBox());
    }

    /**
     * The source's edit list for samples rewritten from decode time 0: media times move by the first decode time;
     * segment durations stay as they are, in the source's movie timescale, which the output keeps (its mvhd is
     * among the movie boxes the writer copies). An edit of duration 0 ("all of it", as fragmented files say it)
     * becomes -1, which the writer fills in with the media's length.
     */
    static List<EditListBox.Entry> editList(TrackSamples t) {
        if (t.editList().isEmpty()) {
            return List.of();
        }
        long dts0 = t.sampleCount() == 0 ? 0 : t.dts(0);
        List<EditListBox.Entry> edits = new ArrayList<>();
        for (EditListBox.Entry e : t.editList()) {
            long mediaTime = e.mediaTime() < 0 ? e.mediaTime() : Math.max(0, e.mediaTime() - dts0);
            long d = e.segmentDuration() == 0 && e.mediaTime() >= 0 ? -1 : e.segmentDuration();
            edits.add(new EditListBox.Entry(d, mediaTime, e.mediaRateInteger(), e.mediaRateFraction()));
        }
        return edits;
    }
}
