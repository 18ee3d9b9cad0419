package dev.bmff.core.write;

import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * The life of a file written fragment by fragment, the base of {@link FragmentedWriter} and
 * {@link HybridWriter}: the file header, the {@link FragmentStream} that appends the fragments, and one
 * rule for errors: after the first I/O error nothing more is written (the file keeps every fragment
 * committed before) and every later call says why. A writer adds only what differs: what it remembers of
 * each committed fragment, and how it finishes the file.
 *
 * <pre>{@code
 * final class MyWriter extends FragmentFile {
 *     void committed(long moofOffset, long sequence, FragmentBuilder.Layout layout) { ... }
 *     public void close() throws IOException { close("closing", FragmentStream::finish); }
 * }
 * }</pre>
 */
abstract class FragmentFile implements Mp4Writer {
    /** How the fragments are cut, forced and timed: the options both writers share. */
    record Settings(Duration maxFragmentDuration, Durability durability, TrackTimeline.Policy timelinePolicy,
            List<dev.bmff.core.box.Box> movieBoxes, boolean cmaf) {
        Settings {
            if (maxFragmentDuration == null || maxFragmentDuration.isNegative() || maxFragmentDuration.isZero()
                    || durability == null || timelinePolicy == null) {
                throw new IllegalArgumentException("options need a positive maximum duration, a durability"
                        + " and a timeline policy");
            }
            movieBoxes = movieBoxes == null ? List.of() : List.copyOf(movieBoxes);
        }

        Settings(Duration maxFragmentDuration, Durability durability, TrackTimeline.Policy timelinePolicy) {
            this(maxFragmentDuration, durability, timelinePolicy, List.of(), false);
        }
    }

    /** Finishes a healthy file at close; the channel is closed afterwards whatever happens. */
    interface Finisher {
        void finish(FragmentStream stream) throws IOException;
    }

    /** Makes a writer on a freshly opened channel. */
    interface Opener<W> {
        W open(FileChannel channel, String name) throws IOException;
    }

    private final List<TrackSpec> tracks;
    private final FileChannel channel;
    private final Failure failure;
    private final FragmentStream stream;
    private final boolean cmaf;
    private boolean closed;

    /**
     * Writes the file header {@code head} (ftyp, a placeholder, the sample-less moov: {@link Headers}) and starts the
     * fragments after it. {@link #committed} hears each fragment once it is on disk; none is before
     * the subclass constructor returns, so its fields are ready by then.
     */
    FragmentFile(FileChannel channel, String name, List<TrackSpec> tracks, byte[] head, Settings settings,
            FragmentStream.WriteHook hook) throws IOException {
        this.tracks = List.copyOf(tracks);
        this.channel = channel;
        this.failure = new Failure(name);
        this.cmaf = settings.cmaf();
        try {
            PositionalWrites.writeFully(channel, 0, ByteBuffer.wrap(head));
        } catch (IOException e) {
            throw failure.record("writing the file header", e);
        }
        this.stream = new FragmentStream(channel, head.length, this.tracks, settings.maxFragmentDuration(),
                settings.durability(), settings.timelinePolicy(), this::committed, hook);
    }

    /** Creates (or truncates) {@code path} and hands the channel to {@code opener}; closes it if that fails. */
    static <W> W create(Path path, Opener<W> opener) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            return opener.open(ch, path.toString());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Hears each fragment once it is committed on disk. */
    abstract void committed(long moofOffset, long sequence, FragmentBuilder.Layout layout) throws IOException;

    final FileChannel channel() {
        return channel;
    }

    @Override
    public final List<TrackSpec> tracks() {
        return tracks;
    }

    /** Takes the next sample; a fragment is written when the next one starts (or on flush and close). */
    @Override
    public final void write(Sample sample) throws IOException {
        failure.check(closed);
        try {
            stream.write(cmaf ? CmafWriter.withAudioSync(tracks, sample) : sample);
        } catch (IOException e) {
            throw failure.record("writing a fragment", e);
        }
    }

    /** Ends the current fragment and forces it (unless durability is none). */
    @Override
    public final void flush() throws IOException {
        failure.check(closed);
        try {
            stream.flush();
            stream.force();
        } catch (IOException e) {
            throw failure.record("flushing", e);
        }
    }

    /**
     * Runs {@code finisher} unless an earlier write failed (then the file stays as the last committed
     * fragment left it: better than finishing on top of a hole), and closes the channel. Idempotent.
     *
     * @param doing what the finisher does, for the error message
     */
    final void close(String doing, Finisher finisher) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel; stream) {
            try {
                if (failure.failed()) {
                    return;
                }
                try {
                    finisher.finish(stream);
                } catch (IOException e) {
                    throw failure.record(doing, e);
                }
            } finally {
                // The commits in flight end before the channel closes (they keep fragments written whole).
                IOException unreported = stream.stopCommits();
                if (unreported != null && !failure.failed()) {
                    throw failure.record(doing, unreported);
                }
            }
        }
    }

    /** Fragments whose commit may wait at most; 0 commits each before the next is written (tests' twin). */
    final void commitsInFlight(int n) {
        stream.commitsInFlight(n);
    }
}
