package dev.bmff.recover.match;

/**
 * Frame lengths a {@link FrameLengthMatcher} (the repair uses it for {@link AacMatcher}) may know before it parses a
 * frame, and where it tells the lengths it parsed:
 * the repair's media walk shares them between threads ({@code AacLookahead}). A frame's length is a function of the
 * file's bytes at its position alone, so an answer found by any thread over the same file is the answer.
 *
 * <pre>{@code
 * SampleMatcher m = new AacMatcher(RawDataBlockParser.of(asc), FrameLengths.NONE);
 * }</pre>
 */
public interface FrameLengths {
    /** What {@link #known} says of a position nobody parsed yet. */
    int UNKNOWN = -1;

    /** Knows nothing, keeps nothing. */
    FrameLengths NONE = new FrameLengths() {
        @Override
        public int known(long pos) {
            return UNKNOWN;
        }

        @Override
        public void parsed(long pos, int length) {
        }
    };

    /** The length of the frame at {@code pos} (0: no frame starts there), or {@link #UNKNOWN}. */
    int known(long pos);

    /** The matcher parsed the frame at {@code pos}: {@code length} bytes, 0 when no frame starts there. */
    void parsed(long pos, int length);
}
