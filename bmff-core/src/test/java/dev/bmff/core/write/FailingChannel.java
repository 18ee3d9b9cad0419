package dev.bmff.core.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that fails like a full disk: the writes go through until {@code failAt} bytes were
 * written in all, the write that crosses it is cut there and throws. An {@link Observer} hears every write
 * and force (from whichever thread: the writers commit fragments on a thread of their own) and may fail or
 * slow a force. Writes and the count are synchronized; a force runs beside the writes, as on a real channel.
 */
final class FailingChannel extends FileChannel {
    /** Hears the channel's operations; {@link #beforeForce} may throw or sleep. */
    interface Observer {
        Observer NONE = new Observer() { };

        default void beforeForce() throws IOException {
        }

        default void afterForce() {
        }

        /** {@code n} bytes written at {@code position}; {@code relative}: at the channel's position. */
        default void wrote(long position, ByteBuffer bytes, boolean relative) {
        }
    }

    private final FileChannel d;
    private final long failAt;
    private final Observer observer;
    private long written;

    FailingChannel(FileChannel delegate, long failAt) {
        this(delegate, failAt, Observer.NONE);
    }

    FailingChannel(FileChannel delegate, long failAt, Observer observer) {
        this.d = delegate;
        this.failAt = failAt;
        this.observer = observer;
    }

    private ByteBuffer allowed(ByteBuffer src) throws IOException {
        long room = failAt - written;
        if (room <= 0) {
            throw new IOException("No space left on device (injected after " + failAt + " bytes)");
        }
        if (src.remaining() <= room) {
            return src;
        }
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + (int) room);
        return part;
    }

    private int count(ByteBuffer src, ByteBuffer part, int n) throws IOException {
        written += n;
        if (part != src) {
            src.position(src.position() + n);
            throw new IOException("No space left on device (injected after " + failAt + " bytes)");
        }
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        ByteBuffer part = allowed(src);
        long at = d.position();
        ByteBuffer seen = part.duplicate();
        int n = d.write(part);
        seen.limit(seen.position() + n);
        observer.wrote(at, seen, true);
        return count(src, part, n);
    }

    @Override
    public synchronized int write(ByteBuffer src, long position) throws IOException {
        ByteBuffer part = allowed(src);
        ByteBuffer seen = part.duplicate();
        int n = d.write(part, position);
        seen.limit(seen.position() + n);
        observer.wrote(position, seen, false);
        return count(src, part, n);
    }

    @Override
    public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            while (srcs[i].hasRemaining()) {
                n += write(srcs[i]);
            }
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return d.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return d.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return d.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return d.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        d.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return d.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        d.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        observer.beforeForce();
        d.force(metaData);
        observer.afterForce();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        throw new IOException("not used by the writers");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new IOException("not used by the writers");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new IOException("not used by the writers");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        throw new IOException("not used by the writers");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        throw new IOException("not used by the writers");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        d.close();
    }
}
