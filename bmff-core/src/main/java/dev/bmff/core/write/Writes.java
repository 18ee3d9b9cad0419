package dev.bmff.core.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional writes that finish: {@code FileChannel.write} may write less than asked. */
final class Writes {
    private Writes() {
    }

    /** Writes all of {@code data} at {@code position}, leaving the channel's own position alone. */
    static void fully(FileChannel channel, ByteBuffer data, long position) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
    }
}
