package dev.bmff.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Writes that finish: a channel's {@code write} may take fewer bytes than asked, so every write of a buffer is
 * looped here, the one place that does it; the counterpart of {@link PositionalReads}.
 *
 * <pre>{@code
 * PositionalWrites.writeFully(channel, headerOffset, MdatHeader.forBoxSize(size));   // channel position unchanged
 * PositionalWrites.writeFully(out, buffer);                                           // at the channel's position
 * }</pre>
 */
public final class PositionalWrites {
    private PositionalWrites() {
    }

    /** Writes all of {@code data} at {@code position}, leaving the channel's own position alone. */
    public static void writeFully(FileChannel channel, long position, ByteBuffer data) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
    }

    /** Writes all of {@code data} at the channel's position, which moves past it. */
    public static void writeFully(WritableByteChannel channel, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }
}
