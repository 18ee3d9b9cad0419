package dev.bmff.recover.output;

import dev.bmff.core.box.Box;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ChannelCopy;
import dev.bmff.core.io.MdatHeader;
import dev.bmff.core.io.PositionalWrites;
import dev.bmff.core.write.AtomicOutput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A repaired file whose media copy starts before the samples are known: the head boxes are written, then a thread
 * copies the broken file's media data behind a reserved mdat header (by the kernel, {@link ChannelCopy}) while the
 * caller learns the reference and walks the same media to find its samples. {@link #finish} cuts the copy at the end
 * of the last sample, writes the mdat header and the moov, forces the file and renames it into place
 * ({@link AtomicOutput}); {@link #close} without a finish stops the copy and deletes the temporary file. The file is
 * the one {@link OutputFile#write} would write, except that the mdat header's size is chosen for all the media data
 * there is: 16 bytes when that passes 4 GiB, even if the samples found end before.
 *
 * <pre>{@code
 * try (EarlyOutput output = EarlyOutput.start(out, List.of(ftyp), broken, mediaStart, mediaEnd - mediaStart)) {
 *     long end = walk();                                   // the copy runs meanwhile
 *     output.finish(end - mediaStart, moovFor(output.dataStart()));
 * }
 * }</pre>
 */
public final class EarlyOutput implements AutoCloseable {
    private final Path out;
    private final Path temp;
    private final FileChannel channel;
    private final long headerOffset;
    private final int headerSize;
    private final long maxLength;
    private final Thread copier;
    /** What the copy may reach: all the media data until the caller knows where the last sample ends. */
    private volatile long limit;
    private volatile long copied;
    private volatile IOException failure;
    private boolean closed;

    private EarlyOutput(Path out, Path temp, FileChannel channel, long headerOffset, long maxLength, FileChannel source,
            long mediaStart) {
        this.out = out;
        this.temp = temp;
        this.channel = channel;
        this.headerOffset = headerOffset;
        this.headerSize = MdatHeader.sizeFor(maxLength);
        this.maxLength = maxLength;
        this.limit = maxLength;
        // Never interrupted: an interrupt during a channel operation would close both channels.
        this.copier = new Thread(() -> copy(source, mediaStart), "bmff-media-copy");
        this.copier.setDaemon(true);
    }

    /**
     * Creates the temporary file beside {@code out}, writes {@code head} and starts copying up to {@code maxLength}
     * bytes of {@code source} from {@code mediaStart}.
     */
    public static EarlyOutput start(Path out, List<? extends Box> head, FileChannel source, long mediaStart,
            long maxLength) throws IOException {
        if (maxLength <= 0) {
            throw new IllegalArgumentException("no media data to copy: " + maxLength + " bytes");
        }
        Path temp = AtomicOutput.temporaryBeside(out, ".partial");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ);
            BoxWriter.write(head, ch, null);
            EarlyOutput output = new EarlyOutput(out, temp, ch, ch.position(), maxLength, source, mediaStart);
            ch.position(output.dataStart());
            output.copier.start();
            return output;
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Where the first media byte lands in the output: after the head and the mdat header. */
    public long dataStart() {
        return headerOffset + headerSize;
    }

    private void copy(FileChannel source, long mediaStart) {
        try {
            copied = ChannelCopy.copy(source, mediaStart, () -> limit, channel, ChannelCopy.Progress.NONE);
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * Ends the file with {@code mediaLength} bytes of media data and {@code moov} after them, forced and renamed to
     * the output; the copy is waited for.
     *
     * @throws IOException the copy failed (the source ended early, the disk is full), or writing the end did
     */
    public void finish(long mediaLength, Box moov) throws IOException {
        if (closed) {
            throw new IllegalStateException("the output is finished or abandoned");
        }
        if (mediaLength <= 0 || mediaLength > maxLength) {
            throw new IllegalArgumentException("media length " + mediaLength + " outside 1.." + maxLength);
        }
        limit = mediaLength;
        awaitCopy();
        if (failure != null) {
            throw failure;
        }
        if (copied > mediaLength) {
            channel.truncate(dataStart() + mediaLength);
        }
        PositionalWrites.writeFully(channel, headerOffset, MdatHeader.of(headerSize + mediaLength, headerSize));
        channel.position(dataStart() + mediaLength);
        BoxWriter.write(moov, channel, null);
        channel.force(true);
        channel.close();
        AtomicOutput.moveIntoPlace(temp, out);
        closed = true;
    }

    private void awaitCopy() throws InterruptedIOException {
        try {
            copier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the media data was copied to " + temp);
        }
    }

    /** Without a finish: stops the copy (after the step at hand) and deletes the temporary file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        limit = 0;
        try {
            awaitCopy();
        } finally {
            channel.close();
            Files.deleteIfExists(temp);
        }
    }
}
