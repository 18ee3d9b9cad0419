package dev.bmff.core.write;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.FileRange;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.io.Segments;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A file read as a writer takes it: its tracks as {@link TrackSpec}s and its samples in the order a muxer
 * interleaves them, each sample's bytes a range of the file until it is {@link #read read}. This is what
 * {@link Remux} copies; anything else that feeds a read file to a writer (a benchmark, a demo, a test) starts here
 * too, so the tracks and times are converted one way.
 *
 * <ul>
 *   <li>Tracks: every track with samples and a sample description, in moov order (so {@link Item#track()} indexes
 *       {@link #specs()} and {@link #tracks()}); handler, timescale, its one sample description (a format the
 *       reader keeps raw is carried as opaque fields), the mdhd language, the edit list, and the source trak
 *       ({@link TrackSpec#source()}).</li>
 *   <li>Times: each track's decode times start at 0 (its first decode time is subtracted); its edit list's media
 *       times move with them, and an edit of duration 0 ("all of it", as fragmented files say it) becomes -1,
 *       which the writer fills in with the media's length. Edit durations are in the source's movie timescale,
 *       which a writer given {@link #movieBoxes()} keeps; {@link #specs(long)} gives them in another.</li>
 *   <li>Order: by decode time in seconds across tracks, the earlier track first on a tie.</li>
 * </ul>
 *
 * <p>Memory grows with the number of samples (the {@link SampleIndex}) and the number of tracks, never with the
 * media: {@link #inFile} gives samples whose bytes the writer copies from the file by the operating system (what
 * {@link Remux} does), and only {@link #read} loads bytes, one sample at a time, for a caller that looks at them.
 *
 * <pre>{@code
 * RemuxSource source = RemuxSource.read(Path.of("in.mp4"));
 * StandardWriter.Options options = StandardWriter.Options.defaults().withMovieBoxes(source.movieBoxes());
 * try (FileChannel in = FileChannel.open(source.file());
 *         Mp4Writer out = StandardWriter.create(Path.of("out.mp4"), source.specs(), options)) {
 *     for (RemuxSource.Item item : source.samples()) {
 *         out.write(source.inFile(in, item));   // or source.read(in, item): the bytes in memory
 *     }
 * }
 * }</pre>
 */
public final class RemuxSource {
    private final Path file;
    private final List<TrackSamples> tracks;
    private final List<TrackSpec> specs;
    private final List<String> paths;
    private final List<Box> movieBoxes;
    private final long movieTimescale;
    /** The file's size when it was read: a sample past it is named before anything is copied. */
    private final long fileSize;

    private RemuxSource(Path file, long fileSize, List<TrackSamples> tracks, List<TrackSpec> specs,
            List<String> paths, List<Box> movieBoxes) {
        this.file = file;
        this.fileSize = fileSize;
        this.tracks = List.copyOf(tracks);
        this.specs = List.copyOf(specs);
        this.paths = List.copyOf(paths);
        this.movieBoxes = List.copyOf(movieBoxes);
        this.movieTimescale = MovieBuilder.movieTimescale(movieBoxes);
    }

    /**
     * A sample of the source, its bytes still in the file.
     *
     * @param track index in {@link #specs()}
     * @param index the sample's index in its track ({@link TrackSamples}), from 0
     * @param bytes where its bytes are in {@link #file()}
     * @param dts decode time in the track's timescale, from the track's first (0)
     * @param compositionOffset presentation time minus decode time
     * @param duration decode duration
     * @param sync true for a sync sample
     * @param seconds {@code dts} in seconds: the order of {@link #samples()}
     */
    public record Item(int track, int index, FileRange bytes, long dts, long compositionOffset, long duration,
            boolean sync, double seconds) {
    }

    /**
     * Reads {@code file} (strictly: a problem throws).
     *
     * @throws BmffFormatException the file cannot be read, or has a track that cannot be copied as it is (several
     *     sample descriptions, one shorter than 8 bytes) or no track with samples
     */
    public static RemuxSource read(Path file) throws IOException {
        return of(file, BoxReader.read(file, ReadOptions.strict()));
    }

    /**
     * Reads {@code segment}, a media segment (CMAF, DASH, HLS fMP4), with the init segment that declares its tracks;
     * the samples are in {@code segment}, the movie boxes those of {@code init}.
     */
    public static RemuxSource readSegment(Path init, Path segment) throws IOException {
        return of(segment, Segments.read(init, segment, ReadOptions.strict()));
    }

    private static RemuxSource of(Path file, ReadResult read) throws IOException {
        SampleIndex index = SampleIndex.of(read);
        BoxNode moov = read.nodes().stream().filter(n -> n.box() instanceof MovieBox).findFirst().orElse(null);
        List<TrackSamples> tracks = new ArrayList<>();
        List<TrackSpec> specs = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            if (t.sampleCount() == 0 || t.sampleDescriptions().isEmpty()) {
                continue;
            }
            BoxNode trak = moov == null ? null : moov.find(t.trackBox()).orElse(null);
            tracks.add(t);
            specs.add(spec(t, trak));
            paths.add(trak == null ? "moov/trak" : trak.path());
        }
        if (tracks.isEmpty()) {
            throw BmffFormatException.malformed(moov == null ? 0 : moov.header().offset(),
                    moov == null ? "" : moov.path(), "no track with samples");
        }
        return new RemuxSource(file, Files.size(file), tracks, specs, paths, read.movie().map(MovieBox::children).orElse(List.of()));
    }

    /** The file the samples' bytes are in (for a media segment, the segment). */
    public Path file() {
        return file;
    }

    /** The tracks copied, in moov order: {@code tracks().get(k)} is the source of {@code specs().get(k)}. */
    public List<TrackSamples> tracks() {
        return tracks;
    }

    /**
     * The tracks as a writer takes them, edit-list durations in {@link #movieTimescale()}: for a writer given
     * {@link #movieBoxes()} (whose mvhd says that timescale).
     */
    public List<TrackSpec> specs() {
        return specs;
    }

    /**
     * {@link #specs()} with edit-list durations in {@code movieTimescale} (rounded): for a writer that writes its own
     * movie header, {@link MovieBuilder#MOVIE_TIMESCALE}.
     */
    public List<TrackSpec> specs(long movieTimescale) {
        if (movieTimescale == this.movieTimescale) {
            return specs;
        }
        List<TrackSpec> out = new ArrayList<>();
        for (TrackSpec s : specs) {
            if (s.editList().isEmpty()) {
                out.add(s);
                continue;
            }
            List<EditListBox.Entry> edits = new ArrayList<>();
            for (EditListBox.Entry e : s.editList()) {
                long d = e.segmentDuration() < 0 ? e.segmentDuration()
                        : MovieBuilder.toMovie(e.segmentDuration(), this.movieTimescale, movieTimescale);
                edits.add(new EditListBox.Entry(d, e.mediaTime(), e.mediaRateInteger(), e.mediaRateFraction()));
            }
            out.add(s.withEditList(edits));
        }
        return List.copyOf(out);
    }

    /** The source's movie-level boxes (mvhd, udta, meta...), for a writer's {@code withMovieBoxes}. */
    public List<Box> movieBoxes() {
        return movieBoxes;
    }

    /** The movie timescale of {@link #specs()}' edit lists: the source's (that of its mvhd). */
    public long movieTimescale() {
        return movieTimescale;
    }

    /** How many samples {@link #samples()} gives. */
    public long sampleCount() {
        long n = 0;
        for (TrackSamples t : tracks) {
            n += t.sampleCount();
        }
        return n;
    }

    /** The bytes of all the samples together. */
    public long sampleBytes() {
        long n = 0;
        for (TrackSamples t : tracks) {
            for (int i = 0; i < t.sampleCount(); i++) {
                n += t.size(i);
            }
        }
        return n;
    }

    /**
     * Every sample of every track, interleaved by decode time in seconds (the earlier track first on a tie), each
     * made when its turn comes: iterating holds one pending sample per track.
     */
    public Iterable<Item> samples() {
        return Interleaved::new;
    }

    /** The samples of every track merged by time, one cursor per track. */
    private final class Interleaved implements Iterator<Item> {
        private record Next(int track, int sample, double seconds) {
        }

        private final PriorityQueue<Next> queue = new PriorityQueue<>((a, b) -> a.seconds() != b.seconds()
                ? Double.compare(a.seconds(), b.seconds()) : Integer.compare(a.track(), b.track()));

        Interleaved() {
            for (int k = 0; k < tracks.size(); k++) {
                queue.add(new Next(k, 0, 0));
            }
        }

        @Override
        public boolean hasNext() {
            return !queue.isEmpty();
        }

        @Override
        public Item next() {
            Next n = queue.poll();
            if (n == null) {
                throw new NoSuchElementException();
            }
            TrackSamples t = tracks.get(n.track());
            int i = n.sample();
            if (i + 1 < t.sampleCount()) {
                queue.add(new Next(n.track(), i + 1, seconds(t, i + 1)));
            }
            return new Item(n.track(), i, new FileRange(t.offset(i), t.size(i)), t.dts(i) - t.dts(0),
                    t.cts(i) - t.dts(i), t.duration(i), t.isSync(i), n.seconds());
        }
    }

    private static double seconds(TrackSamples t, int i) {
        return (double) (t.dts(i) - t.dts(0)) / t.timescale();
    }

    /**
     * The sample {@code item}, its bytes read from {@code channel} (open on {@link #file()}).
     *
     * @throws BmffFormatException the file ends inside the sample, or the sample cannot be written as it is (over
     *     2 GiB, a composition offset beyond 32 bits); it names the sample's offset and its track's box path
     */
    public Sample read(FileChannel channel, Item item) throws IOException {
        return read(channel, item, null);
    }

    /**
     * The sample {@code item}, its bytes left in the file: a range of {@code channel} (open on {@link #file()}, and
     * open until the writer is closed) that the writer copies by the operating system. Nothing is read.
     *
     * @throws BmffFormatException the sample ends past the end of the file (as it was read), or cannot be written as
     *     it is (over 2 GiB, a composition offset beyond 32 bits); it names the sample's offset and its track's box
     *     path
     */
    public Sample inFile(FileChannel channel, Item item) throws BmffFormatException {
        FileRange r = item.bytes();
        if (r.length() > Integer.MAX_VALUE) {
            throw malformed(item, "cannot be copied: " + r.length() + " bytes");
        }
        if (r.end() > fileSize) {
            throw malformed(item, "ends past the end of the file (at " + r.end() + " of " + fileSize + " bytes)");
        }
        return sample(item, new SampleData.InFile(channel, r.offset(), (int) r.length()));
    }

    /** Samples up to this size are read through the caller's reused direct buffer ({@link #read(FileChannel, Item, ByteBuffer[])}). */
    private static final int MAX_REUSED = 16 << 20;

    /**
     * As {@link #read(FileChannel, Item)}, reading through {@code scratch[0]}, a direct buffer reused from sample to
     * sample (made or grown here; null: none): the channel reads into it without a temporary buffer of its own,
     * and the one copy left is the sample's bytes on the heap. A copy loop's way to spare a copy and an allocation
     * per sample.
     */
    Sample read(FileChannel channel, Item item, ByteBuffer[] scratch) throws IOException {
        long length = item.bytes().length();
        if (length > Integer.MAX_VALUE) {
            throw malformed(item, "cannot be copied: " + length + " bytes");
        }
        ByteBuffer b;
        if (scratch != null && length <= MAX_REUSED) {
            if (scratch[0] == null || scratch[0].capacity() < length) {
                scratch[0] = ByteBuffer.allocateDirect(Math.max((int) length, 1 << 20));
            }
            b = scratch[0].clear().limit((int) length);
        } else {
            b = ByteBuffer.allocate((int) length);
        }
        try {
            PositionalReads.readFully(channel, item.bytes().offset(), b);
        } catch (EOFException e) {
            throw malformed(item, "ends past the end of the file (" + e.getMessage() + ")");
        }
        return sample(item, Bytes.copyOf(b.flip()));
    }

    /**
     * {@code item} with {@code data} for bytes (read by the caller, or changed).
     *
     * @throws BmffFormatException the sample's times cannot be written as they are (see {@link Sample})
     */
    public Sample sample(Item item, Bytes data) throws BmffFormatException {
        return sample(item, new SampleData.InMemory(data));
    }

    private Sample sample(Item item, SampleData data) throws BmffFormatException {
        try {
            return new Sample(item.track(), data, item.dts(), Math.toIntExact(item.compositionOffset()),
                    item.duration(), item.sync());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw malformed(item, "cannot be copied: " + e.getMessage());
        }
    }

    /** A malformed-file failure of {@code item}: at its offset, in its track's box path. */
    BmffFormatException malformed(Item item, String detail) {
        return BmffFormatException.malformed(item.bytes().offset(), paths.get(item.track()), "sample "
                + (item.index() + 1) + " of track " + tracks.get(item.track()).trackId() + " " + detail);
    }

    /**
     * The track's spec: handler, timescale, language, its one sample description, its edit list (none when it has
     * none: an automatic one would change the times players show), and the source track, whose boxes that are
     * not about samples (tkhd's matrix, tref, hdlr name, QuickTime media headers, udta) are carried over.
     */
    private static TrackSpec spec(TrackSamples t, BoxNode trak) throws BmffFormatException {
        SampleEntry entry = sampleEntry(t, trak);
        try {
            return new TrackSpec(t.handlerType(), t.timescale(), entry, TrackSpec.languageOf(t.trackBox()),
                    editList(t)).withSource(t.trackBox());
        } catch (IllegalArgumentException e) {
            throw at(trak, BmffFormatException.Kind.UNSUPPORTED, "track " + t.trackId() + " cannot be copied: "
                    + e.getMessage());
        }
    }

    /**
     * The track's one sample description as the writers take it. A format the reader keeps raw (a QuickTime
     * timecode {@code tmcd}, timed metadata such as {@code rtmd}, subtitles) is carried as opaque fields, so no
     * track is dropped on the way.
     */
    private static SampleEntry sampleEntry(TrackSamples t, BoxNode trak) throws BmffFormatException {
        BoxNode stsd = trak == null ? null : trak.first(BoxTypes.STSD).orElse(null);
        if (t.sampleDescriptions().size() > 1) {
            throw at(stsd == null ? trak : stsd, BmffFormatException.Kind.UNSUPPORTED, "track " + t.trackId()
                    + " has several sample descriptions; remuxing keeps one");
        }
        Box d = t.sampleDescriptions().get(0);
        BoxNode entry = stsd == null ? null : stsd.find(d).orElse(null);
        return MetadataSampleEntry.carrying(d).orElseThrow(() -> at(entry == null ? stsd : entry,
                BmffFormatException.Kind.UNSUPPORTED, "track " + t.trackId() + " has a " + d.type()
                        + " sample description that cannot be copied (shorter than 8 bytes)"));
    }

    /**
     * The source's edit list for samples rewritten from decode time 0: media times move by the first decode time;
     * segment durations stay as they are, in the source's movie timescale. An edit of duration 0 ("all of it", as
     * fragmented files say it) becomes -1, which the writer fills in with the media's length.
     */
    private static List<EditListBox.Entry> editList(TrackSamples t) {
        if (t.editList().isEmpty()) {
            return List.of();
        }
        long dts0 = t.dts(0);
        List<EditListBox.Entry> edits = new ArrayList<>();
        for (EditListBox.Entry e : t.editList()) {
            long mediaTime = e.mediaTime() < 0 ? e.mediaTime() : Math.max(0, e.mediaTime() - dts0);
            long d = e.segmentDuration() == 0 && e.mediaTime() >= 0 ? -1 : e.segmentDuration();
            edits.add(new EditListBox.Entry(d, mediaTime, e.mediaRateInteger(), e.mediaRateFraction()));
        }
        return edits;
    }

    private static BmffFormatException at(BoxNode node, BmffFormatException.Kind kind, String detail) {
        return new BmffFormatException(kind, node == null ? 0 : node.header().offset(),
                node == null ? "moov/trak" : node.path(), detail);
    }
}
