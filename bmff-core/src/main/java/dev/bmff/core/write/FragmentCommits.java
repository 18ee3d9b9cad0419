package dev.bmff.core.write;

import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The second phase of {@link FragmentStream}'s two-phase commit: force a written fragment to the device, then
 * write {@code moof} over its {@code free} type. A force waits for the device (most of a recording's time went
 * there); here it runs on a thread of its own while the writer already writes the next fragment, with at most
 * {@link #MAX_IN_FLIGHT} fragments written but not yet committed.
 *
 * <p>What stays as it was with one thread: the flips happen in the order the fragments were written, each only
 * after a force that began once all of its bytes were written (when its commit asks for a force), so a fragment
 * is never a {@code moof} before its bytes are on the device. A failed force or flip stops the thread's work
 * (no later fragment is flipped: the file ends at the last committed one) and is thrown by the writer's next
 * call. When the thread finds several fragments waiting it forces once for all of them (a group commit).
 * A commit without a force while none is in flight runs on the caller's thread at once: with
 * {@link Durability#none()} no thread is ever started.
 *
 * <pre>{@code
 * commits.submit(new FragmentCommits.Commit(at, sequence, layout, true), listener); // returns before the force
 * commits.drain(listener);                                                        // all committed, or throws
 * }</pre>
 */
final class FragmentCommits {
    /** Fragments written and not yet committed, at most: the memory of their samples is held until then. */
    static final int MAX_IN_FLIGHT = 2;

    /**
     * A fragment written with the type {@code free}, waiting for its commit.
     *
     * @param at the offset of its moof
     * @param sequence its sequence number
     * @param layout what it holds (the listener hears it once committed)
     * @param force force the channel before the flip
     */
    record Commit(long at, long sequence, FragmentBuilder.Layout layout, boolean force) {
    }

    private static final byte[] MOOF = {'m', 'o', 'o', 'f'};

    private final FileChannel channel;
    private final FragmentStream.WriteHook hook;
    private int maxInFlight = MAX_IN_FLIGHT;
    /** Submitted, not yet taken by the thread. */
    private final ArrayDeque<Commit> waiting = new ArrayDeque<>();
    /** Committed, not yet told to the listener. */
    private final ArrayDeque<Commit> done = new ArrayDeque<>();
    /** Submitted and neither committed nor failed. */
    private int inFlight;
    private IOException failure;
    private boolean reported;
    private boolean closed;
    private Thread thread;

    FragmentCommits(FileChannel channel, FragmentStream.WriteHook hook) {
        this.channel = channel;
        this.hook = hook;
    }

    /** Fragments in flight at most; 0 commits each on the caller's thread before returning (the tests' twin). */
    synchronized void maxInFlight(int n) {
        if (n < 0 || inFlight > 0) {
            throw new IllegalStateException("in flight: " + inFlight + ", asked " + n);
        }
        maxInFlight = n;
    }

    /**
     * Commits {@code c} now or on the thread, after waiting while {@link #MAX_IN_FLIGHT} fragments are in
     * flight; tells {@code listener} of every commit done meanwhile, in order.
     *
     * @throws IOException an earlier commit failed (this one is then never committed)
     */
    void submit(Commit c, FragmentStream.Listener listener) throws IOException {
        boolean now;
        synchronized (this) {
            now = maxInFlight == 0 || !c.force() && inFlight == 0;
            while (!now && inFlight >= maxInFlight && failure == null) {
                await();
            }
            if (failure == null && !now) {
                waiting.add(c);
                inFlight++;
                start();
                notifyAll();
            }
        }
        report(listener);
        if (now) {
            commit(c);
            listener.committed(c.at(), c.sequence(), c.layout());
        }
    }

    /** Tells {@code listener} of the commits done since the last call; throws a failed commit's error. */
    void report(FragmentStream.Listener listener) throws IOException {
        List<Commit> ready;
        IOException failed;
        synchronized (this) {
            if (done.isEmpty() && failure == null) {
                return;
            }
            ready = new ArrayList<>(done);
            done.clear();
            failed = failure;
        }
        for (Commit c : ready) {
            listener.committed(c.at(), c.sequence(), c.layout());
        }
        if (failed != null) {
            synchronized (this) {
                reported = true;
            }
            throw failed;
        }
    }

    /** Waits until every fragment submitted is committed, and tells {@code listener}; or throws the failure. */
    void drain(FragmentStream.Listener listener) throws IOException {
        synchronized (this) {
            while (inFlight > 0 && failure == null) {
                await();
            }
        }
        report(listener);
    }

    /**
     * Lets the commits in flight end (they are fragments written whole: committing them keeps them) and stops
     * the thread; before the channel is closed. Never interrupts it: an interrupt during a force would close
     * the channel. Returns a failure no call has thrown yet, or null.
     */
    IOException close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            return reported ? null : failure;
        }
    }

    private void start() {
        if (thread == null) {
            thread = new Thread(this::run, "bmff-fragment-commit");
            // Every writer's close stops it; a daemon never holds the JVM up if a writer was not closed.
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void await() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a fragment's commit");
        }
    }

    /** The thread: takes every commit waiting, forces once for all of them, flips them in order. */
    private void run() {
        while (true) {
            List<Commit> batch;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // Nobody interrupts it; a stray interrupt changes nothing (closing decides).
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(waiting);
                waiting.clear();
            }
            Commit at = batch.get(0);
            try {
                // Every fragment of the batch was written whole before it was submitted: one force covers all.
                if (batch.stream().anyMatch(Commit::force)) {
                    channel.force(false);
                }
                for (Commit c : batch) {
                    at = c;
                    flip(c);
                    synchronized (this) {
                        done.add(c);
                        inFlight--;
                        notifyAll();
                    }
                }
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    failure = new IOException("committing fragment " + at.sequence() + " failed: " + e.getMessage(), e);
                    // No later fragment is flipped after a failed one: the file ends at the last commit.
                    waiting.clear();
                    inFlight = 0;
                    closed = true;
                    notifyAll();
                }
                return;
            }
        }
    }

    /** Forces (when asked) and flips {@code c} on the caller's thread. */
    private void commit(Commit c) throws IOException {
        if (c.force()) {
            channel.force(false);
        }
        flip(c);
    }

    private void flip(Commit c) throws IOException {
        PositionalWrites.writeFully(channel, c.at() + 4, ByteBuffer.wrap(MOOF));
        hook.afterWrite("fragment " + c.sequence() + " committed");
    }
}
