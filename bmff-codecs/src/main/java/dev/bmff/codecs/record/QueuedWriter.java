package dev.bmff.codecs.record;

import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * An {@link Mp4Writer} that hands every call to another writer on a thread of its own, in order, through a
 * queue bounded in bytes: the recorder goes on assembling pictures while the writer writes and forces its
 * fragments (a force waits for the device). {@link #flush()} and {@link #close()} return once the inner
 * writer has done them. An exception of the inner writer is thrown, as it was, by the next call; the inner
 * writer is then closed.
 */
final class QueuedWriter implements Mp4Writer {
    /** Samples waiting at most: a few seconds of any camera's video. */
    static final long MAX_QUEUED_BYTES = 64L << 20;

    private static final Object FLUSH = new Object();
    private static final Object CLOSE = new Object();

    private final Mp4Writer inner;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Thread thread;
    private long queuedBytes;
    private long flushesAsked;
    private long flushesDone;
    private boolean closing;
    private boolean finished;
    private Exception failure;
    /** The failure was thrown to the caller once: a close after it does not throw it again. */
    private boolean reported;

    QueuedWriter(Mp4Writer inner) {
        this.inner = inner;
        thread = new Thread(this::drain, "bmff-record-writer");
        // Every path of the recorder closes its writer; a daemon never holds the JVM up if one did not.
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public List<TrackSpec> tracks() {
        return inner.tracks();
    }

    @Override
    public synchronized void write(Sample sample) throws IOException {
        while (queuedBytes >= MAX_QUEUED_BYTES && failure == null && !finished) {
            await();
        }
        check();
        queue.add(sample);
        queuedBytes += bytes(sample);
        notifyAll();
    }

    @Override
    public synchronized void flush() throws IOException {
        check();
        long ticket = ++flushesAsked;
        queue.add(FLUSH);
        notifyAll();
        while (flushesDone < ticket && failure == null && !finished) {
            await();
        }
        rethrow();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closing) {
            closing = true;
            queue.add(CLOSE);
            notifyAll();
        }
        while (!finished) {
            await();
        }
        if (!reported) {
            rethrow();
        }
    }

    /** Before a write or a flush: the inner writer's failure, or a closed writer. */
    private void check() throws IOException {
        rethrow();
        if (closing || finished) {
            throw new IOException("the writer is closed");
        }
    }

    private void rethrow() throws IOException {
        reported |= failure != null;
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
    }

    private void await() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the writer");
        }
    }

    private static long bytes(Sample s) {
        return s.data() == null ? 0 : s.data().size();
    }

    /** The writer's thread: takes the calls in order until the close. */
    private void drain() {
        try {
            while (true) {
                Object next;
                synchronized (this) {
                    while (queue.isEmpty()) {
                        wait();
                    }
                    next = queue.poll();
                }
                if (next == CLOSE) {
                    inner.close();
                    return;
                } else if (next == FLUSH) {
                    inner.flush();
                    synchronized (this) {
                        flushesDone++;
                        notifyAll();
                    }
                } else {
                    Sample s = (Sample) next;
                    inner.write(s);
                    synchronized (this) {
                        queuedBytes -= bytes(s);
                        notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                failure = e;
            }
            try {
                inner.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                failure = new java.io.InterruptedIOException("the writer's thread was interrupted");
            }
        } finally {
            synchronized (this) {
                finished = true;
                notifyAll();
            }
        }
    }
}
