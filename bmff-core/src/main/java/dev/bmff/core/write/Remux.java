package dev.bmff.core.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Rewrites a file in another layout without touching its media bytes: a standard MP4 into a fragmented
 * one, or a fragmented (or hybrid) one into a standard MP4. Every sample is copied as it is, with its
 * times, composition offset and sync flag; every track with samples is kept (timed metadata, timecode), with
 * its sample description, edit list, tref and the boxes this library does not model, and so are the movie's
 * udta and meta. The output appears only when complete: a failure leaves nothing under its name. What is
 * copied, and in which order, is {@link RemuxSource}: to feed a read file to a writer of your own, start there.
 *
 * <p>The media bytes never pass through the Java heap: each sample goes to the writer as a range of the input
 * ({@link RemuxSource#inFile}), and the writer has the operating system copy each chunk (standard output) or each
 * fragment's runs (fragmented output) in one range, written back to the device while the copy goes on, so the
 * force before the rename finds little left. Only the sample tables are read.
 *
 * <pre>{@code
 * Remux.toFragmented(Path.of("in.mp4"), Path.of("frag.mp4"));
 * Remux.toStandard(Path.of("frag.mp4"), Path.of("plain.mp4"), (done, total) -> System.err.print("\r" + 100 * done / total + "%"));
 * }</pre>
 */
public final class Remux {
    private Remux() {
    }

    /**
     * How the samples' bytes reach the writer: as ranges of the input the kernel copies (what every public method
     * does), or read into memory one by one (the reference twin the tests compare with: the same file comes out).
     */
    enum Copy {
        KERNEL,
        HEAP
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
        toFragmented(in, out, progress, Copy.KERNEL);
    }

    static void toFragmented(Path in, Path out, Progress progress, Copy how) throws IOException {
        RemuxSource source = RemuxSource.read(in);
        // The fragmented writer writes where it is told, fragment by fragment: a temporary file here, forced and
        // renamed once complete, so a failure leaves nothing under the name asked for. The writer wrote the copied
        // ranges back while it copied (early writeback), so this force waits only for the last ones.
        Path temp = AtomicOutput.temporaryBeside(out, ".partial");
        boolean done = false;
        try {
            FragmentedWriter.Options options = FragmentedWriter.Options.defaults().withDurability(Durability.none())
                    .withTimelinePolicy(TrackTimeline.Policy.REJECT).withMovieBoxes(source.movieBoxes());
            copy(source, specs -> FragmentedWriter.create(temp, specs, options), progress, how);
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
        toStandard(in, out, progress, Copy.KERNEL);
    }

    static void toStandard(Path in, Path out, Progress progress, Copy how) throws IOException {
        toStandard(RemuxSource.read(in), out, progress, how);
    }

    /**
     * {@code segment}, a media segment (CMAF, DASH, HLS fMP4) read with the init segment that declares its tracks,
     * as a standard MP4 at {@code out}.
     */
    public static void segmentToStandard(Path init, Path segment, Path out, Progress progress) throws IOException {
        segmentToStandard(init, segment, out, progress, Copy.KERNEL);
    }

    static void segmentToStandard(Path init, Path segment, Path out, Progress progress, Copy how)
            throws IOException {
        toStandard(RemuxSource.readSegment(init, segment), out, progress, how);
    }

    private static void toStandard(RemuxSource source, Path out, Progress progress, Copy how) throws IOException {
        StandardWriter.Options options = StandardWriter.Options.defaults().withMovieBoxes(source.movieBoxes());
        copy(source, specs -> StandardWriter.create(out, specs, options), progress, how);
    }

    /** Opens the writer for the tracks read from the input. */
    private interface WriterFactory {
        Mp4Writer open(List<TrackSpec> specs) throws IOException;
    }

    /** Every sample of {@code source}, in its order, through the writer {@code factory} opens, closed at the end. */
    private static void copy(RemuxSource source, WriterFactory factory, Progress progress, Copy how)
            throws IOException {
        long total = source.sampleBytes();
        long copied = 0;
        long reported = 0;
        progress.progress(0, total);
        Mp4Writer writer = factory.open(source.specs());
        ByteBuffer[] scratch = new ByteBuffer[1];
        FileChannel src;
        try {
            src = FileChannel.open(source.file());
        } catch (IOException | RuntimeException e) {
            abandon(writer, e);
            throw e;
        }
        // The writer copies from src until it is closed: abandoned (on a failure) while src is still open.
        try (src) {
            try {
                for (RemuxSource.Item item : source.samples()) {
                    Sample sample = how == Copy.KERNEL ? source.inFile(src, item) : source.read(src, item, scratch);
                    try {
                        writer.write(sample);
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        // The input's own times or sizes, not a bug: say which sample, as for any malformed file.
                        throw source.malformed(item, "cannot be copied: " + e.getMessage());
                    }
                    copied += item.bytes().length();
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
}
