package dev.bmff.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Forces a file to the device on another thread while it is still being written, so that the force that makes the
 * finished file durable ({@code AtomicOutput}) finds little left to write: copying the next range and writing back
 * the ranges before it overlap instead of following one another. Each {@link #request} starts another force once
 * the one running ends. A background force that fails is not reported: the final force fails the same way.
 *
 * <pre>{@code
 * try (EarlyWriteback writeback = EarlyWriteback.start(channel)) {
 *     ... copy a step ...
 *     writeback.request();
 * }
 * }</pre>
 */
public final class EarlyWriteback implements AutoCloseable {
    private final FileChannel channel;
    private final Thread thread;
    private boolean requested;
    private boolean closed;

    private EarlyWriteback(FileChannel channel) {
        this.channel = channel;
        // Never interrupted: an interrupt during a channel operation would close the channel being written.
        this.thread = new Thread(this::run, "bmff-writeback");
        this.thread.setDaemon(true);
    }

    /** Starts the thread that forces {@code channel} when asked; closed by {@link #close}. */
    public static EarlyWriteback start(FileChannel channel) {
        EarlyWriteback w = new EarlyWriteback(channel);
        w.thread.start();
        return w;
    }

    /** More bytes were written: force them when the force at hand (if any) is done. */
    public synchronized void request() {
        requested = true;
        notifyAll();
    }

    private void run() {
        while (true) {
            synchronized (this) {
                while (!requested && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!requested) {
                    return;
                }
                requested = false;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                // The final force reports it.
            }
        }
    }

    /** Waits for the force at hand; no new one starts. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            requested = false;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
