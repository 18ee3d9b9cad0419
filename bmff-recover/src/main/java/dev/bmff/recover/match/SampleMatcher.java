package dev.bmff.recover.match;

import java.io.IOException;

/**
 * Decides whether a sample of one track starts at a position of the broken media data, and how long it is.
 * Matchers of video tracks keep the decoding state needed for picture order, so a candidate becomes final
 * only through {@link #commit}.
 */
public interface SampleMatcher {
    /**
     * The sample that starts at {@code pos}, or null.
     *
     * @param window the media data
     * @param pos where to look
     * @param next tells whether another track's (or this track's) sample plausibly starts at a position;
     *     matchers with weak signatures (audio) use it to confirm a candidate
     * @param resync true while skipping unrecognized bytes: only accept a strong start (a picture's first
     *     slice, an audio frame confirmed by what follows)
     */
    Match match(MediaWindow window, long pos, StartCheck next, boolean resync) throws IOException;

    /**
     * Whether a sample of this track starts at {@code pos}, to confirm where another track's sample ends: a
     * complete audio frame; a picture's first slice, or a valid NAL unit that the end of the data cuts.
     */
    boolean startsHere(MediaWindow window, long pos) throws IOException;

    /**
     * For a track whose samples carry no signature (a timecode is any 4 bytes): the lengths a sample of it could
     * have at {@code pos}, so the walk can take it as a sample start when another track's signed sample follows;
     * empty for every other matcher (their {@link #startsHere} decides).
     */
    default long[] unsignedLengths(MediaWindow window, long pos) throws IOException {
        return NO_LENGTHS;
    }

    /**
     * Whether this track's samples carry a signature (a codec's syntax, a format's framing, learned first bytes).
     * A sample without one (a timecode is any 4 bytes) is only taken where no other track's signed sample, confirmed
     * by what follows it, starts at the same position.
     */
    default boolean signed() {
        return true;
    }

    /**
     * A signed sample of this track at {@code pos} that nothing after it confirms (the data after it is cut or
     * damaged), or null. The walk asks for one only where no track's sample was found at all; matchers whose
     * {@link #match} already takes such samples (or cannot tell them from garbage) have none.
     */
    default Match unconfirmed(MediaWindow window, long pos) throws IOException {
        return null;
    }

    /** No lengths: what {@link #unsignedLengths} gives for a matcher whose samples are signed. */
    long[] NO_LENGTHS = new long[0];

    /** Makes {@code candidate} final (video: computes its picture order) and returns the final match. */
    default Match commit(Match candidate) {
        return candidate;
    }

    /**
     * How many bytes from a position {@link #nextCandidate} looks at; 0 when the matcher has no cheap test.
     */
    default int quickCheckBytes() {
        return 0;
    }

    /**
     * A cheap test on raw bytes, used to skip unrecognized data fast: the first index in {@code [from, to)} where a
     * strong sample start of this track may be, or -1. Indexes up to {@code to - 1 + quickCheckBytes() - 1} may be
     * read. A candidate is then confirmed with {@link #match}.
     */
    default int nextCandidate(byte[] data, int from, int to) {
        return from < to ? from : -1;
    }

    /** True for matchers whose signature is strong (video): their word decides between tracks. */
    default boolean isStrong() {
        return false;
    }

    /** Whether a sample of some track plausibly starts at a position. */
    interface StartCheck {
        /** A sample of any track (or the end of the data) is at {@code pos}. */
        boolean startsAt(long pos) throws IOException;

        /** A sample of a track with a strong signature (video) is at {@code pos}. */
        boolean strongStartAt(long pos) throws IOException;

        /**
         * A sample of a track with a strong signature is at {@code pos}, and another sample (or the end of the data)
         * starts right after it: for a matcher that needs many checks of where a run of its samples ends (Opus), a
         * short picture that random bytes mimic is not taken for one.
         */
        default boolean confirmedStrongStartAt(long pos) throws IOException {
            return strongStartAt(pos);
        }

        /**
         * A signed sample of any track (or the end of the data) is at {@code pos}: not one without a signature
         * that a signed one follows, as {@link #startsAt} also counts. Where a track without a signature has
         * samples of a few sizes, two short ones can line up with a long one; this tells them apart.
         */
        default boolean signedStartAt(long pos) throws IOException {
            return startsAt(pos);
        }

        /**
         * For a sample that carries no length and ends only where its track's next sample starts (an MPEG-4 Part 2
         * VOP): the smallest position in {@code [from, to]} from which samples of the tracks with weak signatures
         * (audio, metadata), each whole, fill the bytes to {@code to} exactly; {@code to} when none does (the
         * sample runs to there).
         */
        default long fillStart(long from, long to) throws IOException {
            return to;
        }
    }
}
