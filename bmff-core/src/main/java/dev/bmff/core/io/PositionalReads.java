package dev.bmff.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads at an absolute position of a file, without moving the channel's position (so threads may share it): the
 * one place where a read is looped until the buffer is full. Two forms, because a caller either needs every byte
 * (a sample, a box: the file ending first is an error, named with its offset) or takes what is there (a scan
 * window at the end of a file).
 *
 * <pre>{@code
 * byte[] sample = PositionalReads.readFully(channel, offset, size);     // EOFException if the file is shorter
 * int n = PositionalReads.readUpTo(channel, pos, window);               // fewer only at the end of the file
 * }</pre>
 */
public final class PositionalReads {
    private PositionalReads() {
    }

    /**
     * Fills {@code into} from {@code position} on.
     *
     * @throws EOFException when the file ends first; it names the offset where it ended and where the read began
     */
    public static void readFully(FileChannel channel, long position, ByteBuffer into) throws IOException {
        long start = position;
        long at = position;
        int wanted = into.remaining();
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new EOFException("the file ends at " + at + ", inside the " + wanted + " bytes read from "
                        + start);
            }
            at += n;
        }
    }

    /** {@code length} bytes from {@code position}; an {@link EOFException} naming the offset when the file ends. */
    public static byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(channel, position, b);
        return b.array();
    }

    /**
     * Reads into {@code into} from {@code position} until it is full or the file ends.
     *
     * @return how many bytes were read (fewer than {@code into.remaining()} was only at the end of the file)
     */
    public static int readUpTo(FileChannel channel, long position, ByteBuffer into) throws IOException {
        int start = into.position();
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        return into.position() - start;
    }

    /**
     * {@link #readUpTo(FileChannel, long, ByteBuffer)} on any seekable channel (what {@link BoxReader} reads). A
     * channel that is not a {@link FileChannel} has no positional read: its position is set to {@code position} and
     * moves with the read, so such a channel must not be shared while it reads.
     *
     * @return how many bytes were read (fewer than {@code into.remaining()} was only at the end of the channel)
     */
    public static int readUpTo(SeekableByteChannel channel, long position, ByteBuffer into) throws IOException {
        if (channel instanceof FileChannel file) {
            return readUpTo(file, position, into);
        }
        int start = into.position();
        channel.position(position);
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                break;
            }
        }
        return into.position() - start;
    }
}
