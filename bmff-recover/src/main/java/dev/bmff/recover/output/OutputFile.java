package dev.bmff.recover.output;

import dev.bmff.core.box.Box;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ChannelCopy;
import dev.bmff.core.io.MdatHeader;
import dev.bmff.core.io.PositionalWrites;
import dev.bmff.core.write.AtomicOutput;
import dev.bmff.recover.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the repaired file atomically: a temporary file in the output's directory receives ftyp, an mdat with the
 * media bytes copied from the broken file (the channel copies them; they never pass through the heap), and the
 * moov; it is flushed to disk and renamed over the output ({@link AtomicOutput}: the permissions follow the umask,
 * as for a file the writers create). On any failure the temporary file is deleted, so no output is left behind.
 */
public final class OutputFile {
    private OutputFile() {
    }

    /** The size of the mdat header for {@code mediaLength} bytes: a 64-bit largesize only when needed. */
    public static int mdatHeaderSize(long mediaLength) {
        return MdatHeader.sizeFor(mediaLength);
    }

    public static void write(Path out, List<Box> before, FileChannel source, long mediaStart, long mediaLength, Box after)
            throws IOException {
        write(out, before, source, mediaStart, mediaLength, after, ProgressListener.NONE);
    }

    /** As above, telling {@code progress} how many media bytes were copied (in steps of {@link #STEP}). */
    public static void write(Path out, List<Box> before, FileChannel source, long mediaStart, long mediaLength, Box after,
            ProgressListener progress) throws IOException {
        atomically(out, ch -> {
            BoxWriter.write(before, ch, null);
            // The mdat header alone: the media follows in steps of STEP bytes, for the progress.
            PositionalWrites.writeFully(ch, MdatHeader.forPayload(mediaLength));
            copy(source, mediaStart, mediaLength, ch, progress);
            BoxWriter.write(after, ch, null);
        });
    }

    /**
     * A standard file with its moov in front: {@code before} (the ftyp), {@code moov} (already placed, its chunk
     * offsets counting it: {@link dev.bmff.core.write.FastStartLayout}), then the mdat with the media copied.
     */
    public static void writeFastStart(Path out, List<Box> before, byte[] moov, FileChannel source, long mediaStart,
            long mediaLength, ProgressListener progress) throws IOException {
        atomically(out, ch -> {
            BoxWriter.write(before, ch, null);
            PositionalWrites.writeFully(ch, ByteBuffer.wrap(moov));
            PositionalWrites.writeFully(ch, MdatHeader.forPayload(mediaLength));
            copy(source, mediaStart, mediaLength, ch, progress);
        });
    }

    /** The first {@code length} bytes of {@code source}, copied by the channel. */
    public static void copyPrefix(Path out, FileChannel source, long length) throws IOException {
        copyPrefix(out, source, length, ProgressListener.NONE);
    }

    public static void copyPrefix(Path out, FileChannel source, long length, ProgressListener progress) throws IOException {
        atomically(out, ch -> copy(source, 0, length, ch, progress));
    }

    /**
     * The first {@code length} bytes of {@code source}, then {@code header}, then the {@code ranges} of
     * {@code source} ([offset, length] each) in order; progress counts the copied bytes.
     */
    public static void copyPrefixAndAppend(Path out, FileChannel source, long length, byte[] header, List<long[]> ranges,
            ProgressListener progress) throws IOException {
        long total = length;
        for (long[] r : ranges) {
            total += r[1];
        }
        long all = total;
        atomically(out, ch -> {
            copy(source, 0, length, ch, (done, t) -> progress.progress(done, all));
            PositionalWrites.writeFully(ch, ByteBuffer.wrap(header));
            long before = length;
            for (long[] r : ranges) {
                long base = before;
                copy(source, r[0], r[1], ch, (done, t) -> progress.progress(base + done, all));
                before += r[1];
            }
        });
    }

    /** Bytes copied between two progress reports: large enough that the channel copies at full speed. */
    public static final long STEP = ChannelCopy.STEP;

    private static void copy(FileChannel source, long start, long length, FileChannel ch, ProgressListener progress)
            throws IOException {
        ChannelCopy.copy(source, start, length, ch, done -> progress.progress(done, length));
    }

    /** Through the core's one atomic output: a temporary file beside {@code out} (umask honoured), renamed. */
    private static void atomically(Path out, AtomicOutput.Body body) throws IOException {
        AtomicOutput.write(out, body);
    }
}
