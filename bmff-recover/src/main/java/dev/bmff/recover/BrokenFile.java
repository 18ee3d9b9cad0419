package dev.bmff.recover;

import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file a repair works on, opened once and only for reading: its channel, its size, its first bytes, and its
 * box tree (read leniently, once, when first asked for). {@link Recovery} opens it and hands it to whichever repair
 * fits, so every step reads the same open file; a repair that writes into it (in place, when asked) opens it for
 * writing itself.
 *
 * <pre>{@code
 * try (BrokenFile file = BrokenFile.open(Path.of("crashed.mp4"))) {
 *     long size = file.size();
 *     ReadResult boxes = file.boxes();
 * }
 * }</pre>
 */
public final class BrokenFile implements Closeable {
    /** How many of the first bytes {@link #head()} holds (fewer when the file is shorter). */
    public static final int HEAD_BYTES = 64;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer head;
    private ReadResult boxes;

    private BrokenFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        ByteBuffer h = ByteBuffer.allocate((int) Math.min(HEAD_BYTES, size));
        PositionalReads.readUpTo(channel, 0, h);
        this.head = h.flip().asReadOnlyBuffer();
    }

    /** Opens {@code path} for reading. */
    public static BrokenFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new BrokenFile(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The open channel, for positional reads; the broken file closes it. */
    public FileChannel channel() {
        return channel;
    }

    /** The size when it was opened. */
    public long size() {
        return size;
    }

    /** The first {@link #HEAD_BYTES} bytes (fewer when the file is shorter), read-only, at position 0. */
    public ByteBuffer head() {
        return head.duplicate();
    }

    /** The top-level boxes and the moov, read leniently the first time they are asked for. */
    public ReadResult boxes() throws IOException {
        if (boxes == null) {
            boxes = BoxReader.read(channel, ReadOptions.lenient());
        }
        return boxes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
