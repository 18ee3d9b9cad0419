package dev.bmff.core.write;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ChannelCopy;
import dev.bmff.core.io.PositionalWrites;
import dev.bmff.core.table.SampleTableBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a standard (non-fragmented) MP4: {@code ftyp}, one {@code mdat} with the samples in chunks of
 * about {@link Options#chunkDuration()} per track, and at close the {@code moov} with complete compact
 * sample tables (from the shared {@link SampleTableBuilder}), {@code co64} when an offset needs 64 bits
 * and an edit list that starts presentation at 0 when B-frames delay the first picture.
 *
 * <p>The file is written to a temporary file beside {@code out} and renamed into place by
 * {@link #close()}, so {@code out} is either absent (or its old content) or complete. Until then the
 * recording has no index: a crash leaves a temporary file that only a repair can read (choose the hybrid
 * or fragmented writer when a crash must leave a playable file).
 *
 * <p>Media data is held in memory one chunk per track at most. The 16 bytes in front of the media data
 * are reserved so the {@code mdat} header can become a 64-bit one at close without moving any sample;
 * with {@link Options#faststart()} the moov goes before the media data, which is copied once into a
 * second temporary file by the operating system ({@code FileChannel.transferTo}), never through memory.
 *
 * <p>Interleaving: each track collects its samples into a chunk and the chunk is written as soon as it
 * lasts {@link Options#chunkDuration()} (or holds {@link Options#maxChunkBytes()}), so chunks lie on disk
 * in the order the tracks fill them; fed in arrival order, the tracks alternate about every half second.
 * At flush and close the open chunks are written in the order of their first decode time.
 *
 * <p>Times: each track's presentation starts at its first decode time (the edit list skips a B-frame
 * delay); the file's zero is the earliest of these starts (in seconds), and a track that starts later
 * (audio captured 0.2 s after the first picture) gets an empty edit of its delay, so it plays as late as
 * it was recorded.
 *
 * <pre>{@code
 * TrackSpec video = TrackSpec.video(VideoSampleEntries.avc(avcC, false, Bitrate.NONE), 90_000);
 * try (StandardWriter w = StandardWriter.create(Path.of("out.mp4"), List.of(video),
 *         StandardWriter.Options.defaults().withFaststart(true))) {
 *     w.write(new Sample(0, Bytes.of(accessUnit), dts, cts - dts, Sample.UNKNOWN_DURATION, keyframe));
 * }
 * }</pre>
 */
public final class StandardWriter implements Mp4Writer {
    /**
     * How the writer lays out and protects the file.
     *
     * @param chunkDuration a track's chunk is written once its samples last this long (0.5 s by default)
     * @param maxChunkBytes ... or once they hold this many bytes (8 MiB by default): bounds the memory used
     * @param faststart put the moov before the media data (a second pass at close)
     * @param timestampPolicy what to do with a decode time that does not increase
     * @param durability when to force written chunks to the device; the finished file is always forced
     *     before it is renamed into place
     * @param lastSampleDurations per track index, the duration of a track's last sample when the caller
     *     gave none and the track has a single sample (with more, the last repeats the one before it);
     *     a track not in the map uses {@code timescale / 25}
     * @param movieBoxes movie-level boxes of a file the output copies (its mvhd's times, rate and matrix; udta,
     *     meta...), written as {@link MovieBuilder#standard(List, List, List)} says; empty by default
     */
    public record Options(Duration chunkDuration, long maxChunkBytes, boolean faststart,
            TrackTimeline.Policy timestampPolicy, Durability durability, Map<Integer, Long> lastSampleDurations,
            List<Box> movieBoxes) {
        public Options {
            movieBoxes = movieBoxes == null ? List.of() : List.copyOf(movieBoxes);
            if (chunkDuration == null || chunkDuration.isNegative() || chunkDuration.isZero()) {
                throw new IllegalArgumentException("chunk duration must be positive: " + chunkDuration);
            }
            if (maxChunkBytes < 1) {
                throw new IllegalArgumentException("max chunk bytes must be positive: " + maxChunkBytes);
            }
            if (timestampPolicy == null || durability == null || lastSampleDurations == null) {
                throw new IllegalArgumentException("timestamp policy, durability and last durations are required");
            }
            lastSampleDurations = Map.copyOf(lastSampleDurations);
            for (long d : lastSampleDurations.values()) {
                if (d < 0 || d > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("a last sample duration must be 0 to 2^32 - 1: " + d);
                }
            }
        }

        /** Options without movie-level boxes to copy. */
        public Options(Duration chunkDuration, long maxChunkBytes, boolean faststart,
                TrackTimeline.Policy timestampPolicy, Durability durability, Map<Integer, Long> lastSampleDurations) {
            this(chunkDuration, maxChunkBytes, faststart, timestampPolicy, durability, lastSampleDurations, List.of());
        }

        /** The same options with the movie-level boxes of a file the output copies. */
        public Options withMovieBoxes(List<Box> boxes) {
            return new Options(chunkDuration, maxChunkBytes, faststart, timestampPolicy, durability,
                    lastSampleDurations, boxes);
        }

        /** 0.5 s / 8 MiB chunks, moov at the end, non-increasing decode times rejected, forced at close only. */
        public static Options defaults() {
            return new Options(Duration.ofMillis(500), 8L << 20, false, TrackTimeline.Policy.REJECT,
                    Durability.none(), Map.of());
        }

        public Options withChunkDuration(Duration d) {
            return new Options(d, maxChunkBytes, faststart, timestampPolicy, durability,
                    lastSampleDurations, movieBoxes);
        }

        public Options withMaxChunkBytes(long n) {
            return new Options(chunkDuration, n, faststart, timestampPolicy, durability,
                    lastSampleDurations, movieBoxes);
        }

        public Options withFaststart(boolean on) {
            return new Options(chunkDuration, maxChunkBytes, on, timestampPolicy, durability,
                    lastSampleDurations, movieBoxes);
        }

        public Options withTimestampPolicy(TrackTimeline.Policy p) {
            return new Options(chunkDuration, maxChunkBytes, faststart, p, durability, lastSampleDurations, movieBoxes);
        }

        public Options withDurability(Durability d) {
            return new Options(chunkDuration, maxChunkBytes, faststart, timestampPolicy, d,
                    lastSampleDurations, movieBoxes);
        }

        /** The same options with {@code duration} as track {@code track}'s lone-last-sample duration. */
        public Options withLastSampleDuration(int track, long duration) {
            Map<Integer, Long> m = new HashMap<>(lastSampleDurations);
            m.put(track, duration);
            return new Options(chunkDuration, maxChunkBytes, faststart, timestampPolicy, durability, m, movieBoxes);
        }
    }

    /** One track's state: its timeline, its tables, and its open chunk. */
    private static final class Track {
        final TrackSpec spec;
        final TrackTimeline timeline;
        final SampleTableBuilder tables = new SampleTableBuilder();
        final ChunkBuffer chunk = new ChunkBuffer();
        final long chunkUnits;
        long minCts = Long.MAX_VALUE;
        long firstDts = -1;

        Track(int index, TrackSpec spec, Options o) {
            this.spec = spec;
            long last = o.lastSampleDurations().getOrDefault(index, Math.max(1, spec.timescale() / 25));
            this.timeline = new TrackTimeline(index, o.timestampPolicy(), last);
            // Rounded up so a chunk is never shorter than asked; at least one unit.
            long units = (long) Math.ceil(o.chunkDuration().toNanos() / 1e9 * spec.timescale());
            this.chunkUnits = Math.max(1, units);
        }
    }

    private final Path out;
    private final Path temp;
    private final List<TrackSpec> specs;
    private final List<Track> tracks;
    private final Options options;
    private final FileChannel channel;
    private final SampleOutput sampleOut;
    private final long headerOffset;
    private long position;
    private long lastForce = System.nanoTime();
    private boolean closed;
    private IOException failure;

    private StandardWriter(Path out, Path temp, List<TrackSpec> specs, Options options, FileChannel channel,
            long headerOffset) {
        this.out = out;
        this.temp = temp;
        this.specs = specs;
        this.options = options;
        this.channel = channel;
        // A faststart file's first pass is copied again and deleted: writing it back early would be wasted.
        this.sampleOut = new SampleOutput(channel, !options.faststart());
        this.headerOffset = headerOffset;
        this.position = headerOffset + MediaDataHeader.RESERVED;
        List<Track> t = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            t.add(new Track(i, specs.get(i), options));
        }
        this.tracks = t;
    }

    /**
     * Starts a standard file that will be {@code out} once closed. {@code out}'s directory must exist;
     * an existing {@code out} is replaced only at close.
     *
     * @param tracks the tracks, indexed by {@link Sample#track()}; at least one
     */
    public static StandardWriter create(Path out, List<TrackSpec> tracks, Options options) throws IOException {
        if (tracks == null || tracks.isEmpty()) {
            throw new IllegalArgumentException("a file needs at least one track");
        }
        if (options == null) {
            throw new IllegalArgumentException("options are required (Options.defaults())");
        }
        List<TrackSpec> specs = List.copyOf(tracks);
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": its directory does not exist");
        }
        Path temp = besideTarget(target, ".partial");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ);
            byte[] ftyp = BoxWriter.toBytes(FileBrands.forTracks(specs));
            PositionalWrites.writeFully(ch, 0, ByteBuffer.wrap(ftyp));
            PositionalWrites.writeFully(ch, ftyp.length, MediaDataHeader.placeholder());
            return new StandardWriter(target, temp, specs, options, ch, ftyp.length);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public List<TrackSpec> tracks() {
        return specs;
    }

    /**
     * Takes the next sample of its track (decode order per track). It is written when its track's chunk
     * is full; the last sample of each track waits for the next one (or close) to know its duration.
     *
     * @throws IllegalArgumentException the track index is out of range, or a decode time does not
     *     increase under {@link TrackTimeline.Policy#REJECT}
     * @throws IOException the writer is closed or failed earlier, or the write failed
     */
    @Override
    public void write(Sample sample) throws IOException {
        ensureOpen();
        if (sample.track() >= tracks.size()) {
            throw new IllegalArgumentException("sample for track " + sample.track() + ", but the writer has "
                    + tracks.size() + " track(s) (0 to " + (tracks.size() - 1) + ")");
        }
        Track t = tracks.get(sample.track());
        Sample ready = t.timeline.push(sample);
        if (ready != null) {
            t.chunk.add(ready);
            if (t.chunk.duration() >= t.chunkUnits || t.chunk.bytes() >= options.maxChunkBytes()) {
                guarded(() -> writeChunk(t));
            }
        }
    }

    /**
     * Writes every open chunk and forces the file to the device unless durability is {@code none}. The
     * last sample of each track stays in memory: its decode time must be checked against the next one.
     */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        guarded(() -> {
            writeOpenChunks();
            if (options.durability().mode() != Durability.Mode.NONE) {
                force();
            }
        });
    }

    /**
     * Writes the last samples, the final mdat header and the moov, forces the file and renames it to the
     * target. Idempotent. After a failed write, the temporary file is left for a repair and close throws.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failure != null) {
            sampleOut.close();
            channel.close();
            throw new IOException("an earlier write failed; the partial recording is left in " + temp
                    + " (no moov: repair it)", failure);
        }
        try {
            for (Track t : tracks) {
                Sample last = t.timeline.finish();
                if (last != null) {
                    t.chunk.add(last);
                }
            }
            writeOpenChunks();
            sampleOut.close();
            long mediaBytes = position - headerOffset - MediaDataHeader.RESERVED;
            PositionalWrites.writeFully(channel, headerOffset, MediaDataHeader.finalHeader(mediaBytes));
            List<MovieBuilder.TrackMedia> media = new ArrayList<>();
            for (Track t : tracks) {
                media.add(new MovieBuilder.TrackMedia(t.tables, t.minCts == Long.MAX_VALUE ? 0 : t.minCts,
                        Math.max(0, t.firstDts)));
            }
            if (options.faststart()) {
                finishFaststart(media);
            } else {
                byte[] moov = BoxWriter.toBytes(MovieBuilder.standard(specs, media, options.movieBoxes()));
                PositionalWrites.writeFully(channel, position, ByteBuffer.wrap(moov));
                channel.force(true);
                channel.close();
                moveIntoPlace(temp);
            }
        } catch (IOException e) {
            sampleOut.close();
            channel.close();
            throw new IOException("could not finish " + out + "; the partial recording is left in " + temp
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            sampleOut.close();
            channel.close();
            throw e;
        }
    }

    /** Second pass: ftyp, moov, then the reserved header and media data copied by the OS. */
    private void finishFaststart(List<MovieBuilder.TrackMedia> media) throws IOException {
        FastStartLayout.Placed placed = FastStartLayout.place(specs, media, options.movieBoxes());
        Path second = besideTarget(out, ".faststart");
        try (FileChannel dst = FileChannel.open(second, StandardOpenOption.WRITE)) {
            FileTypeBox ftyp = FileBrands.forTracks(specs);
            byte[] ftypBytes = BoxWriter.toBytes(ftyp);
            PositionalWrites.writeFully(dst, 0, ByteBuffer.wrap(ftypBytes));
            PositionalWrites.writeFully(dst, ftypBytes.length, ByteBuffer.wrap(placed.moov()));
            long from = headerOffset;
            long to = ftypBytes.length + placed.moov().length;
            long length = position - headerOffset;
            dst.position(to);
            ChannelCopy.copy(channel, from, length, dst, ChannelCopy.Progress.NONE);
            dst.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(second);
            throw e;
        }
        channel.close();
        moveIntoPlace(second);
        Files.deleteIfExists(temp);
    }

    private static Path besideTarget(Path target, String suffix) throws IOException {
        return AtomicOutput.temporaryBeside(target, suffix);
    }

    private void moveIntoPlace(Path file) throws IOException {
        AtomicOutput.moveIntoPlace(file, out);
    }

    /**
     * Gives up: closes the file and deletes the temporary file, so nothing is left where the output was asked
     * for. For a caller that copies a whole file and met an error on the way (a remux), not for a recording,
     * whose partial file a repair can still read. Idempotent; after {@link #close()} it does nothing.
     */
    void abandon() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        sampleOut.close();
        channel.close();
        Files.deleteIfExists(temp);
    }

    /** Writes open chunks in the order of their first decode time in seconds, so the tracks interleave. */
    private void writeOpenChunks() throws IOException {
        List<Track> open = new ArrayList<>();
        for (Track t : tracks) {
            if (!t.chunk.isEmpty()) {
                open.add(t);
            }
        }
        open.sort((a, b) -> Double.compare((double) a.chunk.firstDts() / a.spec.timescale(),
                (double) b.chunk.firstDts() / b.spec.timescale()));
        for (Track t : open) {
            writeChunk(t);
        }
    }

    private void writeChunk(Track t) throws IOException {
        ChunkBuffer c = t.chunk;
        if (c.isEmpty()) {
            return;
        }
        channel.position(position);
        sampleOut.write(null, c.samples());
        t.tables.startChunk(position, 1);
        for (Sample s : c.samples()) {
            t.tables.addSample(s.size(), s.duration(), s.compositionOffset(), s.sync());
            if (t.firstDts < 0) {
                t.firstDts = s.dts();
            }
            // The tables count decode time from the track's first sample, so its presentation times do too.
            t.minCts = Math.min(t.minCts, s.cts() - t.firstDts);
        }
        position += c.bytes();
        c.clear();
        if (options.durability().due(System.nanoTime() - lastForce)) {
            force();
        }
    }

    private void force() throws IOException {
        channel.force(false);
        lastForce = System.nanoTime();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the writer of " + out + " is closed");
        }
        if (failure != null) {
            throw new IOException("an earlier write to " + temp + " failed", failure);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs {@code a}; an I/O error is remembered so every later call fails the same way. */
    private void guarded(IoAction a) throws IOException {
        try {
            a.run();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Test hook: leaves {@code bytes} unreferenced (a sparse hole) in the media data, to pass 4 GiB cheaply. */
    void skipMediaBytesForTest(long bytes) throws IOException {
        ensureOpen();
        writeOpenChunks();
        position = Math.addExact(position, bytes);
    }
}
