package dev.bmff.core.write;

import dev.bmff.core.box.BoxTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;

/**
 * The engine under {@link FragmentedWriter} and {@link HybridWriter}: completes each track's samples
 * through a {@link TrackTimeline}, decides where a fragment ends, and appends moof+mdat pairs to the
 * channel. It alone owns the file position from {@code start} on.
 *
 * <p>A fragment is committed by its type: the moof is first written with the type {@code free}, and only
 * once the whole fragment is on disk (forced first, when the durability asks for it) are the four bytes
 * {@code moof} written over it. A crash or an I/O error part way through a fragment therefore leaves
 * a {@code free} box (perhaps cut short) and an unreferenced mdat after the last complete fragment, which
 * every reader skips, instead of a moof whose samples lie past the end of the file. The force and the flip
 * run on {@link FragmentCommits}' thread while the next fragment is written (at most two fragments wait for
 * their commit, flipped in order); {@link #flush()} and {@link #finish()} return once every fragment is
 * committed, and a failed commit is thrown by the next call. The bytes written are the same either way.
 *
 * <p>Where a fragment ends: before a keyframe of the first video track (like ffmpeg's
 * {@code frag_keyframe}) once the fragment holds video; before any sample that would make a track's
 * span reach the maximum duration; before the buffered bytes would pass {@link FragmentBuilder#MAX_BYTES};
 * and on {@link #flush()}.
 */
final class FragmentStream implements AutoCloseable {
    /** Hears each fragment once it is committed on disk. */
    interface Listener {
        void committed(long moofOffset, long sequenceNumber, FragmentBuilder.Layout layout) throws IOException;
    }

    /** Called after each single write (a test hook; the writers pass a no-op). */
    interface WriteHook {
        WriteHook NONE = step -> { };

        void afterWrite(String step) throws IOException;
    }

    private final FileChannel channel;
    private final SampleOutput media;
    private final List<TrackSpec> tracks;
    private final Durability durability;
    private final long[] maxSpan;
    private final int cutTrack;
    private final TrackTimeline[] timelines;
    private final FragmentBuilder fragment;
    private final long[] firstDts;
    private final Listener listener;
    private final WriteHook hook;
    private final FragmentCommits commits;
    private long position;
    private long sequence;
    private long lastForce = System.nanoTime();

    FragmentStream(FileChannel channel, long start, List<TrackSpec> tracks, Duration maxFragmentDuration,
            Durability durability, TrackTimeline.Policy policy, Listener listener, WriteHook hook) {
        this.channel = channel;
        this.media = new SampleOutput(channel, true);
        this.position = start;
        this.tracks = List.copyOf(tracks);
        this.durability = durability;
        this.listener = listener;
        this.hook = hook;
        int n = tracks.size();
        maxSpan = new long[n];
        timelines = new TrackTimeline[n];
        firstDts = new long[n];
        int video = -1;
        for (int i = 0; i < n; i++) {
            TrackSpec t = tracks.get(i);
            // Span in the track's own units, so no rounding decides a cut.
            maxSpan[i] = Math.max(1, maxFragmentDuration.toNanos() / 1000 * t.timescale() / 1_000_000);
            timelines[i] = new TrackTimeline(i, policy, Math.max(1, t.timescale() / 25));
            if (video < 0 && t.isVideo()) {
                video = i;
            }
        }
        cutTrack = video;
        fragment = new FragmentBuilder(n);
        commits = new FragmentCommits(channel, hook);
    }

    /** Fragments whose commit may wait at most (0: each is committed before the next is written; tests). */
    void commitsInFlight(int n) {
        commits.maxInFlight(n);
    }

    /** The end of what was written so far. */
    long position() {
        return position;
    }

    void write(Sample s) throws IOException {
        commits.report(listener); // a commit that failed on the thread fails this call
        if (s.track() >= tracks.size()) {
            throw new IllegalArgumentException("sample of track " + s.track() + " but there are " + tracks.size()
                    + " tracks");
        }
        Sample ready = timelines[s.track()].push(s);
        if (ready != null) {
            add(ready);
        }
    }

    private void add(Sample s) throws IOException {
        int t = s.track();
        boolean trackHasSamples = !fragment.samples(t).isEmpty();
        boolean cut = !fragment.isEmpty() && (
                t == cutTrack && s.sync() && trackHasSamples
                || trackHasSamples && s.dts() - firstDts[t] >= maxSpan[t]
                || fragment.bytes() + s.size() > FragmentBuilder.MAX_BYTES);
        if (cut) {
            writeFragment();
        }
        if (fragment.samples(t).isEmpty()) {
            firstDts[t] = s.dts();
        }
        fragment.add(s);
    }

    /** Ends the current fragment with the samples whose duration is known; returns once it is committed. */
    void flush() throws IOException {
        if (!fragment.isEmpty()) {
            writeFragment();
        }
        commits.drain(listener);
    }

    /** Completes the samples each track still holds and writes the last fragment. */
    void finish() throws IOException {
        for (TrackTimeline t : timelines) {
            Sample last = t.finish();
            if (last != null) {
                add(last);
            }
        }
        flush();
    }

    /**
     * Forces the channel when the durability setting asks for forces at all, after every fragment's commit
     * (the flips then reach the device too).
     */
    void force() throws IOException {
        commits.drain(listener);
        if (durability.mode() != Durability.Mode.NONE) {
            channel.force(false);
            lastForce = System.nanoTime();
        }
    }

    /**
     * Lets the commits in flight end and stops their thread; before the channel closes. Returns a commit's
     * failure that no call threw, or null.
     */
    IOException stopCommits() {
        return commits.close();
    }

    /** True when the durability asks for a force before the next flip (the time of the last force moves). */
    private boolean forceDue() {
        long now = System.nanoTime();
        if (durability.due(now - lastForce)) {
            lastForce = now;
            return true;
        }
        return false;
    }

    private void writeFragment() throws IOException {
        long seq = ++sequence;
        FragmentBuilder.Layout layout = fragment.layout(seq);
        long at = position;
        byte[] header = layout.header();
        // Written as free first: see the class comment.
        ByteBuffer type = ByteBuffer.wrap(header, 4, 4).slice();
        type.put(BoxTypes.FREE.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        channel.position(at);
        media.write(ByteBuffer.wrap(header), layout.samples());
        hook.afterWrite("fragment " + seq + " data");
        // The next fragment goes after this one whether or not this one's commit is done yet.
        position = at + layout.totalSize();
        fragment.clear();
        commits.submit(new FragmentCommits.Commit(at, seq, layout, forceDue()), listener);
    }

    /** Stops the writeback thread of copied samples, if one started; the channel stays open. */
    @Override
    public void close() {
        media.close();
    }
}
