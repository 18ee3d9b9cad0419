package dev.bmff.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.function.LongSupplier;

/**
 * Copies a range of one file into another by the operating system ({@code FileChannel.transferTo}: {@code sendfile}
 * or {@code copy_file_range} on Linux), so media bytes never pass through the heap; the one loop that does it. The
 * copied steps are written back to the device while the next ones are copied ({@link EarlyWriteback}), so the force
 * that makes the finished file durable finds little left to do.
 *
 * <pre>{@code
 * ChannelCopy.copy(source, mediaStart, mediaLength, out, done -> bar.update(done));
 * }</pre>
 */
public final class ChannelCopy {
    /** Bytes per {@code transferTo} call: large enough for the kernel's full speed, small enough for progress. */
    public static final long STEP = 64L << 20;

    private ChannelCopy() {
    }

    /** Told how many bytes of the range were copied so far. */
    @FunctionalInterface
    public interface Progress {
        /** Nothing. */
        Progress NONE = done -> { };

        void copied(long done);
    }

    /**
     * Copies {@code length} bytes of {@code source} from {@code start} to {@code target}'s position, which moves past
     * them; neither the source's position nor its content changes.
     *
     * @throws EOFException the source ends before the range does
     */
    public static void copy(FileChannel source, long start, long length, FileChannel target, Progress progress)
            throws IOException {
        try (EarlyWriteback writeback = EarlyWriteback.start(target)) {
            copy(source, start, () -> length, target, writeback, progress);
        }
    }

    /**
     * As {@link #copy(FileChannel, long, long, FileChannel, Progress)}, for a range whose length another thread may
     * lower while it is copied (a copy started before the end of what is wanted was known): {@code length} is read
     * again before each step, and the copy ends at the first step that reaches it.
     *
     * @return the bytes copied: at least the last length read, at most one step more
     */
    public static long copy(FileChannel source, long start, LongSupplier length, FileChannel target,
            Progress progress) throws IOException {
        try (EarlyWriteback writeback = EarlyWriteback.start(target)) {
            return copy(source, start, length, target, writeback, progress);
        }
    }

    /**
     * {@link #copy(FileChannel, long, long, FileChannel, Progress)} with the caller's {@code writeback}, started on
     * {@code target}, asked for a writeback after each step (null: none, the caller asks when it sees fit): for a
     * writer that copies many ranges into one file (a remux, chunk by chunk), so one writeback thread serves them
     * all.
     *
     * <pre>{@code
     * try (EarlyWriteback writeback = EarlyWriteback.start(out)) {
     *     for (FileRange r : ranges) ChannelCopy.copy(in, r.offset(), r.length(), out, writeback, ChannelCopy.Progress.NONE);
     * }
     * }</pre>
     *
     * @throws EOFException the source ends before the range does
     */
    public static void copy(FileChannel source, long start, long length, FileChannel target, EarlyWriteback writeback,
            Progress progress) throws IOException {
        copy(source, start, () -> length, target, writeback, progress);
    }

    /** The one loop. */
    private static long copy(FileChannel source, long start, LongSupplier length, FileChannel target,
            EarlyWriteback writeback, Progress progress) throws IOException {
        long done = 0;
        progress.copied(0);
        for (long end = length.getAsLong(); done < end; end = length.getAsLong()) {
            long n = source.transferTo(start + done, Math.min(STEP, end - done), target);
            if (n <= 0) {
                throw new EOFException("source ended at " + (start + done) + " of " + (start + end) + " bytes");
            }
            done += n;
            if (writeback != null) {
                writeback.request();
            }
            progress.copied(done);
        }
        return done;
    }
}
