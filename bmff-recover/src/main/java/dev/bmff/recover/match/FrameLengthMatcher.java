package dev.bmff.recover.match;

import java.io.IOException;

/**
 * An audio track whose frames' length a parser finds from their bytes (AAC's raw_data_block syntax, ALAC's frame
 * syntax, the header of MP3, AC-3 and E-AC-3). A frame is taken when what follows it is again a plausible sample
 * start, when the data ends within one frame's length (the last frames before a cut), or, outside a
 * resynchronization, when no video sample starts at the same position (the last frame before damaged bytes); a
 * frame whose parser checked a CRC over all of it needs no confirmation.
 *
 * <pre>{@code
 * SampleMatcher m = new SyncFrameMatcher(Ac3Syntax.of(dac3));
 * }</pre>
 */
public abstract class FrameLengthMatcher implements SampleMatcher {
    private final int maxFrameLength;
    private final FrameLengths lengths;

    /** @param maxFrameLength the most bytes a frame of the track can have */
    protected FrameLengthMatcher(int maxFrameLength) {
        this(maxFrameLength, FrameLengths.NONE);
    }

    /**
     * @param maxFrameLength the most bytes a frame of the track can have
     * @param lengths asked before a frame is parsed, and told what was parsed (lengths shared between threads)
     */
    protected FrameLengthMatcher(int maxFrameLength, FrameLengths lengths) {
        this.maxFrameLength = maxFrameLength;
        this.lengths = java.util.Objects.requireNonNull(lengths, "lengths");
    }

    /**
     * The length of the frame that starts at {@code offset} of {@code b}, within {@code available} bytes, or 0 when
     * none does (or it does not fit).
     */
    protected abstract int parse(byte[] b, int offset, int available);

    /** Whether a length {@link #parse} gives was checked by a CRC over the whole frame. */
    protected boolean checked() {
        return false;
    }

    /** The most bytes a frame can have. */
    protected final int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        int length = frameLength(w, pos);
        if (length <= 0) {
            return null;
        }
        long after = pos + length;
        boolean confirmed = checked() || after == w.end() || next.startsAt(after)
                || (!resync && (w.end() - after < maxFrameLength || !next.strongStartAt(pos)));
        return confirmed ? Match.of(length, true, null) : null;
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        return frameLength(w, pos) > 0;
    }

    /**
     * The last two answers of {@link #frameLength}: a frame is parsed when the walk reaches it and again to confirm
     * the frame before it (its start check), and parsing is the walk's main cost on audio. Positions are absolute
     * offsets, so an answer holds for any window over the same file.
     */
    private final long[] memoPos = {-1, -1};
    private final Object[] memoSource = new Object[2];
    private final int[] memoLength = new int[2];
    private int memoNext;

    /** The frame length at {@code pos}, or 0 when no complete frame starts there. */
    protected final int frameLength(MediaWindow w, long pos) throws IOException {
        for (int i = 0; i < 2; i++) {
            if (memoPos[i] == pos && memoSource[i] == w.source()) {
                return memoLength[i];
            }
        }
        int n = lengths.known(pos);
        if (n == FrameLengths.UNKNOWN) {
            int available = w.ensure(pos, maxFrameLength);
            n = available < 2 ? 0 : parse(w.array(), w.index(pos), available);
            n = n <= available ? Math.max(0, n) : 0;
            lengths.parsed(pos, n);
        }
        memoPos[memoNext] = pos;
        memoSource[memoNext] = w.source();
        memoLength[memoNext] = n;
        memoNext ^= 1;
        return n;
    }
}
