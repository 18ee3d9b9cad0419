package dev.bmff.recover.match;

import dev.bmff.core.box.Bytes;
import dev.bmff.recover.model.SampleFraming;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Samples of a track without a bitstream parser (timed metadata, timecode, vendor data), found by their learned
 * first bytes and {@link SampleFraming}. Such a signature is weak (a 4-byte timecode has none at all), so a
 * sample is taken only where the next sample of some track starts right after it (or the data ends), and a
 * track the reference holds few samples of may not take more than its share.
 *
 * <pre>{@code
 * SampleMatcher fdsc = new FramedMatcher(new SampleFraming.Sizes(List.of(16L)), Bytes.of('G', 'P'), 16, 300,
 *         pos -> true);
 * }</pre>
 */
public final class FramedMatcher implements SampleMatcher {
    private final SampleFraming framing;
    private final byte[] prefix;
    private final long minSize;
    private final long maxSize;
    private final LongPredicate allowed;

    /**
     * @param framing how a sample's length is known
     * @param prefix what every sample starts with (may be empty)
     * @param minSize the fewest bytes a sample may have
     * @param maxSize the most
     * @param allowed whether the track may take another sample at a position (a sparse track's share)
     */
    public FramedMatcher(SampleFraming framing, Bytes prefix, long minSize, long maxSize, LongPredicate allowed) {
        if (minSize < 1 || maxSize < minSize) {
            throw new IllegalArgumentException("bad size range " + minSize + ".." + maxSize);
        }
        this.framing = framing;
        this.prefix = prefix.toArray();
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.allowed = allowed;
    }

    /** Whether a start found here says much: a format's own framing, or first bytes every sample shares. */
    @Override
    public boolean signed() {
        return framing.exact() || prefix.length >= 2;
    }

    /**
     * A sample with the learned first bytes and a learned size that fits, before bytes nothing recognizes (the next
     * sample cut by the end of the data, or damaged): GoPro's 16-byte {@code fdsc} before an audio frame the cut
     * splits. Only when one learned size fits (its own first bytes included); a sample without a signature, or
     * without a length of its own, is never taken so.
     */
    @Override
    public Match unconfirmed(MediaWindow w, long pos) throws IOException {
        if (!signed() || framing instanceof SampleFraming.Delimited || !allowed.test(pos) || !prefixAt(w, pos)) {
            return null;
        }
        int available = w.ensure(pos, Math.max(prefix.length, framing.lookahead()));
        long[] lengths = framing.lengths(w.array(), w.index(pos), w.index(pos) + available);
        if (!framing.exact() && Arrays.stream(lengths).filter(n -> n >= minSize && n <= maxSize).count() > 1) {
            // Two sizes are possible and nothing tells which (the longer one may be cut by the end): a guess would
            // cut a sample short or run into the next.
            return null;
        }
        for (long length : lengths) {
            if (length >= minSize && length <= maxSize && pos + length <= w.end()) {
                return Match.of(length, true, null);
            }
        }
        return null;
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        if ((resync && !signed()) || !allowed.test(pos) || !prefixAt(w, pos)) {
            return null;
        }
        if (framing instanceof SampleFraming.Delimited) {
            return delimited(w, pos, next);
        }
        int available = w.ensure(pos, Math.max(prefix.length, framing.lookahead()));
        long[] lengths = framing.lengths(w.array(), w.index(pos), w.index(pos) + available);
        if (!framing.exact()) {
            // Learned sizes, the shortest first: a sample start after the right length is certain, whereas one after
            // a longer length may be a real start further on (samples start everywhere after this one), and one
            // inside a sample is rare (the bytes must parse as a picture or carry learned first bytes).
            lengths = lengths.clone();
            Arrays.sort(lengths);
        }
        long unconfirmed = 0;
        // A length a signed sample follows first, then one an unsigned sample and a signed one follow (two short
        // samples of a track without a signature can line up with a long one). A sample without a signature needs
        // a signed one right after it: two timecodes "confirmed" 8 bytes before a picture cut by the end.
        for (int pass = 0; pass < (signed() ? 2 : 1); pass++) {
            for (long length : lengths) {
                long after = pos + length;
                if (length < minSize || length > maxSize || after > w.end()) {
                    continue;
                }
                // The end of the data confirms a sample that runs exactly to it (the recording stopped after it: a
                // DJI file's last dbgi sample), only directly, never through another unsigned sample (check).
                if (after == w.end()
                        || (after < w.end() && (pass == 0 ? next.signedStartAt(after) : next.startsAt(after)))) {
                    return Match.of(length, true, null);
                }
                if (unconfirmed == 0) {
                    unconfirmed = length;
                }
            }
        }
        // A signed sample before damaged bytes is still one (the first length that fits, when none is confirmed by
        // what follows); an unsigned one only counts between two others.
        return unconfirmed > 0 && !resync && signed() && framing.exact() ? Match.of(unconfirmed, true, null) : null;
    }

    /**
     * A sample with no length of its own: it runs to the first position where a signed sample of another track
     * starts, or else to the first where an unsigned one does that a signed one follows.
     */
    private Match delimited(MediaWindow w, long pos, StartCheck next) throws IOException {
        long last = Math.min(w.end(), pos + maxSize);
        for (int pass = 0; pass < 2; pass++) {
            for (long after = pos + minSize; after <= last; after++) {
                if (after == w.end() || (pass == 0 ? next.signedStartAt(after) : next.startsAt(after))) {
                    return Match.of(after - pos, true, null);
                }
            }
        }
        return null;
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        if (!signed() || !prefixAt(w, pos)) {
            return false;
        }
        if (!framing.exact()) {
            return true;
        }
        int available = w.ensure(pos, framing.lookahead());
        long[] lengths = framing.lengths(w.array(), w.index(pos), w.index(pos) + available);
        for (long length : lengths) {
            if (length >= minSize && length <= maxSize && pos + length <= w.end()) {
                return true;
            }
        }
        // A sample with the learned first bytes that the end of the data cuts (its framing finds no end, or one past
        // the data) still starts here: it says where the sample before it ends, as a cut picture does.
        return prefix.length >= 2 && available < framing.lookahead()
                && (lengths.length == 0 || pos + lengths[lengths.length - 1] > w.end());
    }

    @Override
    public long[] unsignedLengths(MediaWindow w, long pos) throws IOException {
        if (signed() || framing instanceof SampleFraming.Delimited || !allowed.test(pos) || !prefixAt(w, pos)) {
            return SampleFraming.NONE;
        }
        int available = w.ensure(pos, framing.lookahead());
        return framing.lengths(w.array(), w.index(pos), w.index(pos) + available);
    }

    private boolean prefixAt(MediaWindow w, long pos) throws IOException {
        if (prefix.length == 0) {
            return true;
        }
        if (w.ensure(pos, prefix.length) < prefix.length) {
            return false;
        }
        byte[] a = w.array();
        int at = w.index(pos);
        for (int i = 0; i < prefix.length; i++) {
            if (a[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
