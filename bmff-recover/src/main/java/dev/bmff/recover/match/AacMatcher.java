package dev.bmff.recover.match;

import dev.bmff.codecs.aac.RawDataBlockParser;
import dev.bmff.codecs.bits.BitstreamException;
import java.io.IOException;

/**
 * Raw AAC frames (mp4a): the frame parser gives the exact length. It accepts about 1 in 40,000 random
 * positions, so a frame is only taken when what follows it is again a plausible sample start, when the
 * data ends within one frame's length (the last frames before a cut), or, outside a resynchronization, when no
 * video sample starts at the same position (the last frame before damaged bytes).
 *
 * <pre>{@code
 * SampleMatcher m = new AacMatcher(RawDataBlockParser.of(asc));
 * SampleMatcher shared = new AacMatcher(RawDataBlockParser.of(asc), lengthsFromAnotherThread);
 * }</pre>
 */
public final class AacMatcher implements SampleMatcher {
    private final RawDataBlockParser parser;
    private final FrameLengths lengths;

    public AacMatcher(RawDataBlockParser parser) {
        this(parser, FrameLengths.NONE);
    }

    /** A matcher that asks {@code lengths} before it parses a frame, and tells it what it parsed. */
    public AacMatcher(RawDataBlockParser parser, FrameLengths lengths) {
        this.parser = parser;
        this.lengths = lengths;
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        int length = frameLength(w, pos);
        if (length <= 0) {
            return null;
        }
        long after = pos + length;
        boolean confirmed = after == w.end() || next.startsAt(after)
                || (!resync && (w.end() - after < parser.maxFrameLength() || !next.strongStartAt(pos)));
        return confirmed ? Match.of(length, true, null) : null;
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        return frameLength(w, pos) > 0;
    }

    /**
     * The last two answers of {@link #frameLength}: a frame is parsed when the walk reaches it and again to confirm
     * the frame before it (its start check), and parsing (Huffman decoding) is the walk's main cost on audio.
     * Positions are absolute offsets, so an answer holds for any window over the same file.
     */
    private final long[] memoPos = {-1, -1};
    private final Object[] memoSource = new Object[2];
    private final int[] memoLength = new int[2];
    private int memoNext;

    /** The frame length at {@code pos}, or 0 when no complete frame starts there. */
    private int frameLength(MediaWindow w, long pos) throws IOException {
        for (int i = 0; i < 2; i++) {
            if (memoPos[i] == pos && memoSource[i] == w.source()) {
                return memoLength[i];
            }
        }
        int n = lengths.known(pos);
        if (n == FrameLengths.UNKNOWN) {
            n = parseFrameLength(w, pos);
            lengths.parsed(pos, n);
        }
        memoPos[memoNext] = pos;
        memoSource[memoNext] = w.source();
        memoLength[memoNext] = n;
        memoNext ^= 1;
        return n;
    }

    private int parseFrameLength(MediaWindow w, long pos) throws IOException {
        int available = w.ensure(pos, parser.maxFrameLength());
        if (available < 2) {
            return 0;
        }
        try {
            int n = parser.frameLength(w.array(), w.index(pos), available);
            return n <= available ? n : 0;
        } catch (BitstreamException | IndexOutOfBoundsException e) {
            // Not a frame (or one cut by the end of the data).
            return 0;
        }
    }
}
