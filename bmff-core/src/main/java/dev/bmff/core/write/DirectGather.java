package dev.bmff.core.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a gather of buffers at the channel's position through one reusable direct buffer. A
 * {@code FileChannel.write} of heap buffers copies each into a temporary direct buffer first, taken from a
 * per-thread cache that rarely holds one of the right size for samples of varying sizes, so most samples cost a
 * fresh native allocation (zeroed) and its release besides the copy; here heap bytes are copied once into the
 * same staging buffer and written in large steps. Direct buffers are written as they are.
 *
 * <pre>{@code
 * DirectGather out = new DirectGather();
 * channel.position(at);
 * out.write(channel, new ByteBuffer[] {header, sample.asReadOnlyBuffer()});
 * }</pre>
 */
final class DirectGather {
    /** The staging buffer's size: large writes, and few of them, for a fragment of a few MB. */
    static final int CAPACITY = 1 << 20;

    private ByteBuffer staging;

    /** Writes every remaining byte of {@code buffers}, in order, at the channel's position (which advances). */
    void write(FileChannel channel, ByteBuffer[] buffers) throws IOException {
        long total = 0;
        for (ByteBuffer b : buffers) {
            total += b.isDirect() ? 0 : b.remaining();
        }
        // As large as the first fragments need, up to CAPACITY: a small file's writer keeps a small buffer.
        int want = (int) Math.min(CAPACITY, Math.max(total, 1 << 16));
        if (staging == null || staging.capacity() < want) {
            staging = ByteBuffer.allocateDirect(want);
        }
        ByteBuffer s = staging;
        s.clear();
        for (ByteBuffer b : buffers) {
            if (b.isDirect()) {
                drain(channel, s);
                writeFully(channel, b);
                continue;
            }
            while (b.hasRemaining()) {
                if (!s.hasRemaining()) {
                    drain(channel, s);
                }
                int n = Math.min(s.remaining(), b.remaining());
                int limit = b.limit();
                b.limit(b.position() + n);
                s.put(b);
                b.limit(limit);
            }
        }
        drain(channel, s);
    }

    /** Writes what {@code s} holds and empties it. */
    private static void drain(FileChannel channel, ByteBuffer s) throws IOException {
        s.flip();
        writeFully(channel, s);
        s.clear();
    }

    private static void writeFully(FileChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
